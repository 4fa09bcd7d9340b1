/** The operations the pattern editor can run. `pack` runs pack and then unpack (a round trip). */
export const OPS = ['rearrange', 'reduce', 'repeat', 'einsum', 'pack'] as const;
export type Op = (typeof OPS)[number];

/** Reductions offered in the UI. `any`/`all` are left out: tfjs needs bool inputs for them. */
export const REDUCTIONS = ['mean', 'max', 'min', 'sum', 'prod'] as const;
export type Reduction = (typeof REDUCTIONS)[number];

/**
 * The inputs a pattern can be applied to:
 * - `letters`: the six letter images of "einops", (6, 96, 96, 3), values in [0, 1];
 * - `depth`: the same letters after space-to-depth, (6, 48, 48, 12), to undo it (pixel shuffle);
 * - `numbers`: arange(24) as (2, 3, 4), for watching where each value goes.
 */
export const INPUT_IDS = ['letters', 'depth', 'numbers'] as const;
export type InputId = (typeof INPUT_IDS)[number];

export const LETTER_SIZE = 96;
export const WORD = 'einops';

export const INPUT_SHAPES: Readonly<Record<InputId, readonly number[]>> = {
  letters: [WORD.length, LETTER_SIZE, LETTER_SIZE, 3],
  depth: [WORD.length, LETTER_SIZE / 2, LETTER_SIZE / 2, 12],
  numbers: [2, 3, 4],
};

export const INPUT_LABELS: Readonly<Record<InputId, string>> = {
  letters: 'letters "einops" (6, 96, 96, 3)',
  depth: 'letters after space-to-depth (6, 48, 48, 12)',
  numbers: 'numbers: arange(24) as (2, 3, 4)',
};

/** Python variable names used when the call is written out in Python einops. */
export const INPUT_PY_NAMES: Readonly<Record<InputId, string>> = {
  letters: 'letters',
  depth: 'depth',
  numbers: 'numbers',
};

/** What the editor asks for: everything a link must reproduce. */
export interface EinopsRequest {
  op: Op;
  pattern: string;
  reduction: Reduction;
  input: InputId;
  /** Axis lengths as typed, e.g. "h2=2, w2=2". */
  lengths: string;
}

export const MAX_PATTERN_LENGTH = 200;
export const MAX_LENGTHS_TEXT = 200;
/** Outputs above this many elements are refused before they are computed (memory and drawing time). */
export const MAX_OUTPUT_ELEMENTS = 4_000_000;
