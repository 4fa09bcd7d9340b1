import { describe, expect, it } from 'vitest';
import type { AttackReport, Checkpoint, PreparedInfo } from '../worker/protocol';
import { ntlHeadline } from './headline';

const prepared = (roles: PreparedInfo['roles']) => ({ roles }) as PreparedInfo;
const checkpoint = (step: number, ntl: Checkpoint['ntl'], sl?: Checkpoint['sl']) => ({ step, ntl, sl }) as Checkpoint;
const attack = (kind: AttackReport['kind'], clean: number, patched: number) =>
  ({ kind, steps: 60, before: { clean: 0.99, patched: 0.1 }, after: { clean, patched }, seconds: 1 }) as AttackReport;

describe('ntlHeadline', () => {
  it('before a run says what a run will show', () => {
    const h = ntlHeadline({ mode: 'target', target: 'T2', steps: 200, prepared: null, checkpoint: null, attacks: [] });
    expect(h.state).toBe('waiting');
    expect(h.sentence).toMatch(/Press Run.*T2/);
    expect(h.figures).toEqual([]);
  });

  it('target mode: the figures are the checkpoint numbers, and the verdict follows the relative drop', () => {
    const cp = checkpoint(200, { S: 0.993, T1: 0.1 }, { S: 0.99, T1: 0.71 });
    const h = ntlHeadline({ mode: 'target', target: 'T1', steps: 200, prepared: prepared({ source: 'S', target: 'T1' }), checkpoint: cp, attacks: [] });
    expect(h.state).toBe('done');
    expect(h.figures.map((f) => [f.id, f.value])).toEqual([
      ['source', 0.993],
      ['target', 0.1],
      ['drop', 1 - 0.1 / 0.71],
    ]);
    expect(h.sentence).toBe('NTL kept the source (99.3%) and broke the target (10.0%, against 71.0% with normal training): the target is refused.');
    expect(h.verdict).toBe('holds');
    const weak = ntlHeadline({ mode: 'target', target: 'T1', steps: 200, prepared: prepared({ source: 'S', target: 'T1' }), checkpoint: checkpoint(100, { S: 0.99, T1: 0.6 }, { S: 0.99, T1: 0.7 }), attacks: [] });
    expect(weak.state).toBe('running');
    expect(weak.sentence).toMatch(/^So far \(step 100 of 200\): NTL has not broken the target yet/);
    expect(weak.verdict).toBe('fails');
  });

  it('ownership: an attack that wrecks the clean accuracy does not count as removing the mark', () => {
    const cp = checkpoint(200, { S: 0.99, 'src+patch': 0.1 }, { S: 0.99, 'src+patch': 0.99 });
    const base = { mode: 'ownership' as const, target: 'T1' as const, steps: 200, prepared: prepared({ source: 'S', target: 'src+patch' }), checkpoint: cp };
    expect(ntlHeadline({ ...base, attacks: [] }).verdict).toBeNull();
    const wrecked = ntlHeadline({ ...base, attacks: [attack('rtal', 0.2, 0.9)] });
    expect(wrecked.verdict).toBeNull();
    expect(wrecked.sentence).toMatch(/wrecked the clean accuracy/);
    expect(ntlHeadline({ ...base, attacks: [attack('rtal', 0.2, 0.9), attack('ftal', 0.99, 0.1)] }).verdict).toBe('holds');
    expect(ntlHeadline({ ...base, attacks: [attack('prune', 0.96, 0.95)] }).verdict).toBe('fails');
  });

  it('authorization: holds only when the key works and every other set is refused', () => {
    const base = { mode: 'authorization' as const, target: 'T1' as const, steps: 10, prepared: prepared({ source: 'src+patch', target: 'S' }), attacks: [] };
    expect(ntlHeadline({ ...base, checkpoint: checkpoint(10, { 'src+patch': 0.99, S: 0.1, T1: 0.12, N: 0.3 }) }).verdict).toBe('holds');
    const leaky = ntlHeadline({ ...base, checkpoint: checkpoint(10, { 'src+patch': 0.99, S: 0.9, N: 0.3 }) });
    expect(leaky.verdict).toBe('fails');
    expect(leaky.sentence).toMatch(/at most 90\.0% \(S\)/);
  });

  it('source-only: the verdict follows the mean drop on the unseen T1–T3, not the drop on the neighbours', () => {
    const cp = checkpoint(200, { S: 0.99, N: 0.6, T1: 0.1, T2: 0.1, T3: 0.97 }, { S: 0.99, N: 0.9, T1: 0.7, T2: 0.3, T3: 0.97 });
    const h = ntlHeadline({ mode: 'sourceOnly', target: 'T1', steps: 200, prepared: prepared({ source: 'S', target: 'N' }), checkpoint: cp, attacks: [] });
    const mean = ((1 - 0.1 / 0.7) + (1 - 0.1 / 0.3) + 0) / 3;
    expect(h.figures.find((f) => f.id === 'drop')?.value).toBeCloseTo(mean, 12);
    expect(h.verdict).toBe('fails'); // 0.54 < 0.72
    expect(h.sentence).toContain('the unseen domains T1–T3 score 10.0%, 10.0%, 97.0% (normal training 70.0%, 30.0%, 97.0%)');
    const all = ntlHeadline({ mode: 'sourceOnly', target: 'T1', steps: 200, prepared: prepared({ source: 'S', target: 'N' }), checkpoint: checkpoint(200, { ...cp.ntl, T3: 0.1 }, cp.sl), attacks: [] });
    expect(all.verdict).toBe('holds');
  });
});
