/**
 * The two procedural image domains of the StyleAlign demo (Wu et al., ICLR 2022, arXiv 2110.11323):
 * a parent domain of "faces" and a child domain of "critters", 32 × 32 RGB, each image drawn from a
 * seed with known parameters. The paper fine-tunes an FFHQ StyleGAN2 to AFHQ dogs, cats and wild
 * animals; these two toy domains stand in for that pair at browser scale.
 *
 * Nothing here ties a face parameter to a critter parameter: the two renderers share no code path
 * beyond the rasteriser's primitives, the critters have their own geometry (a wide head, a muzzle,
 * triangular ears) and a fixed background (so a colour cannot carry over trivially), and their
 * parameters are drawn independently. Any correspondence a fine-tuned child shows must emerge.
 *
 * Determinism: parameters come from the suite's integer PRNG (`next()` is an exact uint32 / 2^32)
 * and the rasteriser uses only + − × ÷ and comparisons (no trig, no Math.sqrt), with 4 × 4
 * supersampling for anti-aliasing, so Node and every browser produce the same bytes.
 */
import { createRng } from '../../../shared/random';

export const IMAGE_SIZE = 32;
/** Samples per pixel along each axis (4 × 4 = 16 samples per pixel). */
export const SUPERSAMPLE = 4;
/** Fraction of faces that wear glasses. */
export const GLASSES_PROBABILITY = 0.3;

export type DomainId = 'faces' | 'critters';
export const DOMAINS: readonly DomainId[] = ['faces', 'critters'];

export interface FaceParams {
  /** head turn, −1 (looking to the image's left) … 1 */
  yaw: number;
  /** mouth curvature, −1 (frown) … 1 (smile) */
  smile: number;
  /** hair luminance, 0 (black) … 1 (blond) */
  hairLuminance: number;
  /** hair length, 0 (a cap) … 1 (to the chin and beyond) */
  hairLength: number;
  /** 0 or 1 */
  glasses: number;
  /** background tint, 0 (cool blue-grey) … 1 (warm beige) */
  background: number;
}

export interface CritterParams {
  /** head turn, −1 … 1 (the critter's own geometry: muzzle and ears shift, not the face's features) */
  yaw: number;
  /** fur luminance, 0 (dark brown) … 1 (cream) */
  furLuminance: number;
  /** ear length, 0 (stubs) … 1 (tall) */
  earLength: number;
  /** mouth opening, 0 (closed) … 1 (wide open) */
  mouthOpening: number;
}

/** Attribute names in the order of `attributeVector` (the oracles regress these). */
export const ATTRIBUTES: Record<DomainId, readonly string[]> = {
  faces: ['yaw', 'smile', 'hairLuminance', 'hairLength', 'glasses', 'background'],
  critters: ['yaw', 'furLuminance', 'earLength', 'mouthOpening'],
};

export type DomainParams = { domain: 'faces'; params: FaceParams } | { domain: 'critters'; params: CritterParams };

/**
 * The random stream of one image: image `index` of `domain` under `seed`. The fork's first word
 * seeds a fresh stream: forks whose labels differ in one character start from nearby states, and
 * their second draws are visibly correlated (0.024, 0.029, 0.034, 0.084 for images 0–3 of seed 1);
 * reseeding through SplitMix from one well-mixed word removes that.
 */
export function imageRng(domain: DomainId, seed: number, index: number) {
  return createRng(createRng(seed).fork(`stylealign/${domain}/${index}`).uint32());
}

export function sampleFaceParams(seed: number, index: number): FaceParams {
  const rng = imageRng('faces', seed, index);
  return {
    yaw: 2 * rng.next() - 1,
    smile: 2 * rng.next() - 1,
    hairLuminance: rng.next(),
    hairLength: rng.next(),
    glasses: rng.next() < GLASSES_PROBABILITY ? 1 : 0,
    background: rng.next(),
  };
}

export function sampleCritterParams(seed: number, index: number): CritterParams {
  const rng = imageRng('critters', seed, index);
  return {
    yaw: 2 * rng.next() - 1,
    furLuminance: rng.next(),
    earLength: rng.next(),
    mouthOpening: rng.next(),
  };
}

