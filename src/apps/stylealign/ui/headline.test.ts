import { describe, expect, it } from 'vitest';
import { missingFiles } from '../worker/sessionWeights';
import { claimRows } from './claims';
import { stylealignHeadline } from './headline';

const noLive = { checkpoint: null, running: false, alignCount: null };

describe('stylealign headline and claims', () => {
  it('without weights it says nothing is measured, which files are missing and the command', () => {
    const h = stylealignHeadline({ missing: missingFiles(['oracles.bin', 'oracles.manifest.json'], ['parent.bin', 'child.bin', 'scratch.bin']), explorer: null, metrics: null, live: noLive });
    expect(h.state).toBe('waiting');
    expect(h.sentence).toContain('Nothing is measured yet');
    expect(h.sentence).toContain('parent.bin, child.bin and scratch.bin missing');
    expect(h.sentence).toContain('npx tsx scripts/train/stylealign.ts --stage parent');
    expect(h.figures).toEqual([]);
  });

  it('with a committed result it states the alignment first, against the scratch child', () => {
    const h = stylealignHeadline({ missing: [], explorer: null, metrics: { 'align.child.meanAbsR': 0.62, 'align.scratch.meanAbsR': 0.05 }, live: noLive });
    expect(h.state).toBe('done');
    expect(h.sentence).toMatch(/^The fine-tuned child stays aligned/);
    expect(h.sentence).toContain('0.62');
    expect(h.sentence).toContain('0.05');
  });

  it('over several fine-tune seeds it names each seed and those below the bar', () => {
    const h = stylealignHeadline({ missing: [], explorer: null, metrics: { 'align.child.meanAbsR': 0.54, 'align.scratch.meanAbsR': 0.1 }, perSeedChildR: [0.69, 0.56, 0.37], live: noLive });
    expect(h.sentence).toContain('mean |r| 0.54 over four pairs and 3 fine-tune seeds (0.69, 0.56 and 0.37; one seed falls below 0.4), against 0.10 for a child trained from scratch');
    expect(stylealignHeadline({ missing: [], explorer: null, metrics: { 'align.child.meanAbsR': 0.54 }, perSeedChildR: [0.6, 0.5], live: noLive }).sentence).toContain('(0.60 and 0.50)');
  });

  it('a live checkpoint is named as live, with its step and latent count', () => {
    const h = stylealignHeadline({
      missing: [],
      explorer: null,
      metrics: null,
      live: { checkpoint: { step: 50, images: new Uint8ClampedArray(), pairs: [], meanAbsR: 0.31, critterFraction: 0.5 }, running: true, alignCount: 128 },
    });
    expect(h.state).toBe('running');
    expect(h.sentence).toContain('After 50 fine-tuning steps in this browser');
    expect(h.sentence).toContain('128 latents');
  });

  it('a live fine-tune speaks first even with a committed result, which stays beside it', () => {
    const live = { checkpoint: { step: 10, images: new Uint8ClampedArray(), pairs: [], meanAbsR: 0.41, critterFraction: 1 }, running: false, alignCount: 64 };
    const h = stylealignHeadline({ missing: [], explorer: null, metrics: { 'align.child.meanAbsR': 0.69, 'align.scratch.meanAbsR': 0.1 }, live });
    expect(h.sentence).toMatch(/^After 10 fine-tuning steps in this browser/);
    expect(h.sentence).toContain('the committed 3,000-step child reaches 0.69');
    expect(h.figures.map((f) => f.id)).toEqual(['live-r', 'live-critters', 'child-r']);
    // before the visitor fine-tunes, the committed result is the headline
    expect(stylealignHeadline({ missing: [], explorer: null, metrics: { 'align.child.meanAbsR': 0.69 }, live: noLive }).sentence).toMatch(/^The fine-tuned child stays aligned/);
    // without a committed run the live sentence says so
    expect(stylealignHeadline({ missing: [], explorer: null, metrics: null, live }).sentence).toContain('the committed experiment has not been run yet');
  });

  it('a live checkpoint without oracles says what it showed and that alignment is not measured', () => {
    const h = stylealignHeadline({ missing: [], explorer: null, metrics: null, live: { checkpoint: { step: 20, images: new Uint8ClampedArray(), pairs: null, meanAbsR: null, critterFraction: null }, running: false, alignCount: 128 } });
    expect(h.state).toBe('done');
    expect(h.sentence).toContain('After 20 fine-tuning steps');
    expect(h.sentence).toContain('not measured');
    expect(h.figures).toEqual([]);
  });

  it('claims are not measured without metrics, and judged by their stated rule with them', () => {
    expect(claimRows(null).every((r) => r.verdict === 'not-measured' && r.measured === null)).toBe(true);
    const rows = claimRows({ 'align.child.meanAbsR': 0.5, 'align.scratch.meanAbsR': 0.3, 'change.mapping': 0.01, 'change.conv': 0.2 });
    const by = Object.fromEntries(rows.map((r) => [r.id, r.verdict]));
    expect(by).toMatchObject({ aligned: 'not-held', mapping: 'held', edits: 'not-measured', zeroshot: 'not-measured', translate: 'not-measured' });
    const mappingRow = claimRows({ 'change.mapping': 0.01, 'change.conv': 0.25, 'change.affine': 0.2, 'change.torgb': 0.33 }).find((r) => r.id === 'mapping')!;
    expect(mappingRow.verdict).toBe('held');
    expect(mappingRow.measured).toBe('mapping 0.01, convolutions 0.25, affine 0.20, toRGB 0.33; toRGB changed most, so at this scale the colour layers, more than the 3×3 convolutions, carry the change');
    const translated = Object.fromEntries(claimRows({ 'translate.meanAbsR': 0.55, 'translate.pixelMse': 0.02 }).map((r) => [r.id, r]));
    expect(translated.translate.verdict).toBe('held');
    expect(translated.translate.measured).toBe('kept mean |r| 0.55; parent reconstruction MSE 0.020');
    expect(claimRows({ 'translate.meanAbsR': 0.3 }).find((r) => r.id === 'translate')!.verdict).toBe('not-held');
  });
});
