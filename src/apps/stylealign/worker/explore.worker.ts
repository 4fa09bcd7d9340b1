/**
 * The StyleAlign page's explorer worker: the shipped generators (sessionExplorer.ts), rendered on
 * demand, so the page itself never runs a generator. tfjs starts here on the page's backend with the
 * first `load`. Images travel as transferred RGBA buffers.
 *
 * Calls: `load` (what ships; the parent's W directions), `render` (one latent through every model,
 * with the edit, the checkpoint and the morph), `grid` (the same latents through every model),
 * `translate` (a drawing inverted into the parent's Z by core/projector.ts and rendered by the child, with progress),
 * `probe` (raw outputs of fixed latents: the backend check against WASM), `speed` (the generator's images per
 * second on this backend), `memory` (live tensors: the page's leak check).
 */
import * as tf from '@tensorflow/tfjs-core';
// The translation differentiates the generator (core/projector.ts): tfjs-core registers no gradients by itself.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { initBackend, type BackendName } from '../../../shared/tf';
import { exposeWorker, transfer, type HandlerContext } from '../../../shared/run/worker';
import type { ExplorerInfo, GridResult, MissingFile, ProbeResult, RenderRequest, RenderResult, SpeedResult, TranslateProgress, TranslateRequest, TranslateResult, WeightUrls } from './protocol';
import { ExplorerSession } from './sessionExplorer';
import { urlReader } from './sessionWeights';

let session: ExplorerSession | null = null;

function need(): ExplorerSession {
  if (!session) throw new Error('The explorer has not loaded the weights yet.');
  return session;
}

const buffers = (...list: (Uint8ClampedArray | null)[]) => list.filter((b): b is Uint8ClampedArray => b !== null).map((b) => b.buffer as ArrayBuffer);

const handlers = {
  async load(args: { urls: WeightUrls; shippedNames: string[]; missing: MissingFile[]; backend: BackendName | 'auto' }): Promise<ExplorerInfo> {
    const info = await initBackend(args.backend !== 'auto' ? { force: args.backend } : undefined);
    if (session) await session.dispose();
    session = await ExplorerSession.create(urlReader(args.urls), { shippedNames: args.shippedNames, missing: args.missing, backend: info.name });
    return session.info;
  },

  async render(args: RenderRequest): Promise<RenderResult> {
    const r = await need().render(args);
    return transfer(r, buffers(r.parent, r.child, r.scratch, r.checkpoint, r.morph));
  },

  grid(args: { seed: number; count: number }): GridResult {
    const g = need().grid(args.seed, args.count);
    return transfer(g, buffers(g.parent, g.child, g.scratch));
  },

  async translate(args: TranslateRequest, ctx: HandlerContext<TranslateProgress>): Promise<TranslateResult> {
    return need().translate(args, {
      onProgress: (p) => ctx.progress(transfer(p, buffers(p.parent ?? null, p.child ?? null))),
      yieldNow: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
      cancelled: () => ctx.signal.aborted,
    });
  },

  probe(args: { seed: number; count: number }): ProbeResult {
    const r = need().probe(args.seed, args.count);
    return transfer(r, [r.values.buffer as ArrayBuffer]);
  },

  speed(args: { batch: number; seconds: number }): SpeedResult {
    return need().speed(args.batch, args.seconds);
  },

  memory(): { numTensors: number } {
    return { numTensors: tf.memory().numTensors };
  },
};

export type StyleAlignExplorerHandlers = typeof handlers;

exposeWorker(handlers);
