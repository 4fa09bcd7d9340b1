/**
 * The header's backend badge: a page that loads no tfjs but whose worker does (`tfInWorker`) shows
 * that worker's backend, never "this demo does not use tfjs"; a page without tfjs anywhere still says so.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BackendBadge } from './DemoFrame';

const ready = { phase: 'ready', info: null } as const;
const badge = (props: Parameters<typeof BackendBadge>[0]) => renderToStaticMarkup(<BackendBadge {...props} />);

describe('BackendBadge', () => {
  it('says "none" for a demo without tfjs anywhere', () => {
    expect(badge({ usesTf: false, startup: ready })).toContain('data-backend="none"');
    expect(badge({ usesTf: false, startup: ready })).toContain('does not use tfjs');
  });

  it('shows the worker’s backend and why when tfjs runs only in the worker', () => {
    const html = badge({
      usesTf: false,
      startup: ready,
      tfInWorker: { backend: { name: 'cpu', reason: 'forced by the page', forced: true }, error: null, starting: false },
    });
    expect(html).toContain('data-backend="cpu"');
    expect(html).toContain('in the worker');
    expect(html).toContain('forced by the page');
    expect(html).not.toContain('does not use tfjs');
  });

  it('before the worker has a backend: idle, starting or failed, never the page’s "starting"', () => {
    const status = (starting: boolean, error: string | null) => badge({ usesTf: false, startup: ready, tfInWorker: { backend: null, error, starting } });
    expect(status(false, null)).toContain('data-backend="worker-idle"');
    expect(status(true, null)).toContain('data-backend="worker-starting"');
    expect(status(false, 'no backend could start')).toContain('data-backend="worker-failed"');
    expect(status(false, 'no backend could start')).toContain('no backend could start');
  });
});
