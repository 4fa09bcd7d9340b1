import { useEffect, useRef, useState } from 'react';
import * as tf from '@tensorflow/tfjs-core';
import { rearrange } from '../../../shared/einops';
import { median } from '../../../shared/bench';
import type { InputTensors } from '../core/run';
import { useEinopsLive } from './liveStore';

const SAMPLES = 25;
/** Calls per sample: one call is near the browser's timer resolution (0.1 ms without isolation). */
const CALLS_PER_SAMPLE = 8;
const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Measures, on request, einops against the hand-written tfjs chain it replaces, for
 * 'b h w c -> h (b w) c': median over samples, each timed up to its read-back, alternating the two so
 * that drifts of a shared machine hit both. One sample per task, so the page stays responsive.
 */
export function OverheadMeter({ inputs }: { inputs: InputTensors }) {
  const overhead = useEinopsLive((s) => s.overhead);
  const [running, setRunning] = useState(false);
  // Leaving the page disposes the inputs: stop measuring before touching them again.
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const measure = async () => {
    setRunning(true);
    const x = inputs.letters;
    const [b, h, w, c] = x.shape;
    const einopsTimes: number[] = [];
    const rawTimes: number[] = [];
    const time = async (fn: () => tf.Tensor) => {
      const t0 = performance.now();
      for (let k = 0; k < CALLS_PER_SAMPLE; k++) {
        const y = fn();
        await y.data();
        y.dispose();
      }
      return (performance.now() - t0) / CALLS_PER_SAMPLE;
    };
    try {
      for (let i = 0; i < SAMPLES + 2; i++) {
        await yieldToBrowser();
        if (!alive.current) return;
        const e = await time(() => rearrange(x, 'b h w c -> h (b w) c'));
        await yieldToBrowser();
        if (!alive.current) return;
        // The chain einops replaces (the hand-written version of the same call).
        const r = await time(() => tf.tidy(() => tf.reshape(tf.transpose(x, [1, 0, 2, 3]), [h, b * w, c])));
        if (i >= 2) {
          einopsTimes.push(e);
          rawTimes.push(r);
        }
      }
      useEinopsLive.setState({
        overhead: { einopsMs: median(einopsTimes), rawMs: median(rawTimes), samples: SAMPLES, backend: tf.getBackend() },
      });
    } finally {
      if (alive.current) setRunning(false);
    }
  };

  return (
    <section className="einops-overhead" aria-labelledby="einops-overhead-title">
      <h3 id="einops-overhead-title">Cost of the notation, measured here</h3>
      <p className="small">
        einops parses a pattern once and caches the plan; later calls run the same tfjs ops you would write by hand.
        Time both for <code>b h w c -&gt; h (b w) c</code> on the letters ({SAMPLES} samples of {CALLS_PER_SAMPLE} calls each, median,
        including read-back):
      </p>
      <button type="button" className="btn" onClick={() => void measure()} disabled={running} data-testid="measure-overhead">
        {running ? 'measuring…' : 'Measure'}
      </button>
      {overhead && (
        <p className="small" data-testid="overhead-result">
          einops {overhead.einopsMs.toFixed(2)} ms, hand-written transpose + reshape {overhead.rawMs.toFixed(2)} ms: ratio{' '}
          {(overhead.einopsMs / overhead.rawMs).toFixed(2)} on {overhead.backend}.
        </p>
      )}
    </section>
  );
}
