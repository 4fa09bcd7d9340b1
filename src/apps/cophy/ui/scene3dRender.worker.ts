/**
 * Draws the 3-D CoPhy view (scene3dThree.ts) on an OffscreenCanvas that View3D.tsx hands over, so that
 * three.js loads, evaluates and renders off the page's main thread (as the iLQR-VAE page's
 * attractorRender.worker.ts). Messages: `init` (the canvas, background, size; answered `ready` or
 * `error`), `scene` (C, A's ghost, the selection, the floor), `draw` (the orbit; only the latest waiting
 * one is drawn, then `drawn` with the probe count), `resize`, `dispose`.
 */
import type { OrbitView } from './orbit3d';
import type { Scene3dRenderer, SceneSpec } from './scene3dThree';

type Message =
  | { type: 'init'; canvas: OffscreenCanvas; background: string; pixelRatio: number; width: number; height: number }
  | { type: 'scene'; spec: SceneSpec }
  | { type: 'draw'; view: OrbitView }
  | { type: 'resize'; width: number; height: number }
  | { type: 'dispose' };

let renderer: Scene3dRenderer | null = null;
let pendingView: OrbitView | null = null;
let pendingScene: SceneSpec | null = null;
let size = { width: 1, height: 1 };
let scheduled = false;

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    if (!renderer || !pendingView) return;
    if (pendingScene) {
      renderer.setScene(pendingScene);
      pendingScene = null;
    }
    renderer.draw(pendingView);
    self.postMessage({ type: 'drawn', nonBlank: renderer.probe() });
  }, 0);
}

self.onmessage = async (event: MessageEvent<Message>) => {
  const m = event.data;
  if (m.type === 'init') {
    size = { width: m.width, height: m.height };
    try {
      const { makeScene3dRenderer } = await import('./scene3dThree');
      renderer = makeScene3dRenderer(m.canvas, m.background, m.pixelRatio);
      renderer.resize(size.width, size.height);
      self.postMessage({ type: 'ready' });
      schedule();
    } catch (err) {
      self.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  } else if (m.type === 'scene') {
    pendingScene = m.spec;
    schedule();
  } else if (m.type === 'draw') {
    pendingView = m.view;
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
