import { useEffect, useId, useRef, useState } from 'react';
/** Debounce of the pattern box: short enough that output follows typing within 100 ms. */
export const PATTERN_DEBOUNCE_MS = 10;

/**
 * A text box that applies as you type (debounced), and at once on Enter: the pattern and the lengths box. Holds its own draft so
 * that fast typing is never overwritten by a slower round trip through the link state; a pattern
 * set from outside (gallery, link) replaces the draft.
 */
export function DebouncedField({
  label,
  testId,
  maxLength,
  className,
  value,
  onCommit,
  placeholder,
  invalid,
  describedBy,
}: {
  label: string;
  testId: string;
  maxLength: number;
  className: string;
  value: string;
  onCommit: (pattern: string) => void;
  placeholder: string;
  invalid: boolean;
  describedBy: string;
}) {
  const [draft, setDraft] = useState(value);
  const committed = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const id = useId();

  // A value that is not what this editor last committed came from outside: show it.
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setDraft(value);
    }
  }, [value]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const commit = (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    committed.current = text;
    onCommit(text);
  };

  return (
    <div className="einops-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={className + (invalid ? ' invalid' : '')}
        data-testid={testId}
        type="text"
        value={draft}
        maxLength={maxLength}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        placeholder={placeholder}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(text), PATTERN_DEBOUNCE_MS);
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
