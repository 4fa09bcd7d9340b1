/**
 * Procedural digit domains at 32×32×3, values in [0, 1], NHWC row-major, generated from a seed.
 *
 * - S  (source): white hand-drawn digits on black, like MNIST.
 * - T1 (MNIST-M-like): a digit mask over a procedural colour texture, pixel = |bg − mask| (the
 *   MNIST-M recipe of Ganin & Lempitsky with textures in place of BSDS500 photo patches).
 * - T2 (SVHN-like): a coloured digit on a coloured background, cut-off distractor digits at the
 *   edges, uneven lighting, blur and noise.
 * - T3 (USPS-like): bold, box-filling, blurred grey digits.
 * - Neighbours: source images pushed 1..5 steps along four directions (colour cast, wave warp,
 *   salt-and-pepper noise, occluding blocks). This is OUR procedural replacement for the paper's
 *   GAN-generated neighbour domains in source-only NTL (the paper's conditional GAN): same grid size
 *   (5 distances × 4 directions), no GAN. The neighbours share no generator with T1, T2 or T3:
 *   they draw a source glyph with the source's own style (`randomSourceStyle`) and transform the
 *   image with operations no target domain uses; they never call the targets' drawing functions nor
 *   their helpers (`colourTexture`, `hsvToRgb`, `gaussianBlur`). `targetGeneratorCalls()` counts
 *   every call of those, so a test can show that generating neighbours calls none of them.
 *
 * Every image i of a set is drawn from its own stream `rng.fork(i)`, so a set's first k images do
 * not change when its size changes.
 */
import { createRng, type Rng } from '../../../shared/random';
import { drawDigitMask, randomSourceStyle, type GlyphStyle } from './glyphs';
import type { Domain } from './settings';

export const IMAGE_SIZE = 32;
export const CHANNELS = 3;
export const PIXELS = IMAGE_SIZE * IMAGE_SIZE * CHANNELS;

export type NeighbourDirection = 'cast' | 'warp' | 'impulse' | 'occlude';
export const NEIGHBOUR_DIRECTIONS: readonly NeighbourDirection[] = ['cast', 'warp', 'impulse', 'occlude'];
/** What each neighbour direction does, in words (the page and the differences list show these). */
export const NEIGHBOUR_DIRECTION_TEXT: Record<NeighbourDirection, string> = {
  cast: 'a colour cast (per-channel gains on the grey digit; the background stays black)',
  warp: 'a wave warp (sinusoidal pixel displacement)',
  impulse: 'salt-and-pepper noise',
  occlude: 'occluding black or white blocks',
};

/**
 * Calls of the target domains' generators and of the helpers only they use, since the module
 * loaded. The neighbour generator must leave every count unchanged (a test checks it).
 */
const TARGET_GENERATOR_CALLS = { T1: 0, T2: 0, T3: 0, colourTexture: 0, hsvToRgb: 0, gaussianBlur: 0 };
export type TargetGenerator = keyof typeof TARGET_GENERATOR_CALLS;
export function targetGeneratorCalls(): Readonly<Record<TargetGenerator, number>> {
  return { ...TARGET_GENERATOR_CALLS };
}
export const NEIGHBOUR_DISTANCES = [1, 2, 3, 4, 5] as const;

/** A labelled image set. `images` holds n × 32 × 32 × 3 floats in [0, 1] (NHWC). */
export interface DigitSet {
  name: string;
  n: number;
  images: Float32Array;
  labels: Uint8Array;
}

