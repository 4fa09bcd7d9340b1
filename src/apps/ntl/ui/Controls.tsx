/**
 * The settings panel: what to train and how. Every value is in the link (store.ts); a change resets
 * the current run (TrainingPanel watches the training-relevant fields).
 */
import { useEffect, useId, useState } from 'react';
import { domainOption } from '../core/settings';
import { DOMAINS, LOSS_VARIANTS, MODE_LABELS, MODES, settingsProblem, sourceFixedToS, useNtlUrl, type Mode, type NtlUrlValues } from '../store';

const MODE_HELP: Record<Mode, string> = {
  sl: 'Plain cross-entropy on the source. The reference every NTL number is compared with.',
  target: 'Keep the source, break the chosen target: L = L_S − min(β, α·L_T·L_dis).',
  sourceOnly: 'No target data: NTL against procedural neighbours of S (our stand-in for the paper\'s GAN).',
  ownership: 'T = source + a faint lattice patch. The patch then breaks the model, which marks it as yours; then try to remove that with the attacks below.',
  authorization: 'The patch is the key: only patched source images are classified; clean S and the neighbours are pushed away.',
};

type NumKey = 'alpha' | 'beta' | 'lr' | 'steps' | 'batch' | 'seed';

const NUM_FIELDS: Record<NumKey, { label: string; min: number; max: number; step: string; int: boolean; help?: string }> = {
  alpha: { label: 'α (weight of L_T·L_dis)', min: 0, max: 10, step: '0.05', int: false, help: 'paper: 0.1' },
  beta: { label: 'β (cap of the subtracted term)', min: 0, max: 10, step: '0.1', int: false, help: 'paper: 1' },
  lr: { label: 'Learning rate (Adam)', min: 1e-5, max: 0.05, step: '0.0005', int: false, help: 'default 0.002' },
  steps: { label: 'Steps', min: 2, max: 2000, step: '10', int: true, help: 'one step = one batch per domain' },
  batch: { label: 'Batch (images per domain)', min: 4, max: 128, step: '4', int: true, help: 'paper: 32' },
  seed: { label: 'Seed', min: 0, max: 2 ** 31 - 1, step: '1', int: true, help: 'data, initialisation, batches' },
};

/** A number input that commits on blur or Enter and names the allowed range when the text is not a valid value. */
function NumberField({ k, value, onCommit }: { k: NumKey; value: number; onCommit: (v: number) => void }) {
  const spec = NUM_FIELDS[k];
  const id = useId();
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(String(value));
    setError(null);
  }, [value]);
  const commit = () => {
    const t = text.trim();
    const v = Number(t);
    if (t === '' || !Number.isFinite(v)) {
      setError(`"${text}" is not a number; type a value from ${spec.min} to ${spec.max}.`);
      return;
    }
    if (spec.int && !Number.isInteger(v)) {
      setError(`${spec.label.split(' (')[0]} must be a whole number; try ${Math.round(v)}.`);
      return;
    }
    if (v < spec.min || v > spec.max) {
      setError(`${v} is outside ${spec.min}–${spec.max}; type a value in that range.`);
      return;
    }
    setError(null);
    if (v !== value) onCommit(v);
  };
  return (
    <div className="ntl-field">
      <label htmlFor={id}>{spec.label}</label>
      <input
        id={id}
        data-testid={`ntl-${k}`}
        type="number"
        inputMode="decimal"
        min={spec.min}
        max={spec.max}
        step={spec.step}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help`}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setText(String(value));
            setError(null);
          }
        }}
      />
      <span id={`${id}-help`} className={error ? 'ntl-field-error' : 'muted small'} role={error ? 'alert' : undefined}>
        {error ?? spec.help}
      </span>
    </div>
  );
}

function Select<T extends string>({
  label,
  value,
  options,
  text,
  onChange,
  testId,
  disabled,
  help,
}: {
  label: string;
  value: T;
  options: readonly T[];
  text: (o: T) => string;
  onChange: (v: T) => void;
  testId: string;
  disabled?: boolean;
  help?: string;
}) {
  const id = useId();
  return (
    <div className="ntl-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={testId} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {text(o)}
          </option>
        ))}
      </select>
      {help && <span className="muted small">{help}</span>}
    </div>
  );
}

export function Controls() {
  const v = useNtlUrl((s) => s.values);
  const set = useNtlUrl((s) => s.set);
  const problem = settingsProblem(v);
  const fixedS = sourceFixedToS(v.mode);
  const targetUsed = v.mode === 'target' || v.mode === 'sl';
  const ntl = v.mode !== 'sl';
  const num = (k: NumKey) => <NumberField k={k} value={v[k] as number} onCommit={(x) => set({ [k]: x } as Partial<NtlUrlValues>)} />;
  return (
    <div className="ntl-controls">
      <Select
        label="Mode"
        testId="ntl-mode"
        value={v.mode}
        options={MODES}
        text={(m) => MODE_LABELS[m]}
        onChange={(mode) => set({ mode })}
        help={MODE_HELP[v.mode]}
      />
      <div className="ntl-row">
        <Select
          label="Source"
          testId="ntl-source"
          value={fixedS ? 'S' : v.source}
          options={DOMAINS}
          text={domainOption}
          onChange={(source) => set({ source })}
          disabled={fixedS}
          help={fixedS ? 'fixed to S: the neighbours are made from S' : undefined}
        />
        <Select
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
        <p className="ntl-field-error" role="alert" data-testid="ntl-settings-problem">
          {problem}
        </p>
      )}
      <fieldset className="ntl-group" disabled={!ntl}>
        <legend>NTL loss{ntl ? '' : ' (not used by SL)'}</legend>
        <div className="ntl-row">
          {num('alpha')}
          {num('beta')}
        </div>
        <Select
          label="Loss form"
          testId="ntl-loss"
          value={v.loss}
          options={LOSS_VARIANTS}
          text={(l) => (l === 'paper' ? 'paper: L_S − min(β, α·L_T·L_dis)' : 'official code: KL/10 terms, no outer min')}
          onChange={(loss) => set({ loss })}
        />
        <p className="muted small">α′ = 0.1 and β′ = 1 (the cap on L_dis) are fixed at the paper's values.</p>
      </fieldset>
      <div className="ntl-row">
        {num('lr')}
        {num('steps')}
      </div>
      <div className="ntl-row">
        {num('batch')}
        {num('seed')}
      </div>
      <label className="ntl-check">
        <input type="checkbox" data-testid="ntl-baseline" checked={v.baseline} disabled={!ntl} onChange={(e) => set({ baseline: e.target.checked })} />
        Train an SL reference alongside (same data and seed), for the relative drops
      </label>
    </div>
  );
}
