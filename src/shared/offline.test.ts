import { describe, expect, it } from 'vitest';
import { formatMegabytes, packFor, type PackList } from './offline';

const list: PackList = {
  build: 'abcd1234',
  sizes: { 'index.html': 1000, 'assets/index.js': 300_000, 'assets/ntl.js': 2_000_000, 'assets/shared.js': 500_000, 'assets/einops.js': 700_000 },
  shell: ['index.html', 'assets/index.js'],
  routes: { ntl: ['assets/ntl.js', 'assets/shared.js'], einops: ['assets/einops.js', 'assets/shared.js'] },
};

describe('offline packs (the page side)', () => {
  it("a route's pack is the shell and its own files, once each; `all` is every route's", () => {
    expect(packFor(list, 'ntl')).toEqual({ files: ['index.html', 'assets/index.js', 'assets/ntl.js', 'assets/shared.js'], bytes: 2_801_000 });
    expect(packFor(list, 'all').bytes).toBe(3_501_000);
    expect(packFor(list, 'nowhere')).toEqual({ files: ['index.html', 'assets/index.js'], bytes: 301_000 });
  });
  it('writes sizes in megabytes', () => {
    expect(formatMegabytes(2_801_000)).toBe('2.8 MB');
    expect(formatMegabytes(15_820_000)).toBe('16 MB');
  });
});
