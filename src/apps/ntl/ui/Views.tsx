/**
 * The live views of a run: loss curves, per-domain accuracy, sample predictions, the feature space
 * and the ownership patch. Each subscribes to its own slice of the live store.
 */
import { memo, useDeferredValue, useMemo } from 'react';
import { useStaggered } from '../../../shared/ui/useStaggered';
import { formatPercent as pct } from '../../../shared/ui/format';
import { BarChart, type Bar } from '../../../shared/ui/plots/BarChart';
import { ImageGrid } from '../../../shared/ui/plots/ImageGrid';
import { LineChart } from '../../../shared/ui/plots/LineChart';
import { IMAGE_SIZE } from '../core/domains';
import { applyPatch, OWNER_PATCH } from '../core/patch';
import type { EvalKey } from '../worker/protocol';
import { useNtlUrl } from '../store';
import { latestCheckpoint, useNtlLive } from './liveStore';
import { FeatureScatter } from './FeatureScatter';
import { DomainStrip } from './DomainStrip';

/** Short names for the bar labels (the table spells them out). */
const BAR_LABELS: Record<EvalKey, string> = { S: 'S', T1: 'T1', T2: 'T2', T3: 'T3', 'src+patch': 'S+p', N: 'N', 'N+patch': 'N+p' };

export const EVAL_LABELS: Record<EvalKey, string> = {
  S: 'S',
  T1: 'T1',
  T2: 'T2',
  T3: 'T3',
  'src+patch': 'source+patch',
  N: 'neighbours',
  'N+patch': 'neighb.+patch',
};

/** Test id of an accuracy read-out: ntl-acc-S, ntl-acc-T1, ntl-acc-src-patch, ntl-acc-N-patch, … */
export function accTestId(key: EvalKey, model: 'ntl' | 'sl' = 'ntl'): string {
  return `ntl-acc-${model === 'sl' ? 'sl-' : ''}${key.replace('+', '-')}`;
}

export const LossCurves = memo(function LossCurves() {
  // Deferred: React renders these updates in interruptible slices, after more urgent ones.
  const curves = useDeferredValue(useNtlLive((s) => s.curves));
  const hasNtl = useNtlUrl((s) => s.values.mode) !== 'sl';
  return (
    <div className="view-two">
      <LineChart
        label="Losses"
        xLabel="step"
        yLabel="loss"
        height={220}
        series={[
          { name: 'L_S (NTL model)', points: curves.ls },
          ...(hasNtl ? [{ name: 'total L', points: curves.total }] : []),
          ...(curves.slLs.length ? [{ name: 'L_S (SL reference)', points: curves.slLs }] : []),
        ]}
      />
      {hasNtl ? (
        <LineChart
          label="Target loss and MMD (log scale)"
          xLabel="step"
          yLabel="value"
          height={220}
          logY
          series={[
            { name: 'L_T', points: curves.lt },
            { name: 'MMD(Φ(x_S), Φ(x_T))', points: curves.mmd },
          ]}
        />
      ) : (
        <p className="muted small ntl-note">SL minimises L_S only: there is no L_T or MMD term to plot. The MMD between the domains' features is measured at each checkpoint (below).</p>
      )}
    </div>
  );
});

export const AccuracyView = memo(function AccuracyView() {
  const checkpoints = useDeferredValue(useStaggered(useNtlLive((s) => s.checkpoints), 1));
  const cp = checkpoints.length ? checkpoints[checkpoints.length - 1] : null;
  const prepared = useNtlLive((s) => s.prepared);
  const keys = prepared?.evalKeys ?? (['S', 'T1', 'T2', 'T3', 'src+patch'] as EvalKey[]);
  const roles = prepared?.roles;
  const bars: Bar[] = [];
  for (const k of keys) {
    const role = roles?.source === k ? ' src' : roles?.target === k ? ' tgt' : '';
    bars.push({ label: BAR_LABELS[k] + role, value: cp?.ntl[k] ?? NaN, highlight: true });
    if (cp?.sl) bars.push({ label: 'SL', value: cp.sl[k] ?? NaN, color: 'var(--muted)', highlight: false });
  }
  const accSeries = useMemo(() => {
    if (!roles) return [];
    const line = (name: string, pick: (c: (typeof checkpoints)[number]) => number | undefined) => ({
      name,
      points: checkpoints.map((c) => [c.step, pick(c) ?? NaN] as [number, number]),
    });
    const out = [line(`source (${EVAL_LABELS[roles.source]})`, (c) => c.ntl[roles.source]), line(`target (${EVAL_LABELS[roles.target]})`, (c) => c.ntl[roles.target])];
    if (checkpoints.some((c) => c.sl)) {
      out.push(line(`SL: source`, (c) => c.sl?.[roles.source]), line(`SL: target`, (c) => c.sl?.[roles.target]));
    }
    return out;
  }, [checkpoints, roles]);
  return (
    <div className="ntl-acc">
      <div className="view-two">
        <div>
          <BarChart bars={bars} yLabel="test accuracy" yRange={[0, 1]} height={230} format={(v) => `${Math.round(v * 100)}`} />
          <p className="muted small">
            {cp ? `Step ${cp.step}, ${cp.perSet} test images per set. ` : 'No checkpoint yet. '}
            Coloured bars: the {prepared && cp?.sl ? 'NTL' : 'trained'} model; grey "SL" bars: the SL reference on the same data.
            S+p = source + patch, N = neighbours; src/tgt mark what this mode trains as source and target.
          </p>
        </div>
        {accSeries.length > 0 && <LineChart label="Accuracy at checkpoints" xLabel="step" yLabel="accuracy" height={230} yRange={[0, 1]} series={accSeries} />}
      </div>
      <div className="table-scroll">
      <table className="table ntl-acc-table" data-testid="ntl-acc-table" data-step={cp?.step ?? 0}>
        <thead>
          <tr>
            <th scope="col">model</th>
            {keys.map((k) => (
              <th scope="col" key={k}>
                {EVAL_LABELS[k]}
              </th>
            ))}
            <th scope="col">MMD(src, tgt)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{cp?.sl ? 'NTL model' : 'trained model'}</th>
            {keys.map((k) => (
              <td key={k} data-testid={accTestId(k)} data-value={cp?.ntl[k] ?? ''}>
                {pct(cp?.ntl[k])}
              </td>
            ))}
            <td data-testid="ntl-mmd">{cp ? cp.mmd.ntl.toFixed(3) : '—'}</td>
          </tr>
          {cp?.sl && (
            <tr>
              <th scope="row">SL reference</th>
              {keys.map((k) => (
                <td key={k} data-testid={accTestId(k, 'sl')} data-value={cp.sl?.[k] ?? ''}>
                  {pct(cp.sl?.[k])}
                </td>
              ))}
              <td data-testid="ntl-mmd-sl">{cp.mmd.sl !== undefined ? cp.mmd.sl.toFixed(3) : '—'}</td>
            </tr>
          )}
        </tbody>
      </table>
      </div>
    </div>
  );
});

