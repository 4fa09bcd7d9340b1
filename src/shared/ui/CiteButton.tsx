import { useEffect, useId, useRef, useState } from 'react';
import { demoBibtex, paperBibtex } from '../cite';
import { PAPERS, type DemoId } from '../papers';

/**
 * Copies BibTeX for the paper and for this demo (its link, version and commit: cite.ts). Where the
 * clipboard is refused, shows the entries selected in a text box to copy by hand.
 */
export function CiteButton({ paperId }: { paperId: DemoId }) {
  const [phase, setPhase] = useState<'idle' | 'copied' | 'manual'>('idle');
  const [text, setText] = useState('');
  const boxRef = useRef<HTMLTextAreaElement>(null);
  const boxId = useId();
  useEffect(() => {
    if (phase === 'copied') {
      const t = setTimeout(() => setPhase('idle'), 2000);
      return () => clearTimeout(t);
    }
    if (phase === 'manual') boxRef.current?.select();
  }, [phase]);
  const copy = async () => {
    const paper = PAPERS[paperId];
    const bib = `${paperBibtex(paper)}\n\n${demoBibtex(paper, window.location.href)}\n`;
    setText(bib);
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard API');
      await navigator.clipboard.writeText(bib);
      setPhase('copied');
    } catch {
      setPhase('manual');
    }
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
          <textarea id={boxId} ref={boxRef} data-testid="cite-text" readOnly rows={8} value={text} onKeyDown={(e) => e.key === 'Escape' && setPhase('idle')} />
          <button type="button" className="btn small" onClick={() => setPhase('idle')}>
            Done
          </button>
        </span>
      )}
    </span>
  );
}
