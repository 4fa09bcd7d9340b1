/**
 * The settings panel: the system (core/systems.ts), the generated data, the input prior and the
 * optimiser. Every value is in the link (store.ts); a change to a training setting makes a new run
 * (TrainingPanel watches them), and while a run is in progress they are locked (RunLockFieldset),
 * the system picker too (switching would drop the run). The shown trial is not a training setting:
 * it switches the views at any time. The Lorenz system is not trained here, so its panel hides the
 * training settings and says why (they stay in the link for the live systems); the Duffing system
 * (d) trains live on its own fixed set-up, so only its steps and seed show, with the reason.
 */
import { CheckboxField, NumberField, SelectField, type NumberSpec } from '../../../shared/ui/fields';
import { RunLockFieldset } from '../../../shared/ui/live/RunLock';
import { Term } from '../../../shared/ui/Term';
import { GLOSSARY } from '../glossary';
import { LIMITS, PRIOR_LABELS, PRIORS } from '../core/settings';
import { DUFFING_LIVE, inapplicableSettings, LORENZ_TEST_TRIALS, SYSTEM_HELP, SYSTEM_LABELS, SYSTEMS, systemSettingsProblem } from '../core/systems';
import { ilqrSchema, switchSystem, useIlqrUrl, type IlqrUrlValues } from '../store';

type NumKey = 'trials' | 'bins' | 'noise' | 'lr' | 'steps' | 'seed';

const NUM_FIELDS: Record<NumKey, NumberSpec> = {
  trials: { label: 'Trials', min: LIMITS.trials[0], max: LIMITS.trials[1], step: '1', int: true, help: 'Table S1: 10' },
  bins: { label: 'Time bins per trial', min: LIMITS.bins[0], max: LIMITS.bins[1], step: '50', int: true, help: 'Table S1: 200' },
  noise: { label: 'Observation noise σ', min: LIMITS.noise[0], max: LIMITS.noise[1], step: '0.05', int: false, help: 'not stated in the paper' },
  lr: { label: 'c in the learning rate c/(1+√k)', min: LIMITS.lrScale[0], max: LIMITS.lrScale[1], step: '0.01', int: false, help: 'paper: 0.04' },
  steps: { label: 'Adam steps', min: LIMITS.steps[0], max: LIMITS.steps[1], step: '10', int: true, help: 'one step = every trial once' },
  seed: { label: 'Seed', min: 0, max: 2 ** 31 - 1, step: '1', int: true, help: 'system, data, initialisation, samples' },
};

const ADVANCED: readonly (keyof IlqrUrlValues)[] = ['noise', 'lr', 'implicit'];

function SystemPicker() {
  const v = useIlqrUrl((s) => s.values);
  const set = useIlqrUrl((s) => s.set);
  return (
    <SelectField
      label="System"
      testId="ilqr-system"
      value={v.system}
      defaultValue={ilqrSchema.defaults.system}
      options={SYSTEMS}
      text={(k) => SYSTEM_LABELS[k]}
      onChange={(system) => set(switchSystem(v, system))}
      help={SYSTEM_HELP[v.system]}
    />
  );
}

function LorenzControls() {
  const v = useIlqrUrl((s) => s.values);
  const set = useIlqrUrl((s) => s.set);
  const problem = systemSettingsProblem(v);
  const hidden = inapplicableSettings('lorenz');
  return (
    <>
      <div className="field-stack">
        <SystemPicker />
      </div>
      <NumberField
        spec={{ label: 'Test trial shown', min: 1, max: LORENZ_TEST_TRIALS, step: '1', int: true, help: `1–${LORENZ_TEST_TRIALS}: trials the model never trained on` }}
        testId="ilqr-trial"
        value={v.trial}
        defaultValue={ilqrSchema.defaults.trial}
        onCommit={(trial) => set({ trial })}
      />
      {problem && (
        <p className="field-error" role="alert" data-testid="ilqr-settings-problem">
          {problem}
        </p>
      )}
      <p className="small muted" data-testid="ilqr-hidden-settings">
        {hidden?.reason}
      </p>
    </>
  );
}

