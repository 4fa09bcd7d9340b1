import { describe, expect, it } from 'vitest';
import { ballsRows, below, run3dCells, run3dLpsnrCells, withInterval, type MassClassifierRun } from './paperRows';

const metrics: Record<string, number> = {
  'balls.kpmse.ours': 40,
  'balls.kpmse.ours.lo': 35,
  'balls.kpmse.ours.hi': 45.25,
  'balls.kpmse.copyB': 60,
  'balls.kpmse.copyC': 90,
  'balls.kpmse.massSwap': 38,
  'balls.kpmse.zeroU': 80,
  'balls.lpsnr.ours': 27,
  'balls.lpsnr.copyC': 28,
  'balls.massProbe.accuracy': 0.5,
  'balls.massProbe.majority': 0.53,
  'balls.massProbe.determinedFraction': 0.63,
  'balls.massProbe.ceiling': 0.815,
  'balls.massProbe.accuracyDetermined': 0.647,
};

const classifierRun = (counterfactual: number): MassClassifierRun => ({
  command: 'npx tsx scripts/cophy-mass-classifier.ts --train 1000',
  trainExamples: 1000,
  testExamples: 200,
  final: {
    all: { value: 0.6, lo: 0.55, hi: 0.65 },
    consequential: { value: 0.66, lo: 0.61, hi: 0.71 },
    counterfactual: { value: counterfactual, lo: counterfactual - 0.05, hi: counterfactual + 0.05 },
    determined: { value: 0.75, lo: 0.7, hi: 0.8 },
  },
});

describe('the BallsCF paper vs. this run rows', () => {
  it('formats a value with its interval, and nothing for a missing metric', () => {
    expect(withInterval(metrics, 'balls.kpmse.ours')).toBe('40.0 [35.0, 45.3]');
    expect(withInterval(metrics, 'balls.kpmse.copyB')).toBe('60.0');
    expect(withInterval(metrics, 'nope')).toBeNull();
    expect(withInterval(undefined, 'balls.kpmse.ours')).toBeNull();
  });

  it('judges orderings, and says so when a run goes against the paper', () => {
    expect(below(metrics, 'balls.kpmse.ours', 'balls.kpmse.copyB')).toBe('holds');
    expect(below(metrics, 'balls.kpmse.ours', 'balls.kpmse.massSwap')).toBe('fails');
    expect(below(metrics, 'balls.kpmse.ours', 'missing')).toBe('not-measured');
    const rows = ballsRows(metrics);
    const verdictOf = (start: string) => rows.find((r) => r.metric.startsWith(start))?.verdict;
    expect(verdictOf('BallsCF: keypoint MSE ×10⁻³ of the counterfactual D')).toBe('holds');
    expect(verdictOf('BallsCF: keypoint MSE ×10⁻³ with u abducted')).toBe('fails');
    expect(verdictOf('BallsCF: L-PSNR')).toBe('fails'); // 27 is not above Copy-C's 28
    expect(verdictOf('BallsCF: the masses read linearly off the unsupervised u')).toBe('fails'); // 0.5 < 0.6
    // the paper's Table 6a is judged against this run's supervised check, not the probe: not committed, not measured
    expect(verdictOf('Masses read off the observed run')).toBe('not-measured');
    // what AB allows a probe is information, not a claim: no verdict
    const allows = rows.find((r) => r.metric.startsWith('BallsCF: how much of the probe'))!;
    expect(allows.verdict).toBeUndefined();
    expect(allows.run).toContain('0.63');
    expect(allows.run).toContain('0.81');
    expect(allows.run).toContain('0.65');
    // the probe reads u_k against the others; a run that measured u_k alone shows that figure beside it
    const probeRow = (m: Record<string, number>) => ballsRows(m).find((r) => r.metric.startsWith('BallsCF: the masses read linearly'))!;
    expect(probeRow(metrics).note).toContain('against the mean of the other balls’ codes');
    expect(probeRow(metrics).note).not.toContain('on u_k alone');
    expect(probeRow({ ...metrics, 'balls.massProbe.accuracyOwnCode': 0.44 }).note).toContain('on u_k alone it reads 0.44');
  });

  it('judges Table 6a by whether the filter makes the masses easier to read, as in the paper', () => {
    const rowOf = (rows: ReturnType<typeof ballsRows>, start: string) => rows.find((r) => r.metric.startsWith(start))!;
    const better = ballsRows(metrics, { filtered: classifierRun(0.66), unfiltered: classifierRun(0.52) });
    const t6 = rowOf(better, 'Masses read off the observed run');
    expect(t6.verdict).toBe('holds');
    expect(t6.run).toBe('60% → 60% / 52% → 66% (BallsCF, exact keypoints)');
    expect(t6.paper?.value).toContain('58% → 91%');
    expect(t6.note).toContain('with the filter 66% [61, 71], without 52% [47, 57]');
    // the probe's row names what the supervised estimator reads of the same (consequential) balls
    expect(rowOf(better, 'BallsCF: the masses read linearly').note).toContain('reads 66% [61, 71] of these balls');
    expect(rowOf(ballsRows(metrics, { filtered: classifierRun(0.5), unfiltered: classifierRun(0.52) }), 'Masses read off').verdict).toBe('fails');
    expect(rowOf(ballsRows(metrics, { filtered: classifierRun(0.66), unfiltered: null }), 'Masses read off').verdict).toBe('not-measured');
  });

  it('without a committed run every cell says so, and no verdict is given', () => {
    const rows = ballsRows(undefined);
    expect(rows.every((r) => r.verdict === undefined || r.verdict === 'not-measured')).toBe(true);
    expect(rows[0].run).toContain('not committed');
  });
});

