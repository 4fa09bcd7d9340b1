/**
 * The page's "Paper vs. this run" section: the table with verdicts, then the committed full run
 * seed by seed. A chunk of its own, loaded after the page has painted (issue #8: it sits below
 * the live view, and its findings and per-seed tables need not delay the first paint).
 */
import { CommittedRun } from './CommittedRun';
import { PaperTable } from './PaperTable';

export default function PaperSection() {
  return (
    <>
      <PaperTable />
      <CommittedRun />
    </>
  );
}
