import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5Hex } from './md5';

describe('md5Hex', () => {
  it('agrees with node:crypto, across the padding boundaries', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 127, 1000, 9496]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 255);
      expect(md5Hex(bytes), `${n} bytes`).toBe(createHash('md5').update(bytes).digest('hex'));
    }
    expect(md5Hex(new TextEncoder().encode('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
  });
});