function toRaw(img: Float32Array) {
  return { data: img, width: IMAGE_SIZE, height: IMAGE_SIZE, channels: 3 as const };
}

export const SamplesView = memo(function SamplesView() {
  const seed = useNtlUrl((s) => s.values.seed);
  const prepared = useStaggered(useNtlLive((s) => s.prepared), 2);
  const cp = useDeferredValue(useStaggered(useNtlLive(latestCheckpoint), 2));
  if (!prepared) return <DomainStrip seed={seed} />;
  return (
    <div className="ntl-samples" data-testid="ntl-samples">
      {prepared.rows.map((row, r) => {
        const predicted = cp?.predicted[r];
        const labels = row.labels.map((l, i) => (predicted ? `${predicted[i]}` + (predicted[i] === l ? '' : `≠${l}`) : `${l}`));
        const wrong = predicted ? row.labels.map((l, i) => predicted[i] !== l) : undefined;
        const nWrong = wrong ? wrong.filter(Boolean).length : null;
        return (
          <div key={row.title}>
            <p className="small">
              <strong>{row.title}</strong>{' '}
              <span className="muted">
                {predicted ? `predicted class (≠ true class when wrong); ${nWrong} of ${row.labels.length} wrong, framed` : 'true labels (not trained yet)'}
              </span>
            </p>
            <ImageGrid images={row.images.map(toRaw)} labels={labels} wrong={wrong} cols={12} scale={2} label={row.title} />
          </div>
        );
      })}
    </div>
  );
});

export const FeatureView = memo(function FeatureView() {
  const cp = useDeferredValue(useStaggered(useNtlLive(latestCheckpoint), 3));
  if (!cp) return <p className="muted">The feature map appears at the first checkpoint.</p>;
  return (
    <div className="ntl-scatters">
      <FeatureScatter projection={cp.projection.ntl} title={cp.projection.sl ? 'NTL model' : 'Trained model'} testId="ntl-scatter" />
      {cp.projection.sl && <FeatureScatter projection={cp.projection.sl} title="SL reference" testId="ntl-scatter-sl" />}
    </div>
  );
});

/** Clean, patched and |difference| × 12 of one source test image, magnified. */
export const PatchPreview = memo(function PatchPreview() {
  const sample = useStaggered(useNtlLive((s) => s.prepared?.patchSample), 5);
  const images = useMemo(() => {
    if (!sample) return null;
    const patched = applyPatch(sample, OWNER_PATCH);
    const diff = new Float32Array(sample.length);
    for (let i = 0; i < diff.length; i++) diff[i] = Math.min(1, Math.abs(patched[i] - sample[i]) * 12);
    return [toRaw(sample), toRaw(patched), toRaw(diff)];
  }, [sample]);
  if (!images) return <p className="muted">The patch preview appears once the data is generated.</p>;
  return (
    <div data-testid="ntl-patch-preview">
      <ImageGrid images={images} labels={['clean', 'patched', '|diff| × 12']} cols={3} scale={5} label="Ownership patch: clean, patched, difference" />
      <p className="muted small">
        The paper's patch: +20 of 255 on the red channel of every pixel whose row or column index is even (clipped). Invisible at
        normal size; the difference (magnified 12×) shows the lattice.
      </p>
    </div>
  );
});
