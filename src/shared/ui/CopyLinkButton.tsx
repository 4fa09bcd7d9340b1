import { useId } from 'react';
import { useClipboardCopy } from './useClipboardCopy';
import { stampText } from '../provenance';
import { backendStamp } from './stamp';

/**
 * Copies the page's address (which holds the demo's whole state). Where the clipboard API is
 * missing or refused (insecure origin, permissions), it shows the address selected in a text
 * field for the user to copy by hand.
 */
export function CopyLinkButton({ className }: { className?: string }) {
  const { phase, text: href, fieldRef, copy: copyText, dismiss } = useClipboardCopy<HTMLInputElement>();
  const fieldId = useId();
  const copy = () => copyText(window.location.href);

  return (
    <span className={'copy-link' + (className ? ' ' + className : '')}>
      <button type="button" className="btn small" data-testid="copy-link" onClick={copy} title="Copy a link that reopens this demo in its current state">
        {phase === 'copied' ? '✓ Copied' : 'Copy link'}
      </button>
      <span className="visually-hidden" role="status" aria-live="polite">
        {phase === 'copied' ? 'Link copied to the clipboard' : ''}
      </span>
      {phase === 'copied' && (
        <span className="small muted copy-stamp" data-testid="copy-link-stamp">
          {/* what made this view, so the link's reader can tell if their copy of the app differs */}
          made with {stampText(backendStamp())}
        </span>
      )}
      {phase === 'manual' && (
        <span className="copy-manual">
          <label htmlFor={fieldId}>The browser did not allow copying; press Ctrl+C (⌘C) to copy the selected link:</label>
          <input
            id={fieldId}
            ref={fieldRef}
            data-testid="copy-link-field"
            readOnly
            value={href}
            onFocus={(e) => e.currentTarget.select()}
            onKeyDown={(e) => e.key === 'Escape' && dismiss()}
          />
          <button type="button" className="btn small" onClick={dismiss}>
            Done
          </button>
        </span>
      )}
    </span>
  );
}