// ---------------------------------------------------------------- small image helpers (pure JS)

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** Separable Gaussian blur of one size×size×c image in place (edge pixels repeat). */
export function gaussianBlur(img: Float32Array, size: number, channels: number, sigma: number): void {
  TARGET_GENERATOR_CALLS.gaussianBlur++;
  if (sigma <= 0.05) return;
  const radius = Math.max(1, Math.ceil(2.5 * sigma));
  const kernel: number[] = [];
  let sum = 0;
  for (let k = -radius; k <= radius; k++) {
    const w = Math.exp(-(k * k) / (2 * sigma * sigma));
    kernel.push(w);
    sum += w;
  }
  for (let k = 0; k < kernel.length; k++) kernel[k] /= sum;
  const tmp = new Float32Array(img.length);
  const last = size - 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < channels; c++) {
        let acc = 0;
        for (let k = -radius; k <= radius; k++) {
          const xx = x + k < 0 ? 0 : x + k > last ? last : x + k;
          acc += kernel[k + radius] * img[(y * size + xx) * channels + c];
        }
        tmp[(y * size + x) * channels + c] = acc;
      }
    }
  }
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < channels; c++) {
        let acc = 0;
        for (let k = -radius; k <= radius; k++) {
          const yy = y + k < 0 ? 0 : y + k > last ? last : y + k;
          acc += kernel[k + radius] * tmp[(yy * size + x) * channels + c];
        }
        img[(y * size + x) * channels + c] = acc;
      }
    }
  }
}

/** Bilinear value noise on a `cells`×`cells` lattice, sampled at size×size, values in [0, 1]. */
function valueNoise(rng: Rng, size: number, cells: number, out: Float32Array, weight: number): void {
  const g = cells + 1;
  const lattice = new Float32Array(g * g);
  for (let i = 0; i < lattice.length; i++) lattice[i] = rng.next();
  for (let y = 0; y < size; y++) {
    const fy = ((y + 0.5) / size) * cells;
    const iy = Math.min(cells - 1, Math.floor(fy));
    const ty = fy - iy;
    const sy = ty * ty * (3 - 2 * ty);
    for (let x = 0; x < size; x++) {
      const fx = ((x + 0.5) / size) * cells;
      const ix = Math.min(cells - 1, Math.floor(fx));
      const tx = fx - ix;
      const sx = tx * tx * (3 - 2 * tx);
      const a = lattice[iy * g + ix];
      const b = lattice[iy * g + ix + 1];
      const c = lattice[(iy + 1) * g + ix];
      const d = lattice[(iy + 1) * g + ix + 1];
      out[y * size + x] += weight * ((a * (1 - sx) + b * sx) * (1 - sy) + (c * (1 - sx) + d * sx) * sy);
    }
  }
}

/** HSV (all in [0, 1]) to RGB. */
export function hsvToRgb(h: number, s: number, v: number): [number, number, number] {
  TARGET_GENERATOR_CALLS.hsvToRgb++;
  const hh = ((h % 1) + 1) % 1;
  const i = Math.floor(hh * 6);
  const f = hh * 6 - i;
  const p = v * (1 - s);
  const q = v * (1 - f * s);
  const t = v * (1 - (1 - f) * s);
  switch (i % 6) {
    case 0: return [v, t, p];
    case 1: return [q, v, p];
    case 2: return [p, v, t];
    case 3: return [p, q, v];
    case 4: return [t, p, v];
    default: return [v, p, q];
  }
}

/**
 * A colour texture (size×size×3 in [0, 1]) standing in for MNIST-M's photo patches: either
 * multi-octave colour value noise or two-colour stripes/plaid with a noisy phase. `strength`
 * scales its contrast around its mean colour.
 */
