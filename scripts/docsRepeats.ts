/**
 * Runs of prose lines that a markdown file says twice: the trace of an edit that inserted a block again
 * instead of replacing it (on 2026-12-05 a results edit had left a 104-line stale copy in the CoPhy README,
 * an old full run beside the new one). Table rows and short lines are skipped: generated result tables
 * legitimately repeat rows across reports, and short lines (headings, fences) repeat by nature. The
 * `duplicates` tool does not read prose, hence this check (scripts/docsRepeats.test.ts runs it).
 */

/** A run of lines that stands at line `first` and again at line `again` (1-based); a longer repeated block is one entry. */
export interface RepeatedRun {
  first: number;
  again: number;
  text: string;
}

/** Lines this short (after trimming) never count towards a run. */
const SHORT_LINE = 20;

export function repeatedProse(markdown: string, length = 3): RepeatedRun[] {
  const lines = markdown.split('\n').map((l) => l.trimEnd());
  const counted = (l: string) => l.trim().length > SHORT_LINE && !l.trimStart().startsWith('|');
  const seen = new Map<string, number>();
  const out: RepeatedRun[] = [];
  let last: [number, number] | null = null;
  for (let i = 0; i + length <= lines.length; i++) {
    const run = lines.slice(i, i + length);
    if (!run.every(counted)) continue;
    const key = run.join('\n');
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      continue;
    }
    // a repeated block shows as overlapping runs, each one line further on both sides: report it once
    const continues = last !== null && last[0] + 1 === first && last[1] + 1 === i;
    if (!continues) out.push({ first: first + 1, again: i + 1, text: run[0].trim() });
    last = [first, i];
  }
  return out;
}
