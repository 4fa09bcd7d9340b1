export type UrlNotice = string | { field: string; message: string };

function text(n: UrlNotice): string {
  return typeof n === 'string' ? n : n.field ? `${n.field}: ${n.message}` : n.message;
}

/**
 * What a link asked for that could not be honoured (bad values, old versions), shown where the
 * user sees it, with a way to dismiss each one. The page itself opens with defaults.
 */
export function UrlNotices({ notices, onDismiss }: { notices: readonly UrlNotice[]; onDismiss?: (index: number) => void }) {
  if (notices.length === 0) return null;
  return (
    <div className="notice url-notices" role="status" data-testid="url-notice">
      <div>
        <strong>This link was partly understood.</strong>
        <ul>
          {notices.map((n, i) => (
            <li key={i + text(n)}>
              {text(n)}
              {onDismiss && (
                <button
                  type="button"
                  className="btn small link-btn"
                  data-testid="dismiss-notice"
                  onClick={() => onDismiss(i)}
                  aria-label={`Dismiss: ${text(n)}`}
                >
                  Dismiss
                </button>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
