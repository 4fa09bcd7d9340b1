import { useId } from 'react';
import { SelectField, TextField } from '../../../shared/ui/fields';
import { parseLengths } from '../core/lengths';
import { INPUT_IDS, INPUT_LABELS, MAX_LENGTHS_TEXT, OPS, REDUCTIONS, type InputId, type Op, type Reduction } from '../core/types';
import { useEinopsUrl } from '../store';
import { typingEvents, useSettledProblem } from './typing';

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
  // Red only once typing pauses: "h2=" is on the way to "h2=2".
  const lengthsProblem = useSettledProblem(lengths.ok ? null : lengths.message, values.lengths);
  const lengthsHelp = useId();

  return (
    <div className="field-stack">
      <SelectField label="Operation" testId="op-select" value={values.op} options={OPS} text={(op) => OP_LABELS[op]} onChange={(op: Op) => set({ op })} />
      {values.op === 'reduce' && (
        <SelectField label="Reduction" testId="reduction-select" value={values.reduction} options={REDUCTIONS} text={(r) => r} onChange={(reduction: Reduction) => set({ reduction })} />
      )}
      <SelectField label="Input" testId="input-select" value={values.input} options={INPUT_IDS} text={(i) => INPUT_LABELS[i]} onChange={(input: InputId) => set({ input })} />
      <div className="einops-typing-scope" {...typingEvents}>
        <TextField
          label="Axis lengths"
          testId="lengths-input"
          inputClassName="einops-lengths"
          debounceMs={LENGTHS_DEBOUNCE_MS}
          maxLength={MAX_LENGTHS_TEXT}
          value={values.lengths}
          onCommit={(text) => set({ lengths: text })}
          placeholder="e.g. h2=2, w2=2"
          invalid={lengthsProblem !== null}
          describedBy={lengthsHelp}
        />
      </div>
      <p id={lengthsHelp} className="muted small">
        name=number pairs for axes whose length the input cannot tell (split groups, new repeat axes).
      </p>
    </div>
  );
}
