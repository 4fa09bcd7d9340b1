/**
 * The iLQR-VAE page's views of the live systems, each subscribed to its own slice of the live
 * store: the observed trial, the inferred inputs against the true ones (sparse system) or their
 * size per bin (autonomous system (b), §3.1: do they migrate into the pre-trial bin?), the loss and
 * R² curves, the eigenvalues of the learned dynamics, and the replay of one iLQR solve.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { formatPercent, formatValue } from '../../../shared/ui/format';
import { Heatmap } from '../../../shared/ui/plots/Heatmap';
import { LineChart } from '../../../shared/ui/plots/LineChart';
import { ScatterPlot } from '../../../shared/ui/plots/ScatterPlot';
import { useStaggered } from '../../../shared/ui/useStaggered';
import { useIlqrUrl } from '../store';
import type { Complex } from '../worker/protocol';
import { latestCheckpoint, useIlqrLive, type Point } from './liveStore';

/** The trial the views show (0-based), clamped to the run's trials. */
export function useShownTrial(): number {
  const trial = useIlqrUrl((s) => s.values.trial);
  const trials = useIlqrLive((s) => s.prepared?.trials ?? null);
  return Math.min(trial, trials ?? trial) - 1;
}

/** Channel `c` of a rows × n array as chart points, x = bin (starting at `first`). */
function channel(data: ArrayLike<number>, n: number, c: number, first = 1): Point[] {
  const rows = data.length / n;
  const out: Point[] = new Array(rows);
  for (let t = 0; t < rows; t++) out[t] = [t + first, data[t * n + c]];
  return out;
}

export function ObservationsView() {
  const prepared = useIlqrLive((s) => s.prepared);
  const trial = useShownTrial();
  if (!prepared) return <p className="muted">Press Run: the trials are generated in the worker, then shown here.</p>;
  const o = prepared.observations[trial];
  // The heatmap wants channels as rows: transpose bins × n_o to n_o × bins.
  const rows = prepared.no;
  const cols = prepared.bins;
  const transposed = new Float32Array(rows * cols);
  for (let t = 0; t < cols; t++) for (let i = 0; i < rows; i++) transposed[i * cols + t] = o[t * rows + i];
  return (
    <div data-testid="ilqr-observations" data-trial={trial + 1}>
      <Heatmap data={transposed} rows={rows} cols={cols} colormap="diverging" label="observed value" rowLabels={Array.from({ length: rows }, (_, i) => `o${i + 1}`)} cellSize={10} />
      <p className="small muted">
        Trial {trial + 1}: {rows} observed channels × {cols} time bins, each a random mix of the 3 hidden latents plus noise.{' '}
        {prepared.system === 'autonomous'
          ? 'The initial state that starts the latents is not observed: the model has to infer it, as an input in the pre-trial bin.'
          : 'The inputs that kicked the latents are not observed: the model has to infer them.'}
      </p>
    </div>
  );
}

export function InputsView() {
  const prepared = useIlqrLive((s) => s.prepared);
  const cp = useDeferredValue(useStaggered(useIlqrLive(latestCheckpoint), 1));
  const trial = useShownTrial();
  if (!prepared) return <p className="muted">The true inputs and what iLQR infers from the observations appear here after Run.</p>;
  const truth = prepared.trueInputs[trial];
  const mapped = cp?.mappedInputs[trial];
  return (
    <div className="ilqr-inputs" data-testid="ilqr-inputs" data-step={cp?.step ?? 0}>
      {Array.from({ length: prepared.n }, (_, c) => (
        <LineChart
          key={c}
          label={`Input ${c + 1}`}
          xLabel="time bin"
          yLabel={`u${c + 1}`}
          height={150}
          series={[{ name: `true u${c + 1}`, points: channel(truth, prepared.n, c) }, ...(mapped ? [{ name: `inferred u*${c + 1}`, points: channel(mapped, prepared.n, c) }] : [])]}
        />
      ))}
      <p className="small muted">
        {cp
          ? `Inferred at step ${cp.step}, mapped onto the true inputs' basis by the least-squares fit that the R² scores (the model is identified only up to a change of basis).`
          : 'The inferred inputs appear at the first checkpoint.'}
      </p>
    </div>
  );
}

