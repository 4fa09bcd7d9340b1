import { PAPERS, type DemoId } from '../papers';
import { PaperHeader } from './PaperHeader';
import './ui.css';

/**
 * The page for a paper whose demo is not built yet: what the paper does and what the demo will
 * let you do, said plainly. No controls, because there is nothing to control yet.
 */
export function DemoPlaceholder({
  paperId,
  about,
  plan,
}: {
  paperId: DemoId;
  /** A few more sentences on the paper, in our words. */
  about: string[];
  /** What the demo will let you do, one item per interaction. */
  plan: string[];
}) {
  const p = PAPERS[paperId];
  return (
    <article className="demo-frame placeholder">
      <PaperHeader paperId={paperId} />
      <div className="notice" role="status">
        <span>
          <strong>This demo is not built yet.</strong> Below is what the paper does and what you will be able to try
          here once it is.
        </span>
      </div>
      <section className="demo-section" aria-labelledby={`${paperId}-what`}>
        <h2 id={`${paperId}-what`}>What the paper does</h2>
        <p>{p.summary}</p>
        {about.map((t, i) => (
          <p key={i}>{t}</p>
        ))}
      </section>
      <section className="demo-section" aria-labelledby={`${paperId}-plan`}>
        <h2 id={`${paperId}-plan`}>What this demo will let you do</h2>
        <p>{p.youCan}</p>
        <ul>
          {plan.map((t, i) => (
            <li key={i}>{t}</li>
          ))}
        </ul>
        <p className="muted">
          Everything will run in your browser, trained by this project&apos;s own code; the paper&apos;s numbers will be
          shown next to ours and labelled as the paper&apos;s.
        </p>
      </section>
    </article>
  );
}