function DuffingControls() {
  const v = useIlqrUrl((s) => s.values);
  const set = useIlqrUrl((s) => s.set);
  const defaults = ilqrSchema.defaults;
  const problem = systemSettingsProblem(v);
  const hidden = inapplicableSettings('duffing');
  // one Duffing step is a minibatch, not every trial
  const specs = { steps: { ...NUM_FIELDS.steps, help: `one step = a minibatch of ${DUFFING_LIVE.batch} trials` }, seed: NUM_FIELDS.seed };
  const num = (k: 'steps' | 'seed') => <NumberField spec={specs[k]} testId={`ilqr-${k}`} value={v[k]} defaultValue={defaults[k]} onCommit={(x) => set({ [k]: x })} />;
  return (
    <>
      <NumberField
        spec={{ label: 'Held-out trial shown', min: 1, max: DUFFING_LIVE.testTrials, step: '1', int: true, help: `1–${DUFFING_LIVE.testTrials}: trials the model never trains on; does not restart the run` }}
        testId="ilqr-trial"
        value={v.trial}
        defaultValue={defaults.trial}
        onCommit={(trial) => set({ trial })}
      />
      {problem && (
        <p className="field-error" role="alert" data-testid="ilqr-settings-problem">
          {problem}
        </p>
      )}
      <RunLockFieldset idPrefix="ilqr">
        <SystemPicker />
        <div className="field-row">
          {num('steps')}
          {num('seed')}
        </div>
      </RunLockFieldset>
      <p className="small muted" data-testid="ilqr-hidden-settings">
        {hidden?.reason}
      </p>
    </>
  );
}

export function Controls() {
  const system = useIlqrUrl((s) => s.values.system);
  return system === 'lorenz' ? <LorenzControls /> : system === 'duffing' ? <DuffingControls /> : <LiveControls />;
}

function LiveControls() {
  const v = useIlqrUrl((s) => s.values);
  const set = useIlqrUrl((s) => s.set);
  const defaults = ilqrSchema.defaults;
  const problem = systemSettingsProblem(v);
  const advancedChanged = ADVANCED.some((k) => v[k] !== defaults[k]);
  const num = (k: NumKey) => (
    <NumberField spec={NUM_FIELDS[k]} testId={`ilqr-${k}`} value={v[k] as number} defaultValue={defaults[k] as number} onCommit={(x) => set({ [k]: x } as Partial<IlqrUrlValues>)} />
  );
  return (
    <>
      <NumberField
        spec={{ label: 'Trial shown', min: 1, max: v.trials, step: '1', int: true, help: `1–${v.trials}; does not restart the run` }}
        testId="ilqr-trial"
        value={Math.min(v.trial, v.trials)}
        defaultValue={defaults.trial}
        onCommit={(trial) => set({ trial })}
      />
      <RunLockFieldset idPrefix="ilqr">
        <SystemPicker />
        <SelectField
          label="Prior on the inputs"
          testId="ilqr-prior"
          value={v.prior}
          defaultValue={defaults.prior}
          options={PRIORS}
          text={(p) => PRIOR_LABELS[p]}
          onChange={(prior) => set({ prior })}
          help={
            <>
              <Term tip={GLOSSARY['Student-t']}>Student-t</Term> expects rare, large inputs, like the events in this data.
            </>
          }
        />
        <div className="field-row">
          {num('trials')}
          {num('bins')}
        </div>
        {problem && (
          <p className="field-error" role="alert" data-testid="ilqr-settings-problem">
            {problem}
          </p>
        )}
        <div className="field-row">
          {num('steps')}
          {num('seed')}
        </div>
        <details className="fold" open={advancedChanged || undefined} data-testid="ilqr-advanced">
          <summary>Advanced: the data's noise, the optimiser and the gradient</summary>
          <div className="fold-body">
            <div className="field-row">
              {num('noise')}
              {num('lr')}
            </div>
            <CheckboxField testId="ilqr-implicit" checked={v.implicit} defaultValue={defaults.implicit} onChange={(implicit) => set({ implicit })}>
              <span>
                Differentiate through <Term tip={GLOSSARY['u*']}>u*</Term> (the paper's Appendix F: one extra LQR pass per trial). Off: u* is treated as a constant.
              </span>
            </CheckboxField>
          </div>
        </details>
      </RunLockFieldset>
    </>
  );
}
