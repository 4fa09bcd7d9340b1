/**
 * tfjs-layers versions of the reference's einops.layers.keras: Rearrange, Reduce and EinMix.
 * Each validates its pattern when built (as the reference prepares recipes for every rank its
 * pattern allows), serialises through getConfig and is registered with tf.serialization, so a model
 * using them saves and loads.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Tensor } from '@tensorflow/tfjs-core';
import { EinopsError, pyStr } from './errors';
import { einsum } from './einsum';
import { planFor, rearrange, reduce } from './ops';
import type { AxesLengths } from './ops';
import { ELLIPSIS, ParsedExpression } from './parsing';
import type { Axis } from './parsing';
import { getRecipe, splitArrow } from './recipe';
import type { ReductionName } from './recipe';
import { hashString } from '../random';

type Shape = (number | null)[];
type LayerArgs = ConstructorParameters<typeof tfl.layers.Layer>[0];

/** The reference prepares recipes for ellipsis lengths 0..7 only. */
const MAX_LAYER_ELLIPSIS = 8;

function layerRepr(name: string, params: string[], lengths: AxesLengths): string {
  const extra = Object.entries(lengths).map(([k, v]) => `${k}=${v}`);
  return `${name}(${[...params, ...extra].join(', ')})`;
}

/** Runs every shape-independent check for all ranks the pattern allows (reference: multirecipe). */
function prepareAllRanks(pattern: string, op: string, lengths: AxesLengths, repr: string): void {
  try {
    const [leftStr] = splitArrow(pattern);
    const left = new ParsedExpression(leftStr);
    const ranks = left.hasEllipsis
      ? Array.from({ length: MAX_LAYER_ELLIPSIS }, (_, e) => left.composition.length - 1 + e)
      : [left.composition.length];
    for (const ndim of ranks) getRecipe(pattern, op, Object.keys(lengths), ndim);
  } catch (e) {
    if (e instanceof EinopsError) throw new EinopsError(` Error while preparing ${repr}\n ${e.message}`, e.kind);
    throw e;
  }
}

/**
 * Output shape with unknown (null) dims: the plan is built twice with two different stand-in
 * lengths for the unknown dims (multiples of many small numbers, so splits still divide); an
 * output dim that changes between the two depends on an unknown dim and is null.
 */
function symbolicOutputShape(inputShape: Shape, f: (shape: number[]) => number[]): Shape {
  if (!inputShape.includes(null)) return f(inputShape as number[]);
  const probeA = 720720;
  const probeB = 2 * 720720;
  const a = f(inputShape.map((d) => d ?? probeA));
  const b = f(inputShape.map((d) => d ?? probeB));
  return a.map((d, i) => (d === b[i] ? d : null));
}

/** tfjs hands computeOutputShape either one shape or a list of them (one input here). */
function singleShape(s: tfl.Shape | tfl.Shape[]): Shape {
  return (Array.isArray(s[0]) ? s[0] : s) as Shape;
}

export interface RearrangeArgs extends NonNullable<LayerArgs> {
  pattern: string;
  axesLengths?: AxesLengths;
}

export class Rearrange extends tfl.layers.Layer {
  static className = 'EinopsRearrange';
  readonly pattern: string;
  readonly axesLengths: AxesLengths;

  constructor(args: RearrangeArgs) {
    super(args);
    this.pattern = args.pattern;
    this.axesLengths = { ...(args.axesLengths ?? {}) };
    prepareAllRanks(this.pattern, 'rearrange', this.axesLengths, layerRepr('Rearrange', [pyStr(this.pattern)], this.axesLengths));
  }

  computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return symbolicOutputShape(singleShape(inputShape), (s) => planFor(s, this.pattern, 'rearrange', this.lengthsOrUndefined()).outputShape);
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      const y = rearrange(x, this.pattern, this.lengthsOrUndefined());
      // tidy must not hand back the input itself (identity patterns): copy it then
      return y === x ? tf.clone(x) : y;
    });
  }

  private lengthsOrUndefined(): AxesLengths | undefined {
    return Object.keys(this.axesLengths).length > 0 ? this.axesLengths : undefined;
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), pattern: this.pattern, axesLengths: { ...this.axesLengths } };
  }
}

export interface ReduceArgs extends NonNullable<LayerArgs> {
  pattern: string;
  reduction: ReductionName;
  axesLengths?: AxesLengths;
}

export class Reduce extends tfl.layers.Layer {
  static className = 'EinopsReduce';
  readonly pattern: string;
  readonly reduction: ReductionName;
  readonly axesLengths: AxesLengths;

  constructor(args: ReduceArgs) {
    super(args);
    this.pattern = args.pattern;
    this.reduction = args.reduction;
    this.axesLengths = { ...(args.axesLengths ?? {}) };
    prepareAllRanks(
      this.pattern,
      this.reduction,
      this.axesLengths,
      layerRepr('Reduce', [pyStr(this.pattern), pyStr(this.reduction)], this.axesLengths),
    );
  }

  computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return symbolicOutputShape(singleShape(inputShape), (s) => planFor(s, this.pattern, this.reduction, this.lengthsOrUndefined()).outputShape);
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      const y = reduce(x, this.pattern, this.reduction, this.lengthsOrUndefined());
      return y === x ? tf.clone(x) : y;
    });
  }

  private lengthsOrUndefined(): AxesLengths | undefined {
    return Object.keys(this.axesLengths).length > 0 ? this.axesLengths : undefined;
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), pattern: this.pattern, reduction: this.reduction, axesLengths: { ...this.axesLengths } };
  }
}

export interface EinMixArgs extends NonNullable<LayerArgs> {
  pattern: string;
  weightShape: string;
  biasShape?: string | null;
  axesLengths?: AxesLengths;
  /** Seed of the uniform initialisers (tfjs initialisers are seeded; default derives from the pattern). */
  seed?: number;
}

function reportAxes(axes: Axis[], message: (set: string) => string): void {
  if (axes.length > 0) throw new EinopsError(message(`{${axes.map((a) => `'${String(a)}'`).join(', ')}}`));
}

function flatNames(exp: ParsedExpression): string[] {
  const names: string[] = [];
  for (const group of exp.composition) {
    if (group === ELLIPSIS) names.push('...');
    else for (const a of group) names.push(a === ELLIPSIS ? '...' : String(a));
  }
  return names;
}

/**
 * EinMix: a linear layer written in einops notation, with the reference's rules
 * (einops/layers/_einmix.py). Internally: optional rearrange to split composite input axes, einsum
 * with the weight, bias, optional rearrange to merge output axes.
 */
export class EinMix extends tfl.layers.Layer {
  static className = 'EinopsEinMix';
  readonly pattern: string;
  readonly weightShape: string;
  readonly biasShape: string | null;
  readonly axesLengths: AxesLengths;
  readonly seed: number;
  private readonly preRearrange: { pattern: string; lengths: AxesLengths } | null;
  private readonly postRearrange: { pattern: string } | null;
  private readonly einsumPattern: string;
  private readonly weightDims: number[];
  private readonly biasDims: number[] | null;
  private readonly weightBound: number;
  private readonly biasBound: number;
  private weight: tfl.LayerVariable | null = null;
  private bias: tfl.LayerVariable | null = null;
  /** name → letter, and the letters of left/right, for computeOutputShape. */
  private readonly leftLetters: string[];
  private readonly rightLetters: string[];

