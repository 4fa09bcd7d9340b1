import { useId } from 'react';
import { useClipboardCopy } from './useClipboardCopy';
import { demoBibtex, paperBibtex } from '../cite';
import { PAPERS, type DemoId } from '../papers';

/**
 * Copies BibTeX for the paper and for this demo (its link, version and commit: cite.ts). Where the
 * clipboard is refused, shows the entries selected in a text box to copy by hand.
 */
export function CiteButton({ paperId }: { paperId: DemoId }) {
  const { phase, text, fieldRef: boxRef, copy: copyText, dismiss } = useClipboardCopy<HTMLTextAreaElement>();
  const boxId = useId();
  const copy = async () => {
    const paper = PAPERS[paperId];
    await copyText(`${paperBibtex(paper)}\n\n${demoBibtex(paper, window.location.href)}\n`);
  };
  return (
    <span className="copy-link cite-button">
      <button type="button" className="btn small" data-testid="cite" onClick={() => void copy()} title="Copy BibTeX for the paper and for this demo (its link, version and commit)">
        {phase === 'copied' ? '✓ BibTeX copied' : 'Cite'}
      </button>
      <span className="visually-hidden" role="status" aria-live="polite">
        {phase === 'copied' ? 'BibTeX for the paper and the demo copied to the clipboard' : ''}
      </span>
      {phase === 'manual' && (
        <span className="copy-manual">
          <label htmlFor={boxId}>The browser did not allow copying; press Ctrl+C (⌘C) to copy the selected BibTeX:</label>
          <textarea id={boxId} ref={boxRef} data-testid="cite-text" readOnly rows={8} value={text} onKeyDown={(e) => e.key === 'Escape' && dismiss()} />
          <button type="button" className="btn small" onClick={dismiss}>
            Done
          </button>
        </span>
      )}
    </span>
  );
}
