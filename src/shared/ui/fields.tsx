/**
 * The settings fields every demo uses, with one look (class `field`, in ui.css):
 * - `NumberField` commits on blur or Enter (never on each keystroke, so typing does not spam the
 *   link's notices), Escape restores the value, and a bad text names the allowed range inline;
 * - `SelectField` and `CheckboxField` commit at once.
 * Each takes a `testId` for the end-to-end tests.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';

export interface NumberSpec {
  label: string;
  min: number;
  max: number;
  /** The input's step attribute (arrow keys). */
  step: string;
  int: boolean;
  /** Shown under the field while the value is fine (e.g. "paper: 0.1"). */
  help?: string;
}

/** Why `text` is not a valid value of `spec`, naming the fix; null when it is valid. */
export function numberProblem(text: string, spec: NumberSpec): string | null {
  const t = text.trim();
  const v = Number(t);
  if (t === '' || !Number.isFinite(v)) return `"${text}" is not a number; type a value from ${spec.min} to ${spec.max}.`;
  if (spec.int && !Number.isInteger(v)) return `${spec.label.split(' (')[0]} must be a whole number; try ${Math.round(v)}.`;
  if (v < spec.min || v > spec.max) return `${v} is outside ${spec.min}–${spec.max}; type a value in that range.`;
  return null;
}

export function NumberField({ spec, value, onCommit, testId }: { spec: NumberSpec; value: number; onCommit: (v: number) => void; testId: string }) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(String(value));
    setError(null);
  }, [value]);
  const commit = () => {
    const problem = numberProblem(text, spec);
    setError(problem);
    if (problem) return;
    const v = Number(text.trim());
    if (v !== value) onCommit(v);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{spec.label}</label>
      <input
        id={id}
        data-testid={testId}
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
      <span id={`${id}-help`} className={error ? 'field-error' : 'muted small'} role={error ? 'alert' : undefined}>
        {error ?? spec.help}
      </span>
    </div>
  );
}

export function SelectField<T extends string>({
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
  /** The option's visible text. */
  text: (o: T) => string;
  onChange: (v: T) => void;
  testId: string;
  disabled?: boolean;
  help?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
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

export function CheckboxField({
  checked,
  onChange,
  testId,
  disabled,
  children,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
  testId: string;
  disabled?: boolean;
  /** The label text. */
  children: ReactNode;
}) {
  return (
    <label className="field-check">
      <input type="checkbox" data-testid={testId} checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      {children}
    </label>
  );
}