describe('the 3-D rows of this run', () => {
  it('are empty without a model, and judge each scenario against the baseline the issue names', () => {
    expect(run3dCells(undefined, 'collision')).toBeNull();
    expect(run3dCells({ 'blocktower.kpmse.ours': 5 }, 'collision')).toBeNull();
    const m = { 'collision.kpmse.ours': 5, 'collision.kpmse.ours.lo': 4, 'collision.kpmse.ours.hi': 6, 'collision.kpmse.copyB': 3, 'collision.kpmse.copyC': 40 };
    expect(run3dCells(m, 'collision')).toEqual({ copyB: '3.0', copyC: '40.0', ours: '5.0 [4.0, 6.0]', verdict: 'holds', against: 'Copy-C' });
    // BlocktowerCF is judged against Copy-B: ours above it fails whatever Copy-C says
    expect(run3dCells({ 'blocktower.kpmse.ours': 50, 'blocktower.kpmse.copyB': 40, 'blocktower.kpmse.copyC': 60 }, 'blocktower')?.verdict).toBe('fails');
  });
});

describe('the 3-D L-PSNR cells of this run', () => {
  it('judge BlocktowerCF on its unstable towers and CollisionCF on all examples, both against Copy-C', () => {
    expect(run3dLpsnrCells(undefined, 'blocktower')).toBeNull();
    const tower = { 'blocktower.lpsnr.ours': 30, 'blocktower.lpsnr.copyC': 31, 'blocktower.lpsnr.copyB': 25, 'blocktower.lpsnr.ours.unstable': 28, 'blocktower.lpsnr.ours.unstable.lo': 27, 'blocktower.lpsnr.ours.unstable.hi': 29, 'blocktower.lpsnr.copyC.unstable': 26.5, 'blocktower.unstableExamples': 9 };
    // Copy-C wins over all towers (it is exact on the stable ones), but the bar is the unstable half
    expect(run3dLpsnrCells(tower, 'blocktower')).toEqual({ copyB: '25.00', copyC: '31.00', ours: '30.00', unstable: { ours: '28.00 [27.00, 29.00]', copyC: '26.50', examples: 9 }, verdict: 'holds' });
    expect(run3dLpsnrCells({ ...tower, 'blocktower.lpsnr.copyC.unstable': 28.5 }, 'blocktower')?.verdict).toBe('fails');
    const collision = { 'collision.lpsnr.ours': 29.3, 'collision.lpsnr.copyB': 30, 'collision.lpsnr.copyC': 27 };
    expect(run3dLpsnrCells(collision, 'collision')).toMatchObject({ unstable: null, verdict: 'holds' });
    expect(run3dLpsnrCells({ ...collision, 'collision.lpsnr.copyC': 29.5 }, 'collision')?.verdict).toBe('fails');
  });
});
