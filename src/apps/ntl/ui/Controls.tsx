/**
 * The settings panel: what to train and how. Every value is in the link (store.ts); a change resets
 * the current run (TrainingPanel watches the training-relevant fields).
 */
import { CheckboxField, NumberField, SelectField, type NumberSpec } from '../../../shared/ui/fields';
import { domainOption, DOMAINS, LOSS_VARIANTS, MODE_LABELS, MODES, settingsProblem, sourceFixedToS, type Mode } from '../core/settings';
import { useNtlUrl, type NtlUrlValues } from '../store';

const MODE_HELP: Record<Mode, string> = {
  sl: 'Plain cross-entropy on the source. The reference every NTL number is compared with.',
  target: 'Keep the source, break the chosen target: L = L_S − min(β, α·L_T·L_dis).',
  sourceOnly: 'No target data: NTL against procedural neighbours of S (our stand-in for the paper\'s GAN).',
  ownership: 'T = source + a faint lattice patch. The patch then breaks the model, which marks it as yours; then try to remove that with the attacks below.',
  authorization: 'The patch is the key: only patched source images are classified; clean S and the neighbours are pushed away.',
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

export function Controls() {
  const v = useNtlUrl((s) => s.values);
  const set = useNtlUrl((s) => s.set);
  const problem = settingsProblem(v);
  const fixedS = sourceFixedToS(v.mode);
  const targetUsed = v.mode === 'target' || v.mode === 'sl';
  const ntl = v.mode !== 'sl';
  const num = (k: NumKey) => <NumberField spec={NUM_FIELDS[k]} testId={`ntl-${k}`} value={v[k] as number} onCommit={(x) => set({ [k]: x } as Partial<NtlUrlValues>)} />;
  return (
    <div className="field-stack">
      <SelectField
        label="Mode"
        testId="ntl-mode"
        value={v.mode}
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
          options={DOMAINS}
          text={domainOption}
          onChange={(target) => set({ target })}
          disabled={!targetUsed}
          help={targetUsed ? undefined : v.mode === 'ownership' ? 'T = source + patch' : v.mode === 'sourceOnly' ? 'T = neighbours of S' : 'T = clean S ∪ neighbours'}
        />
      </div>
      {problem && (
        <p className="field-error" role="alert" data-testid="ntl-settings-problem">
          {problem}
        </p>
      )}
      <fieldset className="field-group" disabled={!ntl}>
        <legend>NTL loss{ntl ? '' : ' (not used by SL)'}</legend>
        <div className="field-row">
          {num('alpha')}
          {num('beta')}
        </div>
        <SelectField
          label="Loss form"
          testId="ntl-loss"
          value={v.loss}
          options={LOSS_VARIANTS}
          text={(l) => (l === 'paper' ? 'paper: L_S − min(β, α·L_T·L_dis)' : 'official code: KL/10 terms, no outer min')}
          onChange={(loss) => set({ loss })}
        />
        <p className="muted small">α′ = 0.1 and β′ = 1 (the cap on L_dis) are fixed at the paper's values.</p>
      </fieldset>
      <div className="field-row">
        {num('lr')}
        {num('steps')}
      </div>
      <div className="field-row">
        {num('batch')}
        {num('seed')}
      </div>
      <CheckboxField testId="ntl-baseline" checked={v.baseline} disabled={!ntl} onChange={(baseline) => set({ baseline })}>
        Train an SL reference alongside (same data and seed), for the relative drops
      </CheckboxField>
    </div>
  );
}