  constructor(args: EinMixArgs) {
    super(args);
    this.pattern = args.pattern;
    this.weightShape = args.weightShape;
    this.biasShape = args.biasShape ?? null;
    this.axesLengths = { ...(args.axesLengths ?? {}) };
    this.seed = args.seed ?? hashString(`${this.pattern}|${this.weightShape}|${this.biasShape ?? ''}`);
    const lengths = this.axesLengths;

    const [leftPattern, rightPattern] = splitArrow(this.pattern);
    const left = new ParsedExpression(leftPattern);
    const right = new ParsedExpression(rightPattern);
    const weight = new ParsedExpression(this.weightShape);
    const leftOrWeight = new Set<Axis>([...left.identifiers, ...weight.identifiers]);
    reportAxes([...right.identifiers].filter((a) => !leftOrWeight.has(a)), (s) => `Unrecognized identifiers on the right side of EinMix ${s}`);
    if (weight.hasEllipsis) throw new EinopsError('Ellipsis is not supported in weight, as its shape should be fully specified');
    if (left.hasEllipsis || right.hasEllipsis) {
      if (!(left.hasEllipsis && right.hasEllipsis)) throw new EinopsError(`Ellipsis in EinMix should be on both sides, ${this.pattern}`);
      if (left.hasEllipsisParenthesized) throw new EinopsError(`Ellipsis on left side can't be in parenthesis, got ${this.pattern}`);
    }
    if ([left, right, weight].some((x) => x.hasNonUnitaryAnonymousAxes)) {
      throw new EinopsError('Anonymous axes (numbers) are not allowed in EinMix');
    }
    if (this.weightShape.includes('(') || this.weightShape.includes(')')) {
      throw new EinopsError(`Parenthesis is not allowed in weight shape: ${this.weightShape}`);
    }

    this.preRearrange = null;
    if (left.composition.some((g) => g !== ELLIPSIS && g.length !== 1)) {
      const names = flatNames(left);
      const pre: AxesLengths = {};
      for (const [k, v] of Object.entries(lengths)) if (names.includes(k)) pre[k] = v;
      this.preRearrange = { pattern: `${leftPattern}-> ${names.join(' ')}`, lengths: pre };
    }
    this.postRearrange = null;
    if (right.composition.some((g) => g !== ELLIPSIS && g.length !== 1) || right.hasEllipsisParenthesized) {
      this.postRearrange = { pattern: `${flatNames(right).join(' ')} ->${rightPattern}` };
    }

    for (const axis of weight.identifiers) {
      if (!(String(axis) in lengths)) throw new EinopsError(`Dimension ${String(axis)} of weight should be specified`);
    }
    reportAxes(Object.keys(lengths).filter((k) => !leftOrWeight.has(k)), (s) => `Axes ${s} are not used in pattern`);
    const leftOrRight = new Set<Axis>([...left.identifiers, ...right.identifiers]);
    reportAxes([...weight.identifiers].filter((a) => !leftOrRight.has(a)), (s) => `Weight axes ${s} are redundant`);

    const weightNames = weight.composition.map((g) => String((g as Axis[])[0]));
    this.weightDims = weightNames.map((n) => lengths[n]);
    // a single output element mixes fan_in inputs: the weight axes that are not in the output
    const fanIn = weightNames.filter((n) => !right.identifiers.has(n)).reduce((acc, n) => acc * lengths[n], 1);
    this.weightBound = Math.sqrt(3 / fanIn);
    this.biasBound = Math.sqrt(1 / fanIn);

    if (this.biasShape !== null) {
      const bias = new ParsedExpression(this.biasShape);
      reportAxes([...bias.identifiers].filter((a) => !right.identifiers.has(a)), (s) => `Bias axes ${s} not present in output`);
      reportAxes([...bias.identifiers].filter((a) => !(String(a) in lengths)), (s) => `Sizes not provided for bias axes ${s}`);
      const dims: number[] = [];
      let usedNonTrivial = false;
      for (const group of right.composition) {
        const axes = group === ELLIPSIS ? [ELLIPSIS] : group;
        for (const axis of axes) {
          if (axis === ELLIPSIS) {
            if (usedNonTrivial) throw new EinopsError('all bias dimensions should go after ellipsis in the output');
          } else if (bias.identifiers.has(axis)) {
            dims.push(lengths[String(axis)]);
            usedNonTrivial = true;
          } else dims.push(1);
        }
      }
      this.biasDims = dims;
    } else {
      this.biasDims = null;
    }

    // single-letter names for the einsum, as the reference does (sorted identifiers → a, b, c, …)
    const all = new Set<string>();
    for (const exp of [left, right, weight]) for (const a of exp.identifiers) if (a !== ELLIPSIS) all.add(String(a));
    const sorted = [...all].sort();
    if (sorted.length > 26) throw new EinopsError('EinMix supports at most 26 distinct axis names');
    const letter = new Map(sorted.map((n, i) => [n, String.fromCharCode(97 + i)]));
    const remap = (exp: ParsedExpression): string[] => flatNames(exp).map((n) => (n === '...' ? '...' : letter.get(n)!));
    this.leftLetters = remap(left);
    this.rightLetters = remap(right);
    this.einsumPattern = `${this.leftLetters.join(' ')}, ${remap(weight).join(' ')} -> ${this.rightLetters.join(' ')}`;
    this.letterLength = new Map(sorted.map((n) => [letter.get(n)!, lengths[n]]));
  }

  private readonly letterLength: Map<string, number | undefined>;

  build(): void {
    this.weight = this.addWeight(
      'weight',
      this.weightDims,
      'float32',
      tfl.initializers.randomUniform({ minval: -this.weightBound, maxval: this.weightBound, seed: this.seed }),
    );
    if (this.biasDims !== null) {
      this.bias = this.addWeight(
        'bias',
        this.biasDims,
        'float32',
        tfl.initializers.randomUniform({ minval: -this.biasBound, maxval: this.biasBound, seed: this.seed + 1 }),
      );
    }
    this.built = true;
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      let h = x;
      if (this.preRearrange) h = rearrange(h, this.preRearrange.pattern, this.preRearrange.lengths);
      let y = einsum(h, this.weight!.read(), this.einsumPattern);
      if (this.bias) y = tf.add(y, this.bias.read());
      if (this.postRearrange) y = rearrange(y, this.postRearrange.pattern);
      return y;
    });
  }

  computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = singleShape(inputShape);
    return symbolicOutputShape(shape, (s) => {
      const split = this.preRearrange ? planFor(s, this.preRearrange.pattern, 'rearrange', this.preRearrange.lengths).outputShape : s;
      const dims = new Map<string, number>();
      const nEll = split.length - this.leftLetters.filter((l) => l !== '...').length;
      let i = 0;
      const ell: number[] = [];
      for (const l of this.leftLetters) {
        if (l === '...') for (let k = 0; k < nEll; k++) ell.push(split[i++]);
        else dims.set(l, split[i++]);
      }
      const flat: number[] = [];
      for (const l of this.rightLetters) {
        if (l === '...') flat.push(...ell);
        else flat.push(dims.get(l) ?? this.letterLength.get(l)!);
      }
      return this.postRearrange ? planFor(flat, this.postRearrange.pattern, 'rearrange').outputShape : flat;
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      pattern: this.pattern,
      weightShape: this.weightShape,
      biasShape: this.biasShape,
      axesLengths: { ...this.axesLengths },
      seed: this.seed,
    };
  }
}

tf.serialization.registerClass(Rearrange);
tf.serialization.registerClass(Reduce);
tf.serialization.registerClass(EinMix);
