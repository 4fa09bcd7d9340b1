/**
 * Latent alignment (StyleAlign §4 "aligned latent spaces"; the paper shows it by eye on same-z grids,
 * we measure it): the parent oracle reads the parent's attributes off G_p(z), the child oracle the
 * child's off G_c(z), and each pre-declared pair of corresponding attributes is scored by Pearson r
 * over the latents. The pairs are declared before any model is trained (the issue, #13); the full
 * attribute matrix shows every other pairing too.
 *
 * Fit and score: the sign of each pair's correspondence (a dark-haired face may become a light-furred
 * critter) is read on one set of latents (the fit set) and the signed r reported on another (the score
 * set), so a pair cannot look aligned by picking its sign on the data it is scored on. `meanAbsR` is
 * the mean |r| on the score set over the readable pairs; `minPairR` the smallest fit-signed r.
 * Intervals: percentile bootstrap over the score set's latents (src/shared/bootstrap.ts).
 */
import { bootstrapStatistic, type BootstrapInterval } from '../../../shared/bootstrap';
import { ATTRIBUTES } from './domains';
import { column, pearson } from './stats';

export interface AttributePair {
  id: string;
  parent: string;
  child: string;
}

/** The pre-declared pairs (#13): yaw↔yaw, hair luminance↔fur luminance, hair length↔ear length, smile↔mouth opening. */
export const ALIGNMENT_PAIRS: readonly AttributePair[] = [
  { id: 'yaw', parent: 'yaw', child: 'yaw' },
  { id: 'luminance', parent: 'hairLuminance', child: 'furLuminance' },
  { id: 'length', parent: 'hairLength', child: 'earLength' },
  { id: 'smile', parent: 'smile', child: 'mouthOpening' },
];

export const parentIndex = (name: string) => ATTRIBUTES.faces.indexOf(name);
export const childIndex = (name: string) => ATTRIBUTES.critters.indexOf(name);

/** Oracle readings of one set of latents: parent attributes [n, 6] of G_p(z), child attributes [n, 4] of the other generator's images. */
export interface PairedReadings {
  count: number;
  parent: ArrayLike<number>;
  child: ArrayLike<number>;
}

/** Pearson r of every parent attribute against every child attribute: [parent][child]. */
export function attributeMatrix(r: PairedReadings, rows?: ArrayLike<number>): number[][] {
  const kp = ATTRIBUTES.faces.length;
  const kc = ATTRIBUTES.critters.length;
  return ATTRIBUTES.faces.map((_, i) => ATTRIBUTES.critters.map((__, j) => pearson(column(r.parent, kp, i, rows), column(r.child, kc, j, rows))));
}

/** r of one pair over `rows` (all when omitted). */
export function pairR(r: PairedReadings, pair: AttributePair, rows?: ArrayLike<number>): number {
  return pearson(column(r.parent, ATTRIBUTES.faces.length, parentIndex(pair.parent), rows), column(r.child, ATTRIBUTES.critters.length, childIndex(pair.child), rows));
}

export interface PairScore {
  pair: AttributePair;
  /** r on the fit set; its sign orients the pair */
  fitR: number;
  /** r on the score set, with its bootstrap interval */
  r: BootstrapInterval;
  /** sign(fitR) × r on the score set */
  signedR: number;
  /** false when an oracle cannot read one of the two attributes: reported, left out of the summaries */
  scored: boolean;
}

export interface AlignmentScore {
  pairs: PairScore[];
  /** mean |r| over the scored pairs on the score set */
  meanAbsR: BootstrapInterval;
  /** min over the scored pairs of sign(fitR) × r */
  minPairR: BootstrapInterval;
  /** the full matrix on the score set, [parent attribute][child attribute] */
  matrix: number[][];
}

export interface AlignmentOptions {
  /** pairs an oracle cannot read (by id) */
  unreadable?: ReadonlySet<string>;
  resamples?: number;
  seed?: number | string;
}

export function scoreAlignment(fit: PairedReadings, score: PairedReadings, opts: AlignmentOptions = {}): AlignmentScore {
  const unreadable = opts.unreadable ?? new Set<string>();
  const boot = { resamples: opts.resamples ?? 1000, seed: opts.seed ?? 1 };
  const pairs = ALIGNMENT_PAIRS.map((pair) => {
    const fitR = pairR(fit, pair);
    const r = bootstrapStatistic(score.count, (idx) => pairR(score, pair, idx), { ...boot, seed: `${String(boot.seed)}/${pair.id}` });
    return { pair, fitR, r, signedR: Math.sign(fitR) * r.value, scored: !unreadable.has(pair.id) };
  });
  const scored = pairs.filter((p) => p.scored);
  const summary = (f: (rs: { p: PairScore; r: number }[]) => number) =>
    bootstrapStatistic(score.count, (idx) => (scored.length ? f(scored.map((p) => ({ p, r: pairR(score, p.pair, idx) }))) : NaN), { ...boot, seed: `${String(boot.seed)}/summary` });
  return {
    pairs,
    meanAbsR: summary((rs) => rs.reduce((s, x) => s + Math.abs(x.r), 0) / rs.length),
    minPairR: summary((rs) => Math.min(...rs.map((x) => Math.sign(x.p.fitR) * x.r))),
    matrix: attributeMatrix(score),
  };
}

