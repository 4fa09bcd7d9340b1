/**
 * The settings fields every demo uses, with one look (class `field`, in ui.css):
 * - `NumberField` commits on blur or Enter (never on each keystroke, so typing does not spam the
 *   link's notices), Escape restores the value, and a bad text names the allowed range inline;
 * - `TextField` applies as you type (debounced) and at once on Enter, for live editors (an einops
 *   pattern, a SMILES string);
 * - `SelectField` and `CheckboxField` commit at once.
 * Each takes a `testId` for the end-to-end tests.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

const fieldClass = <T,>(value: T, defaultValue: T | undefined) => (defaultValue !== undefined && !Object.is(value, defaultValue) ? 'field field-changed' : 'field');

/** "changed" next to a label whose value is not the default (what a shared link set), with the default on hover. */
function ChangedMark<T>({ value, defaultValue, format = String }: { value: T; defaultValue: T | undefined; format?: (v: T) => string }) {
  if (defaultValue === undefined || Object.is(value, defaultValue)) return null;
  return (
    <span className="changed-mark" title={`default: ${format(defaultValue)}`}>
      {' '}
      changed<span className="visually-hidden"> from the default {format(defaultValue)}</span>
    </span>
  );
}

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

export function NumberField({
  spec,
  value,
  onCommit,
  testId,
  defaultValue,
}: {
  spec: NumberSpec;
  value: number;
  onCommit: (v: number) => void;
  testId: string;
  /** When given and different from `value`, the field is marked as changed (e.g. by a shared link). */
  defaultValue?: number;
}) {
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
    <div className={fieldClass(value, defaultValue)}>
      <label htmlFor={id}>
        {spec.label}
        <ChangedMark value={value} defaultValue={defaultValue} />
      </label>
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
  defaultValue,
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
  /** When given and different from `value`, the field is marked as changed. */
  defaultValue?: T;
}) {
  const id = useId();
  return (
    <div className={fieldClass(value, defaultValue)}>
      <label htmlFor={id}>
        {label}
        <ChangedMark value={value} defaultValue={defaultValue} format={text} />
      </label>
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
  defaultValue,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
  testId: string;
  disabled?: boolean;
  /** The label text. */
  children: ReactNode;
  /** When given and different from `checked`, the field is marked as changed. */
  defaultValue?: boolean;
}) {
  return (
    <label className={'field-check' + (defaultValue !== undefined && defaultValue !== checked ? ' field-changed' : '')}>
      <input type="checkbox" data-testid={testId} checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      {children}
      <ChangedMark value={checked} defaultValue={defaultValue} format={(v) => (v ? 'on' : 'off')} />
    </label>
  );
}

/**
 * A text box that applies as you type (debounced by `debounceMs`) and at once on Enter. It holds its
 * own draft, so fast typing is never overwritten by a slower round trip through the link state; a
 * value set from outside (a gallery, a link) replaces the draft.
 */
export function TextField({
  label,
  testId,
  value,
  onCommit,
  debounceMs,
  maxLength,
  inputClassName,
  placeholder,
  invalid,
  describedBy,
}: {
  label: string;
  testId: string;
  value: string;
  onCommit: (text: string) => void;
  debounceMs: number;
  maxLength?: number;
  /** Extra class of the input (e.g. a monospace pattern box). */
  inputClassName?: string;
  placeholder?: string;
  invalid?: boolean;
  /** Id of the element that explains the field or its error. */
  describedBy?: string;
}) {
  const [draft, setDraft] = useState(value);
  const committed = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const id = useId();

  // A value that is not what this field last committed came from outside: show it.
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setDraft(value);
    }
  }, [value]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const commit = (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    committed.current = text;
    onCommit(text);
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={inputClassName}
        data-testid={testId}
        type="text"
        value={draft}
        maxLength={maxLength}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        placeholder={placeholder}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(text), debounceMs);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit(draft);
          }
        }}
      />
    </div>
  );
}
