/**
 * Exported figures and tables with their provenance (provenance.ts) inside the file itself:
 * - CSV: a header comment, one `# key: value` line per entry, then the table;
 * - JSON: { provenance: {...}, data };
 * - PNG: one tEXt chunk per entry after IHDR (the PNG spec's text chunks, read by image viewers and
 *   `exiftool`), plus the standard "Software" keyword;
 * - SVG: a <metadata> element with the entries.
 * No DOM at import time; `download` is the only function that needs a document.
 */
import { provenanceEntries, type Provenance } from './provenance';

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\n\r#]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvWithProvenance(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[], p: Provenance): string {
  const lines = provenanceEntries(p).map(([k, v]) => `# ${k}: ${v.replace(/[\r\n]+/g, ' ')}`);
  lines.push(header.map(csvCell).join(','));
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return lines.join('\n') + '\n';
}

export function jsonWithProvenance(data: unknown, p: Provenance): string {
  return JSON.stringify({ provenance: Object.fromEntries(provenanceEntries(p)), data }, null, 1) + '\n';
}

let crcTable: Uint32Array | null = null;
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** Latin-1 bytes (PNG tEXt is Latin-1); other characters become '?'. */
function latin1(s: string): number[] {
  return Array.from(s, (ch) => {
    const c = ch.charCodeAt(0);
    return c < 256 && ch.length === 1 ? c : 63;
  });
}

function textChunk(keyword: string, text: string): Uint8Array {
  const data = [...latin1(keyword.slice(0, 79)), 0, ...latin1(text)];
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set([116, 69, 88, 116], 4); // "tEXt"
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function isPng(png: Uint8Array): boolean {
  return png.length > 33 && PNG_SIGNATURE.every((b, i) => png[i] === b);
}

/** The PNG with a tEXt chunk per provenance entry inserted after IHDR. */
export function pngWithProvenance(png: Uint8Array, p: Provenance): Uint8Array {
  if (!isPng(png)) throw new Error('not a PNG file');
  const ihdrEnd = 8 + 12 + new DataView(png.buffer, png.byteOffset).getUint32(8);
  const chunks = [textChunk('Software', `Oral Demos ${p.app} (${p.commit})`), ...provenanceEntries(p).map(([k, v]) => textChunk(k, v))];
  const size = chunks.reduce((a, c) => a + c.length, 0);
  const out = new Uint8Array(png.length + size);
  out.set(png.subarray(0, ihdrEnd), 0);
  let at = ihdrEnd;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  out.set(png.subarray(ihdrEnd), at);
  return out;
}

/** The tEXt entries of a PNG (for tests and for checking an exported file). */
export function readPngText(png: Uint8Array): Record<string, string> {
  if (!isPng(png)) throw new Error('not a PNG file');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Record<string, string> = {};
  for (let at = 8; at + 12 <= png.length; ) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === 'tEXt') {
      const data = png.subarray(at + 8, at + 8 + len);
      const zero = data.indexOf(0);
      out[String.fromCharCode(...data.subarray(0, zero))] = String.fromCharCode(...data.subarray(zero + 1));
    }
    if (type === 'IEND') break;
    at += 12 + len;
  }
  return out;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An SVG document with a <metadata> element holding the provenance entries. */
export function svgWithProvenance(svg: string, p: Provenance): string {
  const open = svg.indexOf('>', svg.indexOf('<svg'));
  if (open < 0) throw new Error('not an SVG document');
  const meta = `<metadata><provenance xmlns="https://oral-demos.invalid/provenance">${provenanceEntries(p)
    .map(([k, v]) => `<entry key="${xmlEscape(k)}">${xmlEscape(v)}</entry>`)
    .join('')}</provenance></metadata>`;
  return svg.slice(0, open + 1) + meta + svg.slice(open + 1);
}

/** A file name from a view's name: "ntl-accuracy-2026-12-03.csv". */
export function exportName(view: string, ext: string, date = new Date()): string {
  const slug = view.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'figure';
  return `${slug}-${date.toISOString().slice(0, 10)}.${ext}`;
}

/** Saves a file through the browser's download (an <a download> click on an object URL). */
export function download(name: string, content: Blob | string | Uint8Array, type: string): void {
  const blob = content instanceof Blob ? content : new Blob([content as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
