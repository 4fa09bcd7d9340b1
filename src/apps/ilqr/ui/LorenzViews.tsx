/**
 * The Lorenz views (system (c), paper §3.2), each subscribed to its own slice of the Lorenz store:
 * one test trial's noisy observations with the model's posterior-mean reconstruction, an iLQR
 * solve from a cold start replayed iteration by iteration, a prediction from bin t against the
 * clean trajectory with its k-step error, the checkpoint's R²_k next to the paper's, the free run
 * against the attractor in 3-D, and the inferred inputs' sizes. All numbers come from the worker
 * (the checkpoint's own or computed there); the paper's are labelled as the paper's.
 */
import { prefersReducedMotion } from '../../../shared/ui/reducedMotion';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { formatPercent, formatValue } from '../../../shared/ui/format';
import { LineChart } from '../../../shared/ui/plots/LineChart';
import { usePlotTheme } from '../../../shared/ui/plots/theme';
import { useStaggered } from '../../../shared/ui/useStaggered';
import { LORENZ_PAPER } from '../paper';
import { useIlqrUrl } from '../store';
import { PREDICT_FROM } from '../core/systems';
import { Attractor3D } from './Attractor3D';
import type { Curve } from './attractorScene';
import { useLorenz, type LorenzState } from './lorenzStore';

/**
 * A slice of the Lorenz store handed to a view `slot × 40 ms` after it changed, and rendered at low
 * priority: when the checkpoint arrives every view has something new, and each should draw its
 * charts in its own main-thread task (src/shared/ui/useStaggered.ts).
 */
function useSlice<T>(pick: (s: LorenzState) => T, slot: number): T {
  return useDeferredValue(useStaggered(useLorenz(pick), slot));
}

type Point = [number, number];
const AXES = ['x', 'y', 'z'] as const;

/** The test trial the views show (0-based), clamped to the checkpoint's test trials. */
export function useTestTrial(): number {
  const trial = useIlqrUrl((s) => s.values.trial);
  const trials = useLorenz((s) => s.info?.data.testTrials ?? null);
  return Math.min(trial, trials ?? trial) - 1;
}

/** Coordinate `c` of rows of 3 as chart points, x = bin 1 … T (or from `first`). */
function coordinate(rows: ArrayLike<number>, c: number, first = 1, until = Infinity): Point[] {
  const n = Math.min(rows.length / 3, until);
  const out: Point[] = [];
  for (let t = first - 1; t < n; t++) out.push([t + 1, rows[t * 3 + c]]);
  return out;
}

const r3 = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toFixed(3) : '–');

/** The chosen test trial: what the model sees (noisy), the truth it never sees (clean), and its posterior mean. */
export function LorenzTrialView() {
  const info = useSlice((s) => s.info, 1);
  const report = useSlice((s) => s.trial, 1);
  const trial = useTestTrial();
  const current = report?.trial === trial ? report : null;
  const charts = useMemo(() => {
    if (!info) return null;
    return AXES.map((name, c) => [
      { name: `${name} observed (noisy)`, points: coordinate(info.observations[trial], c) },
      { name: `${name} clean`, points: coordinate(info.clean[trial], c) },
      { name: `${name} model (posterior mean)`, points: current ? coordinate(current.reconstruction, c) : [] },
    ]);
  }, [info, trial, current]);
  if (!info || !charts) return <p className="muted">The test trial appears here once the checkpoint has loaded.</p>;
  return (
    <div data-testid="ilqr-lorenz-trial" data-trial={trial + 1} data-r2={current?.r2 ?? ''}>
      {charts.map((series, c) => (
        <LineChart key={AXES[c]} label={`Test trial ${trial + 1}, coordinate ${AXES[c]}`} xLabel="time bin" yLabel={`${AXES[c]} (z-scored)`} height={130} series={series} />
      ))}
      <p className="small muted" data-testid="ilqr-lorenz-trial-summary">
        Test trial {trial + 1} of {info.data.testTrials}: {info.data.T} bins of the Lorenz attractor (dt = {info.data.dt}), each coordinate
        z-scored, observed with Gaussian noise σ = {info.data.noiseStd}. The model never trained on it.{' '}
        {current
          ? `iLQR from a cold start took ${current.iterations} iterations${current.converged ? '' : ' (stopped at the limit)'}; the posterior mean explains R² ${r3(current.r2)} of the clean trajectory.`
          : 'Inferring its inputs…'}
      </p>
    </div>
  );
}

