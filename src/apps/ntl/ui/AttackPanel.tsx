/**
 * Removal attacks on a trained ownership-verification model (the paper's six: FTAL, RTAL, EWC, AU,
 * pruning, overwriting): the attacker holds 10% of the clean source training data and tries to make the model work on patched images again (which would erase
 * the owner's evidence). Each attack reports accuracy on clean and patched source test images,
 * before and after.
 */
import { useId } from 'react';
import type { TrainingController } from '../../../shared/run/trainingController';
import { formatPercent as pct } from '../../../shared/ui/format';
import { useNtlUrl } from '../store';
import { attackOutcome, type AttackOutcome } from '../core/findings';

/** What the attack did to the owner's evidence (core/findings.ts decides). */
const OUTCOME_NOTE: Record<AttackOutcome, string> = {
  held: '',
  costly: 'The mark held, but the attack cost more than 10 points of clean accuracy. ',
  wrecked: 'The attack wrecked the model: the mark stayed, but the attacker gained nothing. ',
  weakened: 'The mark is weaker: patched images score well above chance. ',
  removed: 'The mark is gone: patched images work about as well as clean ones. ',
};
import type { AttackKind, AttackReport } from '../worker/protocol';
import type { NtlWorkerHandlers } from '../worker/train.worker';
import { useNtlLive } from './liveStore';
import { AU_DEFAULTS, EWC_DEFAULTS, FINE_TUNE_LEARNING_RATE, REFIT_LEARNING_RATE } from '../core/attackSettings';
import { LIVE_RUN } from '../differences';

const lr = (v: number) => v.toExponential().replace('e-', 'e−');
const ATTACKS: { kind: AttackKind; label: string; what: string }[] = [
  { kind: 'ftal', label: 'FTAL', what: `fine-tune all layers on the attacker's clean data (${LIVE_RUN.fineTuneSteps} steps, Adam ${lr(FINE_TUNE_LEARNING_RATE)})` },
  { kind: 'rtal', label: 'RTAL', what: `re-initialise the output layer, then fine-tune all layers (${LIVE_RUN.fineTuneSteps} steps, Adam ${lr(FINE_TUNE_LEARNING_RATE)})` },
  {
    kind: 'ewc',
    label: 'EWC',
    what: `REFIT's elastic weight consolidation: fine-tune with the penalty (λ/2)·Σ F·(θ − θ*)², λ = ${EWC_DEFAULTS.lambda}, F the Fisher of the stolen model on the attacker's ${LIVE_RUN.fisherSamples} images (normalised to mean 1), then ${LIVE_RUN.fineTuneSteps} steps at Adam ${lr(REFIT_LEARNING_RATE)}`,
  },
  {
    kind: 'au',
    label: 'AU',
    what: `REFIT's augmented unlabelled data: the attacker's images and ${AU_DEFAULTS.copies} augmented copies of each (shift ±${AU_DEFAULTS.maxShift} px, brightness ×${AU_DEFAULTS.gain[0]}–${AU_DEFAULTS.gain[1]}, noise sd ${AU_DEFAULTS.noise}), labelled by the stolen model, ${LIVE_RUN.fineTuneSteps} steps at Adam ${lr(REFIT_LEARNING_RATE)}`,
  },
  { kind: 'prune', label: 'Prune', what: 'zero the smallest-magnitude kernel weights' },
  { kind: 'overwrite', label: 'Overwrite', what: `train NTL again with the attacker's own patch (${LIVE_RUN.overwriteSteps} steps)` },
];

type Controller = TrainingController<NtlWorkerHandlers>;

/** Runs one attack in the worker and appends its report to the run's attacks. */
async function runAttack(controller: Controller, kind: AttackKind, fraction?: number): Promise<void> {
  const label = ATTACKS.find((a) => a.kind === kind)?.label ?? kind;
  const report = await controller.extra('attack', { kind, fraction }, label);
  if (report) useNtlLive.setState((s) => ({ attacks: [...s.attacks, report] }));
}

