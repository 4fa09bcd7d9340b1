/**
 * Does a paper's claim hold in this run? One rule for every demo, stated on every page: a claim
 * "holds" when the run's value is on the claimed side of the paper's bound, or misses it by at most
 * VERDICT_TOLERANCE (five percentage points: these are small browser runs, not the paper's).
 */

export type Verdict = 'holds' | 'fails' | 'not-measured';

/** A claim in numbers: the run's value should be at least (or at most) `bound`, both fractions in 0..1. */
export interface NumericClaim {
  direction: 'atLeast' | 'atMost';
  bound: number;
}

export const VERDICT_TOLERANCE = 0.05;

export const VERDICT_TEXT: Record<Verdict, string> = {
  holds: 'holds',
  fails: 'does not hold at this scale',
  'not-measured': 'not measured in this mode',
};

/** The rule as the pages state it. */
export const VERDICT_RULE = `"Holds" means the run is on the paper's side of its number, or misses it by at most ${Math.round(VERDICT_TOLERANCE * 100)} percentage points.`;

export function judgeClaim(claim: NumericClaim, value: number | null | undefined): Verdict {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'not-measured';
  const ok = claim.direction === 'atLeast' ? value >= claim.bound - VERDICT_TOLERANCE : value <= claim.bound + VERDICT_TOLERANCE;
  return ok ? 'holds' : 'fails';
}