/** The replayed cold-start solve: the cost per iteration, and the reconstruction and inputs after each. */
export function LorenzInferView({ onInfer, disabled }: { onInfer: () => void; disabled: boolean }) {
  const info = useSlice((s) => s.info, 2);
  const trace = useSlice((s) => s.trace, 1);
  const busy = useLorenz((s) => s.busy?.name === 'infer');
  const trial = useTestTrial();
  const current = trace?.trial === trial ? trace : null;
  const last = current ? current.reconstructions.length - 1 : 0;
  const [picked, setPicked] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const at = picked === null ? last : Math.min(picked, last);

  // A new solve animates from iteration 0 (unless the visitor asked for reduced motion).
  useEffect(() => {
    if (!current) return;
    const reduced = prefersReducedMotion();
    setPicked(reduced ? null : 0);
    setPlaying(!reduced);
  }, [current]);
  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => {
      setPicked((p) => {
        const next = (p ?? 0) + 1;
        if (next >= last) {
          setPlaying(false);
          return null;
        }
        return next;
      });
    }, 300);
    return () => clearInterval(id);
  }, [playing, last]);

  const costs = useMemo(() => (current ? current.costs.map((c, i) => [i, c] as Point) : []), [current]);
  const recon = useMemo(() => {
    if (!info || !current) return [];
    return AXES.flatMap((name, c) => [
      { name: `${name} model`, points: coordinate(current.reconstructions[at], c) },
      { name: `${name} observed`, points: coordinate(info.observations[trial], c) },
    ]);
  }, [info, current, at, trial]);
  const inputs = useMemo(() => (current ? [{ name: '‖u‖', points: Array.from(current.inputNorms[at], (v, j) => [current.inputX[j], v] as Point) }] : []), [current, at]);
  return (
    <div className="ilqr-replay" data-testid="ilqr-lorenz-infer" data-iterations={current ? last : ''} data-at={current ? at : ''}>
      <p>
        <button type="button" className="btn" data-testid="ilqr-lorenz-infer-run" disabled={disabled || busy} onClick={onInfer}>
          {busy ? 'Solving…' : `Infer test trial ${trial + 1} from scratch`}
        </button>{' '}
        <span className="small muted">iLQR starts from u = 0 with the shipped model and keeps every iteration.</span>
      </p>
      {current && info && (
        <>
          <p className="small" data-testid="ilqr-lorenz-infer-summary">
            Test trial {current.trial + 1}: {last} iteration{last === 1 ? '' : 's'}
            {current.converged ? ' to converge' : ' (stopped at the iteration limit)'} in {current.ms.toFixed(0)} ms.
          </p>
          <LineChart label="Cost per iteration" xLabel="iLQR iteration" yLabel="cost J(u)" height={150} series={[{ name: 'cost J(u)', points: costs }]} />
          <div className="field-row">
            <button type="button" className="btn small" data-testid="ilqr-lorenz-infer-play" onClick={() => (playing ? setPlaying(false) : (setPicked(at >= last ? 0 : at), setPlaying(true)))}>
              {playing ? 'Pause' : 'Play the iterations'}
            </button>
            <label className="field">
              <span className="field-label">
                Iteration {at} of {last}
              </span>
              <input
                type="range"
                min={0}
                max={last}
                value={at}
                data-testid="ilqr-lorenz-infer-iteration"
                onChange={(e) => (setPlaying(false), setPicked(Number(e.target.value)))}
              />
            </label>
          </div>
          <LineChart label={`Reconstruction at iteration ${at}`} xLabel="time bin" yLabel="z-scored" height={200} series={recon} />
          <LineChart label={`Input size at iteration ${at}`} xLabel="input bin (≤ 0: pre-trial)" yLabel="‖u‖" height={130} series={inputs} />
        </>
      )}
    </div>
  );
}

