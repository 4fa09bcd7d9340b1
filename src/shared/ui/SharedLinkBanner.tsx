/**
 * A shared link says what was shared: "Shared run: α 0.3 (paper 0.1), seed 7, target T3 · press Run
 * (about 40 s)". Shown when the page opened with settings away from the defaults (read once, when
 * the page mounts: it describes the link, not later edits); dismissible.
 */
import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { changedSettings } from '../state/changes';
import type { UrlSchema, UrlValues } from '../state/schema';
import type { UrlStore } from '../state/store';
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

/** How the fields every schema has read in the banner; a demo's `describe` covers its own. */
function describeCommon(key: string, value: unknown): string {
  if (key === 'seed') return `seed ${String(value)}`;
  if (key === 'backend') return `backend ${String(value)} (forced)`;
  return `${key} ${String(value)}`;
}

/**
 * The banner for a demo page: what the opening link changed from the schema's defaults, read once
 * when the page mounts (it describes what was shared, not later edits). `describe` words a demo's
 * own fields, e.g. "α 0.3 (paper 0.1)"; returning undefined falls back to "key value".
 */
export function SharedLinkNote<S extends z.ZodRawShape>({
  schema,
  store,
  describe,
  action,
}: {
  schema: UrlSchema<S>;
  store: UrlStore<UrlValues<S>>;
  describe: (key: keyof UrlValues<S> & string, values: UrlValues<S>) => string | undefined;
  action?: ReactNode;
}) {
  const [changes] = useState<SettingChange[]>(() => {
    const values = store.getState().values;
    return changedSettings(schema, values).map((key) => ({ key, text: describe(key, values) ?? describeCommon(key, (values as Record<string, unknown>)[key]) }));
  });
  return <SharedLinkBanner changes={changes} action={action} />;
}
