import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parkCheckpoint, unparkCheckpoint } from './common';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'park-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('parked checkpoints', () => {
  it('a parked checkpoint and its best weights come back byte for byte where none is, and never overwrite one', () => {
    const cache = temp();
    const parked = temp();
    const ckpt = join(cache, 'run-k6.checkpoint.json');
    const best = join(cache, 'run-k6.best.bin');
    writeFileSync(ckpt, JSON.stringify({ step: 1234, weights: [0.1, -2.5e-7] }));
    writeFileSync(best, new Uint8Array([1, 2, 3, 250]));
    expect(parkCheckpoint(ckpt, parked).map((p) => p.slice(parked.length + 1))).toEqual(['run-k6.checkpoint.json.gz', 'run-k6.best.bin.gz']);
    const original = readFileSync(ckpt);
    rmSync(ckpt);
    rmSync(best);
    unparkCheckpoint(ckpt, parked);
    expect(readFileSync(ckpt).equals(original)).toBe(true);
    expect(Array.from(readFileSync(best))).toEqual([1, 2, 3, 250]);
    writeFileSync(ckpt, 'newer');
    unparkCheckpoint(ckpt, parked);
    expect(readFileSync(ckpt, 'utf8')).toBe('newer');
    expect(existsSync(join(parked, 'other.checkpoint.json.gz'))).toBe(false);
  });

  it('parks and restores any other cache file alone (the 3-D training records), without a best-weights twin', () => {
    const cache = temp();
    const parked = temp();
    const records = join(cache, 'cophy3d-blocktower-train-d1.json');
    writeFileSync(records, JSON.stringify({ version: 1, records: [{ index: 0 }] }));
    expect(parkCheckpoint(records, parked).map((p) => p.slice(parked.length + 1))).toEqual(['cophy3d-blocktower-train-d1.json.gz']);
    const original = readFileSync(records);
    rmSync(records);
    unparkCheckpoint(records, parked);
    expect(readFileSync(records).equals(original)).toBe(true);
  });
});
