/**
 * The Lorenz attractor and the model's free run in 3-D (paper §3.2: "a 10⁴-step free run stays on
 * the attractor"), drawn by three.js (loaded with this view only, in a worker on an OffscreenCanvas
 * where the browser can hand one over, so the page's thread stays free) and turned by mouse (drag) or
 * keyboard (arrow keys turn, + and − zoom, with the view focused). Where WebGL is missing the same
 * orthographic projection is drawn on a 2-D canvas, and the view says so. The angles live in the
 * link (store.ts `az`, `el`), written when a drag or a key press ends, so a shared link opens the
 * same view.
 *
 * Coordinates are the z-scored (x, y, z) of the data; z points up, as in the usual butterfly.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useFocusAcrossRemount } from '../../../shared/ui/useFocusAcrossRemount';
import { usePlotTheme, useElementWidth, useViewportSize } from '../../../shared/ui/plots/theme';
import { HALF_SPAN, screenAxes, type Angles, type Curve, type Renderer } from './attractorScene';

const clampEl = (el: number) => Math.max(-89, Math.min(89, el));
const wrapAz = (az: number) => ((((az + 180) % 360) + 360) % 360) - 180;
/** Whether this browser can make a WebGL context (probed once, without three.js). */
function webglAvailable(): boolean {
  try {
    const c = document.createElement('canvas');
    const gl = c.getContext('webgl2') ?? c.getContext('webgl');
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return gl !== null;
  } catch {
    return false;
  }
}

let canvasGeneration = 0;

const pixelRatio = () => Math.min(2, window.devicePixelRatio || 1);

/**
 * three.js in a worker, drawing on the canvas handed to it (OffscreenCanvas): the page's thread
 * only posts the view. Rejects when the worker cannot draw (no WebGL there): then the 2-D canvas.
 */
function makeWorkerRenderer(canvas: HTMLCanvasElement, curves: Curve[], background: string, width: number, height: number, angles: Angles, zoom: number): Promise<Renderer> {
  const offscreen = canvas.transferControlToOffscreen();
  const worker = new Worker(new URL('./attractorRender.worker.ts', import.meta.url), { type: 'module', name: 'ilqr-attractor' });
  const renderer: Renderer = {
    draw: (a, z) => worker.postMessage({ type: 'draw', angles: { az: a.az, el: a.el }, zoom: z }),
    resize: (w, h) => worker.postMessage({ type: 'resize', width: w, height: h }),
    dispose: () => {
      worker.postMessage({ type: 'dispose' });
      worker.terminate();
    },
  };
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ type: 'ready' } | { type: 'error'; message: string }>) => {
      if (e.data.type === 'ready') resolve(renderer);
      else {
        worker.terminate();
        reject(new Error(e.data.message));
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message));
    };
    // The page keeps its arrays: the worker gets copies.
    const copies = curves.map((c) => ({ ...c, points: c.points.slice() }));
    worker.postMessage(
      { type: 'init', canvas: offscreen, curves: copies, background, pixelRatio: pixelRatio(), width, height, angles: { az: angles.az, el: angles.el }, zoom },
      [offscreen, ...copies.map((c) => c.points.buffer)],
    );
  });
}

/** three.js on the page, for browsers that cannot hand a canvas to a worker. */
async function makePageThreeRenderer(canvas: HTMLCanvasElement, curves: Curve[], background: string): Promise<Renderer> {
  const { makeThreeRenderer } = await import('./threeScene');
  return makeThreeRenderer(canvas, curves, background, pixelRatio());
}

/** The same orthographic projection on a 2-D canvas (no WebGL). */
function makeCanvasRenderer(canvas: HTMLCanvasElement, curves: Curve[], background: string): Renderer {
  let width = 1;
  let height = 1;
  let dpr = 1;
  return {
    draw(angles, zoom) {
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.fillStyle = background;
      ctx.fillRect(0, 0, width, height);
      const { right, up } = screenAxes(angles);
      const scale = (height / 2 / HALF_SPAN) * zoom;
      ctx.lineWidth = 1;
      for (const c of curves) {
        ctx.strokeStyle = c.color;
        ctx.beginPath();
        const rows = c.points.length / 3;
        for (let r = 0; r < rows; r++) {
          const p = c.points;
          const sx = width / 2 + scale * (p[r * 3] * right[0] + p[r * 3 + 1] * right[1] + p[r * 3 + 2] * right[2]);
          const sy = height / 2 - scale * (p[r * 3] * up[0] + p[r * 3 + 1] * up[1] + p[r * 3 + 2] * up[2]);
          if (r === 0 || (c.segment > 0 && r % c.segment === 0)) ctx.moveTo(sx, sy);
          else ctx.lineTo(sx, sy);
        }
        ctx.stroke();
      }
    },
    resize(w, h) {
      width = w;
      height = h;
      dpr = pixelRatio();
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    },
    dispose() {},
  };
}

