/**
 * The DEG demo's worker: the kit's standard handlers (src/shared/run/trainingWorker.ts) around a
 * GrammarSession (prepare = RDKit, build the grammar, sample N; step = one REINFORCE epoch), plus
 * `sampleBest` as an extra. RDKit's WebAssembly is loaded here, and only here (rdkitBrowser.ts).
 * F_θ's REINFORCE update uses tfjs-core (potential.ts), so the worker starts tfjs (workerTf).
 */
import { exposeWorker } from '../../../shared/run/worker';
import { workerTf } from '../../../shared/run/tfHooks';
import { trainingHandlers } from '../../../shared/run/trainingWorker';
import { loadBrowserChem } from '../rdkitBrowser';
import type { SessionConfig } from './protocol';
import { GrammarSession } from './session';

const handlers = trainingHandlers({
  create: (args: { config: SessionConfig }, opts) => GrammarSession.create(args.config, opts, loadBrowserChem),
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
