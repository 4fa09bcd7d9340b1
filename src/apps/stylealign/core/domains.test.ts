import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTES, attributeVector, IMAGE_SIZE, renderBatch, renderCritter, renderFace, renderSample, sampleCritterParams, sampleFaceParams, type FaceParams } from './domains';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex').slice(0, 16);
const meanAbsDiff = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

describe('procedural domains', () => {
  it('render the same bytes from the same seed and index (pinned digests: the rasteriser uses + − × ÷ only)', () => {
    const a = renderSample('faces', 1, 0).pixels;
    expect(a.length).toBe(IMAGE_SIZE * IMAGE_SIZE * 3);
    expect(renderSample('faces', 1, 0).pixels).toEqual(a);
    expect(renderSample('faces', 1, 1).pixels).not.toEqual(a);
    expect(renderSample('faces', 2, 0).pixels).not.toEqual(a);
    // pinned so that a change of the pictures is a visible decision (the oracles and weights depend on them)
    expect([sha(a), sha(renderSample('critters', 1, 0).pixels)]).toMatchInlineSnapshot(`
      [
        "21866503f64ef01b",
        "cb70a89188d278c0",
      ]
    `);
  });

  it('draws parameters in their ranges, with about 30% glasses, and independent draws per image', () => {
    const faces = Array.from({ length: 2000 }, (_, i) => sampleFaceParams(7, i));
    const critters = Array.from({ length: 2000 }, (_, i) => sampleCritterParams(7, i));
    const glasses = faces.filter((f) => f.glasses === 1).length / faces.length;
    expect(glasses).toBeGreaterThan(0.26);
    expect(glasses).toBeLessThan(0.34);
    for (const f of faces) {
      expect(Math.abs(f.yaw)).toBeLessThanOrEqual(1);
      expect(Math.abs(f.smile)).toBeLessThanOrEqual(1);
      for (const v of [f.hairLuminance, f.hairLength, f.background]) expect(v >= 0 && v < 1).toBe(true);
    }
    // consecutive images are not correlated (the shared fork gives correlated second draws; we reseed)
    const lag1 = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      let num = 0;
      let den = 0;
      for (let i = 0; i < xs.length; i++) {
        den += (xs[i] - m) ** 2;
        if (i > 0) num += (xs[i] - m) * (xs[i - 1] - m);
      }
      return num / den;
    };
    for (const xs of [faces.map((f) => f.smile), faces.map((f) => f.yaw), critters.map((c) => c.furLuminance), critters.map((c) => c.earLength)]) {
      expect(Math.abs(lag1(xs))).toBeLessThan(0.08);
    }
  });

  it('each parameter changes the picture, and the critters ignore nothing they are given', () => {
    const base: FaceParams = { yaw: 0, smile: 0, hairLuminance: 0.5, hairLength: 0.5, glasses: 0, background: 0.5 };
    const img = renderFace(base);
    for (const [k, v] of [['yaw', 0.8], ['smile', 0.9], ['hairLuminance', 1], ['hairLength', 1], ['glasses', 1], ['background', 1]] as const) {
      expect(meanAbsDiff(renderFace({ ...base, [k]: v }), img), k).toBeGreaterThan(0.5);
    }
    const c = { yaw: 0, furLuminance: 0.5, earLength: 0.5, mouthOpening: 0.5 };
    const cimg = renderCritter(c);
    for (const [k, v] of [['yaw', 0.8], ['furLuminance', 1], ['earLength', 1], ['mouthOpening', 1]] as const) {
      expect(meanAbsDiff(renderCritter({ ...c, [k]: v }), cimg), k).toBeGreaterThan(0.3);
    }
  });

  it('critters have a fixed background (the corner pixels never change)', () => {
    const corners = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const p = renderSample('critters', 3, i).pixels;
      corners.add(Array.from(p.slice(0, 3)).join(',') + '|' + Array.from(p.slice(p.length - 3)).join(','));
    }
    expect(corners.size).toBe(1);
  });

  it('renders anti-aliased edges (intermediate values) and batches in [−1, 1] with the attribute rows', () => {
    const img = renderSample('faces', 1, 3).pixels;
    expect(new Set(img).size).toBeGreaterThan(60);
    const { images, attributes } = renderBatch('critters', 1, 10, 3);
    expect(images.length).toBe(3 * IMAGE_SIZE * IMAGE_SIZE * 3);
    expect(Math.min(...images)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...images)).toBeLessThanOrEqual(1);
    expect(Array.from(attributes.slice(4, 8))).toEqual(attributeVector(renderSample('critters', 1, 11).params).map((v) => Math.fround(v)));
    expect(ATTRIBUTES.critters.length).toBe(4);
  });
});
