/**
 * The DEG demo's worker: the kit's standard handlers (src/shared/run/trainingWorker.ts) around a
 * GrammarSession (prepare = RDKit, build the grammar, sample N; step = one REINFORCE epoch), plus
 * `sampleBest` as an extra. RDKit's WebAssembly is loaded here, and only here (rdkitBrowser.ts).
 * F_θ's REINFORCE update uses tfjs-core (potential.ts), so the worker starts tfjs (workerTf).
 * RDKit starts loading as soon as the worker starts, beside tfjs's start-up (the page starts the
 * worker once the route is idle), and then warms the pipeline's code up (warmUp.ts): Build then
 * finds it ready instead of waiting for the download, the compile and the first slow calls.
 */
import { exposeWorker } from '../../../shared/run/worker';
import { workerTf } from '../../../shared/run/tfHooks';
import { trainingHandlers } from '../../../shared/run/trainingWorker';
import { loadBrowserChem, rdkitLoadTimes } from '../rdkitBrowser';
import type { SessionConfig } from './protocol';
import { GrammarSession } from './session';
import { warmUp, type WarmUpResult } from './warmUp';

let prepareAsked = false;
let warmed: WarmUpResult | null = null;
// A failed early load is forgotten by loadBrowserChem, and prepare's own call tries again and reports it.
const warming = loadBrowserChem()
  .then((chem) => warmUp(chem, { yieldNow: () => new Promise((resolve) => setTimeout(resolve, 0)), stop: () => prepareAsked }))
  .then(
    (result) => void (warmed = result),
    () => undefined,
  );

async function createSession(config: SessionConfig, opts: Parameters<typeof GrammarSession.create>[1]): Promise<GrammarSession> {
  prepareAsked = true;
  const askedAt = performance.now();
  await warming;
  return GrammarSession.create(config, opts, loadBrowserChem, () => {
    const load = rdkitLoadTimes();
    return load && { ...load, warmUp: warmed, askedAt };
  });
}

const handlers = trainingHandlers({
  create: (args: { config: SessionConfig }, opts) => createSession(args.config, opts),
  extras: {
    /** N molecules from the best-reward grammar so far. */
    sampleBest: (session: GrammarSession, _args: Record<string, never>, opts) => session.sampleBest(opts),
  },
  noSession: 'No grammar yet: press Build (Run or Step).',
  extraNoSession: { sampleBest: 'Build the grammar and train at least one epoch first (Run or Step).' },
  tf: workerTf,
});

export type GrammarWorkerHandlers = typeof handlers;

exposeWorker(handlers);
