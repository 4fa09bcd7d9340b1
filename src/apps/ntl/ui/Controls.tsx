/**
 * The settings panel: what to train and how. Every value is in the link (store.ts); a change resets
 * the current run (TrainingPanel watches the training-relevant fields).
 */
import { CheckboxField, NumberField, SelectField, type NumberSpec } from '../../../shared/ui/fields';
import { RunLockFieldset } from '../../../shared/ui/live/RunLock';
import { Term } from '../../../shared/ui/Term';
import { GLOSSARY } from '../glossary';
import { domainOption, DOMAINS, LOSS_VARIANTS, MODE_LABELS, MODES, settingsProblem, sourceFixedToS, type Mode } from '../core/settings';
import { ntlSchema, useNtlUrl, type NtlUrlValues } from '../store';

const MODE_HELP: Record<Mode, string> = {
  sl: 'Normal training on the source only (supervised learning, SL): the reference every NTL number is compared with.',
  target: 'Keep the source working and make the model fail on the target domain you pick.',
  sourceOnly: 'No target data at all: NTL pushes away synthetic neighbours of S (our stand-in for the paper\'s GAN), hoping unseen domains fall too.',
  ownership: 'The target is the source with a faint patch: the model then fails on patched images, which marks it as yours. Then try to remove the mark with the attacks.',
  authorization: 'The patch becomes a key: only patched source images are classified; clean S and its neighbours are pushed away.',
};

type NumKey = 'alpha' | 'beta' | 'lr' | 'steps' | 'batch' | 'seed';

const NUM_FIELDS: Record<NumKey, NumberSpec> = {
  alpha: { label: 'α (weight of L_T·L_dis)', min: 0, max: 10, step: '0.05', int: false, help: 'paper: 0.1' },
  beta: { label: 'β (cap of the subtracted term)', min: 0, max: 10, step: '0.1', int: false, help: 'paper: 1' },
  lr: { label: 'Learning rate (Adam)', min: 1e-5, max: 0.05, step: '0.0005', int: false, help: 'default 0.002' },
  steps: { label: 'Steps', min: 2, max: 2000, step: '10', int: true, help: 'one step = one batch per domain' },
  batch: { label: 'Batch (images per domain)', min: 4, max: 128, step: '4', int: true, help: 'paper: 32' },
  seed: { label: 'Seed', min: 0, max: 2 ** 31 - 1, step: '1', int: true, help: 'data, initialisation, batches' },
};

/** The loss and optimiser knobs: folded under "Advanced", open when a link changed one of them. */
const ADVANCED: readonly (keyof NtlUrlValues)[] = ['alpha', 'beta', 'loss', 'lr', 'batch'];

export function Controls() {
  const v = useNtlUrl((s) => s.values);
  const set = useNtlUrl((s) => s.set);
  const defaults = ntlSchema.defaults;
  const problem = settingsProblem(v);
  const fixedS = sourceFixedToS(v.mode);
  const targetUsed = v.mode === 'target' || v.mode === 'sl';
  const ntl = v.mode !== 'sl';
  const advancedChanged = ADVANCED.some((k) => v[k] !== defaults[k]);
  const num = (k: NumKey) => (
    <NumberField spec={NUM_FIELDS[k]} testId={`ntl-${k}`} value={v[k] as number} defaultValue={defaults[k] as number} onCommit={(x) => set({ [k]: x } as Partial<NtlUrlValues>)} />
  );
  return (
    <RunLockFieldset idPrefix="ntl">
        <SelectField
          label="Mode"
          testId="ntl-mode"
          value={v.mode}
          defaultValue={defaults.mode}
          options={MODES}
          text={(m) => MODE_LABELS[m]}
          onChange={(mode) => set({ mode })}
          help={MODE_HELP[v.mode]}
        />
        <div className="field-row">
          <SelectField
            label="Source"
            testId="ntl-source"
            value={fixedS ? 'S' : v.source}
            defaultValue={fixedS ? undefined : defaults.source}
            options={DOMAINS}
            text={domainOption}
            onChange={(source) => set({ source })}
            disabled={fixedS}
            help={fixedS ? 'fixed to S: the neighbours are made from S' : undefined}
          />
          <SelectField
            label={v.mode === 'sl' ? 'Compare with' : 'Target'}
            testId="ntl-target"
            value={v.target}
            defaultValue={targetUsed ? defaults.target : undefined}
            options={DOMAINS}
            text={domainOption}
            onChange={(target) => set({ target })}
            disabled={!targetUsed}
            help={targetUsed ? undefined : v.mode === 'ownership' ? 'target = source + patch' : v.mode === 'sourceOnly' ? 'target = neighbours of S' : 'target = clean S and its neighbours'}
          />
        </div>
        {problem && (
          <p className="field-error" role="alert" data-testid="ntl-settings-problem">
            {problem}
          </p>
        )}
        <div className="field-row">
          {num('steps')}
          {num('seed')}
        </div>
        <CheckboxField testId="ntl-baseline" checked={v.baseline} defaultValue={defaults.baseline} disabled={!ntl} onChange={(baseline) => set({ baseline })}>
          <span>
            Train a normal model (<Term tip={GLOSSARY.SL}>SL</Term>) alongside, on the same data and seed, to compare with
          </span>
        </CheckboxField>
        <details className="fold" open={advancedChanged || undefined} data-testid="ntl-advanced">
          <summary>Advanced: the loss and the optimiser</summary>
          <div className="fold-body">
            <fieldset className="field-group" disabled={!ntl}>
              <legend>NTL loss{ntl ? '' : ' (not used by SL)'}</legend>
              <p className="muted small">
                L = L<sub>S</sub> − min(β, α·L<sub>T</sub>·L<sub>dis</sub>), L<sub>dis</sub> = min(β′, α′·<Term tip={GLOSSARY.MMD}>MMD</Term>(
                <Term tip={GLOSSARY.Φ}>Φ</Term>(x<sub>S</sub>), Φ(x<sub>T</sub>))): see "What the paper does" below.
              </p>
              <div className="field-row">
                {num('alpha')}
                {num('beta')}
              </div>
              <SelectField
                label="Loss form"
                testId="ntl-loss"
                value={v.loss}
                defaultValue={defaults.loss}
                options={LOSS_VARIANTS}
                text={(l) => (l === 'paper' ? 'paper: L_S − min(β, α·L_T·L_dis)' : 'official code: KL/10 terms, no outer min')}
                onChange={(loss) => set({ loss })}
              />
              <p className="muted small">α′ = 0.1 and β′ = 1 (the cap on L_dis) are fixed at the paper's values.</p>
            </fieldset>
            <div className="field-row">
              {num('lr')}
              {num('batch')}
            </div>
          </div>
        </details>
    </RunLockFieldset>
  );
}
