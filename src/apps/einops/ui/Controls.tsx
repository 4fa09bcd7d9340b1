import { useId } from 'react';
import { parseLengths } from '../core/lengths';
import { INPUT_IDS, INPUT_LABELS, MAX_LENGTHS_TEXT, OPS, REDUCTIONS, type InputId, type Op, type Reduction } from '../core/types';
import { useEinopsUrl } from '../store';
import { DebouncedField } from './DebouncedField';

const OP_LABELS: Record<Op, string> = {
  rearrange: 'rearrange',
  reduce: 'reduce',
  repeat: 'repeat',
  einsum: 'einsum (input used for every operand)',
  pack: 'pack + unpack (class token)',
};

export function Controls() {
  const values = useEinopsUrl((s) => s.values);
  const set = useEinopsUrl((s) => s.set);
  const opId = useId();
  const redId = useId();
  const inputId = useId();
  const lengths = parseLengths(values.lengths);
  const lengthsHelp = useId();

  return (
    <div className="einops-controls">
      <div className="einops-field">
        <label htmlFor={opId}>Operation</label>
        <select id={opId} data-testid="op-select" value={values.op} onChange={(e) => set({ op: e.target.value as Op })}>
          {OPS.map((op) => (
            <option key={op} value={op}>
              {OP_LABELS[op]}
            </option>
          ))}
        </select>
      </div>
      {values.op === 'reduce' && (
        <div className="einops-field">
          <label htmlFor={redId}>Reduction</label>
          <select id={redId} data-testid="reduction-select" value={values.reduction} onChange={(e) => set({ reduction: e.target.value as Reduction })}>
            {REDUCTIONS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="einops-field">
        <label htmlFor={inputId}>Input</label>
        <select id={inputId} data-testid="input-select" value={values.input} onChange={(e) => set({ input: e.target.value as InputId })}>
          {INPUT_IDS.map((i) => (
            <option key={i} value={i}>
              {INPUT_LABELS[i]}
            </option>
          ))}
        </select>
      </div>
      <DebouncedField
        label="Axis lengths"
        testId="lengths-input"
        className="einops-lengths"
        maxLength={MAX_LENGTHS_TEXT}
        value={values.lengths}
        onCommit={(text) => set({ lengths: text })}
        placeholder="e.g. h2=2, w2=2"
        invalid={!lengths.ok}
        describedBy={lengthsHelp}
      />
      <p id={lengthsHelp} className="muted small">
        name=number pairs for axes whose length the input cannot tell (split groups, new repeat axes).
      </p>
    </div>
  );
}