export function colourTexture(rng: Rng, size: number, strength = 1): Float32Array {
  TARGET_GENERATOR_CALLS.colourTexture++;
  const out = new Float32Array(size * size * 3);
  const kind = rng.int(3);
  if (kind === 0) {
    for (let c = 0; c < 3; c++) {
      const ch = new Float32Array(size * size);
      valueNoise(rng, size, 2 + rng.int(3), ch, 0.65);
      valueNoise(rng, size, 6 + rng.int(5), ch, 0.35);
      for (let i = 0; i < size * size; i++) out[i * 3 + c] = ch[i];
    }
  } else {
    const colA = hsvToRgb(rng.next(), rng.uniform(0.3, 1), rng.uniform(0.2, 1));
    const colB = hsvToRgb(rng.next(), rng.uniform(0.3, 1), rng.uniform(0.2, 1));
    const angle = rng.uniform(0, Math.PI);
    const freq = rng.uniform(0.15, 0.6);
    const ca = Math.cos(angle);
    const sa = Math.sin(angle);
    const phaseNoise = new Float32Array(size * size);
    valueNoise(rng, size, 3, phaseNoise, 2.5);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        let t = 0.5 + 0.5 * Math.sin(freq * (ca * x + sa * y) + phaseNoise[y * size + x]);
        if (kind === 2) t = 0.5 * t + 0.5 * (0.5 + 0.5 * Math.sin(freq * (-sa * x + ca * y)));
        for (let c = 0; c < 3; c++) out[(y * size + x) * 3 + c] = colA[c] * (1 - t) + colB[c] * t;
      }
    }
  }
  if (strength !== 1) {
    for (let c = 0; c < 3; c++) {
      let mean = 0;
      for (let i = 0; i < size * size; i++) mean += out[i * 3 + c];
      mean /= size * size;
      for (let i = 0; i < size * size; i++) out[i * 3 + c] = clamp01(mean + strength * (out[i * 3 + c] - mean));
    }
  }
  return out;
}

// ---------------------------------------------------------------- domains

/** Knobs of domain difficulty (exposed so the UI can show them and tests can vary them). */
export interface DomainKnobs {
  /** T1: contrast of the background texture around its level (1 = full). */
  t1TextureStrength: number;
  /**
   * T1: share of dark backgrounds. A dark background keeps the digit bright (|bg − 1| ≈ 1 − bg); a
   * bright one inverts it. Photos in MNIST-M vary in brightness the same way; a texture with mean
   * 0.5 everywhere would leave no digit contrast at all.
   */
  t1DarkShare: number;
}
export const DEFAULT_KNOBS: DomainKnobs = { t1TextureStrength: 0.6, t1DarkShare: 0.9 };

function writeGrey(mask: Float32Array, out: Float32Array, offset: number, gain = 1): void {
  for (let i = 0; i < mask.length; i++) {
    const v = clamp01(mask[i] * gain);
    out[offset + i * 3] = v;
    out[offset + i * 3 + 1] = v;
    out[offset + i * 3 + 2] = v;
  }
}

function drawSourceImage(rng: Rng, digit: number, out: Float32Array, offset: number): void {
  const mask = drawDigitMask(digit, randomSourceStyle(rng, IMAGE_SIZE), rng, IMAGE_SIZE);
  writeGrey(mask, out, offset, rng.uniform(0.85, 1));
}

function drawT1Image(rng: Rng, digit: number, out: Float32Array, offset: number, knobs: DomainKnobs): void {
  TARGET_GENERATOR_CALLS.T1++;
  const mask = drawDigitMask(digit, randomSourceStyle(rng, IMAGE_SIZE), rng, IMAGE_SIZE);
  const bg = colourTexture(rng, IMAGE_SIZE, 1);
  const level = rng.next() < knobs.t1DarkShare ? rng.uniform(0.05, 0.35) : rng.uniform(0.6, 0.95);
  for (let c = 0; c < 3; c++) {
    let mean = 0;
    for (let i = 0; i < mask.length; i++) mean += bg[i * 3 + c];
    mean /= mask.length;
    const lc = clamp01(level + rng.uniform(-0.1, 0.1));
    for (let i = 0; i < mask.length; i++) bg[i * 3 + c] = clamp01(lc + knobs.t1TextureStrength * (bg[i * 3 + c] - mean));
  }
  for (let i = 0; i < mask.length; i++) {
    for (let c = 0; c < 3; c++) out[offset + i * 3 + c] = Math.abs(bg[i * 3 + c] - mask[i]);
  }
}

