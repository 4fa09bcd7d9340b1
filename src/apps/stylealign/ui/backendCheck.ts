/**
 * The backend check's arithmetic: the explorer's generators on this page's backend against the same
 * latents on WASM (the reference every Node test and experiment uses). The issue asks that WebGL's
 * output match WASM's within 1e-3; outputs are images around [−1, 1], so the difference is absolute.
 */
export const BACKEND_TOLERANCE = 1e-3;

/** Largest |a − b| over two equally long outputs; throws when their lengths differ (different builds). */
export function largestDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`the two backends returned ${a.length} and ${b.length} values: they did not load the same generators`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    // NaN on either side is a failure, never a match
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}

export const formatDifference = (d: number) => (d === 0 ? '0' : d === Infinity ? 'not a number' : d.toExponential(1));
