/**
 * explain(): the exact tfjs chain that a rearrange/reduce/repeat call runs, read from the same cached
 * plan the op executes (so what the demo shows is what runs), and toPythonCall(): the equivalent call
 * of the reference Python library, for the demo's "same thing in Python" line.
 */
import { EinopsError, pyStr } from './errors';
import { planFor, wrapError } from './ops';
import type { AxesLengths } from './ops';
import { REDUCTIONS } from './recipe';
import type { Operation } from './recipe';
import type { Step } from './lower';

export type ExplainStepOp = 'reshape' | 'transpose' | 'reduce' | 'expandDims' | 'tile' | 'broadcast' | 'stack' | 'identity';

export interface ExplainStep {
  op: ExplainStepOp;
  detail: string;
}

export interface Explanation {
  outputShape: number[];
  steps: ExplainStep[];
}

export interface ExplainOptions {
  reduction?: string;
  axesLengths?: AxesLengths;
  /** Explain a list input of this many tensors, each of `shape` (they are stacked on axis 0 first). */
  listLength?: number;
}

const list = (xs: readonly number[]): string => `[${xs.join(', ')}]`;

function reductionDetail(reduction: string, axes: number[]): string {
  const ax = list(axes);
  switch (reduction) {
    case 'any':
    case 'all':
      return `tf.${reduction}(x, ${ax})  (non-bool inputs are first cast to bool: tf.${reduction} accepts only bool)`;
    case 'min':
    case 'max':
      return `tf.${reduction}(x, ${ax})  (bool inputs go through int32 and back)`;
    default:
      return `tf.${reduction}(x, ${ax})`;
  }
}

function stepDetail(step: Step, reduction: string): ExplainStep {
  switch (step.kind) {
    case 'reshape':
      return { op: 'reshape', detail: `tf.reshape(x, ${list(step.shape)})` };
    case 'transpose':
      return { op: 'transpose', detail: `tf.transpose(x, ${list(step.perm)})` };
    case 'reduce':
      return { op: 'reduce', detail: reductionDetail(reduction, step.axes) };
    case 'tile':
      return { op: 'tile', detail: `tf.tile(x, ${list(step.reps)})` };
  }
}

export function explain(
  op: 'rearrange' | 'reduce' | 'repeat',
  shape: number[],
  pattern: string,
  opts: ExplainOptions = {},
): Explanation {
  let operation: Operation = op;
  if (op === 'reduce') {
    if (opts.reduction === undefined) throw new EinopsError('reduce needs a reduction (one of min, max, sum, mean, prod, any, all)');
    operation = opts.reduction;
  }
  const steps: ExplainStep[] = [];
  let inputShape = shape;
  if (opts.listLength !== undefined) {
    if (opts.listLength === 0) throw new EinopsError("Rearrange/Reduce/Repeat can't be applied to an empty list", 'TypeError');
    inputShape = [opts.listLength, ...shape];
    steps.push({ op: 'stack', detail: `tf.stack(xs)  (${opts.listLength} tensors of shape ${list(shape)} → ${list(inputShape)})` });
  }
  let plan;
  try {
    plan = planFor(inputShape, pattern, operation, opts.axesLengths);
  } catch (e) {
    return wrapError(e, operation, pattern, inputShape, opts.axesLengths);
  }
  for (const s of plan.steps) steps.push(stepDetail(s, String(operation)));
  if (plan.steps.length === 0) {
    steps.push({ op: 'identity', detail: 'no tfjs op: the pattern does not move any element, so the input itself is returned' });
  }
  return { outputShape: plan.outputShape, steps };
}

/** The same call in the reference Python library, e.g. `reduce(x, 'b c h w -> b c', 'mean')`. */
export function toPythonCall(
  op: 'rearrange' | 'reduce' | 'repeat' | 'einsum' | 'pack' | 'unpack' | 'parse_shape',
  pattern: string,
  opts: { reduction?: string; axesLengths?: AxesLengths; operands?: number } = {},
): string {
  const lengths = Object.entries(opts.axesLengths ?? {})
    .map(([k, v]) => `, ${k}=${v}`)
    .join('');
  const p = pyStr(pattern);
  switch (op) {
    case 'rearrange':
    case 'repeat':
      return `${op}(x, ${p}${lengths})`;
    case 'reduce': {
      const r = opts.reduction ?? 'sum';
      return `reduce(x, ${p}, ${(REDUCTIONS as readonly string[]).includes(r) ? pyStr(r) : r}${lengths})`;
    }
    case 'einsum': {
      const n = Math.max(1, opts.operands ?? 1);
      const names = n === 1 ? 'x' : Array.from({ length: n }, (_, i) => `x${i + 1}`).join(', ');
      return `einsum(${names}, ${p})`;
    }
    case 'pack':
      return `packed, ps = pack(xs, ${p})`;
    case 'unpack':
      return `xs = unpack(packed, ps, ${p})`;
    case 'parse_shape':
      return `parse_shape(x, ${p})`;
  }
}