function drawT2Image(rng: Rng, digit: number, out: Float32Array, offset: number): void {
  TARGET_GENERATOR_CALLS.T2++;
  const S = IMAGE_SIZE;
  const bgCol = hsvToRgb(rng.next(), rng.uniform(0, 0.7), rng.uniform(0.15, 0.95));
  const bgLum = 0.3 * bgCol[0] + 0.59 * bgCol[1] + 0.11 * bgCol[2];
  // Digit colour: far enough in luminance from the background (SVHN has both dark-on-light and light-on-dark).
  const fgV = bgLum > 0.5 ? rng.uniform(0, 0.3) : rng.uniform(0.7, 1);
  const fgCol = hsvToRgb(rng.next(), rng.uniform(0, 0.6), fgV);
  const mask = new Float32Array(S * S);
  const style: GlyphStyle = {
    width: rng.uniform(2.4, 4),
    rotation: rng.uniform(-8, 8) * (Math.PI / 180),
    height: rng.uniform(0.6, 0.8) * S,
    aspect: rng.uniform(0.6, 0.85),
    shear: rng.uniform(-0.25, 0.1),
    cx: S / 2 + rng.uniform(-1.5, 1.5),
    cy: S / 2 + rng.uniform(-1.5, 1.5),
    jitter: 0.01,
  };
  drawDigitMask(digit, style, rng, S, mask);
  // Neighbouring house-number digits, cut off by the crop.
  for (const side of [-1, 1]) {
    if (rng.next() < 0.75) {
      drawDigitMask(rng.int(10), { ...style, cx: S / 2 + side * rng.uniform(0.62, 0.8) * S, jitter: 0.02 }, rng, S, mask);
    }
  }
  const img = new Float32Array(S * S * 3);
  const gx = rng.uniform(-0.2, 0.2);
  const gy = rng.uniform(-0.2, 0.2);
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      const i = y * S + x;
      const light = 1 + gx * (x / S - 0.5) * 2 + gy * (y / S - 0.5) * 2;
      for (let c = 0; c < 3; c++) img[i * 3 + c] = (bgCol[c] * (1 - mask[i]) + fgCol[c] * mask[i]) * light;
    }
  }
  gaussianBlur(img, S, 3, rng.uniform(0.5, 1.1));
  const noise = rng.uniform(0.01, 0.05);
  for (let i = 0; i < img.length; i++) out[offset + i] = clamp01(img[i] + noise * rng.normal());
}

function drawT3Image(rng: Rng, digit: number, out: Float32Array, offset: number): void {
  TARGET_GENERATOR_CALLS.T3++;
  const S = IMAGE_SIZE;
  const style: GlyphStyle = {
    width: rng.uniform(3.2, 4.6),
    rotation: rng.uniform(-8, 8) * (Math.PI / 180),
    height: rng.uniform(0.86, 0.96) * S,
    aspect: rng.uniform(0.95, 1.25),
    shear: rng.uniform(-0.1, 0.1),
    cx: S / 2 + rng.uniform(-0.5, 0.5),
    cy: S / 2 + rng.uniform(-0.5, 0.5),
    jitter: 0.02,
  };
  const mask = drawDigitMask(digit, style, rng, S);
  const img = new Float32Array(S * S * 3);
  writeGrey(mask, img, 0);
  gaussianBlur(img, S, 3, rng.uniform(0.7, 1.1));
  let max = 0;
  for (let i = 0; i < img.length; i++) max = Math.max(max, img[i]);
  for (let i = 0; i < img.length; i++) out[offset + i] = max > 0 ? img[i] / max : 0;
}

/**
 * A source image pushed `distance` (1..5) steps along `direction`; a stand-in for one of the
 * paper's GAN neighbour domains in source-only NTL. The glyph is the source's (same style
 * distribution as S); the transformation is one no target domain uses, and nothing here calls a
 * target's generator or its helpers (`targetGeneratorCalls()` stays unchanged).
 */
