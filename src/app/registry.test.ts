import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { DEMO_IDS } from '../shared/papers';
import { countsLine, DEMO_SPLIT, isLive, splitDemos } from './registry';

describe('the demo split (landing page and navigation)', () => {
  it('keeps the order within each group', () => {
    expect(splitDemos(['a', 'b', 'c', 'd'], (x) => x === 'b' || x === 'd')).toEqual({ live: ['b', 'd'], onTheWay: ['a', 'c'] });
  });

  it('says how many are live and how many are on the way', () => {
    expect(countsLine(2, 4)).toBe('2 live demos, 4 on the way');
    expect(countsLine(1, 5)).toBe('1 live demo, 5 on the way');
    expect(countsLine(6, 0)).toBe('6 live demos');
  });

  it('matches the demo folders: live means index.tsx and no placeholder.ts', () => {
    const fromDisk = (id: string) => existsSync(`src/apps/${id}/index.tsx`) && !existsSync(`src/apps/${id}/placeholder.ts`);
    for (const id of DEMO_IDS) expect(isLive(id), id).toBe(fromDisk(id));
    expect(DEMO_SPLIT.live.length + DEMO_SPLIT.onTheWay.length).toBe(DEMO_IDS.length);
  });
});
