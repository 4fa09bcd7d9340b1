/**
 * RGBA bytes from a worker on a canvas: one 32 × 32 image, or a row of them, drawn at their own size
 * and scaled by CSS with crisp pixels (a putImageData of a few KB: well under a millisecond).
 */
import { useEffect, useRef } from 'react';

export function RgbaCanvas({ rgba, count = 1, size = 32, testId, label, scale = 4 }: { rgba: Uint8ClampedArray | null | undefined; count?: number; size?: number; testId: string; label: string; scale?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const cv = ref.current;
    if (!cv) return;
    const ctx = cv.getContext('2d');
    if (!ctx) return;
    if (!rgba || rgba.length !== count * size * size * 4) {
      ctx.clearRect(0, 0, cv.width, cv.height);
      return;
    }
    const img = ctx.createImageData(count * size, size);
    // images arrive one after another (n, h, w, 4); the canvas row holds them side by side
    for (let n = 0; n < count; n++) {
      for (let y = 0; y < size; y++) {
        const from = ((n * size + y) * size) * 4;
        img.data.set(rgba.subarray(from, from + size * 4), (y * count * size + n * size) * 4);
      }
    }
    ctx.putImageData(img, 0, 0);
  }, [rgba, count, size]);
  return (
    <canvas
      ref={ref}
      className="sa-canvas"
      width={count * size}
      height={size}
      style={{ width: count * size * scale, maxWidth: '100%', aspectRatio: `${count} / 1` }}
      data-testid={testId}
      data-ready={rgba ? 'true' : 'false'}
      role="img"
      aria-label={label}
    />
  );
}
