/**
 * The Duffing system's views (system (d), the paper's Appendix I), each subscribed to its own slice
 * of the Duffing live store: the spike raster of the shown held-out trial (a canvas, drawn a few
 * neurons per frame) with the true perturbation and the detected one marked; ‖u*‖ over the trial
 * from a cold-start iLQR solve (Fig. S3B, bottom); the inferred latent trajectory in the phase
 * plane against the true one, after the least-squares map; the learning curves; and the replay of
 * one iLQR solve, iteration by iteration.
 */
import { prefersReducedMotion } from '../../../shared/ui/reducedMotion';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { formatPercent } from '../../../shared/ui/format';
import { LineChart } from '../../../shared/ui/plots/LineChart';
import { ScatterPlot } from '../../../shared/ui/plots/ScatterPlot';
import { usePlotTheme } from '../../../shared/ui/plots/theme';
import { useStaggered } from '../../../shared/ui/useStaggered';
import { DUFFING_LIVE } from '../core/systems';
import { useIlqrUrl } from '../store';
import { latestDuffingCheckpoint, useDuffingLive, type Point } from './duffingLive';

/** The held-out trial the views show (0-based), clamped to the run's held-out trials. */
export function useDuffingTrial(): number {
  const trial = useIlqrUrl((s) => s.values.trial);
  const count = useDuffingLive((s) => s.prepared?.testTrials ?? DUFFING_LIVE.testTrials);
  return Math.min(trial, count) - 1;
}

/** Neurons drawn per animation frame: the raster never holds the main thread for long. */
const RASTER_ROWS_PER_FRAME = 10;
/** Canvas pixels per bin and per neuron (the canvas is scaled to its box by CSS). */
const CELL_W = 6;
const CELL_H = 4;

/**
 * Spike counts (bins × neurons, row-major) as a raster: one row per neuron, one column per bin,
 * darker for more spikes; the true perturbation (dashed) and the detected one (solid) as vertical
 * lines at the boundary where the state jumps. Drawn in batches of rows, one per frame.
 */
export function SpikeRaster({ spikes, neurons, bins, maxCount, perturbation, detected, label }: { spikes: Uint8Array; neurons: number; bins: number; maxCount: number; perturbation: number; detected: number | null; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = usePlotTheme();
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    // an attribute, not React state: the tests wait for it, and a redraw must not re-render
    canvas.dataset.drawn = 'false';
    canvas.width = bins * CELL_W;
    canvas.height = neurons * CELL_H;
    ctx.fillStyle = theme.surface;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    // counts above 3 read as "many": the scale saturates there so single spikes stay visible
    const top = Math.max(1, Math.min(3, maxCount));
    let row = 0;
    let frame = 0;
    const markers = () => {
      const line = (bin: number, color: string, dash: number[]) => {
        ctx.save();
        ctx.strokeStyle = color;
        ctx.lineWidth = 2;
        ctx.setLineDash(dash);
        ctx.beginPath();
        ctx.moveTo(bin * CELL_W, 0);
        ctx.lineTo(bin * CELL_W, canvas.height);
        ctx.stroke();
        ctx.restore();
      };
      line(perturbation, theme.bad, [6, 4]);
      if (detected !== null) line(detected, theme.ok, []);
    };
    const batch = () => {
      const end = Math.min(neurons, row + RASTER_ROWS_PER_FRAME);
      ctx.fillStyle = theme.text;
      for (; row < end; row++) {
        for (let t = 0; t < bins; t++) {
          const k = spikes[t * neurons + row];
          if (k === 0) continue;
          ctx.globalAlpha = 0.35 + 0.65 * Math.min(1, k / top);
          ctx.fillRect(t * CELL_W, row * CELL_H, CELL_W - 1, CELL_H - 1);
        }
      }
      ctx.globalAlpha = 1;
      if (row < neurons) {
        frame = requestAnimationFrame(batch);
      } else {
        markers();
        canvas.dataset.drawn = 'true';
      }
    };
    frame = requestAnimationFrame(batch);
    return () => cancelAnimationFrame(frame);
  }, [spikes, neurons, bins, maxCount, perturbation, detected, theme]);
  return (
    <canvas
      ref={ref}
      className="ilqr-raster"
      data-testid="ilqr-duffing-raster-canvas"
      role="img"
      aria-label={label}
      style={{ width: '100%', maxWidth: `${bins * CELL_W}px`, height: 'auto', imageRendering: 'pixelated', display: 'block', border: `1px solid ${theme.grid}` }}
    />
  );
}

