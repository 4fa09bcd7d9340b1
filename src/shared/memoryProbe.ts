/**
 * A hook through which the shell reads the main thread's tfjs memory without importing tfjs (the
 * landing page must stay small): src/shared/tf registers the probe when a backend starts. The
 * attract mode's watchdog (src/app/kiosk.ts) reads it between demos.
 */
export interface MemoryReading {
  /** live tensors on the main thread (tf.memory().numTensors), null before tfjs started */
  tensors: number | null;
  /** bytes held by them */
  bytes: number | null;
  /** the JS heap in use, where the browser tells (Chromium's performance.memory) */
  heap: number | null;
}

let probe: (() => { numTensors: number; numBytes: number }) | null = null;

export function registerMemoryProbe(fn: () => { numTensors: number; numBytes: number }): void {
  probe = fn;
}

export function readMemory(): MemoryReading {
  // Where the page may collect garbage first (a browser started with --js-flags=--expose-gc, as the e2e
  // tests do), the heap reading is live memory; otherwise it also counts garbage not yet collected,
  // which one demo's transient frames can swing by 10 MB between two tours.
  (globalThis as { gc?: () => void }).gc?.();
  const m = probe?.() ?? null;
  const perf = (globalThis.performance as Performance & { memory?: { usedJSHeapSize: number } }) ?? undefined;
  return { tensors: m ? m.numTensors : null, bytes: m ? m.numBytes : null, heap: perf?.memory?.usedJSHeapSize ?? null };
}
