/**
 * The ownership-verification patch (official code conditionWang/NTL at commit 9580990,
 * `src/ntl/ntl_digit.py`): add +20 (of 255) to colour channel 0 of every pixel whose row index OR
 * column index is even, clipped at 255. On [0, 1] images that is +20/255, clipped at 1.
 *
 * The overwriting attack needs "a second, different patch", so the lattice and channel are
 * parameters; `OWNER_PATCH` is the paper's.
 */
import { IMAGE_SIZE, PIXELS, type DigitSet } from './domains';

export interface PatchSpec {
  /** Colour channel that gets the offset (0 = R). */
  channel: 0 | 1 | 2;
  /** Offset in [0, 1] units (the paper's +20 of 255 is 20/255). */
  amount: number;
  /**
   * Which pixels: 'rowOrColEven' is the paper's (row % 2 == 0 || col % 2 == 0);
   * 'diagonal3' marks (row + col) % 3 == 0 (used by the overwriting attacker).
   */
  lattice: 'rowOrColEven' | 'diagonal3';
}

export const OWNER_PATCH: PatchSpec = { channel: 0, amount: 20 / 255, lattice: 'rowOrColEven' };
/** The attacker's own watermark for the overwriting attack: another channel and lattice. */
export const ATTACKER_PATCH: PatchSpec = { channel: 2, amount: 30 / 255, lattice: 'diagonal3' };

export function patchMarks(spec: PatchSpec, row: number, col: number): boolean {
  return spec.lattice === 'rowOrColEven' ? row % 2 === 0 || col % 2 === 0 : (row + col) % 3 === 0;
}

/** Returns a patched copy of `images` (n × 32 × 32 × 3). */
export function applyPatch(images: Float32Array, spec: PatchSpec = OWNER_PATCH): Float32Array {
  const out = images.slice();
  const n = images.length / PIXELS;
  const S = IMAGE_SIZE;
  for (let r = 0; r < S; r++) {
    for (let c = 0; c < S; c++) {
      if (!patchMarks(spec, r, c)) continue;
      const px = (r * S + c) * 3 + spec.channel;
      for (let i = 0; i < n; i++) {
        const k = i * PIXELS + px;
        const v = out[k] + spec.amount;
        out[k] = v > 1 ? 1 : v;
      }
    }
  }
  return out;
}

/** A patched copy of a labelled set (labels shared). */
export function patchSet(set: DigitSet, spec: PatchSpec = OWNER_PATCH, name = `${set.name}+patch`): DigitSet {
  return { name, n: set.n, images: applyPatch(set.images, spec), labels: set.labels };
}
