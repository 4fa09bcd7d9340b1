/**
 * The interactive 3-D view of C (issue #14): three.js draws C's objects (and A's start as faint ghosts)
 * in a worker on an OffscreenCanvas (scene3dRender.worker.ts), so neither three.js's evaluation nor its
 * drawing runs on the page's thread; where a canvas cannot be handed to a worker, three.js draws on the
 * page (loaded then, lazily), and where there is no WebGL a 2-D canvas shows the same projection.
 *
 * The page picks and drags with the camera's own rays (orbit3d.ts), without three.js: drag a cube along
 * the floor (BlocktowerCF) or the moving object on its height (CollisionCF); drag elsewhere to orbit. The
 * keyboard does all of it: 1–4 select, arrows move the selected object (Shift: 0.5), Page Up/Down raise
 * or lower CollisionCF's mover, Delete removes the top cube, F flips the cylinder, R restores the dataset's
 * C, J/L and I/K orbit, + and − zoom. A drag is judged while it goes (the latest C wins) and written into
 * the link when it ends; a key press is written at once.
 */
import { useFocusAcrossRemount } from '../../../shared/ui/useFocusAcrossRemount';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useElementWidth, usePlotTheme } from '../../../shared/ui/plots/theme';
import type { ObjectKind } from '../core3d/physics';
import { LOWEST_START, MOVE_LIMIT_3D, objectName3d, round3d, Z_LIMIT_3D, type Intervention3d, type Setup3d } from '../worker/intervention3d';
import type { Example3dInfo, Poses3d } from '../worker/protocol3d';
import { shownEvaluation3d, useCophy3dLive } from './live3dStore';
import { clampView, pickObject, pickRay, project, rayAtHeight, type OrbitView } from './orbit3d';
import type { SceneSpec } from './scene3dThree';

interface Renderer {
  scene(spec: SceneSpec): void;
  draw(view: OrbitView): void;
  resize(width: number, height: number): void;
  dispose(): void;
}

let canvasGeneration = 0;
const pixelRatio = () => Math.min(2, window.devicePixelRatio || 1);

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

/** The viewport height up to which a projector counts as short (cophy.css's matching media query). */
const SHORT_PROJECTOR_HEIGHT = 820;

function makeWorkerRenderer(canvas: HTMLCanvasElement, background: string, width: number, height: number, onDrawn: (nonBlank: number) => void): Promise<Renderer> {
  const offscreen = canvas.transferControlToOffscreen();
  const worker = new Worker(new URL('./scene3dRender.worker.ts', import.meta.url), { type: 'module', name: 'cophy-3d-view' });
  const renderer: Renderer = {
    scene: (spec) => worker.postMessage({ type: 'scene', spec }),
    draw: (view) => worker.postMessage({ type: 'draw', view }),
    resize: (w, h) => worker.postMessage({ type: 'resize', width: w, height: h }),
    dispose: () => {
      worker.postMessage({ type: 'dispose' });
      worker.terminate();
    },
  };
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ type: 'ready' } | { type: 'drawn'; nonBlank: number } | { type: 'error'; message: string }>) => {
      if (e.data.type === 'ready') resolve(renderer);
      else if (e.data.type === 'drawn') onDrawn(e.data.nonBlank);
      else {
        worker.terminate();
        reject(new Error(e.data.message));
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message));
    };
    worker.postMessage({ type: 'init', canvas: offscreen, background, pixelRatio: pixelRatio(), width, height }, [offscreen]);
  });
}

async function makePageRenderer(canvas: HTMLCanvasElement, background: string, onDrawn: (nonBlank: number) => void): Promise<Renderer> {
  const { makeScene3dRenderer } = await import('./scene3dThree');
  const r = makeScene3dRenderer(canvas, background, pixelRatio());
  return {
    scene: (spec) => r.setScene(spec),
    draw: (view) => {
      r.draw(view);
      onDrawn(r.probe());
    },
    resize: (w, h) => r.resize(w, h),
    dispose: () => r.dispose(),
  };
}