export function DuffingRasterView() {
  const prepared = useDuffingLive((s) => s.prepared);
  const cp = useDeferredValue(useStaggered(useDuffingLive(latestDuffingCheckpoint), 1));
  const trial = useDuffingTrial();
  const theme = usePlotTheme();
  if (!prepared) return <p className="muted">Press Run: the spike trains are generated in the worker, then the shown held-out trial's raster appears here.</p>;
  const p = prepared.perturbation[trial];
  const detected = cp ? cp.inferredBins[trial] : null;
  const swatch = (color: string, dashed: boolean) => (
    <span aria-hidden style={{ display: 'inline-block', width: 18, verticalAlign: 'middle', borderTop: `2px ${dashed ? 'dashed' : 'solid'} ${color}` }} />
  );
  return (
    <div data-testid="ilqr-duffing-raster" data-trial={trial + 1} data-perturbation={p} data-detected={detected ?? ''}>
      <SpikeRaster
        spikes={prepared.spikes[trial]}
        neurons={prepared.neurons}
        bins={prepared.bins}
        maxCount={prepared.maxCount}
        perturbation={p}
        detected={detected}
        label={`Spike raster of held-out trial ${trial + 1}: ${prepared.neurons} neurons × ${prepared.bins} bins; the state jumps at bin ${p}${detected !== null ? `, the model's largest input lands on bin ${detected}` : ''}.`}
      />
      <p className="small muted">
        Held-out trial {trial + 1}: {prepared.neurons} Poisson neurons (rows) × {prepared.bins} time bins (columns); darker = more spikes.{' '}
        {swatch(theme.bad, true)} the hidden perturbation (bin {p}): the oscillator is thrown onto a new orbit.{' '}
        {detected !== null ? (
          <>
            {swatch(theme.ok, false)} where the model's largest inferred input lands (bin {detected}, step {cp?.step}).
          </>
        ) : (
          'After the first checkpoint, a solid line marks where the model puts its largest input.'
        )}{' '}
        The model never sees the state or the jump, only these spikes.
      </p>
    </div>
  );
}

/** A near-vertical marker line at bin `x` from 0 to `top`, as a chart series (uPlot has no markers). */
function markerPoints(x: number, top: number): Point[] {
  return [
    [x - 0.01, 0],
    [x, top],
  ];
}

/** ‖u‖ per input as chart points: entry j moves the state onto bin j + 1. */
function normPoints(norms: ArrayLike<number>): Point[] {
  return Array.from(norms, (v, j) => [j + 1, v] as Point);
}

/** ‖u‖ with the two markers; the names stay the same from one checkpoint or iteration to the next, so the chart is not rebuilt. */
function normSeries(norms: ArrayLike<number>, name: string, perturbation: number, detected: number | null) {
  const top = Math.max(1e-6, ...Array.from(norms)) * 1.05;
  return [
    { name, points: normPoints(norms) },
    { name: 'true perturbation', points: markerPoints(perturbation, top) },
    { name: 'largest input', points: detected !== null ? markerPoints(detected, top) : [] },
  ];
}

export function DuffingNormsView() {
  const prepared = useDuffingLive((s) => s.prepared);
  const cp = useDeferredValue(useStaggered(useDuffingLive(latestDuffingCheckpoint), 2));
  const trial = useDuffingTrial();
  const series = useMemo(() => (prepared && cp ? normSeries(cp.norms[trial], '‖u*‖ (latest checkpoint)', prepared.perturbation[trial], cp.inferredBins[trial]) : []), [prepared, cp, trial]);
  if (!prepared) return <p className="muted">The size of the inputs iLQR infers, bin by bin, appears here after Run.</p>;
  const p = prepared.perturbation[trial];
  const detected = cp?.inferredBins[trial];
  return (
    <div data-testid="ilqr-duffing-norms" data-step={cp?.step ?? 0} data-true={p} data-detected={detected ?? ''}>
      {cp ? (
        <>
          <LineChart label={`Inferred input size per bin, held-out trial ${trial + 1}`} xLabel="time bin" yLabel="‖u*‖" height={200} series={series} />
          <p className="small" data-testid="ilqr-duffing-norms-summary">
            Trial {trial + 1}: the largest input lands on bin {detected}, the perturbation is at bin {p}
            {detected === p ? ' (exactly)' : ` (${Math.abs((detected ?? 0) - p)} bin${Math.abs((detected ?? 0) - p) === 1 ? '' : 's'} off)`}. Over all{' '}
            {cp.inferredBins.length} held-out trials: within ±2 bins on {formatPercent(cp.within2)}, median error {cp.medianError} bins (a uniform guess:{' '}
            {formatPercent(prepared.chance.within2)}, {prepared.chance.medianError} bins).
          </p>
        </>
      ) : (
        <p className="muted">The inferred inputs appear at the first checkpoint.</p>
      )}
      <p className="small muted">
        u* from a cold start (u = 0) with the model at the latest checkpoint, as the paper's Fig. S3B (bottom): a model that has learned the
        oscillator explains most of the trial as its own dynamics and needs an input only where the state jumps. The pre-trial bins that set the
        initial state are left out.
      </p>
    </div>
  );
}

export function DuffingPhaseView() {
  const prepared = useDuffingLive((s) => s.prepared);
  const cp = useDeferredValue(useStaggered(useDuffingLive(latestDuffingCheckpoint), 3));
  const trial = useDuffingTrial();
  const plot = useMemo(() => {
    if (!prepared) return null;
    const sets = [prepared.states[trial], ...(cp ? [cp.mappedStates[trial]] : [])];
    const points = new Float32Array(sets.reduce((a, s) => a + s.length, 0));
    const setIndex = new Uint8Array(points.length / 2);
    let k = 0;
    sets.forEach((s, i) => {
      points.set(s, k * 2);
      setIndex.fill(i, k, k + s.length / 2);
      k += s.length / 2;
    });
    return { points, setIndex };
  }, [prepared, cp, trial]);
  if (!prepared || !plot) return <p className="muted">The latent trajectory of the shown trial, in the oscillator's phase plane, appears here after Run.</p>;
  return (
    <div data-testid="ilqr-duffing-phase" data-step={cp?.step ?? 0} data-r2={cp?.phaseR2 ?? ''}>
      <ScatterPlot
        points={plot.points}
        setIndex={plot.setIndex}
        names={['true (x, ẋ)', cp ? `inferred, mapped (step ${cp.step})` : 'inferred']}
        title={`Phase plane, held-out trial ${trial + 1}`}
        caption={cp ? `R² of (x, ẋ) by the mapped latents, all held-out trials: ${cp.phaseR2.toFixed(3)}` : undefined}
      />
      <p className="small muted">
        Each dot is one bin: position x against velocity ẋ. The true trajectory runs on one orbit, jumps, and runs on another. The model's{' '}
        {prepared.n} latents live in a basis of its own; they are mapped onto (x, ẋ) by the least-squares regression (with intercept) fitted on every
        held-out trial at the checkpoint.
      </p>
    </div>
  );
}

export function DuffingCurves() {
  const loss = useDuffingLive((s) => s.loss);
  const iterations = useDuffingLive((s) => s.iterations);
  const checkpoints = useDuffingLive((s) => s.checkpoints);
  const chance = useDuffingLive((s) => s.prepared?.chance.within2 ?? null);
  const timing = useMemo(() => {
    const found = checkpoints.map((c) => [c.step, c.within2] as Point);
    const rate = checkpoints.map((c) => [c.step, c.rateR2] as Point);
    const guess = chance === null || checkpoints.length === 0 ? [] : checkpoints.map((c) => [c.step, chance] as Point);
    return [
      { name: 'within ±2 bins', points: found },
      { name: 'firing-rate R²', points: rate },
      { name: 'uniform guess, within ±2', points: guess },
    ];
  }, [checkpoints, chance]);
  return (
    <div data-testid="ilqr-duffing-curves" data-points={loss.length}>
      <LineChart label="Loss: −ELBO per bin and neuron" xLabel="Adam step" yLabel="−ELBO / (T·n_o)" height={180} series={[{ name: '−ELBO / (T·n_o), minibatch', points: loss }]} />
      <LineChart label="Held-out trials at checkpoints" xLabel="Adam step" yLabel="share, R²" height={180} yRange={[0, 1]} series={timing} />
      <LineChart label="iLQR iterations per trial (warm start)" xLabel="Adam step" yLabel="iterations" height={140} series={[{ name: 'iterations', points: iterations }]} />
    </div>
  );
}

/** Milliseconds per iteration when a new solve plays itself. */
const PLAY_MS = 400;

/** The replayed cold-start solve: cost per iteration, and ‖u‖ at the iteration on the slider, which plays through once when a solve arrives. */
export function DuffingReplay({ onInfer, disabled, busy }: { onInfer: () => void; disabled: boolean; busy: boolean }) {
  const trace = useDuffingLive((s) => s.trace);
  const prepared = useDuffingLive((s) => s.prepared);
  const trial = useDuffingTrial();
  const last = trace ? trace.norms.length - 1 : 0;
  const [picked, setPicked] = useState<number | null>(null);
  // a new solve plays from iteration 0 to its last (or shows its last at once, for reduced motion)
  useEffect(() => {
    if (!trace) return;
    if (prefersReducedMotion()) {
      setPicked(null);
      return;
    }
    let at = 0;
    setPicked(0);
    const timer = setInterval(() => {
      at++;
      if (at >= trace.norms.length - 1) {
        clearInterval(timer);
        setPicked(null);
      } else {
        setPicked(at);
      }
    }, PLAY_MS);
    return () => clearInterval(timer);
  }, [trace]);
  const at = picked === null ? last : Math.min(picked, last);
  const costs = useMemo(() => (trace ? trace.costs.map((c, i) => [i, c] as Point) : []), [trace]);
  const p = trace && prepared ? prepared.perturbation[trace.trial] : 0;
  const series = useMemo(() => (trace ? normSeries(trace.norms[at], '‖u‖ (slider iteration)', p, trace.detected[at]) : []), [trace, at, p]);
  const detected = trace?.detected[last] ?? null;
  return (
    <div className="ilqr-replay" data-testid="ilqr-duffing-replay" data-iterations={trace ? last : ''} data-detected={detected ?? ''}>
      <p>
        <button type="button" className="btn" data-testid="ilqr-duffing-infer" disabled={disabled || busy} onClick={onInfer}>
          {busy ? 'Solving…' : `Infer held-out trial ${trial + 1} from scratch`}
        </button>{' '}
        <span className="small muted">iLQR starts from u = 0 with the current model and keeps every iteration.</span>
      </p>
      {trace && prepared && (
        <>
          <p className="small" data-testid="ilqr-duffing-replay-summary">
            Held-out trial {trace.trial + 1}: {last} iteration{last === 1 ? '' : 's'}
            {trace.converged ? ' to converge' : ' (stopped at the iteration limit)'} in {trace.ms.toFixed(0)} ms; the largest input lands on bin {detected ?? '–'}, the
            perturbation is at bin {p}.
          </p>
          <LineChart label="Cost per iteration" xLabel="iLQR iteration" yLabel="cost" height={150} logY={costs.every(([, c]) => c > 0)} series={[{ name: 'cost J(u)', points: costs }]} />
          <label className="field">
            <span className="field-label">
              Iteration {at} of {last}
            </span>
            <input type="range" min={0} max={last} value={at} data-testid="ilqr-duffing-replay-iteration" onChange={(e) => setPicked(Number(e.target.value))} />
          </label>
          <LineChart label={`Input size per bin at iteration ${at}`} xLabel="time bin" yLabel="‖u‖" height={170} series={series} />
        </>
      )}
    </div>
  );
}