/** The model sees the trial up to bin t, then runs on with no input: its prediction against the clean trajectory. */
export function LorenzPredictView() {
  const info = useSlice((s) => s.info, 3);
  const prediction = useSlice((s) => s.prediction, 1);
  const from = useIlqrUrl((s) => s.values.from);
  const set = useIlqrUrl((s) => s.set);
  const trial = useTestTrial();
  const current = prediction?.trial === trial ? prediction : null;
  const charts = useMemo(() => {
    if (!info || !current) return null;
    return AXES.map((name, c) => [
      { name: `${name} clean`, points: coordinate(info.clean[trial], c) },
      { name: `${name} model, seeing the trial`, points: coordinate(current.prediction, c, 1, current.from) },
      { name: `${name} model, on its own`, points: coordinate(current.prediction, c, current.from) },
    ]);
  }, [info, current, trial]);
  const errors = useMemo(() => (current ? [{ name: '‖clean − prediction‖', points: Array.from(current.errors, (v, k) => [k, v] as Point) }] : []), [current]);
  const at = (k: number) => (current && k < current.errors.length ? formatValue(current.errors[k]) : null);
  return (
    <div data-testid="ilqr-lorenz-predict" data-from={current?.from ?? ''} data-trial={trial + 1}>
      <label className="field">
        <span className="field-label">
          Predict from bin {from} (the model sees the trial up to bin {from}; every input after it is zero)
        </span>
        <input
          type="range"
          min={PREDICT_FROM.min}
          max={PREDICT_FROM.max}
          value={from}
          data-testid="ilqr-lorenz-from"
          aria-valuetext={`bin ${from}`}
          onChange={(e) => set({ from: Number(e.target.value) })}
        />
      </label>
      {charts ? (
        <>
          {charts.map((series, c) => (
            <LineChart key={AXES[c]} label={`Prediction of ${AXES[c]}: the model sees the trial up to bin ${current!.from}, then runs on its own`} xLabel="time bin" yLabel={`${AXES[c]} (z-scored)`} height={130} series={series} />
          ))}
          <LineChart label={`k-step error from bin ${current!.from}`} xLabel="k (bins after bin t)" yLabel="‖error‖" height={150} series={errors} />
          <p className="small" data-testid="ilqr-lorenz-predict-summary">
            From bin {current!.from} of test trial {trial + 1}: error {at(0)} at k = 0 (the posterior itself)
            {at(30) !== null && <>, {at(30)} 30 bins ahead</>}
            {at(50) !== null && <>, {at(50)} 50 bins ahead</>}
            {current!.errors.length <= 30 && <> (the trial ends {current!.errors.length - 1} bins after it)</>}, in z-scored units (each coordinate has
            variance 1). The R²ₖ below pools such errors over every bin of every test trial.
          </p>
        </>
      ) : (
        <p className="muted">The prediction appears here once the trial is inferred.</p>
      )}
    </div>
  );
}