const HEX = ['#e61f1a', '#26cc33', '#1f40f2', '#f2d91a'];

/** No WebGL: the same camera's projection of the objects' centres on a 2-D canvas, as discs. */
function makeCanvasRenderer(canvas: HTMLCanvasElement, background: string, onDrawn: (nonBlank: number) => void): Renderer {
  let spec: SceneSpec | null = null;
  let width = 1;
  let height = 1;
  return {
    scene: (s) => {
      spec = s;
    },
    draw(view) {
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      const dpr = pixelRatio();
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.fillStyle = background;
      ctx.fillRect(0, 0, width, height);
      const aspect = width / height;
      const toScreen = (p: [number, number, number]) => {
        const [x, y] = project(view, p, aspect);
        return [((x + 1) / 2) * width, ((1 - y) / 2) * height] as const;
      };
      ctx.strokeStyle = '#888';
      for (let g = -5; g <= 5; g++) {
        const a = toScreen([g, -5, 0]);
        const b = toScreen([g, 5, 0]);
        const c = toScreen([-5, g, 0]);
        const d = toScreen([5, g, 0]);
        ctx.beginPath();
        ctx.moveTo(a[0], a[1]);
        ctx.lineTo(b[0], b[1]);
        ctx.moveTo(c[0], c[1]);
        ctx.lineTo(d[0], d[1]);
        ctx.stroke();
      }
      const draw = (o: SceneSpec['c'], alpha: number, selected: number) => {
        if (!o) return;
        for (let k = 0; k < o.kinds.length; k++) {
          const [sx, sy] = toScreen([o.positions[3 * k], o.positions[3 * k + 1], o.positions[3 * k + 2]]);
          const r = (o.kinds[k] === 'cylinder' ? 0.7 : 0.5) * (height / 8);
          ctx.globalAlpha = alpha;
          ctx.fillStyle = HEX[o.colors[k]] ?? HEX[0];
          ctx.beginPath();
          if (o.kinds[k] === 'cube') ctx.rect(sx - r, sy - r, 2 * r, 2 * r);
          else ctx.arc(sx, sy, r, 0, 2 * Math.PI);
          ctx.fill();
          if (k === selected) {
            ctx.strokeStyle = '#111';
            ctx.lineWidth = 2;
            ctx.stroke();
            ctx.lineWidth = 1;
          }
        }
        ctx.globalAlpha = 1;
      };
      draw(spec?.ghost ?? null, 0.25, -1);
      draw(spec?.c ?? null, 1, spec?.selected ?? -1);
      onDrawn(spec?.c ? 256 : 0);
    },
    resize(w, h) {
      width = w;
      height = h;
      canvas.width = Math.round(w * pixelRatio());
      canvas.height = Math.round(h * pixelRatio());
    },
    dispose() {},
  };
}

/** C's poses with object `k` of A (0-based) at (x, y, z), built from A's start: what a drag shows before the worker answers. */
function withMoved(a: Poses3d, k: number, x: number, y: number, z: number): Poses3d {
  const positions = Float64Array.from(a.positions);
  positions[3 * k] = x;
  positions[3 * k + 1] = y;
  positions[3 * k + 2] = z;
  return { ...a, positions };
}

/** Which objects the user may move: every cube, or CollisionCF's mover. */
function movable(example: Example3dInfo, k: number): boolean {
  if (example.setup.kind === 'blocktower') return k >= 0 && k < example.n;
  return k === (example.setup.arena.moving === 'cylinder' ? 0 : 1);
}

export function setupOf(example: Example3dInfo): Setup3d {
  return example.setup.kind === 'blocktower'
    ? { scenario: 'blocktower', tower: example.setup.tower, colors: example.colors }
    : { scenario: 'collision', arena: example.setup.arena, colors: example.colors };
}

