/**
 * Runs one editor request through the shared einops library: checks the lengths box, asks `explain`
 * for the tfjs chain and the output shape (refusing outputs too large to draw before computing them),
 * then runs the op. React-free; every tensor it makes is either returned (the caller disposes it) or
 * freed here.
 */
import * as tf from '@tensorflow/tfjs-core';
import { EinopsError, einsum, explain, pack, rearrange, reduce, repeat, unpack } from '../../../shared/einops';
import { explainError, type ExplainedError } from './hints';
import { parseLengths } from './lengths';
import { compactEinsum, einsumOperandCount, einsumOutputElements } from './python';
import { INPUT_SHAPES, MAX_OUTPUT_ELEMENTS, WORD, LETTER_SIZE, type EinopsRequest, type InputId } from './types';
import { renderWord } from './letters';
import { formatCount } from '../../../shared/formatCount';

export interface ChainStep {
  op: string;
  detail: string;
}

export interface RunSuccess {
  ok: true;
  /** The output to show; owned by the caller (dispose it). */
  output: tf.Tensor;
  outputShape: number[];
  /** The tfjs ops the call runs, from `explain` (or described for einsum and pack). */
  chain: ChainStep[];
  /** Extra facts for some ops (pack: packed shape, ps, round trip). */
  notes: string[];
  /** Milliseconds spent dispatching the op (not counting the read-back). */
  dispatchMs: number;
}

export interface RunFailure {
  ok: false;
  error: ExplainedError;
}

export type RunOutcome = RunSuccess | RunFailure;

export type InputTensors = Readonly<Record<InputId, tf.Tensor>>;

/** Builds the three inputs. The caller disposes them (`disposeInputs`). */
export function createInputs(): InputTensors {
  const word = renderWord(WORD, LETTER_SIZE);
  return tf.tidy(() => {
    const letters = tf.tensor4d(word.data, word.shape);
    const depth = rearrange(letters, 'b (h h1) (w w1) c -> b h w (c h1 w1)', { h1: 2, w1: 2 });
    const numbers = rearrange(tf.range(0, 24, 1, 'float32'), '(a b c) -> a b c', { a: 2, b: 3 });
    return { letters, depth, numbers };
  });
}

export function disposeInputs(inputs: InputTensors): void {
  for (const t of Object.values(inputs)) t.dispose();
}

function product(xs: readonly number[]): number {
  return xs.reduce((a, b) => a * b, 1);
}

function fail(message: string, hint: string): RunFailure {
  return { ok: false, error: { reason: message, hint, source: 'demo' } };
}

function tooLarge(shape: readonly number[] | number): RunFailure {
  const n = typeof shape === 'number' ? shape : product(shape);
  const shapeText = typeof shape === 'number' ? '' : ` (${shape.join(', ')})`;
  return fail(
    `The output would have ${formatCount(n)} values${shapeText}; this demo draws at most ${formatCount(MAX_OUTPUT_ELEMENTS)}.`,
    'use smaller lengths, or reduce some axes first.',
  );
}


/** Keeps the caller's input alive: einops returns the input itself for an identity pattern. */
function owned(y: tf.Tensor, inputs: InputTensors): tf.Tensor {
  return Object.values(inputs).includes(y) ? y.clone() : y;
}

export function runRequest(req: EinopsRequest, inputs: InputTensors): RunOutcome {
  const x = inputs[req.input];
  const shape = [...INPUT_SHAPES[req.input]];
  if (req.pattern.trim() === '') {
    return fail('The pattern is empty.', req.op === 'pack' ? 'type a pack pattern such as "b * c".' : 'type a pattern such as "b h w c -> b w h c".');
  }
  const parsed = parseLengths(req.lengths);
  if (!parsed.ok) return fail(parsed.message, parsed.hint);
  const lengths = parsed.lengths;
  const hasLengths = Object.keys(lengths).length > 0;
  const ctx = { op: req.op, pattern: req.pattern, inputShape: shape, lengths };
  try {
    switch (req.op) {
      case 'rearrange':
      case 'reduce':
      case 'repeat': {
        const explained = explain(req.op, shape, req.pattern, {
          reduction: req.op === 'reduce' ? req.reduction : undefined,
          axesLengths: hasLengths ? lengths : undefined,
        });
        if (product(explained.outputShape) > MAX_OUTPUT_ELEMENTS) return tooLarge(explained.outputShape);
        const t0 = performance.now();
        const output = tf.tidy(() => {
          const l = hasLengths ? lengths : undefined;
          const y =
            req.op === 'rearrange'
              ? rearrange(x, req.pattern, l)
              : req.op === 'reduce'
                ? reduce(x, req.pattern, req.reduction, l)
                : repeat(x, req.pattern, l);
          return owned(y, inputs);
        });
        const dispatchMs = performance.now() - t0;
        return { ok: true, output, outputShape: output.shape, chain: explained.steps.map((st) => ({ op: st.op, detail: st.detail })), notes: [], dispatchMs };
      }
      case 'einsum': {
        if (hasLengths) return fail('einsum takes no axis lengths.', 'clear the lengths box: einsum reads every length from its inputs.');
        const operands = einsumOperandCount(req.pattern);
        const estimate = einsumOutputElements(req.pattern, shape);
        if (estimate !== null && estimate > MAX_OUTPUT_ELEMENTS) return tooLarge(estimate);
        const t0 = performance.now();
        const output = tf.tidy(() => owned(einsum(...Array.from({ length: operands }, () => x), req.pattern), inputs));
        const dispatchMs = performance.now() - t0;
        const compact = compactEinsum(req.pattern);
        const chain: ChainStep[] = [
          { op: 'einsum', detail: `names → letters, as einops does: '${compact ?? req.pattern}' (${operands} operand${operands === 1 ? '' : 's'} of shape [${shape.join(', ')}])` },
          { op: 'einsum', detail: 'tf.transpose + tf.reshape each operand to (batch, kept, summed), then tf.matMul: the port contracts pairs itself (tf.einsum allows only simple cases)' },
          { op: 'reshape', detail: `tf.reshape(x, [${output.shape.join(', ')}])` },
        ];
        return { ok: true, output, outputShape: output.shape, chain, notes: [], dispatchMs };
      }
      case 'pack':
        return runPackRoundTrip(req.pattern, x, shape, inputs);
    }
  } catch (e) {
    if (e instanceof EinopsError) return { ok: false, error: explainError(e.message, ctx) };
    // tfjs errors (say, mismatched einsum operands) are user errors here too: show them, do not crash.
    if (e instanceof Error) return { ok: false, error: explainError(e.message, ctx, 'tfjs') };
    throw e;
  }
}

