import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { csvWithProvenance, exportName, jsonWithProvenance, pngWithProvenance, readPngText, svgWithProvenance } from './exportFile';
import { collectProvenance, seedOf, stampText } from './provenance';

const link = 'http://localhost:5173/#/ntl?seed=7&mode=b';
const p = collectProvenance({ link, backend: { name: 'wasm', tfjsVersion: '4.22.0', precision: 'float32' }, date: new Date('2026-12-03T04:00:00Z') });

/** A valid 1×1 RGB PNG made here (signature, IHDR, IDAT, IEND with their CRCs, as zlib and the spec say). */
function tinyPng(): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Uint8Array) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const v = new DataView(out.buffer);
    v.setUint32(0, data.length);
    out.set(Array.from(type, (c) => c.charCodeAt(0)), 4);
    out.set(data, 8);
    v.setUint32(8 + data.length, crc(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const idat = new Uint8Array(deflateSync(Buffer.from([0, 255, 0, 0])));
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array())];
  const out = new Uint8Array(parts.reduce((a, x) => a + x.length, 0));
  let at = 0;
  for (const x of parts) {
    out.set(x, at);
    at += x.length;
  }
  return out;
}

describe('provenance in exported files', () => {
  it('reads the seed from the link and stamps the build', () => {
    expect(seedOf(link)).toBe('7');
    expect(seedOf('http://x/#/einops')).toBeNull();
    expect(p.seed).toBe('7');
    expect(stampText({ name: 'webgl', tfjsVersion: '4.22.0', precision: 'float16' })).toMatch(/^Oral Demos \S+ \(\S+\) · tfjs 4\.22\.0 · webgl, float16$/);
  });

  it('CSV: a commented header with the link and seed, then the table, quoted where needed', () => {
    const csv = csvWithProvenance(['step', 'accuracy, target'], [[1, 0.5], [2, null]], p);
    const lines = csv.trim().split('\n');
    expect(lines).toContain(`# link: ${link}`);
    expect(lines).toContain('# seed: 7');
    expect(lines).toContain('# backend: wasm (float32)');
    expect(lines.slice(-3)).toEqual(['step,"accuracy, target"', '1,0.5', '2,']);
  });

  it('JSON keeps the data beside the provenance', () => {
    const back = JSON.parse(jsonWithProvenance({ rows: [1, 2] }, p)) as { provenance: Record<string, string>; data: unknown };
    expect(back.provenance.link).toBe(link);
    expect(back.provenance.seed).toBe('7');
    expect(back.data).toEqual({ rows: [1, 2] });
  });

  it('PNG: tEXt chunks after IHDR that read back, and the image data untouched', () => {
    const png = tinyPng();
    const stamped = pngWithProvenance(png, p);
    const text = readPngText(stamped);
    expect(text.link).toBe(link);
    expect(text.seed).toBe('7');
    expect(text.Software).toMatch(/^Oral Demos /);
    // the original chunks follow in order, byte for byte
    expect(Array.from(stamped.subarray(stamped.length - (png.length - 33)))).toEqual(Array.from(png.subarray(33)));
    expect(() => pngWithProvenance(new Uint8Array(40), p)).toThrow(/not a PNG/);
  });

  it('SVG: a metadata element with escaped entries', () => {
    const svg = svgWithProvenance('<svg xmlns="http://www.w3.org/2000/svg" width="10"><rect/></svg>', p);
    expect(svg).toContain('<entry key="link">http://localhost:5173/#/ntl?seed=7&amp;mode=b</entry>');
    expect(svg.indexOf('<metadata>')).toBeLessThan(svg.indexOf('<rect/>'));
  });

  it('names files after the view and the date', () => {
    expect(exportName('NTL: target accuracy (%)', 'png', new Date('2026-12-03T10:00:00Z'))).toBe('ntl-target-accuracy-2026-12-03.png');
  });
});
