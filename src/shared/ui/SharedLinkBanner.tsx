/**
 * A shared link says what was shared: "Shared run: α 0.3 (paper 0.1), seed 7, target T3 · press Run
 * (about 40 s)". Shown when the page opened with settings away from the defaults (read once, when
 * the page mounts: it describes the link, not later edits); dismissible.
 */
import { useState, type ReactNode } from 'react';
import './ui.css';
import './results.css';

export interface SettingChange {
  key: string;
  /** e.g. "α 0.3 (paper 0.1)". */
  text: string;
}

export function SharedLinkBanner({ changes, action }: { changes: readonly SettingChange[]; action?: ReactNode }) {
  const [open, setOpen] = useState(true);
  if (!open || changes.length === 0) return null;
  return (
    <div className="shared-link-banner notice" role="note" data-testid="shared-link-banner">
      <p>
        <strong>Shared run:</strong>{' '}
        {changes.map((c, i) => (
          <span key={c.key} data-setting={c.key}>
            {i > 0 ? ', ' : ''}
            {c.text}
          </span>
        ))}
        {action && <> · {action}</>}
      </p>
      <button type="button" className="link-btn small" onClick={() => setOpen(false)} aria-label="Dismiss the shared-run note">
        Dismiss
      </button>
    </div>
  );
}
