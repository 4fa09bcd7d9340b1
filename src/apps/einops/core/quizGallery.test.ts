/**
 * The worked answer of every gallery entry reproduces the library's output shape (explainAnswer only
 * shows a derivation that does; this checks that none falls back to the bare shape).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { GALLERY } from './gallery';
import { parseLengths } from './lengths';
import { explainAnswer } from './quiz';
import { checkRequest, createInputs, disposeInputs, type InputTensors } from './run';
import { INPUT_SHAPES } from './types';

let inputs: InputTensors;
beforeAll(async () => {
  await initNodeBackend('wasm');
  inputs = createInputs();
});
afterAll(() => disposeInputs(inputs));

describe('quiz answers for the gallery', () => {
  it('derive every output length the library computes', () => {
    for (const entry of GALLERY) {
      const checked = checkRequest(entry, inputs);
      if (!checked.ok) throw new Error(`${entry.id}: ${checked.error.reason}`);
      const lengths = parseLengths(entry.lengths);
      if (!lengths.ok) throw new Error(lengths.message);
      const lines = explainAnswer({ ...entry, inputShape: INPUT_SHAPES[entry.input], lengths: lengths.lengths, answer: checked.outputShape });
      expect(lines.length, `${entry.id}: ${lines.join(' | ')}`).toBeGreaterThan(1);
      expect(lines[lines.length - 1], entry.id).toBe(`So the output shape is (${checked.outputShape.join(', ')}).`);
    }
  });
});