/**
 * Validates a request the cheap way where possible: rearrange/reduce/repeat only go through `explain`
 * (the same planner and checks as the op, no data touched); einsum and pack are run and freed.
 */
export function checkRequest(req: EinopsRequest, inputs: InputTensors): { ok: true; outputShape: number[] } | RunFailure {
  if (req.op === 'einsum' || req.op === 'pack') {
    const outcome = runRequest(req, inputs);
    if (!outcome.ok) return outcome;
    outcome.output.dispose();
    return { ok: true, outputShape: outcome.outputShape };
  }
  const parsed = parseLengths(req.lengths);
  if (!parsed.ok) return fail(parsed.message, parsed.hint);
  const shape = [...INPUT_SHAPES[req.input]];
  try {
    const explained = explain(req.op, shape, req.pattern, {
      reduction: req.op === 'reduce' ? req.reduction : undefined,
      axesLengths: Object.keys(parsed.lengths).length > 0 ? parsed.lengths : undefined,
    });
    return { ok: true, outputShape: explained.outputShape };
  } catch (e) {
    if (e instanceof Error) {
      const ctx = { op: req.op, pattern: req.pattern, inputShape: shape, lengths: parsed.lengths };
      return { ok: false, error: explainError(e.message, ctx, e instanceof EinopsError ? 'einops' : 'tfjs') };
    }
    throw e;
  }
}

/**
 * pack([token, x], pattern) then unpack with the returned ps: the class-token use of pack. The token
 * is x averaged over the axes that `*` covers, so it fits the pattern whatever the named axes are.
 */
function runPackRoundTrip(pattern: string, x: tf.Tensor, shape: number[], inputs: InputTensors): RunOutcome {
  const tokens = pattern.trim().split(/\s+/);
  const star = tokens.indexOf('*');
  const t0 = performance.now();
  if (star < 0 || tokens.length - 1 > shape.length) {
    // Let the library word the error (no * / too few axes), as pack would.
    tf.tidy(() => {
      pack([x], pattern);
    });
  }
  const before = star;
  const after = tokens.length - 1 - star;
  const starAxes = Array.from({ length: shape.length - before - after }, (_, i) => before + i);
  const result = tf.tidy(() => {
    const token = starAxes.length > 0 ? tf.mean(x, starAxes) : x.clone();
    const [packed, ps] = pack([token, x], pattern);
    const [tokenBack, xBack] = unpack(packed, ps, pattern);
    const maxDiff = tf.max(tf.abs(tf.sub(xBack, x)));
    return { packedShape: packed.shape, ps, tokenShape: tokenBack.shape, xBack: owned(xBack, inputs), maxDiff };
  });
  const dispatchMs = performance.now() - t0;
  const diff = result.maxDiff.dataSync()[0];
  result.maxDiff.dispose();
  const psText = `[${result.ps.map((p: number[]) => `(${p.join(', ')}${p.length === 1 ? ',' : ''})`).join(', ')}]`;
  const packedLen = result.packedShape[before];
  const starText = starAxes.map((a) => shape[a]).join(' × ') || 'nothing';
  const chain: ChainStep[] = [
    { op: 'reshape', detail: `tf.reshape(token, [${result.tokenShape.slice(0, before).concat([1], result.tokenShape.slice(before)).join(', ')}])  (its * part is empty: length 1)` },
    { op: 'reshape', detail: `tf.reshape(x, [${shape.slice(0, before).concat([product(starAxes.map((a) => shape[a]))], shape.slice(before + starAxes.length)).join(', ')}])  (* covers ${starText})` },
    { op: 'concat', detail: `tf.concat([token, x], ${before})  → packed [${result.packedShape.join(', ')}]` },
    { op: 'slice', detail: `unpack: tf.slice axis ${before} (length ${packedLen}) at the ps boundaries ${psText}, then tf.reshape each part back` },
  ];
  const notes = [
    `packed shape: (${result.packedShape.join(', ')}); ps = ${psText}`,
    `unpacked: token (${result.tokenShape.join(', ')}) and x (${result.xBack.shape.join(', ')}); max |x_back − x| = ${diff}`,
  ];
  return { ok: true, output: result.xBack, outputShape: result.xBack.shape, chain, notes, dispatchMs };
}

