import { describe, expect, it } from 'vitest';
import { demoBibtex, paperBibtex } from './cite';
import { DEMO_IDS, PAPERS } from './papers';

describe('BibTeX', () => {
  it('every paper has a well-formed entry with its authors, ids and balanced braces', () => {
    for (const id of DEMO_IDS) {
      const b = paperBibtex(PAPERS[id]);
      expect(b.startsWith('@inproceedings{')).toBe(true);
      expect(b).toContain(PAPERS[id].openreview);
      if (PAPERS[id].arxiv) expect(b).toContain(`arXiv:${PAPERS[id].arxiv}`);
      expect(b).toContain(PAPERS[id].authors.at(-1)!);
      const unescaped = b.replace(/\\[{}]/g, '');
      expect(unescaped.split('{').length).toBe(unescaped.split('}').length);
    }
  });

  it("the demo's entry carries the link, the version and the date", () => {
    const b = demoBibtex(PAPERS.ntl, 'http://127.0.0.1:5173/#/ntl?seed=3', new Date('2026-12-03T00:00:00Z'));
    expect(b).toContain('\\url{http://127.0.0.1:5173/#/ntl?seed=3}');
    expect(b).toContain('viewed 2026-12-03');
    expect(b).toMatch(/Oral Demos \S+, commit \S+/);
  });
});
