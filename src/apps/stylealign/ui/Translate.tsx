/**
 * "Translate a drawing": the visitor draws a face on a 32 × 32 canvas (or starts from a procedural
 * face), the explorer worker inverts it into the parent's Z by optimisation (as the official
 * projector_z.py) and renders that z with the child, with progress. Until the inversion is in this
 * build the worker answers "not built yet" and the panel says so.
 */
import { useRef, useState, type PointerEvent } from 'react';
import { renderFace, sampleFaceParams } from '../core/domains';
import { useStyleAlignUrl } from '../store';
import type { ExplorerHandle } from './useExplorer';
import { useStyleAlignExplorer } from './liveStore';
import { RgbaCanvas } from './Images';

const SIZE = 32;
const PALETTE: [string, string][] = [
  ['#e8b898', 'skin'],
  ['#3a2a1e', 'dark hair'],
  ['#e6cf8a', 'blond hair'],
  ['#202020', 'glasses, eyes'],
  ['#b7c3cf', 'background'],
];

export function TranslatePanel({ explorer }: { explorer: ExplorerHandle }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [color, setColor] = useState(PALETTE[1][0]);
  const [drawn, setDrawn] = useState(false);
  const seed = useStyleAlignUrl((s) => s.values.seed);
  const z = useStyleAlignUrl((s) => s.values.z);
  const tr = useStyleAlignExplorer((s) => s.translate);
  const ready = useStyleAlignExplorer((s) => s.status === 'ready');
  const drawing = useRef(false);

  const paint = (e: PointerEvent<HTMLCanvasElement>) => {
    const cv = ref.current;
    const ctx = cv?.getContext('2d');
    if (!cv || !ctx) return;
    const r = cv.getBoundingClientRect();
    const x = Math.floor(((e.clientX - r.left) / r.width) * SIZE);
    const y = Math.floor(((e.clientY - r.top) / r.height) * SIZE);
    ctx.fillStyle = color;
    ctx.fillRect(x - 1, y - 1, 2, 2);
    setDrawn(true);
  };

  const startFromFace = () => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const rgb = renderFace(sampleFaceParams(seed, z));
    const img = ctx.createImageData(SIZE, SIZE);
    for (let p = 0; p < SIZE * SIZE; p++) {
      img.data[4 * p] = rgb[3 * p];
      img.data[4 * p + 1] = rgb[3 * p + 1];
      img.data[4 * p + 2] = rgb[3 * p + 2];
      img.data[4 * p + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    setDrawn(true);
  };

  const clear = () => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = PALETTE[4][0];
    ctx.fillRect(0, 0, SIZE, SIZE);
    setDrawn(false);
  };

  const translate = () => {
    const client = explorer.client;
    const ctx = ref.current?.getContext('2d');
    if (!client || !ctx) return;
    const rgba = ctx.getImageData(0, 0, SIZE, SIZE).data;
    useStyleAlignExplorer.setState({ translate: { status: 'running', done: 0, total: 1, result: null } });
    void client
      .call('translate', { rgba: new Uint8ClampedArray(rgba), steps: 200, seed }, {
        onProgress: (p) => useStyleAlignExplorer.setState((s) => ({ translate: { ...s.translate, done: p.done, total: p.total, parent: p.parent ?? s.translate.parent, child: p.child ?? s.translate.child } })),
      })
      .then(
        (result) => useStyleAlignExplorer.setState((s) => ({ translate: { ...s.translate, status: 'done', result } })),
        (e: unknown) => useStyleAlignExplorer.setState({ translate: { status: 'done', done: 0, total: 0, result: { kind: 'unavailable', message: e instanceof Error ? e.message : String(e) } } }),
      );
  };

  const result = tr.result;
  return (
    <div className="sa-translate" data-testid="stylealign-translate" data-status={tr.status} data-result={result?.kind ?? ''}>
      <div className="sa-translate-row">
        <figure className="sa-tile">
          <canvas
            ref={(el) => {
              ref.current = el;
              if (el && !drawn) {
                const ctx = el.getContext('2d');
                if (ctx && ctx.getImageData(0, 0, 1, 1).data[3] === 0) {
                  ctx.fillStyle = PALETTE[4][0];
                  ctx.fillRect(0, 0, SIZE, SIZE);
                }
              }
            }}
            className="sa-canvas sa-draw"
            width={SIZE}
            height={SIZE}
            style={{ width: SIZE * 5 }}
            data-testid="stylealign-draw"
            aria-label="Your drawing, 32 by 32 pixels: draw with the mouse or a finger"
            onPointerDown={(e) => {
              drawing.current = true;
              e.currentTarget.setPointerCapture(e.pointerId);
              paint(e);
            }}
            onPointerMove={(e) => drawing.current && paint(e)}
            onPointerUp={() => (drawing.current = false)}
          />
          <figcaption>
            <strong>Your drawing</strong>
          </figcaption>
        </figure>
        <figure className="sa-tile">
          <RgbaCanvas rgba={result?.kind === 'done' ? result.parent : tr.parent} testId="stylealign-translate-parent" label="the parent's reconstruction" scale={4} />
          <figcaption>
            <strong>Parent G_p(z*)</strong>
          </figcaption>
        </figure>
        <figure className="sa-tile">
          <RgbaCanvas rgba={result?.kind === 'done' ? result.child : tr.child} testId="stylealign-translate-child" label="the child's rendering of the same z" scale={4} />
          <figcaption>
            <strong>Child G_c(z*)</strong>
          </figcaption>
        </figure>
      </div>
      <div className="field-row">
        <span className="sa-palette" role="radiogroup" aria-label="Colour">
          {PALETTE.map(([c, name]) => (
            <button key={c} type="button" role="radio" aria-checked={color === c} title={name} aria-label={name} className="sa-swatch" style={{ background: c }} onClick={() => setColor(c)} />
          ))}
        </span>
        <button type="button" className="btn small" data-testid="stylealign-draw-face" onClick={startFromFace}>
          Start from a face
        </button>
        <button type="button" className="btn small" onClick={clear}>
          Clear
        </button>
        <button type="button" className="btn" data-testid="stylealign-translate-run" disabled={!ready || tr.status === 'running'} onClick={translate}>
          Translate
        </button>
      </div>
      {tr.status === 'running' && (
        <p className="small" role="status">
          <progress max={tr.total} value={tr.done} /> inverting into the parent's Z: step {tr.done} of {tr.total}
        </p>
      )}
      {result?.kind === 'unavailable' && (
        <p className="notice small" role="status" data-testid="stylealign-translate-message">
          {result.message}
        </p>
      )}
    </div>
  );
}
