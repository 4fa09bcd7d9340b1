/**
 * A grid of small images on one canvas (digits, generated samples, video frames), each with an
 * optional label; wrong ones get a red frame and a ✗ so the mark does not rely on colour alone.
 *
 * The canvas is drawn in layout px and shown at `layout / 16` rem, so it grows with the root font
 * (projector mode). `data-font-px` on the figure is the labels' size on the screen at that width;
 * `data-css-width` on the canvas is that width, so a test can tell when CSS shrank it (max-width).
 */
import { useCallback, useMemo, useRef } from 'react';
import { ChartTools, useCanvasDrawing, type ChartData } from './ChartTools';
import { gridLayout, toRgba, type RawImage } from './images';
import { usePlotTheme } from './theme';
import '../ui.css';

export type GridImage = ImageData | RawImage;

export interface ImageGridProps {
  images: readonly GridImage[];
  labels?: readonly string[];
  /** true marks an image as wrong (e.g. misclassified). */
  wrong?: readonly boolean[];
  cols?: number;
  /** Upscaling factor for each image (pixelated). Default: fit ~64 px cells. */
  scale?: number;
  /** What the grid shows, for screen readers. */
  label: string;
  className?: string;
}

export function ImageGrid({ images, labels, wrong, cols = 8, scale, label, className }: ImageGridProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const theme = usePlotTheme();
  const errors: string[] = [];

  const w0 = images[0]?.width ?? 1;
  const h0 = images[0]?.height ?? 1;
  const s = scale ?? Math.max(1, Math.round(64 / Math.max(w0, h0)));
  const fontPx = Math.round(0.7 * theme.rem);
  const labelH = labels ? fontPx + 6 : 0;
  const pad = 3; // room for the "wrong" frame
  const cellW = w0 * s + 2 * pad;
  const cellH = h0 * s + 2 * pad;
  for (let i = 0; i < images.length; i++) {
    const im = images[i];
    if (im.width !== w0 || im.height !== h0) errors.push(`image ${i} is ${im.width}×${im.height}, the first is ${w0}×${h0}`);
  }
  const errorText = errors.length ? `ImageGrid: ${errors.slice(0, 3).join('; ')}` : null;

  // Redraw when what is shown changes, not when a parent passes equal arrays anew.
  const labelsKey = labels ? labels.join('\u0000') : null;
  const wrongKey = wrong ? wrong.map((w) => (w ? '1' : '0')).join('') : null;
  const labelsRef = useRef(labels);
  const wrongRef = useRef(wrong);
  labelsRef.current = labels;
  wrongRef.current = wrong;

  /** Draws the grid on `cv` at `dpr` device pixels per CSS pixel (the page's, or the export's). */
  const draw = useCallback(
    (cv: HTMLCanvasElement, dpr: number): boolean => {
      if (errorText) return false;
      const labels = labelsRef.current;
      const wrong = wrongRef.current;
      const layout = gridLayout(images.length, cols, cellW, cellH, 4, labelH);
      cv.width = Math.ceil(layout.width * dpr);
      cv.height = Math.ceil(layout.height * dpr);
      cv.style.width = `${layout.width / 16}rem`;
      cv.dataset.cssWidth = String((layout.width * theme.rem) / 16);
      const ctx = cv.getContext('2d');
      if (!ctx) return false;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, layout.width, layout.height);
      ctx.imageSmoothingEnabled = false;
      const tile = document.createElement('canvas');
      tile.width = w0;
      tile.height = h0;
      const tctx = tile.getContext('2d');
      if (!tctx) return false;
      ctx.font = `${fontPx}px ${theme.font}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      images.forEach((im, i) => {
        const { x, y } = layout.cell(i);
        let pixels: ImageData;
        if (typeof ImageData !== 'undefined' && im instanceof ImageData) pixels = im;
        else {
          const conv = toRgba(im as RawImage);
          if ('error' in conv) {
            ctx.fillStyle = theme.bad;
            ctx.fillText('bad image', x + cellW / 2, y + cellH / 2);
            return;
          }
          pixels = new ImageData(conv.rgba as Uint8ClampedArray<ArrayBuffer>, w0, h0);
        }
        tctx.putImageData(pixels, 0, 0);
        ctx.drawImage(tile, x + pad, y + pad, w0 * s, h0 * s);
        const bad = wrong?.[i] === true;
        if (bad) {
          ctx.strokeStyle = theme.bad;
          ctx.lineWidth = 3;
          ctx.strokeRect(x + 1.5, y + 1.5, cellW - 3, cellH - 3);
        }
        if (labels?.[i] !== undefined) {
          ctx.fillStyle = bad ? theme.bad : theme.text;
          ctx.fillText((bad ? '✗ ' : '') + labels[i], x + cellW / 2, y + cellH + 2, cellW);
        }
      });
      return true;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- labelsKey and wrongKey stand for the labels and marks (read through refs)
    [images, labelsKey, wrongKey, cols, labelH, w0, h0, s, cellW, cellH, fontPx, theme, errorText],
  );
  const png = useCanvasDrawing(canvasRef, draw);

  const tableData = useMemo<ChartData>(
    () => ({
      columns: ['image', ...(labels ? ['label'] : []), ...(wrong ? ['wrong'] : [])],
      rows: images.map((_, i) => [i + 1, ...(labels ? [labels[i] ?? null] : []), ...(wrong ? [wrong[i] ? 'yes' : 'no'] : [])]),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [images.length, labelsKey, wrongKey],
  );
  if (errorText) return <p className="error-detail">{errorText}</p>;
  const nWrong = wrong?.filter(Boolean).length ?? 0;
  return (
    <figure className={'plot image-grid' + (className ? ' ' + className : '')} data-font-px={labels ? Math.round((fontPx * theme.rem) / 16) : undefined}>
      <ChartTools title={label} data={tableData} png={png}>
        <canvas
          ref={canvasRef}
          className="image-grid-canvas"
          role="img"
          aria-label={`${label}: ${images.length} images${wrong ? `, ${nWrong} marked wrong` : ''}${labels ? `. Labels: ${labels.slice(0, 20).join(', ')}${labels.length > 20 ? '…' : ''}` : ''}`}
        />
      </ChartTools>
    </figure>
  );
}
