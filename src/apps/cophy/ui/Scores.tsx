/**
 * How close each predicted frame is to the simulated D: PSNR and L-PSNR (core/metrics.ts, as
 * evaluate_pipeline.py scores them) per model time, for the model and the two copying baselines
 * (Copy-B: the frame of AB at the same time; Copy-C: C for every frame). The worker computes every
 * number; the page only draws them, with the shared line chart. Deferred, so a batch arriving during
 * playback never delays the frames.
 */
import { memo, useDeferredValue, useMemo } from 'react';
import { LineChart } from '../../../shared/ui/plots/LineChart';
import type { Point } from '../../../shared/ui/plots/align';
import type { ScoreCurves } from '../worker/protocol';
import { useCophyLive, type Prediction } from './liveStore';

/** Finite values as (video frame, value) points, in time order. */
export function curvePoints(times: readonly number[], values: ArrayLike<number> | undefined): Point[] {
  const out: Point[] = [];
  if (!values) return out;
  for (let i = 0; i < times.length; i++) if (Number.isFinite(values[i])) out.push([times[i], values[i]]);
  return out;
}

function mean(values: ArrayLike<number> | undefined): number | null {
  if (!values) return null;
  let s = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      s += values[i];
      n++;
    }
  }
  return n ? s / n : null;
}

type Metric = keyof ScoreCurves;

/** Frame 0 is C itself (Copy-C copies it exactly, near 86 dB): the charts start at the first predicted step so the rest stays readable. */
function series(p: Prediction, metric: Metric) {
  const times = p.times.slice(1);
  const from1 = (v: Float64Array | undefined) => v?.subarray(1);
  return [
    { name: 'ours (de-rendering + CoDy)', points: curvePoints(times, from1(p.ours?.[metric])) },
    { name: 'Copy-B', points: curvePoints(times, from1(p.copyB?.[metric])) },
    { name: 'Copy-C', points: curvePoints(times, from1(p.copyC?.[metric])) },
  ];
}

export const PredictionScores = memo(function PredictionScores() {
  const p = useDeferredValue(useCophyLive((s) => s.prediction));
  const psnr = useMemo(() => (p ? series(p, 'psnr') : []), [p]);
  const lpsnr = useMemo(() => (p ? series(p, 'lpsnr') : []), [p]);
  if (!p || !p.copyB) {
    const why =
      p?.status === 'no-weights'
        ? 'These curves need the trained model, which has not shipped yet (see the predicted D above).'
        : p?.status === 'error'
          ? `No scores: ${p.message}`
          : 'The scores follow the model’s prediction of D.';
    return (
      <p className="small muted" data-testid="cophy-scores" data-state={p?.status ?? 'none'}>
        {why}
      </p>
    );
  }
  const fmt = (v: number | null) => (v === null ? '–' : v.toFixed(1));
  const decoded = p.frames.filter(Boolean).length;
  return (
    <div data-testid="cophy-scores" data-state={p.status} data-frames-scored={decoded}>
      <p className="small">
        Mean over the {decoded === p.times.length ? '' : `${decoded} of `}
        {p.times.length} frames scored (every {p.stride}
        {p.stride === 1 ? '' : 'th'} frame), in dB: PSNR ours {fmt(mean(p.ours?.psnr))}, Copy-B {fmt(mean(p.copyB.psnr))}, Copy-C {fmt(mean(p.copyC?.psnr))}; L-PSNR
        (balls only) ours {fmt(mean(p.ours?.lpsnr))}, Copy-B {fmt(mean(p.copyB.lpsnr))}, Copy-C {fmt(mean(p.copyC?.lpsnr))}. Higher is closer to the simulated D. The charts leave out frame 0, which is C itself.
      </p>
      <div className="view-two">
        <LineChart label="PSNR per frame against the simulated D" xLabel="frame" yLabel="PSNR (dB)" height={200} series={psnr} />
        <LineChart label="L-PSNR per frame (the balls' pixels) against the simulated D" xLabel="frame" yLabel="L-PSNR (dB)" height={200} series={lpsnr} />
      </div>
    </div>
  );
});
