import { useId } from 'react';
import { SelectField, TextField } from '../../../shared/ui/fields';
import { parseLengths } from '../core/lengths';
import { INPUT_IDS, INPUT_LABELS, MAX_LENGTHS_TEXT, OPS, REDUCTIONS, type InputId, type Op, type Reduction } from '../core/types';
import { useEinopsUrl } from '../store';

/** The lengths box applies as you type, like the pattern box. */
const LENGTHS_DEBOUNCE_MS = 10;

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
  const lengths = parseLengths(values.lengths);
  const lengthsHelp = useId();

  return (
    <div className="field-stack">
      <SelectField label="Operation" testId="op-select" value={values.op} options={OPS} text={(op) => OP_LABELS[op]} onChange={(op: Op) => set({ op })} />
      {values.op === 'reduce' && (
        <SelectField label="Reduction" testId="reduction-select" value={values.reduction} options={REDUCTIONS} text={(r) => r} onChange={(reduction: Reduction) => set({ reduction })} />
      )}
      <SelectField label="Input" testId="input-select" value={values.input} options={INPUT_IDS} text={(i) => INPUT_LABELS[i]} onChange={(input: InputId) => set({ input })} />
      <TextField
        label="Axis lengths"
        testId="lengths-input"
        inputClassName="einops-lengths"
        debounceMs={LENGTHS_DEBOUNCE_MS}
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