export function Attractor3D({ curves, angles, onAngles, label }: { curves: Curve[]; angles: Angles; onAngles: (a: Angles) => void; label: string }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const rendererRef = useRef<Renderer | null>(null);
  const view = useRef({ ...angles, zoom: 1 });
  const drag = useRef<{ x: number; y: number } | null>(null);
  const theme = usePlotTheme();
  const width = useElementWidth(boxRef);
  const viewport = useViewportSize();
  const height = Math.round(Math.min(width, theme.present ? 0.7 * viewport.height : 420));
  const probed = useMemo(webglAvailable, []);
  // false once three.js failed to start even though the probe found WebGL
  const [webgl, setWebgl] = useState(probed);
  // the canvas generation whose three.js scene is up (0: none yet)
  const [glReadyKey, setGlReadyKey] = useState(0);
  const [shown, setShown] = useState<Angles>(angles);
  const size = useRef({ width, height });
  size.current = { width, height };

  // A canvas hands its drawing to a worker only once (transferControlToOffscreen), and a worker
  // stopped mid-start aborts its chunk requests: every new scene (curves, background, mode) gets a
  // canvas element of its own.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the dependencies are what makes a new scene, not inputs
  const canvasKey = useMemo(() => ++canvasGeneration, [curves, webgl, theme.surface]);
  useFocusAcrossRemount(canvasRef, canvasKey);
  // 'webgl' only once the current canvas's scene is up: a new scene (new curves, a theme change) is
  // 'loading' again until its worker answers, so nobody (a test, a screen reader) takes the old
  // scene's readiness for the new one's.
  const mode = webgl ? (glReadyKey === canvasKey ? 'webgl' : 'loading') : '2d';

  const redraw = () => rendererRef.current?.draw(view.current, view.current.zoom);

  // A link changed the angles: follow them.
  useEffect(() => {
    view.current.az = angles.az;
    view.current.el = angles.el;
    setShown({ az: angles.az, el: angles.el });
    rendererRef.current?.draw(view.current, view.current.zoom);
  }, [angles.az, angles.el]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let cancelled = false;
    const background = theme.surface;
    const sceneKey = canvasKey;
    const start = async () => {
      let r: Renderer;
      if (webgl) {
        try {
          const { width: w, height: h } = size.current;
          r =
            typeof canvas.transferControlToOffscreen === 'function'
              ? await makeWorkerRenderer(canvas, curves, background, w, h, view.current, view.current.zoom)
              : await makePageThreeRenderer(canvas, curves, background);
        } catch {
          // three.js could not make a context after all: draw in 2-D, on a fresh canvas element
          if (!cancelled) setWebgl(false);
          return;
        }
      } else r = makeCanvasRenderer(canvas, curves, background);
      if (cancelled) {
        r.dispose();
        return;
      }
      rendererRef.current = r;
      if (webgl) setGlReadyKey(sceneKey);
      r.resize(size.current.width, size.current.height);
      r.draw(view.current, view.current.zoom);
    };
    void start();
    return () => {
      cancelled = true;
      rendererRef.current?.dispose();
      rendererRef.current = null;
    };
  }, [curves, webgl, theme.surface, canvasKey]);

  useEffect(() => {
    rendererRef.current?.resize(width, height);
    rendererRef.current?.draw(view.current, view.current.zoom);
  }, [width, height]);

  const turn = (dAz: number, dEl: number) => {
    view.current.az = wrapAz(view.current.az + dAz);
    view.current.el = clampEl(view.current.el + dEl);
    redraw();
  };
  const commit = () => {
    const a = { az: Math.round(view.current.az), el: Math.round(view.current.el) };
    setShown(a);
    if (a.az !== angles.az || a.el !== angles.el) onAngles(a);
  };
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    drag.current = { x: e.clientX, y: e.clientY };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drag.current) return;
    turn(-(e.clientX - drag.current.x) * 0.5, (e.clientY - drag.current.y) * 0.5);
    drag.current = { x: e.clientX, y: e.clientY };
  };
  const onPointerUp = () => {
    if (!drag.current) return;
    drag.current = null;
    commit();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const step = e.shiftKey ? 15 : 5;
    const keys: Record<string, () => void> = {
      ArrowLeft: () => turn(-step, 0),
      ArrowRight: () => turn(step, 0),
      ArrowUp: () => turn(0, step),
      ArrowDown: () => turn(0, -step),
      '+': () => ((view.current.zoom = Math.min(4, view.current.zoom * 1.2)), redraw()),
      '=': () => ((view.current.zoom = Math.min(4, view.current.zoom * 1.2)), redraw()),
      '-': () => ((view.current.zoom = Math.max(0.5, view.current.zoom / 1.2)), redraw()),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
    commit();
  };

  return (
    <div ref={boxRef} className="ilqr-attractor" data-testid="ilqr-lorenz-3d" data-mode={mode} data-az={shown.az} data-el={shown.el}>
      <canvas
        key={canvasKey}
        ref={canvasRef}
        tabIndex={0}
        role="img"
        aria-label={`${label}. Azimuth ${shown.az}°, elevation ${shown.el}°. Arrow keys turn the view, plus and minus zoom.`}
        style={{ width: '100%', height, touchAction: 'none', cursor: 'grab', display: 'block' }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
        data-testid="ilqr-lorenz-3d-canvas"
      />
      <p className="small muted">
        <span className="ilqr-legend">
          {curves.map((c) => (
            <span key={c.name}>
              <span aria-hidden="true" style={{ color: c.color }}>
                ━
              </span>{' '}
              {c.name}{' '}
            </span>
          ))}
        </span>
        · Drag to turn the view; with it focused (Tab), arrow keys turn it (Shift: faster), + and − zoom. Azimuth {shown.az}°, elevation {shown.el}°.
      </p>
      {mode === '2d' && (
        <p className="small notice" data-testid="ilqr-lorenz-3d-fallback">
          WebGL is not available in this browser, so this view is drawn on a 2-D canvas: the same projection, turned the same way, without
          three.js.
        </p>
      )}
    </div>
  );
}
