import jsQR from 'jsqr';
import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { localOnlyNote, moduleScale, qrLinkProblem, qrPixels, QR_ECC, QR_MAX_BYTES_M, QUIET_MODULES } from './qr';

function roundTrip(text: string, scale: number): string | null {
  const qr = encode(text, { ecc: QR_ECC, border: 0 });
  const { width, pixels } = qrPixels(qr, scale);
  return jsQR(pixels, width, width)?.data ?? null;
}

describe('qrPixels', () => {
  it('draws a code that a decoder reads back, at several scales', () => {
    const href = 'https://example.org/oral-demos/#/ntl?v=1&seed=7&mode=source-only&lr=0.0005';
    for (const scale of [2, 3, 7]) expect(roundTrip(href, scale)).toBe(href);
  });

  it('reads back long and non-ASCII links', () => {
    const href = 'http://127.0.0.1:4173/#/einops?v=1&pattern=' + encodeURIComponent('b (h h2) (w w2) c -> b h w (c h2 w2) ✓') + '&x=' + 'a'.repeat(600);
    expect(roundTrip(href, 2)).toBe(href);
  });

  it('has a light quiet zone of four modules and dark modules where the matrix says', () => {
    const qr = encode('hello', { ecc: QR_ECC, border: 0 });
    const scale = 3;
    const { width, pixels } = qrPixels(qr, scale);
    expect(width).toBe((qr.size + 2 * QUIET_MODULES) * scale);
    const at = (x: number, y: number) => pixels[(y * width + x) * 4];
    for (let i = 0; i < QUIET_MODULES * scale; i++) expect(at(i, i)).toBe(255);
    // The top-left finder pattern's corner module is dark.
    expect(at(QUIET_MODULES * scale, QUIET_MODULES * scale)).toBe(0);
    expect(qr.data[0][0]).toBe(true);
  });

  it('refuses a scale that is not a positive integer', () => {
    const qr = encode('x', { border: 0 });
    expect(() => qrPixels(qr, 0)).toThrow(/positive integer/);
    expect(() => qrPixels(qr, 1.5)).toThrow(/positive integer/);
  });
});

describe('moduleScale', () => {
  it('gives whole pixels per module, at least 2', () => {
    expect(moduleScale(37, 720)).toBe(19);
    expect(moduleScale(177, 200)).toBe(2);
  });
});

describe('qrLinkProblem', () => {
  it('accepts links up to the capacity of a version-40 code at level M, and names the limit past it', () => {
    expect(qrLinkProblem('a'.repeat(QR_MAX_BYTES_M))).toBeNull();
    expect(qrLinkProblem('a'.repeat(QR_MAX_BYTES_M + 1))).toMatch(/2,332 bytes long; a QR code holds at most 2,331/);
    // The encoder agrees with the limit.
    expect(() => encode('a'.repeat(QR_MAX_BYTES_M), { ecc: QR_ECC })).not.toThrow();
    expect(() => encode('a'.repeat(QR_MAX_BYTES_M + 1), { ecc: QR_ECC })).toThrow();
  });
});

describe('localOnlyNote', () => {
  it('warns about addresses a phone cannot reach, and only those', () => {
    expect(localOnlyNote('http://127.0.0.1:4173/#/ntl')).toMatch(/points at this computer/);
    expect(localOnlyNote('http://localhost:5173/')).toMatch(/127|localhost/);
    expect(localOnlyNote('http://192.168.1.20:4173/#/ntl')).toBeNull();
    expect(localOnlyNote('https://demos.example.org/#/')).toBeNull();
    expect(localOnlyNote('not a url')).toBeNull();
  });
});
