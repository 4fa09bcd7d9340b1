import { useEffect, useRef } from 'react';
import type { RgbaImage } from '../core/view';

/**
 * Puts composed RGBA bytes on a canvas, shown at an integer zoom (crisp pixels) no wider than
 * `maxCssWidth` and never wider than its container; the zoom also stops at `maxCssHeight`, so a tall
 * image is not blown up past a screen (a very long one is folded before it gets here: foldLongImage).
 */
export function PixelCanvas({
  image,
  label,
  maxCssWidth = 720,
  maxCssHeight = 640,
  testId,
}: {
  image: RgbaImage;
  label: string;
  maxCssWidth?: number;
  maxCssHeight?: number;
  testId?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(image.rgba), image.width, image.height), 0, 0);
  }, [image]);
  const zoom = Math.max(1, Math.min(8, Math.floor(maxCssWidth / image.width), Math.floor(maxCssHeight / image.height)));
  const cssWidth = image.width >= maxCssWidth ? maxCssWidth : image.width * zoom;
  return (
    <canvas
      ref={ref}
      className="einops-canvas"
      role="img"
      aria-label={label}
      data-testid={testId}
      width={image.width}
      height={image.height}
      // Crisp pixels when enlarging; smooth when shrinking a wide image (pixelated shrinking aliases).
      style={{ width: `${cssWidth}px`, imageRendering: image.width > maxCssWidth ? 'auto' : 'pixelated' }}
    />
  );
}