/** ‖u_t‖ per bin as chart points, x = bin t (0 = the pre-trial bin). */
function normPoints(norms: ArrayLike<number>): Point[] {
  return Array.from(norms, (v, t) => [t, v] as Point);
}

/**
 * The autonomous system (b), §3.1: nothing drives it but the initial state, loaded by the input of
 * the pre-trial bin 0. The size of the inferred inputs per bin shows where iLQR puts them.
 */
export function InputEnergyView() {
  const prepared = useIlqrLive((s) => s.prepared);
  const cp = useDeferredValue(useStaggered(useIlqrLive(latestCheckpoint), 1));
  const trial = useShownTrial();
  const series = useMemo(() => {
    if (!prepared) return [];
    const truth = { name: '‖u‖ true (the initial state)', points: normPoints(prepared.trueInputNorms[trial]) };
    return cp ? [truth, { name: '‖u*‖ inferred', points: normPoints(cp.inputNorms[trial]) }] : [truth];
  }, [prepared, cp, trial]);
  if (!prepared) return <p className="muted">The size of the true and the inferred inputs per bin appears here after Run.</p>;
  return (
    <div className="ilqr-inputs" data-testid="ilqr-inputs" data-step={cp?.step ?? 0} data-first-bin-share={cp?.firstBinShare ?? ''}>
      <LineChart label={`Input size per bin, trial ${trial + 1}`} xLabel="time bin (0 = pre-trial bin)" yLabel="‖u‖" height={200} series={series} />
      <p className="small muted">
        {cp
          ? `At step ${cp.step}, ${formatPercent(cp.firstBinShare)} of the inferred input energy (all trials) sits in bin 0, the pre-trial bin that sets the initial state. `
          : 'The inferred inputs appear at the first checkpoint. '}
        The true system gets no input after its initial state; an input iLQR places later is one the learned dynamics cannot yet
        explain. As the model learns, the inputs migrate into the initial condition (the paper's §3.1). The inputs are iLQR's own,
        not mapped: the model's basis is its own, but an input that is zero is zero in every basis.
      </p>
    </div>
  );
}

export function LearningCurves() {
  const loss = useIlqrLive((s) => s.loss);
  const iterations = useIlqrLive((s) => s.iterations);
  const checkpoints = useIlqrLive((s) => s.checkpoints);
  const autonomous = useIlqrLive((s) => s.prepared?.system === 'autonomous');
  const r2 = useMemo(
    () => ({
      input: checkpoints.map((c) => [c.step, autonomous ? c.firstBinShare : c.inputR2] as Point),
      latent: checkpoints.map((c) => [c.step, c.latentR2] as Point),
    }),
    [checkpoints, autonomous],
  );
  return (
    <div className="ilqr-curves" data-testid="ilqr-curves" data-points={loss.length}>
      <LineChart label="Loss: −ELBO per bin and channel" xLabel="Adam step" yLabel="−ELBO / (T·n_o)" height={200} series={[{ name: '−ELBO / (T·n_o)', points: loss }]} />
      <LineChart
        label={autonomous ? 'Latent recovery and the inputs’ share in the pre-trial bin, at checkpoints' : 'Recovery at checkpoints'}
        xLabel="Adam step"
        yLabel={autonomous ? 'R², share' : 'R²'}
        height={200}
        yRange={[0, 1]}
        series={[
          { name: autonomous ? 'input energy in bin 0' : 'input R²', points: r2.input },
          { name: 'latent R²', points: r2.latent },
        ]}
      />
      <LineChart label="iLQR iterations per trial (warm start)" xLabel="Adam step" yLabel="iterations" height={150} series={[{ name: 'iterations', points: iterations }]} />
    </div>
  );
}

function eigenPoints(sets: readonly Complex[][]): { points: Float32Array; setIndex: Uint8Array } {
  const rows = sets.flatMap((s, i) => s.map((z) => [z[0], z[1], i] as const));
  return { points: Float32Array.from(rows.flatMap(([x, y]) => [x, y])), setIndex: Uint8Array.from(rows.map((r) => r[2])) };
}

const modulus = (z: Complex) => Math.hypot(z[0], z[1]);

export function EigenvalueView() {
  const prepared = useIlqrLive((s) => s.prepared);
  const cp = useDeferredValue(useStaggered(useIlqrLive(latestCheckpoint), 2));
  const plot = useMemo(() => (prepared ? eigenPoints([prepared.trueEigenvalues, cp?.learnedEigenvalues ?? []]) : null), [prepared, cp]);
  if (!prepared || !plot) return <p className="muted">The eigenvalues of the true and the learned dynamics matrix A appear here after Run.</p>;
  return (
    <div data-testid="ilqr-eigen" data-error={cp?.eigenError ?? ''}>
      <ScatterPlot
        points={plot.points}
        setIndex={plot.setIndex}
        names={['true A', cp ? `learned A (step ${cp.step})` : 'learned A']}
        title="Eigenvalues in the complex plane (zoomed to them)"
        caption={cp ? `mean distance after matching: ${formatValue(cp.eigenError)}` : undefined}
      />
      <p className="small muted">
        |λ| true: {prepared.trueEigenvalues.map((z) => modulus(z).toFixed(3)).join(', ')}
        {cp && <>; learned: {cp.learnedEigenvalues.map((z) => modulus(z).toFixed(3)).join(', ')}</>}. All below 1: activity decays (the model's
        parameterisation keeps A stable); the angle of the complex pair sets how fast the latents rotate.
      </p>
    </div>
  );
}

/** The replayed cold-start solve: cost per iteration, and the inputs at the iteration picked on the slider. */
export function InferenceReplay({ onInfer, disabled, busy }: { onInfer: () => void; disabled: boolean; busy: boolean }) {
  const trace = useIlqrLive((s) => s.trace);
  const prepared = useIlqrLive((s) => s.prepared);
  const trial = useShownTrial();
  const [picked, setPicked] = useState<number | null>(null);
  const last = trace ? trace.iterates.length - 1 : 0;
  const at = picked === null ? last : Math.min(picked, last);
  const n = prepared?.n ?? 3;
  const autonomous = prepared?.system === 'autonomous';
  const costs = useMemo(() => (trace ? trace.costs.map((c, i) => [i, c] as Point) : []), [trace]);
  return (
    <div className="ilqr-replay" data-testid="ilqr-replay" data-iterations={trace ? last : ''}>
      <p>
        <button type="button" className="btn" data-testid="ilqr-infer" disabled={disabled || busy} onClick={() => (setPicked(null), onInfer())}>
          {busy ? 'Solving…' : `Infer trial ${trial + 1} from scratch`}
        </button>{' '}
        <span className="small muted">iLQR starts from u = 0 with the current model and keeps every iteration.</span>
      </p>
      {trace && prepared && (
        <>
          <p className="small" data-testid="ilqr-replay-summary">
            Trial {trace.trial + 1}: {last} iteration{last === 1 ? '' : 's'}
            {trace.converged ? ' to converge' : ' (stopped at the iteration limit)'} in {trace.ms.toFixed(0)} ms;{' '}
            {autonomous ? `${formatPercent(trace.firstBinShare)} of the input energy in the pre-trial bin` : `input R² on this trial ${formatValue(trace.inputR2)}`}.
          </p>
          {/* log scale when every cost is positive (a Gaussian likelihood can make the cost negative: then linear) */}
          <LineChart label="Cost per iteration" xLabel="iLQR iteration" yLabel="cost" height={160} logY={costs.every(([, c]) => c > 0)} series={[{ name: 'cost J(u)', points: costs }]} />
          <label className="field">
            <span className="field-label">
              Iteration {at} of {last}
            </span>
            <input type="range" min={0} max={last} value={at} data-testid="ilqr-replay-iteration" onChange={(e) => setPicked(Number(e.target.value))} />
          </label>
          {autonomous ? (
            <LineChart
              label={`Input size per bin at iteration ${at}`}
              xLabel="time bin (0 = pre-trial bin)"
              yLabel="‖u‖"
              height={180}
              series={[
                { name: `‖u*‖ (iteration ${at})`, points: normPoints(trace.norms[at]) },
                { name: '‖u‖ true', points: normPoints(prepared.trueInputNorms[trace.trial]) },
              ]}
            />
          ) : (
            <LineChart
              label={`Inputs at iteration ${at}`}
              xLabel="time bin"
              yLabel="u"
              height={180}
              series={Array.from({ length: n }, (_, c) => ({ name: `u*${c + 1} (iteration ${at})`, points: channel(trace.iterates[at], n, c) })).concat(
                Array.from({ length: n }, (_, c) => ({ name: `true u${c + 1}`, points: channel(prepared.trueInputs[trace.trial], n, c) })),
              )}
            />
          )}
        </>
      )}
    </div>
  );
}

/** Latents 1 and 2 of the shown trial as a path in the plane: the true one and the inferred one (mapped onto the true basis). */
export function LatentView() {
  const prepared = useIlqrLive((s) => s.prepared);
  const cp = useDeferredValue(useStaggered(useIlqrLive(latestCheckpoint), 3));
  const trial = useShownTrial();
  const plot = useMemo(() => {
    if (!prepared) return null;
    const n = prepared.n;
    const sets = [prepared.trueLatents[trial], ...(cp ? [cp.mappedLatents[trial]] : [])];
    const points: number[] = [];
    const setIndex: number[] = [];
    sets.forEach((z, k) => {
      for (let t = 0; t < z.length / n; t++) {
        points.push(z[t * n], z[t * n + 1]);
        setIndex.push(k);
      }
    });
    return { points: Float32Array.from(points), setIndex: Uint8Array.from(setIndex) };
  }, [prepared, cp, trial]);
  if (!prepared || !plot) return <p className="muted">The latent trajectory of the shown trial appears here after Run.</p>;
  return (
    <div data-testid="ilqr-latents" data-step={cp?.step ?? 0}>
      <ScatterPlot
        points={plot.points}
        setIndex={plot.setIndex}
        names={['true z (latents 1, 2)', cp ? `inferred z, step ${cp.step}` : 'inferred z']}
        title={`Latent trajectory of trial ${trial + 1}`}
        caption={cp ? `latent R² ${cp.latentR2.toFixed(3)} over all trials` : undefined}
      />
      <p className="small muted">
        Each dot is one time bin; {prepared.system === 'autonomous' ? 'the path spirals in from its initial state' : 'the input events show as jumps'}. The inferred path is mapped onto the true latents' basis by
        least squares.
      </p>
    </div>
  );
}

/** The trained model on one long trial it never saw: the paper evaluates on long trials after training on short chunks. */
export function LongTrialView({ onEvaluate, disabled, busy }: { onEvaluate: () => void; disabled: boolean; busy: boolean }) {
  const report = useIlqrLive((s) => s.longTrial);
  const series = useMemo(
    () =>
      report
        ? [
            { name: '‖u‖ true', points: Array.from(report.trueNorm, (v, t) => [t + 1, v] as Point) },
            { name: '‖u*‖ inferred', points: Array.from(report.inferredNorm, (v, t) => [t + 1, v] as Point) },
          ]
        : [],
    [report],
  );
  return (
    <div data-testid="ilqr-long-trial" data-input-r2={report?.inputR2 ?? ''}>
      <p>
        <button type="button" className="btn" data-testid="ilqr-long-trial-run" disabled={disabled || busy} onClick={onEvaluate}>
          {busy ? 'Inferring…' : `Infer a held-out trial of ${LONG_TRIAL_BINS} bins`}
        </button>{' '}
        <span className="small muted">The same system, a trial training never saw, five times longer than the training trials.</span>
      </p>
      {report && (
        <>
          <p className="small" data-testid="ilqr-long-trial-summary">
            {report.bins} bins: input R² {report.inputR2.toFixed(3)}, latent R² {report.latentR2.toFixed(3)} (through the maps fitted on the training trials);{' '}
            {report.iterations} iLQR iterations{report.converged ? '' : ' (stopped at the limit)'}, {(report.ms / 1000).toFixed(1)} s.
          </p>
          <LineChart label="Input size on the held-out trial" xLabel="time bin" yLabel="‖u‖" height={180} series={series} />
        </>
      )}
    </div>
  );
}

/** Length of the held-out trial (bins). */
export const LONG_TRIAL_BINS = 1000;
