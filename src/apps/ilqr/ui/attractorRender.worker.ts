/**
 * Draws the Lorenz 3-D view (threeScene.ts) on an OffscreenCanvas that Attractor3D.tsx hands over,
 * so that three.js loads, evaluates and renders off the page's main thread. Messages: `init` (the
 * canvas, the curves, the size and the first view; answered `ready` or `error`), `draw` (angles and
 * zoom; only the latest waiting one is drawn), `resize`, `dispose`.
 */
import type { Angles, Curve, Renderer } from './attractorScene';

type Message =
  | { type: 'init'; canvas: OffscreenCanvas; curves: Curve[]; background: string; pixelRatio: number; width: number; height: number; angles: Angles; zoom: number }
  | { type: 'draw'; angles: Angles; zoom: number }
  | { type: 'resize'; width: number; height: number }
  | { type: 'dispose' };

let renderer: Renderer | null = null;
/** The latest view and size asked for (messages may arrive while three.js still loads). */
let pending: { angles: Angles; zoom: number } | null = null;
let size = { width: 1, height: 1 };
let scheduled = false;

/** Draws the latest requested view once the messages waiting now have been read. */
function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    if (renderer && pending) renderer.draw(pending.angles, pending.zoom);
  }, 0);
}

self.onmessage = async (event: MessageEvent<Message>) => {
  const m = event.data;
  if (m.type === 'init') {
    pending = { angles: m.angles, zoom: m.zoom };
    size = { width: m.width, height: m.height };
    try {
      const { makeThreeRenderer } = await import('./threeScene');
      renderer = makeThreeRenderer(m.canvas, m.curves, m.background, m.pixelRatio);
      renderer.resize(size.width, size.height);
      renderer.draw(pending.angles, pending.zoom);
      self.postMessage({ type: 'ready' });
    } catch (err) {
      self.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  } else if (m.type === 'draw') {
    pending = { angles: m.angles, zoom: m.zoom };
    schedule();
  } else if (m.type === 'resize') {
    size = { width: m.width, height: m.height };
    renderer?.resize(size.width, size.height);
    schedule();
  } else {
    renderer?.dispose();
    renderer = null;
  }
};
