/**
 * Pure helpers for the system check page (no DOM, no tfjs), unit-tested in Node.
 */
export type RequestedBackend = 'auto' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_CHOICES: readonly RequestedBackend[] = ['auto', 'webgl', 'wasm', 'cpu'];

/** Reads `backend=` from a hash query. Anything else than the four choices gives 'auto' and a notice. */
export function readRequestedBackend(query: string): { backend: RequestedBackend; notice: string | null } {
  const raw = new URLSearchParams(query).get('backend');
  if (raw === null || raw === '') return { backend: 'auto', notice: null };
  const v = raw.trim().toLowerCase();
  if ((BACKEND_CHOICES as readonly string[]).includes(v)) return { backend: v as RequestedBackend, notice: null };
  return {
    backend: 'auto',
    notice: `backend: "${raw}" is not a backend; use webgl, wasm, cpu or auto. Picked automatically instead.`,
  };
}

/** Sets `backend=` in a query, keeping the other keys; 'auto' removes it. */
export function withBackend(query: string, backend: RequestedBackend): string {
  const p = new URLSearchParams(query);
  if (backend === 'auto') p.delete('backend');
  else p.set('backend', backend);
  return p.toString();
}

/** Median of a non-empty list (timings are noisy on shared machines; the median ignores outliers). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of an empty list');
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Floating-point operations of an n×n by n×n matrix product (multiply-adds counted as 2). */
export function matmulFlops(n: number): number {
  return 2 * n * n * n;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}

export function formatGflops(flops: number, ms: number): string {
  if (!(ms > 0)) return '–';
  const g = flops / (ms * 1e6);
  return g >= 10 ? `${g.toFixed(0)} GFLOP/s` : `${g.toFixed(2)} GFLOP/s`;
}
