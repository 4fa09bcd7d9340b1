/**
 * BibTeX for a demo's paper and for the demo itself (issue #16's "cite" button): the paper's entry
 * from the registry (papers.ts: title, authors, venue, arXiv and OpenReview ids), and a @misc for
 * the demo with the exact link, the app's version and commit, and the date it was viewed.
 */
import type { PaperMeta } from './papers';
import { appVersion } from './provenance';

/** BibTeX-safe text: braces kept balanced, the specials escaped. */
function tex(s: string): string {
  return s.replace(/\\/g, '\\textbackslash{}').replace(/([&%$#_])/g, '\\$1').replace(/[{}]/g, (c) => `\\${c}`);
}

function key(paper: PaperMeta): string {
  const first = paper.authors[0]?.split(' ').at(-1)?.toLowerCase().replace(/[^a-z]/g, '') ?? 'anon';
  const word = paper.title.split(/[\s:-]+/).find((w) => w.length > 3)?.toLowerCase().replace(/[^a-z]/g, '') ?? 'paper';
  return `${first}2022${word}`;
}

export function paperBibtex(paper: PaperMeta): string {
  const lines = [
    `@inproceedings{${key(paper)},`,
    `  title     = {${tex(paper.title)}},`,
    `  author    = {${paper.authors.map(tex).join(' and ')}},`,
    `  booktitle = {International Conference on Learning Representations (ICLR)},`,
    `  year      = {2022},`,
    `  note      = {Oral. OpenReview ${paper.openreview}${paper.arxiv ? `, arXiv:${paper.arxiv}` : ''}},`,
    `  url       = {https://openreview.net/forum?id=${paper.openreview}}`,
    '}',
  ];
  return lines.join('\n');
}

export function demoBibtex(paper: PaperMeta, link: string, date = new Date()): string {
  const { version, commit } = appVersion();
  return [
    `@misc{oraldemos${paper.id},`,
    `  title        = {Oral Demos: ${tex(paper.shortTitle)}, a live in-browser demonstration},`,
    `  howpublished = {\\url{${link.replace(/[{}\\]/g, '')}}},`,
    `  note         = {Oral Demos ${tex(version)}, commit ${tex(commit)}; viewed ${date.toISOString().slice(0, 10)}},`,
    `  year         = {${date.getUTCFullYear()}}`,
    '}',
  ].join('\n');
}
