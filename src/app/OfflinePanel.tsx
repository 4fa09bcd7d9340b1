/** The system page's "Offline copies" panel: what the saved packs take, and a button that removes them. */
import { useEffect, useState } from 'react';
import { clearPacks, formatMegabytes, loadPackList, storageUsed } from '../shared/offline';

export function OfflinePanel() {
  const [used, setUsed] = useState<number | null>(null);
  const [available, setAvailable] = useState<boolean | null>(null);
  const [cleared, setCleared] = useState(false);
  useEffect(() => {
    void loadPackList().then((l) => setAvailable(l !== null));
    void storageUsed().then(setUsed);
  }, [cleared]);
  return (
    <section className="panel" aria-labelledby="sys-offline">
      <h2 id="sys-offline">Offline copies</h2>
      {available === false ? (
        <p className="muted">This build has no offline support (the dev server has none; a production build served from dist/ does).</p>
      ) : (
        <>
          <p>
            Pages saved with “Make available offline” and the app shell take {used === null ? 'an unknown amount of' : formatMegabytes(used)} on this
            device. {cleared && 'The saved pages were removed.'}
          </p>
          <button
            type="button"
            className="btn small"
            data-testid="offline-clear"
            onClick={() => {
              void clearPacks().then(() => setCleared(true));
            }}
          >
            Remove saved pages
          </button>
        </>
      )}
    </section>
  );
}