export function attributeVector(d: DomainParams): number[] {
  if (d.domain === 'faces') {
    const p = d.params;
    return [p.yaw, p.smile, p.hairLuminance, p.hairLength, p.glasses, p.background];
  }
  const p = d.params;
  return [p.yaw, p.furLuminance, p.earLength, p.mouthOpening];
}

type Rgb = readonly [number, number, number];
const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [lerp(a[0], b[0], t), lerp(a[1], b[1], t), lerp(a[2], b[2], t)];

/** (x, y) inside the axis-aligned ellipse centred at (cx, cy) with radii rx, ry. */
function inEllipse(x: number, y: number, cx: number, cy: number, rx: number, ry: number): boolean {
  const u = (x - cx) / rx;
  const v = (y - cy) / ry;
  return u * u + v * v <= 1;
}

/** (x, y) inside the ring of the ellipse (cx, cy, r) of thickness t (in units of the radius). */
function inRing(x: number, y: number, cx: number, cy: number, r: number, t: number): boolean {
  const u = (x - cx) / r;
  const v = (y - cy) / r;
  const q = u * u + v * v;
  return q <= (1 + t) * (1 + t) && q >= (1 - t) * (1 - t);
}

/** (x, y) inside the triangle abc (either orientation), by the signs of the three edge functions. */
function inTriangle(x: number, y: number, ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  const e1 = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
  const e2 = (cx - bx) * (y - by) - (cy - by) * (x - bx);
  const e3 = (ax - cx) * (y - cy) - (ay - cy) * (x - cx);
  return (e1 >= 0 && e2 >= 0 && e3 >= 0) || (e1 <= 0 && e2 <= 0 && e3 <= 0);
}

/** A colour function of the continuous image position (pixel units, origin top-left). */
type Shader = (x: number, y: number) => Rgb;

/** Averages SUPERSAMPLE² samples per pixel; bytes in RGB order, row-major, 3 per pixel. */
function rasterise(shade: Shader, size = IMAGE_SIZE): Uint8Array {
  const out = new Uint8Array(size * size * 3);
  const n = SUPERSAMPLE;
  const scale = IMAGE_SIZE / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shade((px + (sx + 0.5) / n) * scale, (py + (sy + 0.5) / n) * scale);
          r += c[0];
          g += c[1];
          b += c[2];
        }
      }
      const o = (py * size + px) * 3;
      const k = 255 / (n * n);
      out[o] = Math.floor(r * k + 0.5);
      out[o + 1] = Math.floor(g * k + 0.5);
      out[o + 2] = Math.floor(b * k + 0.5);
    }
  }
  return out;
}

const FACE_BG_COOL: Rgb = [0.55, 0.62, 0.72];
const FACE_BG_WARM: Rgb = [0.86, 0.78, 0.62];
const SKIN: Rgb = [0.93, 0.76, 0.64];
const SKIN_SHADE: Rgb = [0.82, 0.62, 0.52];
const HAIR_DARK: Rgb = [0.08, 0.06, 0.05];
const HAIR_LIGHT: Rgb = [0.95, 0.86, 0.55];
const EYE: Rgb = [0.12, 0.1, 0.12];
const LIPS: Rgb = [0.62, 0.18, 0.2];
const FRAME: Rgb = [0.1, 0.1, 0.16];