export function View3D({ onDraft, onDraftEnd, onCommit }: { onDraft: (i: Intervention3d) => void; onDraftEnd: (clear: boolean) => void; onCommit: (i: Intervention3d) => void }) {
  const example = useCophy3dLive((s) => s.example);
  const ev = useCophy3dLive(shownEvaluation3d);
  const selected = useCophy3dLive((s) => s.selected);
  const view = useCophy3dLive((s) => s.view);
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const rendererRef = useRef<Renderer | null>(null);
  const theme = usePlotTheme();
  const width = useElementWidth(boxRef, 360);
  // On a projector the editor sits beside the frames and leaves the first screen room for them (cophy.css); on a
  // short one (the CSS's max-height: 820px, where the frames go in one row) it shares that row's height band.
  const presentShare = window.innerHeight <= SHORT_PROJECTOR_HEIGHT ? 0.34 : 0.5;
  const height = Math.round(Math.min(420, Math.max(200, width * 0.75), theme.present ? Math.max(200, presentShare * window.innerHeight) : Infinity));
  const probed = useMemo(webglAvailable, []);
  const [webgl, setWebgl] = useState(probed);
  const [ready, setReady] = useState(false);
  const [nonBlank, setNonBlank] = useState(0);
  const [drawn, setDrawn] = useState(0);
  // the object being dragged and where (A's index, world coordinates)
  const [dragged, setDragged] = useState<{ k: number; x: number; y: number; z: number } | null>(null);
  const gesture = useRef<{ kind: 'move'; k: number; z: number; dx: number; dy: number; last: Intervention3d | null } | { kind: 'orbit'; x: number; y: number } | null>(null);
  const size = useRef({ width, height });
  size.current = { width, height };
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new scene needs a canvas of its own (a canvas is handed to a worker once)
  const canvasKey = useMemo(() => ++canvasGeneration, [webgl, theme.surface, example]);
  useFocusAcrossRemount(canvasRef, canvasKey);

  // What the view shows: C (the dragged one first), with A's start as ghosts.
  const spec = useMemo<SceneSpec | null>(() => {
    if (!example) return null;
    let c: Poses3d | null;
    let selectedInC = selected;
    if (dragged) c = withMoved(example.a, dragged.k, dragged.x, dragged.y, dragged.z);
    else if (ev?.c) {
      c = ev.c;
      selectedInC = ev.objects.indexOf(selected);
    } else c = ev?.problem ? null : example.a;
    return { c, ghost: example.a, selected: selectedInC, floor: example.floor };
  }, [example, ev, dragged, selected]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !example) return;
    let cancelled = false;
    const onDrawn = (n: number) => {
      if (cancelled) return;
      setNonBlank(n);
      setDrawn((d) => d + 1);
    };
    void (async () => {
      let r: Renderer;
      if (webgl) {
        try {
          r =
            typeof canvas.transferControlToOffscreen === 'function'
              ? await makeWorkerRenderer(canvas, theme.surface, size.current.width, size.current.height, onDrawn)
              : await makePageRenderer(canvas, theme.surface, onDrawn);
        } catch {
          if (!cancelled) setWebgl(false);
          return;
        }
      } else r = makeCanvasRenderer(canvas, theme.surface, onDrawn);
      if (cancelled) {
        r.dispose();
        return;
      }
      rendererRef.current = r;
      r.resize(size.current.width, size.current.height);
      setReady(true);
    })();
    return () => {
      cancelled = true;
      setReady(false);
      rendererRef.current?.dispose();
      rendererRef.current = null;
    };
  }, [webgl, theme.surface, example, canvasKey]);

  useEffect(() => {
    if (!ready || !spec) return;
    rendererRef.current?.scene(spec);
    rendererRef.current?.draw(useCophy3dLive.getState().view);
  }, [ready, spec]);

  useEffect(() => {
    if (!ready) return;
    rendererRef.current?.resize(width, height);
    rendererRef.current?.draw(view);
  }, [ready, width, height, view]);

  if (!example) return <div ref={boxRef} className="cophy3d-view" data-testid="cophy3d-view" data-mode="waiting" />;

  const setup = setupOf(example);
  const a = example.a;
  const isTower = example.setup.kind === 'blocktower';
  const current = (k: number): [number, number, number] => {
    // the object's start in the link's C when the link moves it, else in A
    if (ev?.c && ev.intervention.kind === 'move' && ev.intervention.object === k) return [ev.intervention.x, ev.intervention.y, isTower ? a.positions[3 * k + 2] : ev.intervention.z];
    return [a.positions[3 * k], a.positions[3 * k + 1], a.positions[3 * k + 2]];
  };
  const moveTo = (k: number, x: number, y: number, z: number): Intervention3d => ({
    kind: 'move',
    object: k,
    x: round3d(Math.max(-MOVE_LIMIT_3D, Math.min(MOVE_LIMIT_3D, x))),
    y: round3d(Math.max(-MOVE_LIMIT_3D, Math.min(MOVE_LIMIT_3D, y))),
    z: isTower ? 0 : round3d(Math.max(0, Math.min(Z_LIMIT_3D, z))),
  });

  const rayAt = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const nx = ((e.clientX - rect.left) / rect.width) * 2 - 1;
    const ny = 1 - ((e.clientY - rect.top) / rect.height) * 2;
    return pickRay(useCophy3dLive.getState().view, nx, ny, rect.width / rect.height);
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    const ray = rayAt(e);
    const shown = spec?.c;
    let k = -1;
    if (shown) {
      const hit = pickObject(ray, shown.kinds as ObjectKind[], shown.positions);
      // the shown C's index → A's index
      k = hit < 0 ? -1 : dragged || !ev?.c ? hit : ev.objects[hit];
    }
    if (k >= 0 && movable(example, k)) {
      const p = current(k);
      const at = rayAtHeight(ray, p[2]);
      useCophy3dLive.setState({ selected: k });
      gesture.current = { kind: 'move', k, z: p[2], dx: at ? at[0] - p[0] : 0, dy: at ? at[1] - p[1] : 0, last: null };
      return;
    }
    gesture.current = { kind: 'orbit', x: e.clientX, y: e.clientY };
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const g = gesture.current;
    if (!g) return;
    if (g.kind === 'orbit') {
      const v = useCophy3dLive.getState().view;
      useCophy3dLive.setState({ view: clampView({ ...v, az: v.az - (e.clientX - g.x) * 0.5, el: v.el + (e.clientY - g.y) * 0.5 }) });
      g.x = e.clientX;
      g.y = e.clientY;
      return;
    }
    const at = rayAtHeight(rayAt(e), g.z);
    if (!at) return;
    const next = moveTo(g.k, at[0] - g.dx, at[1] - g.dy, g.z);
    if (next.kind !== 'move') return;
    g.last = next;
    setDragged({ k: g.k, x: next.x, y: next.y, z: g.z });
    onDraft(next);
  };
  const onPointerUp = () => {
    const g = gesture.current;
    gesture.current = null;
    if (g?.kind !== 'move') return;
    setDragged(null);
    if (g.last) {
      onDraftEnd(false);
      onCommit(g.last);
    }
  };
  const onPointerCancel = () => {
    const g = gesture.current;
    gesture.current = null;
    if (g?.kind === 'move') {
      setDragged(null);
      onDraftEnd(true);
    }
  };

  const orbitBy = (dAz: number, dEl: number, zoom = 1) => {
    const v = useCophy3dLive.getState().view;
    useCophy3dLive.setState({ view: clampView({ az: v.az + dAz, el: v.el + dEl, dist: v.dist * zoom }) });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const step = e.shiftKey ? 0.5 : 0.1;
    const k = selected;
    const nudge = (dx: number, dy: number, dz: number) => {
      if (!movable(example, k)) return;
      const p = current(k);
      onCommit(moveTo(k, p[0] + dx, p[1] + dy, p[2] + dz));
    };
    const keys: Record<string, () => void> = {
      ArrowLeft: () => nudge(-step, 0, 0),
      ArrowRight: () => nudge(step, 0, 0),
      ArrowUp: () => nudge(0, step, 0),
      ArrowDown: () => nudge(0, -step, 0),
      PageUp: () => !isTower && nudge(0, 0, step),
      PageDown: () => !isTower && nudge(0, 0, -step),
      Delete: () => isTower && onCommit({ kind: 'remove' }),
      Backspace: () => isTower && onCommit({ kind: 'remove' }),
      f: () => !isTower && onCommit({ kind: 'flip' }),
      F: () => !isTower && onCommit({ kind: 'flip' }),
      r: () => onCommit({ kind: 'dataset' }),
      R: () => onCommit({ kind: 'dataset' }),
      j: () => orbitBy(-10, 0),
      l: () => orbitBy(10, 0),
      i: () => orbitBy(0, 5),
      k: () => orbitBy(0, -5),
      '+': () => orbitBy(0, 0, 1 / 1.15),
      '=': () => orbitBy(0, 0, 1 / 1.15),
      '-': () => orbitBy(0, 0, 1.15),
    };
    let action = keys[e.key];
    const digit = Number(e.key);
    if (!action && Number.isInteger(digit) && digit >= 1 && digit <= example.n) action = () => useCophy3dLive.setState({ selected: digit - 1 });
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    action();
  };

  const mode = webgl ? (ready ? 'webgl' : 'loading') : '2d';
  // Where each shown object of C sits on the canvas (CSS px) and which object of A it is: for tests and tools.
  const screen = spec?.c
    ? spec.c.kinds.map((_, i) => {
        const p = spec.c!.positions;
        const [nx, ny] = project(view, [p[3 * i], p[3 * i + 1], p[3 * i + 2]], width / height);
        const k = dragged || !ev?.c ? i : ev.objects[i];
        return { k: k + 1, x: Math.round(((nx + 1) / 2) * width), y: Math.round(((1 - ny) / 2) * height), wx: round3d(p[3 * i]), wy: round3d(p[3 * i + 1]), wz: round3d(p[3 * i + 2]) };
      })
    : [];
  const arena = example.setup.kind === 'collision' ? example.setup.arena : null;
  const moverHint = !arena
    ? 'drag a cube along the floor, or press Delete to remove the top cube'
    : arena.moving === 'ball'
      ? `drag the moving ball, or press F to flip the cylinder (${arena.orientation === 'up' ? 'standing' : 'lying'} in A)`
      : 'drag the moving cylinder (the cylinder can be flipped only when the ball moves)';
  return (
    <div
      ref={boxRef}
      className="cophy3d-view"
      data-testid="cophy3d-view"
      data-mode={mode}
      data-nonblank={nonBlank}
      data-drawn={drawn}
      data-selected={selected + 1}
      data-dragging={dragged ? 'true' : 'false'}
      data-objects={JSON.stringify(screen)}
      onKeyDown={onKeyDown}
    >
      <canvas
        key={canvasKey}
        ref={canvasRef}
        tabIndex={0}
        role="application"
        aria-roledescription="3-D editor of C"
        aria-label={`C in 3-D: ${moverHint}. Selected: ${objectName3d(setup, selected)} (keys 1–${example.n}). Arrows move it (Shift: 0.5)${isTower ? '' : ', Page Up and Page Down raise or lower it'}; R restores the dataset's C; J, L, I, K turn the view, plus and minus zoom.`}
        data-testid="cophy3d-canvas"
        style={{ width: '100%', height, touchAction: 'none', cursor: dragged ? 'grabbing' : 'grab', display: 'block' }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerCancel}
      />
      <p className="small muted cophy-keys">
        {moverHint.charAt(0).toUpperCase() + moverHint.slice(1)}; drag elsewhere to turn the view. Keys (with the view focused): 1–{example.n} select, arrows move (Shift: 0.5)
        {!arena ? ', Delete removes the top cube' : `, Page Up/Down change the height (≥ ${LOWEST_START[arena.moving]}), F flips the cylinder`}, R
        restores the dataset's C, J/L and I/K turn, + and − zoom. Faint shapes: A's start.
      </p>
      {mode === '2d' && (
        <p className="small notice" data-testid="cophy3d-fallback">
          WebGL is not available in this browser, so C is drawn on a 2-D canvas through the same camera: each object as a disc or square at its centre.
        </p>
      )}
    </div>
  );
}