function drawNeighbourImage(
  rng: Rng,
  digit: number,
  direction: NeighbourDirection,
  distance: number,
  out: Float32Array,
  offset: number,
): void {
  const S = IMAGE_SIZE;
  const d = distance;
  let mask = drawDigitMask(digit, randomSourceStyle(rng, S), rng, S);
  const gain = rng.uniform(0.85, 1); // the source's own brightness range
  if (direction === 'warp') {
    // Sinusoidal displacement, amplitude 0.5·d px, wavelength 8–16 px, bilinear resampling.
    const amp = 0.5 * d;
    const lx = rng.uniform(8, 16);
    const ly = rng.uniform(8, 16);
    const px = rng.uniform(0, 2 * Math.PI);
    const py = rng.uniform(0, 2 * Math.PI);
    const warped = new Float32Array(S * S);
    const at = (x: number, y: number) => (x < 0 || y < 0 || x >= S || y >= S ? 0 : mask[y * S + x]);
    for (let y = 0; y < S; y++) {
      for (let x = 0; x < S; x++) {
        const sx = x + amp * Math.sin((2 * Math.PI * y) / ly + px);
        const sy = y + amp * Math.sin((2 * Math.PI * x) / lx + py);
        const x0 = Math.floor(sx);
        const y0 = Math.floor(sy);
        const fx = sx - x0;
        const fy = sy - y0;
        warped[y * S + x] =
          (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
      }
    }
    mask = warped;
  } else if (direction === 'occlude') {
    // d blocks of 2..(3 + d) px, each black or white, anywhere on the image.
    for (let b = 0; b < d; b++) {
      const w = 2 + rng.int(2 + d);
      const h = 2 + rng.int(2 + d);
      const x0 = rng.int(S - w + 1);
      const y0 = rng.int(S - h + 1);
      const v = rng.next() < 0.5 ? 0 : 1;
      for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) mask[y * S + x] = v;
    }
  } else if (direction === 'impulse') {
    // Each pixel turns black or white with probability 0.03·d.
    const p = 0.03 * d;
    for (let i = 0; i < mask.length; i++) {
      if (rng.next() < p) mask[i] = rng.next() < 0.5 ? 0 : 1 / gain;
    }
  }
  // Per-channel gains: 1 for the grey directions; for 'cast', one channel keeps 1 and the other two
  // lose 0.08·d–0.16·d of their value (black stays black).
  const gains = [gain, gain, gain];
  if (direction === 'cast') {
    const keep = rng.int(3);
    for (let c = 0; c < 3; c++) if (c !== keep) gains[c] = gain * (1 - 0.16 * d * rng.uniform(0.5, 1));
  }
  for (let i = 0; i < mask.length; i++) {
    for (let c = 0; c < 3; c++) out[offset + i * 3 + c] = clamp01(mask[i] * gains[c]);
  }
}

export type SplitName = 'train' | 'test';

export interface GenerateOptions {
  n: number;
  seed: number;
  split: SplitName;
  knobs?: Partial<DomainKnobs>;
}

/**
 * Balanced labels in a seeded random order: each block of ten is its own permutation of 0..9, so
 * the first k labels (and hence images) of a set do not depend on its size.
 */
function balancedLabels(rng: Rng, n: number): Uint8Array {
  const labels = new Uint8Array(n);
  for (let block = 0; block * 10 < n; block++) {
    const perm = rng.fork(`block${block}`).shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let k = 0; k < 10 && block * 10 + k < n; k++) labels[block * 10 + k] = perm[k];
  }
  return labels;
}

/** Generates `n` images of domain `domain` for `split`; deterministic in (seed, domain, split, i). */
export function generateDomain(domain: Domain, opts: GenerateOptions): DigitSet {
  const knobs = { ...DEFAULT_KNOBS, ...opts.knobs };
  const root = createRng(opts.seed).fork(`ntl/${domain}/${opts.split}`);
  const labels = balancedLabels(root.fork('labels'), opts.n);
  const images = new Float32Array(opts.n * PIXELS);
  for (let i = 0; i < opts.n; i++) drawDomainImage(domain, root.fork(`img${i}`), labels[i], images, i * PIXELS, knobs);
  return { name: `${domain}/${opts.split}`, n: opts.n, images, labels };
}

