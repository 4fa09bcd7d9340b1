/**
 * The NTL demo's training worker: the kit's standard handlers (src/shared/run/trainingWorker.ts)
 * around an NtlSession, plus the removal attacks as an extra.
 */
import { exposeWorker } from '../../../shared/run/worker';
import { trainingHandlers } from '../../../shared/run/trainingWorker';
import { workerTf } from '../../../shared/run/tfHooks';
import type { AttackKind, SessionConfig, SessionSizes } from './protocol';
import { NtlSession } from './session';

const handlers = trainingHandlers({
  create: (args: { config: SessionConfig; sizes?: Partial<SessionSizes> }, opts) => NtlSession.create(args.config, { ...opts, sizes: args.sizes }),
  extras: {
    /** A removal attack on the trained ownership model. */
    attack: (session: NtlSession, args: { kind: AttackKind; fraction?: number }, opts) => session.attack(args.kind, { ...opts, fraction: args.fraction }),
  },
  noSession: 'No training session: press Run (the data is generated first).',
  extraNoSession: { attack: 'Train an ownership-verification model first (mode "Ownership verification", then Run).' },
  tf: workerTf,
});

export type NtlWorkerHandlers = typeof handlers;

exposeWorker(handlers);
