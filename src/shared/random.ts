/**
 * The one seeded PRNG of the suite: xoshiro128** (Blackman & Vigna, 2018), 32-bit state words,
 * seeded through SplitMix32 so that any 32-bit seed gives a well-mixed state.
 *
 * Independent streams come from `fork(label)`: the child's state is seeded from the parent's
 * seed and a 32-bit FNV-1a hash of the label, not from the parent's position, so adding draws to
 * one stream never changes another (a link keeps reproducing the same data when a demo adds a
 * feature that draws more numbers elsewhere).
 */

export interface Rng {
  /** The seed this stream was built from (forks have derived seeds). */
  readonly seed: number;
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Raw uniform 32-bit unsigned integer. */
  uint32(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Standard normal (Box–Muller; the second value is cached). */
  normal(): number;
  /** In-place Fisher–Yates shuffle; returns the array. */
  shuffle<T>(items: T[]): T[];
  /** Pick one element uniformly. */
  pick<T>(items: readonly T[]): T;
  /** An independent stream named by `label`. The same (seed, label) always gives the same stream. */
  fork(label: string): Rng;
  /** Where the stream stands (for a training checkpoint that must resume bit for bit). */
  getState(): RngState;
  /** Puts the stream back where `getState()` found it. */
  setState(state: RngState): void;
}

/** A stream's position: xoshiro128**'s four state words and the cached second normal. */
export interface RngState {
  s: [number, number, number, number];
  spareNormal: number | null;
}

/** FNV-1a, 32 bits: a stable string hash for labels. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Normalises any finite number (or a numeric string) to a 32-bit unsigned seed. */
export function normaliseSeed(seed: number | string): number {
  if (typeof seed === 'string') return hashString(seed);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return Math.trunc(seed) >>> 0;
}

export function createRng(seedInput: number | string): Rng {
  const seed = normaliseSeed(seedInput);
  const mix = splitmix32(seed);
  let s0 = mix();
  let s1 = mix();
  let s2 = mix();
  let s3 = mix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point of xoshiro
  let spareNormal: number | null = null;

  const uint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    s0 >>>= 0;
    s1 >>>= 0;
    s2 >>>= 0;
    return result;
  };
  const next = (): number => uint32() / 4294967296;

  const rng: Rng = {
    seed,
    next,
    uint32,
    int(n) {
      if (!(n > 0) || !Number.isInteger(n)) throw new RangeError(`int(n) needs a positive integer, got ${n}`);
      return Math.floor(next() * n);
    },
    uniform(lo, hi) {
      return lo + (hi - lo) * next();
    },
    normal() {
      if (spareNormal !== null) {
        const v = spareNormal;
        spareNormal = null;
        return v;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = items[i];
        items[i] = items[j];
        items[j] = tmp;
      }
      return items;
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick() from an empty list');
      return items[Math.floor(next() * items.length)];
    },
    fork(label) {
      return createRng((Math.imul(seed ^ 0x5bd1e995, 0x01000193) ^ hashString(label)) >>> 0);
    },
    getState: () => ({ s: [s0, s1, s2, s3], spareNormal }),
    setState(state) {
      const words = state?.s;
      if (!Array.isArray(words) || words.length !== 4 || !words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff) || (words[0] | words[1] | words[2] | words[3]) === 0) {
        throw new RangeError('setState: a PRNG state is four 32-bit words, not all zero');
      }
      [s0, s1, s2, s3] = words;
      spareNormal = typeof state.spareNormal === 'number' ? state.spareNormal : null;
    },
  };
  return rng;
}