function drawDomainImage(domain: Domain, rng: Rng, label: number, images: Float32Array, off: number, knobs: DomainKnobs): void {
  if (domain === 'S') drawSourceImage(rng, label, images, off);
  else if (domain === 'T1') drawT1Image(rng, label, images, off, knobs);
  else if (domain === 'T2') drawT2Image(rng, label, images, off);
  else drawT3Image(rng, label, images, off);
}

/**
 * Image `index` of `generateDomain(domain, opts)` alone, with its label: the same pixels, drawn
 * without the others, so that a page can draw examples one short task at a time.
 */
export function generateDomainImage(domain: Domain, opts: GenerateOptions, index: number): { image: Float32Array; label: number } {
  if (!Number.isInteger(index) || index < 0 || index >= opts.n) throw new RangeError(`image ${index} of ${opts.n}`);
  const root = createRng(opts.seed).fork(`ntl/${domain}/${opts.split}`);
  const labels = balancedLabels(root.fork('labels'), opts.n);
  const image = new Float32Array(PIXELS);
  drawDomainImage(domain, root.fork(`img${index}`), labels[index], image, 0, { ...DEFAULT_KNOBS, ...opts.knobs });
  return { image, label: labels[index] };
}

/**
 * The 5 distances × 4 directions neighbour grid, `perCell` images per (direction, distance),
 * concatenated (direction-major). Our replacement for the paper's GAN neighbours.
 */
export function generateNeighbours(opts: { perCell: number; seed: number; split: SplitName }): DigitSet {
  const cells = NEIGHBOUR_DIRECTIONS.length * NEIGHBOUR_DISTANCES.length;
  const n = cells * opts.perCell;
  const root = createRng(opts.seed).fork(`ntl/neighbours/${opts.split}`);
  const labels = balancedLabels(root.fork('labels'), n);
  const images = new Float32Array(n * PIXELS);
  let i = 0;
  for (const dir of NEIGHBOUR_DIRECTIONS) {
    for (const dist of NEIGHBOUR_DISTANCES) {
      for (let k = 0; k < opts.perCell; k++, i++) {
        drawNeighbourImage(root.fork(`img${i}`), labels[i], dir, dist, images, i * PIXELS);
      }
    }
  }
  return { name: `neighbours/${opts.split}`, n, images, labels };
}

/** One cell of the neighbour grid (for the UI's sample strip). */
export function generateNeighbourCell(
  direction: NeighbourDirection,
  distance: number,
  opts: { n: number; seed: number },
): DigitSet {
  const root = createRng(opts.seed).fork(`ntl/neighbour-cell/${direction}/${distance}`);
  const labels = balancedLabels(root.fork('labels'), opts.n);
  const images = new Float32Array(opts.n * PIXELS);
  for (let i = 0; i < opts.n; i++) drawNeighbourImage(root.fork(`img${i}`), labels[i], direction, distance, images, i * PIXELS);
  return { name: `neighbours/${direction}/${distance}`, n: opts.n, images, labels };
}

// ---------------------------------------------------------------- sets

/** Concatenates sets (images and labels in order). */
export function concatSets(name: string, sets: DigitSet[]): DigitSet {
  const n = sets.reduce((a, s) => a + s.n, 0);
  const images = new Float32Array(n * PIXELS);
  const labels = new Uint8Array(n);
  let at = 0;
  for (const s of sets) {
    images.set(s.images, at * PIXELS);
    labels.set(s.labels, at);
    at += s.n;
  }
  return { name, n, images, labels };
}

/** The first `n` images of a set (a view, no copy). */
export function headSet(set: DigitSet, n: number, name = `${set.name}[:${n}]`): DigitSet {
  const m = Math.min(n, set.n);
  return { name, n: m, images: set.images.subarray(0, m * PIXELS), labels: set.labels.subarray(0, m) };
}

/** Copies image `i` of a set (32×32×3 floats). */
export function imageAt(set: DigitSet, i: number): Float32Array {
  return set.images.slice(i * PIXELS, (i + 1) * PIXELS);
}
