import { describe, expect, it } from 'vitest';
import { generateExample } from './dataset';
import { ballRadiusPixels, ballToPixel, IMAGE_SIZE, pixelToBall, renderBackground, renderExampleFrame, renderFrame } from './render';
import { hashBytes, makeScene, simulate, toHex32 } from './simulator';

describe('BallsCF renderer', () => {
  it('draws a ball about 7 px across at 64 × 64', () => {
    expect(2 * ballRadiusPixels(IMAGE_SIZE)).toBeGreaterThan(7);
    expect(2 * ballRadiusPixels(IMAGE_SIZE)).toBeLessThan(7.5);
    const [col, row] = ballToPixel(1.2, -2.3);
    const [x, y] = pixelToBall(col, row);
    expect(x).toBeCloseTo(1.2, 12);
    expect(y).toBeCloseTo(-2.3, 12);
  });

  it('gives the same bytes on every call (pinned FNV-1a hashes, one frame per floor)', () => {
    const example = generateExample(1, 'train', 0);
    const hashes = [0, 1, 2, 3].map((floor) => toHex32(hashBytes(renderExampleFrame({ ...example, floor }, 'ab', 40))));
    expect(hashes).toEqual([0, 1, 2, 3].map((floor) => toHex32(hashBytes(renderExampleFrame({ ...example, floor }, 'ab', 40)))));
    expect(hashes).toEqual(PINNED_FRAMES);
    expect(toHex32(hashBytes(renderExampleFrame(example, 'cd', 149)))).toBe(PINNED_CD);
  });

  it('paints the ball’s colour at its centre and the floor elsewhere, antialiased at the rim', () => {
    const tr = simulate(makeScene([0, 0], [0, 0]), [1], { frames: 1 });
    const img = renderFrame(tr, 0, [0], 0); // red over the blue–white checker
    const bg = renderBackground(0);
    const centre = ((IMAGE_SIZE / 2) * IMAGE_SIZE + IMAGE_SIZE / 2) * 3;
    expect(img[centre]).toBeGreaterThan(150);
    expect(img[centre + 2]).toBeLessThan(80);
    const far = (5 * IMAGE_SIZE + 5) * 3;
    expect([img[far], img[far + 1], img[far + 2]]).toEqual([bg[far], bg[far + 1], bg[far + 2]]);
    let changed = 0;
    for (let i = 0; i < img.length; i += 3) if (img[i] !== bg[i] || img[i + 1] !== bg[i + 1] || img[i + 2] !== bg[i + 2]) changed++;
    expect(changed).toBeGreaterThan(36); // π·3.7² ≈ 43 pixels, plus the partly covered rim
    expect(changed).toBeLessThan(70);
  });
});

const PINNED_FRAMES = ['85442083', '11121789', '735b3494', '00ddaeb2'];
const PINNED_CD = 'defad8fe';
