/**
 * No markdown file of the repository says the same run of prose lines twice (scripts/docsRepeats.ts):
 * a README whose results were edited by inserting a new block beside the old one shows both runs' numbers.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repeatedProse } from './docsRepeats';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('repeatedProse', () => {
  const para = (tag: string) => [`- **${tag}**: a bullet long enough to count as prose,`, `  its second line, also long enough to count,`, `  and its third line, which closes the bullet.`];
  it('finds a block said twice, once however long, and names both places', () => {
    const md = ['# Title', '', ...para('A'), ...para('B'), '', ...para('A'), ...para('B')].join('\n');
    expect(repeatedProse(md)).toEqual([{ first: 3, again: 10, text: para('A')[0] }]);
  });
  it('leaves tables, short lines and different text alone', () => {
    const table = ['| seed | a long enough cell to be counted | value |', '|---|---|---|', '| 1 | a long enough cell to be counted | 0.5 |'];
    const md = [...table, ...para('A'), '', '## Next', '', ...table, ...para('B'), '```', '```'].join('\n');
    expect(repeatedProse(md)).toEqual([]);
  });
});

describe('the repository’s markdown', () => {
  const files = execFileSync('git', ['ls-files', '*.md'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  it('has files to check', () => expect(files.length).toBeGreaterThan(5));
  it('repeats no run of three prose lines in any file', () => {
    const repeats = files.flatMap((f) => repeatedProse(readFileSync(join(root, f), 'utf8')).map((r) => `${f}:${r.first} again at ${r.again}: ${r.text}`));
    expect(repeats).toEqual([]);
  });
});
