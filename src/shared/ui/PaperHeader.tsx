import type { ReactNode } from 'react';
import { PAPERS, type DemoId } from '../papers';
import './ui.css';

/**
 * The paper's title, authors, venue and ids. No tfjs here: placeholders and the landing page can
 * use it without pulling in the compute stack. `DemoFrame` adds the live backend, seed and link.
 *
 * In projector mode (`:root[data-present]`, ui.css) the header is one line: the short title and the
 * run's meta; the full title, authors and ids are hidden there (the full title stays as a tooltip).
 */
export function PaperHeader({ paperId, children, className }: { paperId: DemoId; children?: ReactNode; className?: string }) {
  const p = PAPERS[paperId];
  return (
    <header className={'paper-header' + (className ? ' ' + className : '')}>
      <p className="paper-kicker">
        {p.venue} · <span className="paper-short">{p.shortTitle}</span>
      </p>
      <h1 className="paper-title">
        <span className="paper-title-full">{p.title}</span>
        <span className="paper-title-short" title={p.title}>
          {p.shortTitle}
        </span>
      </h1>
      <p className="paper-authors">{p.authors.join(', ')}</p>
      <p className="paper-ids">
        <span>
          OpenReview{' '}
          <a href={`https://openreview.net/forum?id=${p.openreview}`} target="_blank" rel="noopener noreferrer">
            {p.openreview}
          </a>
        </span>
        {p.arxiv && (
          <span>
            arXiv{' '}
            <a href={`https://arxiv.org/abs/${p.arxiv}`} target="_blank" rel="noopener noreferrer">
              {p.arxiv}
            </a>
          </span>
        )}
      </p>
      {children}
    </header>
  );
}