/** A frontal-ish cartoon face; yaw shifts the features sideways and foreshortens the far eye. */
export function faceShader(p: FaceParams): Shader {
  const cx = 16 + 1.2 * p.yaw;
  const cy = 17;
  const rx = 8.6;
  const ry = 10.4;
  const bgTop = mix(FACE_BG_COOL, FACE_BG_WARM, p.background);
  const bgBottom = mix(bgTop, [0.2, 0.2, 0.22], 0.35);
  const hair = mix(HAIR_DARK, HAIR_LIGHT, p.hairLuminance);
  // features move toward the side the face turns to
  const fx = cx + 3.2 * p.yaw;
  const eyeY = cy - 1.2;
  const eyeGap = 3.6;
  const leftScale = 1 - 0.35 * (p.yaw > 0 ? p.yaw : 0); // the far eye looks narrower
  const rightScale = 1 - 0.35 * (p.yaw < 0 ? -p.yaw : 0);
  const leftEyeX = fx - eyeGap * leftScale;
  const rightEyeX = fx + eyeGap * rightScale;
  const hairBottom = cy - 0.35 * ry + p.hairLength * 1.55 * ry;
  const mouthX = fx;
  const mouthY = cy + 5.2;
  const mouthHalf = 3.4;
  return (x, y) => {
    // the long hair behind the head (rounded at the bottom)
    const behindHair =
      y > cy - ry - 1 &&
      ((y < hairBottom - 2 && x > cx - rx - 2.2 && x < cx + rx + 2.2) || inEllipse(x, y, cx, hairBottom - 2, rx + 2.2, 2));
    let c: Rgb = behindHair ? hair : mix(bgTop, bgBottom, y / IMAGE_SIZE);
    // neck and head
    if (x > cx - 3.2 && x < cx + 3.2 && y > cy + 6 && !behindHair) c = SKIN_SHADE;
    if (inEllipse(x, y, cx, cy, rx, ry)) {
      c = SKIN;
      // the side of the head away from the turn is shaded
      const side = (x - cx) / rx;
      if (side * p.yaw < -0.55) c = mix(SKIN, SKIN_SHADE, 0.6);
      // nose
      if (inEllipse(x, y, fx + 0.8 * p.yaw, cy + 1.8, 1, 1.6)) c = SKIN_SHADE;
      // eyes
      if (inEllipse(x, y, leftEyeX, eyeY, 1.2 * leftScale, 1.2)) c = EYE;
      if (inEllipse(x, y, rightEyeX, eyeY, 1.2 * rightScale, 1.2)) c = EYE;
      // mouth: a parabola whose ends rise with the smile
      const dx = (x - mouthX) / mouthHalf;
      if (dx > -1 && dx < 1) {
        const curve = mouthY - p.smile * 1.6 * (dx * dx) + p.smile * 0.5;
        const d = y - curve;
        if (d > -0.65 && d < 0.65) c = LIPS;
      }
      // fringe: the top of the head is hair for every length
      const fringe = cy - 0.5 * ry + 0.9 * ((x - cx) / rx) * ((x - cx) / rx) * ry * 0.3;
      if (y < fringe) c = hair;
    }
    // hair volume above the head
    if (!inEllipse(x, y, cx, cy, rx, ry) && inEllipse(x, y, cx, cy - 1.2, rx + 1.6, ry + 0.6) && y < cy) c = hair;
    if (p.glasses > 0.5) {
      const onFrame =
        inRing(x, y, leftEyeX, eyeY, 2.5 * (0.5 + 0.5 * leftScale), 0.22) ||
        inRing(x, y, rightEyeX, eyeY, 2.5 * (0.5 + 0.5 * rightScale), 0.22) ||
        (y > eyeY - 0.45 && y < eyeY + 0.45 && x > leftEyeX + 2.2 * leftScale && x < rightEyeX - 2.2 * rightScale);
      if (onFrame) c = FRAME;
    }
    return c;
  };
}

const CRITTER_BG: Rgb = [0.36, 0.55, 0.4];
const FUR_DARK: Rgb = [0.24, 0.14, 0.08];
const FUR_LIGHT: Rgb = [0.96, 0.88, 0.7];
const MUZZLE_TINT: Rgb = [0.98, 0.94, 0.86];
const INNER_EAR: Rgb = [0.86, 0.55, 0.58];
const NOSE: Rgb = [0.1, 0.07, 0.07];
const MOUTH: Rgb = [0.35, 0.05, 0.08];
const CRITTER_EYE: Rgb = [0.05, 0.05, 0.04];

