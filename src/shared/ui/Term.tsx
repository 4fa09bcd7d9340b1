/**
 * A term with its explanation on hover, focus or tap (no hover on a phone or a projector), e.g.
 * <Term tip="supervised learning: normal training on the source only">SL</Term>. The explanation is
 * also the element's accessible description.
 */
import { useId, type ReactNode } from 'react';
import './ui.css';
import './results.css';

export function Term({ tip, children }: { tip: string; children: ReactNode }) {
  const id = useId();
  return (
    <span className="term" tabIndex={0} aria-describedby={id}>
      {children}
      <span role="tooltip" id={id} className="term-tip">
        {tip}
      </span>
    </span>
  );
}

/** A glossary: each term and its explanation, for the page's explainer. */
export function Glossary({ terms }: { terms: readonly { term: string; tip: string }[] }) {
  return (
    <dl className="glossary">
      {terms.map((t) => (
        <div key={t.term}>
          <dt>{t.term}</dt>
          <dd>{t.tip}</dd>
        </div>
      ))}
    </dl>
  );
}
