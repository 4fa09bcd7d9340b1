/**
 * "Inferred against true mass": the committed run's linear probe (results/full.json `massProbe`)
 * applied to the u the model abducted from the AB on screen, ball by ball, with the true masses on
 * request and the probe's held-out accuracy beside them. Without a committed run or before the model
 * has read AB, it says what it waits for.
 */
import { useState } from 'react';
import { committedResult } from '../../../shared/ui/committedResults';
import { ballName } from '../intervention';
import { useCophyLive } from './liveStore';
import { readMasses, type ProbeWeightsJson } from './massProbeView';

const PROBES = import.meta.glob<ProbeWeightsJson | null>('../results/full.json', { eager: true, import: 'massProbe' });
const PROBE = Object.values(PROBES)[0] ?? null;
const COMMITTED = committedResult('cophy')?.metrics ?? null;

export function MassProbeView() {
  const example = useCophyLive((s) => s.example);
  const prediction = useCophyLive((s) => s.prediction);
  const [reveal, setReveal] = useState(false);
  if (!PROBE) {
    return (
      <p className="muted" data-testid="cophy-probe" data-state="no-probe">
        The probe comes from the committed full run (npm run experiment -- cophy, results/full.json), which is not committed yet.
      </p>
    );
  }
  const abduction = prediction?.abduction ?? null;
  if (!example || !abduction || !prediction) {
    return (
      <p className="muted" data-testid="cophy-probe" data-state="waiting">
        The probe reads the confounder code u once the model has watched AB (with the predicted keypoints).
      </p>
    );
  }
  let readings;
  try {
    readings = readMasses(PROBE, example.aPositions, example.n, abduction.u, abduction.abKeypoints0, prediction.size);
  } catch (e) {
    return (
      <p className="bad" data-testid="cophy-probe" data-state="error">
        The committed probe does not fit this model: {e instanceof Error ? e.message : String(e)}. Rerun npm run experiment -- cophy with the shipped weights.
      </p>
    );
  }
  const acc = COMMITTED?.['balls.massProbe.accuracy'];
  const majority = COMMITTED?.['balls.massProbe.majority'];
  const determined = COMMITTED?.['balls.massProbe.determinedFraction'];
  const ceiling = COMMITTED?.['balls.massProbe.ceiling'];
  const accDetermined = COMMITTED?.['balls.massProbe.accuracyDetermined'];
  const ownCode = COMMITTED?.['balls.massProbe.accuracyOwnCode'];
  return (
    <div data-testid="cophy-probe" data-state="ready">
      <div className="table-scroll">
        <table className="table">
          <caption className="small muted">
            Each ball of A matched to a keypoint of AB's first frame; a linear probe, fitted in the committed run on the training split's consequential balls, reads that
            keypoint's 32 numbers of u{PROBE.features === 'relative' ? ' minus the mean of the other keypoints’ (only mass ratios act here, so a ball’s code is read against the others’)' : ''} as
            the chance the ball weighs 10.
          </caption>
          <thead>
            <tr>
              <th scope="col">Ball</th>
              <th scope="col">Its keypoint</th>
              <th scope="col">Probe: P(mass 10)</th>
              <th scope="col">True mass</th>
            </tr>
          </thead>
          <tbody>
            {readings.map((r) => (
              <tr key={r.ball} data-testid={`cophy-probe-ball-${r.ball + 1}`} data-heavy={r.heavy.toFixed(3)}>
                <th scope="row">{ballName(r.ball, example.colors)}</th>
                <td>
                  {r.keypoint + 1} ({r.distancePx.toFixed(1)} px away)
                </td>
                <td>
                  {(r.heavy * 100).toFixed(0)}% → {r.heavy >= 0.5 ? 10 : 1}
                </td>
                <td>{reveal ? example.masses[r.ball] : 'hidden'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {acc !== undefined && (
        <p className="small">
          On the committed run's held-out balls whose mass matters (the paper's corrected accuracy) the probe is right {(acc * 100).toFixed(0)}% of the time, against{' '}
          {majority !== undefined ? `${(majority * 100).toFixed(0)}%` : '—'} for always answering the commoner mass
          {ownCode !== undefined ? `; read from the ball's own code alone, ${(ownCode * 100).toFixed(0)}%` : ''}.
          {acc < 0.6 ? ' At this scale u does not carry the masses in a form a linear probe can read, although the rollout does use what u carries (see the mass-swap row above).' : ''}
          {ceiling !== undefined && determined !== undefined
            ? ` Not every mass can be read from AB at all: only mass ratios act here, so AB pins down ${(determined * 100).toFixed(0)}% of these balls' masses and no reader of AB could score above ${(ceiling * 100).toFixed(0)}%${accDetermined !== undefined ? `; on the pinned-down balls the probe is right ${(accDetermined * 100).toFixed(0)}% of the time` : ''}.`
            : ''}
        </p>
      )}
      <label className="field-check small">
        <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} data-testid="cophy-probe-reveal-masses" />
        Reveal the hidden masses (the model never sees them)
      </label>
    </div>
  );
}