/** A wide-headed animal face with a muzzle and two triangular ears on a fixed green background. */
export function critterShader(p: CritterParams): Shader {
  const cx = 16 + 1.6 * p.yaw;
  const cy = 19;
  const rx = 10.2;
  const ry = 8.2;
  const fur = mix(FUR_DARK, FUR_LIGHT, p.furLuminance);
  const furShade = mix(fur, [0, 0, 0], 0.25);
  const muzzle = mix(fur, MUZZLE_TINT, 0.55);
  const mx = cx + 3.6 * p.yaw;
  const my = cy + 3.2;
  const earH = 3 + 8 * p.earLength;
  // ears: the one on the turning side sits closer to the middle
  const earL0 = cx - 8.6 + 2 * (p.yaw > 0 ? p.yaw : 0);
  const earR0 = cx + 8.6 - 2 * (p.yaw < 0 ? -p.yaw : 0);
  const earBaseY = cy - ry + 3.2;
  const earTipY = earBaseY - 3 - earH;
  const leftTipX = earL0 - 1.2 + 1.5 * p.yaw;
  const rightTipX = earR0 + 1.2 + 1.5 * p.yaw;
  const eyeY = cy - 1.8;
  const mouthOpen = 0.35 + 2.3 * p.mouthOpening;
  return (x, y) => {
    let c: Rgb = CRITTER_BG;
    // ears first (behind the head): an outer triangle of fur and an inner one of skin
    if (inTriangle(x, y, earL0 - 3.4, earBaseY, earL0 + 3.4, earBaseY, leftTipX, earTipY)) {
      c = fur;
      if (inTriangle(x, y, earL0 - 1.7, earBaseY, earL0 + 1.7, earBaseY, leftTipX + 0.3, earTipY + 2.2)) c = INNER_EAR;
    }
    if (inTriangle(x, y, earR0 - 3.4, earBaseY, earR0 + 3.4, earBaseY, rightTipX, earTipY)) {
      c = fur;
      if (inTriangle(x, y, earR0 - 1.7, earBaseY, earR0 + 1.7, earBaseY, rightTipX - 0.3, earTipY + 2.2)) c = INNER_EAR;
    }
    if (inEllipse(x, y, cx, cy, rx, ry)) {
      c = fur;
      // the cheek away from the turn is darker
      if (((x - cx) / rx) * p.yaw < -0.5) c = furShade;
      if (inEllipse(x, y, mx, my, 4.8, 3.4)) c = muzzle;
      // mouth: a dark opening under the nose, taller with the opening
      if (inEllipse(x, y, mx, my + 1.4 + 0.5 * mouthOpen, 2.2, mouthOpen)) c = MOUTH;
      if (inTriangle(x, y, mx - 1.5, my - 1.4, mx + 1.5, my - 1.4, mx, my + 0.4)) c = NOSE;
      if (inEllipse(x, y, mx - 4.4, eyeY, 1, 1.5)) c = CRITTER_EYE;
      if (inEllipse(x, y, mx + 4.4, eyeY, 1, 1.5)) c = CRITTER_EYE;
    }
    return c;
  };
}

/** One face, 32 × 32 RGB bytes. `size` other than 32 renders the same picture at another resolution (previews). */
export function renderFace(p: FaceParams, size = IMAGE_SIZE): Uint8Array {
  return rasterise(faceShader(p), size);
}

export function renderCritter(p: CritterParams, size = IMAGE_SIZE): Uint8Array {
  return rasterise(critterShader(p), size);
}

export function sampleParams(domain: DomainId, seed: number, index: number): DomainParams {
  return domain === 'faces'
    ? { domain, params: sampleFaceParams(seed, index) }
    : { domain, params: sampleCritterParams(seed, index) };
}

export function renderParams(d: DomainParams, size = IMAGE_SIZE): Uint8Array {
  return d.domain === 'faces' ? renderFace(d.params, size) : renderCritter(d.params, size);
}

/** Image `index` of `domain` under `seed`: its parameters and its bytes. */
export function renderSample(domain: DomainId, seed: number, index: number): { params: DomainParams; pixels: Uint8Array } {
  const params = sampleParams(domain, seed, index);
  return { params, pixels: renderParams(params) };
}

/**
 * A batch of images `first … first + count − 1`, as float32 NHWC in [−1, 1] (StyleGAN2's range),
 * with the attribute vectors row by row. `size` < 32 draws the same pictures smaller (the tests' tiny GANs).
 */
export function renderBatch(domain: DomainId, seed: number, first: number, count: number, size = IMAGE_SIZE): { images: Float32Array; attributes: Float32Array } {
  const px = size * size * 3;
  const images = new Float32Array(count * px);
  const names = ATTRIBUTES[domain];
  const attributes = new Float32Array(count * names.length);
  for (let i = 0; i < count; i++) {
    const params = sampleParams(domain, seed, first + i);
    const pixels = renderParams(params, size);
    for (let j = 0; j < px; j++) images[i * px + j] = pixels[j] / 127.5 - 1;
    attributes.set(attributeVector(params), i * names.length);
  }
  return { images, attributes };
}
