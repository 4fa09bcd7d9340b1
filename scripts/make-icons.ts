/**
 * npx tsx scripts/make-icons.ts
 *
 * Writes the app's icons (public/icons/icon-192.png, icon-512.png, maskable) for the web app
 * manifest: the top bar's ◆ mark, white on the accent blue, drawn pixel by pixel and encoded as PNG
 * with node:zlib (no image library for two squares).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

const OUT = resolve(import.meta.dirname, '../public/icons');
const ACCENT = [0x24, 0x53, 0xc9];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** An RGB PNG of size×size: a white diamond (|x|+|y| ≤ r) on the accent colour, 4×4 supersampled edges. */
function icon(size: number, diamond: number): Buffer {
  const rows: Buffer[] = [];
  const c = size / 2;
  const r = (size * diamond) / 2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      let inside = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (Math.abs(x + (sx + 0.5) / 4 - c) + Math.abs(y + (sy + 0.5) / 4 - c) <= r) inside++;
      const a = inside / 16;
      for (let k = 0; k < 3; k++) row[1 + x * 3 + k] = Math.round(ACCENT[k] * (1 - a) + 255 * a);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

mkdirSync(OUT, { recursive: true });
for (const size of [192, 512]) writeFileSync(join(OUT, `icon-${size}.png`), icon(size, 0.62));
// maskable: the mark inside the safe zone (the central 80% circle)
writeFileSync(join(OUT, 'icon-maskable-512.png'), icon(512, 0.5));
console.log(`wrote ${OUT}/icon-192.png, icon-512.png, icon-maskable-512.png`);
