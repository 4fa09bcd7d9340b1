/**
 * QR codes of the current link (issue #15): the pure parts, unit-tested in Node. The encoder is
 * `uqr` (unjs/uqr, no dependencies); `ShareQrButton` imports it (qrEncoder.ts) lazily when its dialog
 * opens, so no page pays for it up front.
 */

/** The spec's quiet zone: four light modules on every side, which phone scanners rely on. */
export const QUIET_MODULES = 4;

/**
 * Error correction 'M' (15% of the code may be lost): a projected code is often partly washed out
 * or cut by a pointer; 'H' would make a long link's code denser, and harder to scan from afar.
 */
export const QR_ECC = 'M' as const;

/** Bytes a version-40 code holds at level M in byte mode (ISO/IEC 18004, table 7). */
export const QR_MAX_BYTES_M = 2331;

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** `data[y][x]`: true for a dark module. */
  data: boolean[][];
  version: number;
}

/**
 * The RGBA pixels of a code, `scale` pixels per module, with the quiet zone, dark on white
 * whatever the page's theme (scanners expect dark modules on a light ground).
 */
export function qrPixels(qr: QrMatrix, scale: number, quiet = QUIET_MODULES): { width: number; pixels: Uint8ClampedArray<ArrayBuffer> } {
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`scale must be a positive integer, got ${scale}`);
  const modules = qr.size + 2 * quiet;
  const width = modules * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let y = 0; y < qr.size; y++) {
    const row = qr.data[y];
    for (let x = 0; x < qr.size; x++) {
      if (!row[x]) continue;
      for (let dy = 0; dy < scale; dy++) {
        let p = (((y + quiet) * scale + dy) * width + (x + quiet) * scale) * 4;
        for (let dx = 0; dx < scale; dx++, p += 4) {
          pixels[p] = 0;
          pixels[p + 1] = 0;
          pixels[p + 2] = 0;
        }
      }
    }
  }
  return { width, pixels };
}

/**
 * Pixels per module for a code of `modules` modules (quiet zone included) that should fill about
 * `targetPx` device pixels: a whole number, so every module has the same size (a scanner reads
 * uneven modules badly), and at least 2.
 */
export function moduleScale(modules: number, targetPx: number): number {
  return Math.max(2, Math.floor(targetPx / modules));
}

/** UTF-8 length of a string (what byte mode encodes). */
export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** Why a link cannot become a scannable code, or null when it can. */
export function qrLinkProblem(href: string): string | null {
  const n = utf8Length(href);
  if (n > QR_MAX_BYTES_M) {
    return `This link is ${n.toLocaleString('en')} bytes long; a QR code holds at most ${QR_MAX_BYTES_M.toLocaleString('en')}. Use "Copy link" and send it instead.`;
  }
  return null;
}

/**
 * A note for links that a phone cannot open: the app is served from this computer only (localhost,
 * 127.x, ::1). The code still shows the link, since that is what "the current view" is.
 */
export function localOnlyNote(href: string): string | null {
  let host: string;
  try {
    host = new URL(href).hostname;
  } catch {
    return null;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '[::1]') {
    return `This address (${host}) points at this computer itself: a phone that scans it will not reach the demos. Serve the app on the network (for example with npx vite preview --host 0.0.0.0) or from a public host.`;
  }
  return null;
}