/** R²_k of the checkpoint on the test trials (as the training script computed it), the paper's two values, and a recomputation here. */
export function LorenzR2View({ onRecompute, disabled }: { onRecompute: () => void; disabled: boolean }) {
  const info = useSlice((s) => s.info, 4);
  const recomputed = useLorenz((s) => s.r2);
  const busy = useLorenz((s) => (s.busy?.name === 'recomputeR2' ? s.busy : null));
  const series = useMemo(() => {
    if (!info) return [];
    const c = info.checkpoint;
    return [
      { name: `this checkpoint (${c.steps} steps, ${c.testTrials} test trials)`, points: c.r2k.map((v, k) => [k, v] as Point) },
      { name: 'paper §3.2 (k = 30, 50)', points: Object.entries(LORENZ_PAPER.r2).map(([k, v]) => [Number(k), v] as Point) },
      ...(recomputed ? [{ name: 'recomputed in this browser', points: recomputed.r2k.map((v, k) => [k, v] as Point) }] : []),
    ];
  }, [info, recomputed]);
  const history = useMemo(() => {
    if (!info) return null;
    const h = info.checkpoint.history;
    return {
      r2: [
        { name: 'R²₃₀', points: h.evalStep.map((s, i) => [s, h.r2_30[i]] as Point) },
        { name: 'R²₅₀', points: h.evalStep.map((s, i) => [s, h.r2_50[i]] as Point) },
      ],
      loss: [{ name: '−ELBO/(T·n_o), mean of 25 steps', points: h.step.map((s, i) => [s, h.loss[i]] as Point) }],
    };
  }, [info]);
  if (!info || !history) return <p className="muted">The checkpoint's R²ₖ appears here once it has loaded.</p>;
  const c = info.checkpoint;
  return (
    <div data-testid="ilqr-lorenz-r2" data-r2-30={c.r2k[30] ?? ''} data-r2-50={c.r2k[50] ?? ''} data-recomputed-30={recomputed?.r2k[30] ?? ''}>
      <LineChart label="k-step prediction R² on the test trials" xLabel="k (bins ahead)" yLabel="R²ₖ" height={200} series={series} />
      <table className="small ilqr-r2-table">
        <thead>
          <tr>
            <th scope="col">k</th>
            <th scope="col">this checkpoint</th>
            <th scope="col">paper (§3.2)</th>
            {recomputed && <th scope="col">recomputed here</th>}
          </tr>
        </thead>
        <tbody>
          {[0, 10, 30, 50].map((k) => (
            <tr key={k}>
              <td>{k}</td>
              <td>{r3(c.r2k[k])}</td>
              <td>{LORENZ_PAPER.r2[k] ?? '—'}</td>
              {recomputed && <td>{r3(recomputed.r2k[k])}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small muted">
        For every bin t of every test trial, the model sees the trial up to t and runs on; R²ₖ compares its prediction k bins later with the
        clean trajectory (the official lorenz_analysis.ml). Computed by scripts/train/ilqr.ts on {c.testTrials} test trials ({c.converged} of whose
        cold-start iLQR solves converged).
      </p>
      <p>
        <button type="button" className="btn" data-testid="ilqr-lorenz-recompute" disabled={disabled || busy !== null} onClick={onRecompute}>
          {busy ? `Recomputing… trial ${busy.done} of ${busy.total}` : 'Recompute R²ₖ in this browser'}
        </button>{' '}
        {recomputed && (
          <span className="small" data-testid="ilqr-lorenz-recompute-summary">
            {recomputed.r2k.length - 1 >= 30 && `R²₃₀ ${r3(recomputed.r2k[30])} here against ${r3(c.r2k[30])} in the checkpoint`}, in{' '}
            {(recomputed.ms / 1000).toFixed(1)} s.
          </span>
        )}
      </p>
      {history.r2[0].points.length + history.loss[0].points.length > 0 && (
        <details className="fold">
          <summary>How the checkpoint trained (its history)</summary>
          <div className="fold-body">
            {history.loss[0].points.length > 0 && <LineChart label="Training loss" xLabel="Adam step" yLabel="−ELBO/(T·n_o)" height={160} series={history.loss} />}
            {history.r2[0].points.length > 0 && <LineChart label="Test R² during training" xLabel="Adam step" yLabel="R²" height={160} series={history.r2} />}
          </div>
        </details>
      )}
    </div>
  );
}

/** The free run against the clean attractor, in 3-D. */
export function LorenzFreeRunView() {
  const info = useSlice((s) => s.info, 6);
  const az = useIlqrUrl((s) => s.values.az);
  const el = useIlqrUrl((s) => s.values.el);
  const set = useIlqrUrl((s) => s.set);
  const theme = usePlotTheme();
  const curves = useMemo<Curve[]>(
    () =>
      info
        ? [
            { name: `clean attractor (${info.attractor.length / 3 / info.data.T} trials)`, points: info.attractor, segment: info.data.T, color: theme.series[0] },
            { name: `free run of the model (${(info.freeRun.length / 3).toLocaleString('en')} steps)`, points: info.freeRun, segment: 0, color: theme.series[1] },
          ]
        : [],
    [info, theme.series],
  );
  const angles = useMemo(() => ({ az, el }), [az, el]);
  if (!info) return <p className="muted">The attractor and the model's free run appear here once the checkpoint has loaded.</p>;
  const a = info.onAttractor;
  return (
    <div data-testid="ilqr-lorenz-free-run" data-share-within={a.shareWithin}>
      <Attractor3D curves={curves} angles={angles} onAngles={(x) => set(x)} label="The Lorenz attractor (clean trials) and the model's free run" />
      <p className="small" data-testid="ilqr-lorenz-free-run-summary">
        The model, started from random pre-trial inputs and then given no input at all, runs for {(info.freeRun.length / 3).toLocaleString('en')} steps.
        After the first {a.skip.toLocaleString('en')}, {formatPercent(a.shareWithin)} of its points lie as close to the clean attractor as
        held-out clean trajectories do (99% of theirs within {formatValue(a.reference99)}; median distance {formatValue(a.freeRunMedian)} against{' '}
        {formatValue(a.referenceMedian)}), and its spread per coordinate is {a.spread.map((s) => `${formatPercent(s, 0)}`).join(', ')} of the
        attractor's (x, y, z): a run that collapsed onto a point would sit near 0%, one caught on one wing well below 100%.
      </p>
    </div>
  );
}

/** The inferred inputs' size over the trial: the pre-trial bins set the initial state, the rest nudge the dynamics. */
export function LorenzInputsView() {
  const report = useSlice((s) => s.trial, 3);
  const info = useSlice((s) => s.info, 5);
  const trial = useTestTrial();
  const current = report?.trial === trial ? report : null;
  const series = useMemo(() => (current ? [{ name: '‖u*‖', points: Array.from(current.inputNorms, (v, j) => [current.inputX[j], v] as Point) }] : []), [current]);
  if (!current || !info) return <p className="muted">The inferred inputs appear here once the trial is inferred.</p>;
  const pre = info.model.nBeg;
  let preEnergy = 0;
  let all = 0;
  current.inputNorms.forEach((v, j) => {
    all += v * v;
    if (j < pre) preEnergy += v * v;
  });
  return (
    <div data-testid="ilqr-lorenz-inputs" data-trial={trial + 1}>
      <LineChart label={`Inferred input size, test trial ${trial + 1}`} xLabel="input bin (≤ 0: pre-trial)" yLabel="‖u*‖" height={160} series={series} />
      <p className="small muted">
        u* has m = {info.model.m} channels per bin. The {pre} pre-trial bins (x ≤ 0) load the initial state of the n = {info.model.n} latents; they
        hold {formatPercent(preEnergy / all)} of this trial's input energy. The Lorenz system itself has no input: inputs after the start are
        what the learned dynamics cannot yet explain by themselves, and the prediction above shows what happens without them.
      </p>
    </div>
  );
}
