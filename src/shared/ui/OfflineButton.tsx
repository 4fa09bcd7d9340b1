/** "Make available offline, N MB" for a route (or `all`), with the pack's status (src/shared/offline.ts). */
import { formatMegabytes, useOfflinePack } from '../offline';

export function OfflineButton({ route, label }: { route: string; label?: string }) {
  const { status, bytes, done, error, save } = useOfflinePack(route);
  if (status === 'unavailable' || status === 'checking') return null;
  const size = formatMegabytes(bytes);
  return (
    <span className="meta-item offline-pack" data-testid={`offline-${route}`} data-status={status}>
      {status === 'available' && (
        <span className="offline-badge" title="Saved on this device: this page works without a network">
          ✓ Available offline ({size})
        </span>
      )}
      {(status === 'missing' || status === 'error') && (
        <button type="button" className="btn small" data-testid={`offline-${route}-save`} onClick={save} title="Saves this page's code, models and data on this device, so it works without a network">
          {label ?? 'Make available offline'}, {size}
        </button>
      )}
      {status === 'saving' && (
        <span role="status">
          Saving for offline use… {formatMegabytes(done)} of {size}
        </span>
      )}
      {error && (
        <span className="field-error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </span>
  );
}
