/**
 * "QR code" beside "Copy link" (issue #15): a dialog with a QR code of the current link, big enough
 * to scan from the back of a lecture hall when it is projected. The encoder (uqr) is imported when
 * the dialog opens, never with the page. A native modal `<dialog>`: Esc closes it, focus stays
 * inside while it is open and returns to the button afterwards.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { localOnlyNote, moduleScale, qrLinkProblem, qrPixels, QR_ECC, QUIET_MODULES } from './qr';

type Shown =
  | { phase: 'closed' }
  | { phase: 'loading'; href: string }
  | { phase: 'ready'; href: string; version: number; modules: number }
  | { phase: 'failed'; href: string; message: string };

/**
 * The largest code the viewport allows with the dialog's text still on screen, in CSS px: most of
 * the short side (about 450 px on a 1280×720 projector), never above 720.
 */
function targetCssPx(): number {
  const w = window.innerWidth || 360;
  const h = window.innerHeight || 640;
  return Math.max(160, Math.min(720, w * 0.86, h * 0.62));
}

export function ShareQrButton({ className, label = 'QR code' }: { className?: string; label?: string }) {
  const [shown, setShown] = useState<Shown>({ phase: 'closed' });
  const dialogRef = useRef<HTMLDialogElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const runId = useRef(0);

  const open = () => {
    const href = window.location.href;
    const problem = qrLinkProblem(href);
    setShown(problem ? { phase: 'failed', href, message: problem } : { phase: 'loading', href });
  };

  const close = useCallback(() => {
    runId.current++;
    dialogRef.current?.close();
  }, []);

  // The dialog element opens once the state says so (it is rendered only then).
  useEffect(() => {
    const d = dialogRef.current;
    if (shown.phase !== 'closed' && d && !d.open) {
      d.showModal();
      closeRef.current?.focus();
    }
  }, [shown.phase]);

  // Encode and draw: the encoder arrives in its own chunk on the first open.
  useEffect(() => {
    if (shown.phase !== 'loading') return;
    const id = ++runId.current;
    const { href } = shown;
    import('./qrEncoder')
      .then(({ encode }) => {
        if (id !== runId.current) return;
        const qr = encode(href, { ecc: QR_ECC, border: 0 });
        const modules = qr.size + 2 * QUIET_MODULES;
        const css = targetCssPx();
        const scale = moduleScale(modules, css * (window.devicePixelRatio || 1));
        const { width, pixels } = qrPixels(qr, scale);
        const canvas = canvasRef.current;
        if (!canvas) return;
        canvas.width = width;
        canvas.height = width;
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('this browser gave no 2D canvas to draw the code on');
        ctx.putImageData(new ImageData(pixels, width, width), 0, 0);
        canvas.style.width = `${Math.round(css)}px`;
        setShown({ phase: 'ready', href, version: qr.version, modules });
      })
      .catch((e: unknown) => {
        if (id !== runId.current) return;
        const why = e instanceof Error ? e.message : String(e);
        setShown({
          phase: 'failed',
          href,
          message: /dynamically imported module|import/i.test(why)
            ? `The QR encoder could not be loaded (${why}). Check the connection and try again, or use "Copy link".`
            : `The QR code could not be made: ${why}. Use "Copy link" instead.`,
        });
      });
  }, [shown]);

  const onDialogClose = () => {
    setShown({ phase: 'closed' });
    // Browsers return focus to the opener of a modal dialog; say so explicitly for those that do not.
    buttonRef.current?.focus();
  };

  const note = shown.phase === 'closed' ? null : localOnlyNote(shown.href);

  return (
    <span className={'share-qr' + (className ? ' ' + className : '')}>
      <button
        ref={buttonRef}
        type="button"
        className="btn small"
        data-testid="share-qr"
        aria-haspopup="dialog"
        onClick={open}
        title="Show a QR code of this view's link, to open it on a phone"
      >
        {label}
      </button>
      {shown.phase !== 'closed' && (
        <dialog
          ref={dialogRef}
          className="qr-dialog"
          data-testid="share-qr-dialog"
          aria-labelledby={titleId}
          onClose={onDialogClose}
          onClick={(e) => {
            // A click on the backdrop (the dialog element itself, outside its content) closes it.
            if (e.target === dialogRef.current) close();
          }}
        >
          <div className="qr-dialog-body">
            <div className="qr-dialog-head">
              <h2 id={titleId}>Scan to open this view</h2>
              <button type="button" className="btn small" data-testid="share-qr-close" onClick={close} ref={closeRef}>
                Close <span className="muted">(Esc)</span>
              </button>
            </div>
            {shown.phase === 'failed' ? (
              <p className="error-detail" role="alert" data-testid="share-qr-error">
                {shown.message}
              </p>
            ) : (
              <>
                <canvas
                  ref={canvasRef}
                  className="qr-canvas"
                  data-testid="share-qr-canvas"
                  role="img"
                  aria-label={`QR code of the link ${shown.href}`}
                  data-href={shown.href}
                  hidden={shown.phase !== 'ready'}
                />
                {shown.phase === 'loading' && (
                  <p className="page-loading" role="status">
                    <span className="spinner" aria-hidden="true" /> Making the code…
                  </p>
                )}
              </>
            )}
            <p className="qr-link" data-testid="share-qr-link">
              {shown.href}
            </p>
            {shown.phase === 'ready' && (
              <p className="muted small">
                Version {shown.version} code, {shown.modules} modules across with its margin, error correction {QR_ECC} (15%). The
                link holds every setting of this view; the phone computes everything itself.
              </p>
            )}
            {note && <p className="notice small">{note}</p>}
          </div>
        </dialog>
      )}
    </span>
  );
}