function describe(r: AttackReport): string {
  const base = ATTACKS.find((a) => a.kind === r.kind)?.label ?? r.kind;
  return r.kind === 'prune' ? `${base} ${Math.round((r.fraction ?? 0) * 100)}%` : base;
}

export function AttackPanel({ controller, trained }: { controller: Controller | null; trained: boolean }) {
  const prune = useNtlUrl((s) => s.values.prune);
  const set = useNtlUrl((s) => s.set);
  const busy = useNtlLive((s) => s.extra);
  const attacks = useNtlLive((s) => s.attacks);
  const error = useNtlLive((s) => s.extraError);
  const sliderId = useId();
  const disabled = !controller || !trained || busy !== null;
  return (
    <div className="ntl-attacks" data-testid="ntl-attacks">
      {!trained && <p className="muted">Train the ownership model to the end first (Run), then attack it here.</p>}
      <div className="button-row">
        {ATTACKS.map((a) => (
          <button
            key={a.kind}
            type="button"
            className="btn"
            data-testid={`ntl-attack-${a.kind}`}
            disabled={disabled}
            title={a.what}
            onClick={() => controller && void runAttack(controller, a.kind, a.kind === 'prune' ? prune / 100 : undefined)}
          >
            {a.label}
            {a.kind === 'prune' ? ` ${prune}%` : ''}
          </button>
        ))}
        {busy && (
          <button type="button" className="btn" data-testid="ntl-attack-cancel" onClick={() => controller?.cancelExtra()}>
            Cancel attack
          </button>
        )}
      </div>
      <div className="field ntl-slider">
        <label htmlFor={sliderId}>Pruning: {prune}% of kernel weights</label>
        <input id={sliderId} data-testid="ntl-prune" type="range" min={10} max={90} step={10} value={prune} onChange={(e) => set({ prune: Number(e.target.value) })} />
      </div>
      <ul className="muted small">
        {ATTACKS.map((a) => (
          <li key={a.kind}>
            <strong>{a.label}</strong>: {a.what}.
          </li>
        ))}
      </ul>
      {busy && (
        <p role="status" data-testid="ntl-attack-progress">
          Running {busy.label}: {busy.done} / {busy.total} {busy.label === 'EWC' ? 'Fisher images and steps' : 'steps'}…
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {attacks.length > 0 && (
        <table className="table" data-testid="ntl-attack-table">
          <thead>
            <tr>
              <th scope="col">attack</th>
              <th scope="col">clean before → after</th>
              <th scope="col">patched before → after</th>
              <th scope="col">note</th>
            </tr>
          </thead>
          <tbody>
            {attacks.map((r, i) => (
              <tr key={i} data-testid={`ntl-attack-row-${r.kind}`}>
                <th scope="row">{describe(r)}</th>
                <td>
                  {pct(r.before.clean)} → <strong>{pct(r.after.clean)}</strong>
                </td>
                <td data-testid={`ntl-attack-patched-${r.kind}`} data-value={r.after.patched}>
                  {pct(r.before.patched)} → <strong>{pct(r.after.patched)}</strong>
                </td>
                <td className="small">
                  {r.kind === 'prune' && r.sparsity !== undefined ? `${(r.sparsity * 100).toFixed(0)}% of kernel weights zero. ` : ''}
                  {r.kind === 'overwrite' && r.attackerPatched !== undefined ? `attacker's own patch: ${pct(r.attackerPatched)}. ` : ''}
                  {OUTCOME_NOTE[attackOutcome(r.after, r.before.clean)]}
                  {r.steps ? `${r.steps} steps, ` : ''}
                  {r.seconds.toFixed(1)} s
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">
        The owner's check: a model derived from the NTL model keeps its clean accuracy but stays near chance (10%) on patched
        images; an independent model (the SL reference above) classifies patched images as well as clean ones. An attack
        that lifts the patched accuracy back up has removed the evidence.
      </p>
    </div>
  );
}
