/**
 * npm run experiment -- <id> [--quick] [--seed N] [--out FILE]
 *
 * Runs `src/apps/<id>/experiment.ts` in Node on tfjs's WASM backend and prints its report as JSON:
 * `{ id, seed, quick, seconds, metrics: { name: number }, ...whatever else the experiment returns }`.
 * Without an id it lists the experiments that exist. Progress lines go to stderr, the report to
 * stdout (and to FILE with --out). Exit codes: 0 ok, 1 the experiment failed, 2 a usage mistake.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_ROOT, UsageError, defaultFunction, foldersWith, initTf, isMain, readFlagValue } from './cli-common';
import { defaultThreads, threadPoolFactory } from './threadPool';
import type { TaskPoolFactory } from '../src/shared/taskPool';

export const EXPERIMENT_USAGE = `usage: npm run experiment -- <id> [--quick] [--seed N] [--out FILE] [--weights DIR] [--part NAME] [--threads N]
  <id>        a demo with src/apps/<id>/experiment.ts (run without an id to list them)
  --quick     the small version used by the tests (seconds, not minutes)
  --seed N    integer 0..2147483647 (default 1)
  --out FILE  also write the JSON report to FILE
  --weights DIR  read the demo's weight files from DIR instead of its shipped folder (demos that take it;
                 cophy: BallsCF's, or with --part, that scenario's)
  --part NAME    run one part of a demo's experiment (cophy: balls, blocktower or collision)
  --threads N    worker threads for demos that spread their examples over cores (cophy's BallsCF);
                 default: 2, or 1 on a one-core machine; the report does not depend on it
  --root DIR  project root to look in (default: this project; used by the tests)`;

export interface ExperimentArgs {
  id?: string;
  quick: boolean;
  seed: number;
  out?: string;
  /** a folder of weight files, passed to the experiment as `weightsDir` */
  weights?: string;
  /** one part of the experiment (its scenario), passed as `part` */
  part?: string;
  /** worker threads (scripts/threadPool.ts) offered to the experiment as `threads`; 1: none */
  threads: number;
  root: string;
  help: boolean;
}

export function parseExperimentArgs(argv: string[], defaultRoot = DEFAULT_ROOT): ExperimentArgs {
  const args: ExperimentArgs = { quick: false, seed: 1, root: defaultRoot, help: false, threads: defaultThreads() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const value = () => {
      if (inline !== undefined) return inline;
      return readFlagValue(argv, i++, flag);
    };
    switch (flag) {
      case '--quick':
        if (inline !== undefined) throw new UsageError('--quick takes no value');
        args.quick = true;
        break;
      case '--seed': {
        const text = value();
        if (!/^\d{1,10}$/.test(text) || Number(text) > 2 ** 31 - 1) throw new UsageError(`--seed must be an integer from 0 to 2147483647, not "${text}"`);
        args.seed = Number(text);
        break;
      }
      case '--out':
        args.out = value();
        break;
      case '--weights':
        args.weights = resolve(value());
        break;
      case '--part': {
        const text = value();
        if (!/^[a-z][a-z0-9-]{0,39}$/.test(text)) throw new UsageError(`--part takes a name such as collision, not "${text}"`);
        args.part = text;
        break;
      }
      case '--threads': {
        const text = value();
        if (!/^\d{1,2}$/.test(text) || Number(text) < 1) throw new UsageError(`--threads takes a whole number from 1 to 99, not "${text}"`);
        args.threads = Number(text);
        break;
      }
      case '--root':
        args.root = resolve(value());
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option "${a}"`);
        if (args.id !== undefined) throw new UsageError(`one experiment at a time (got "${args.id}" and "${a}")`);
        args.id = a;
    }
  }
  return args;
}

export function listExperiments(root: string): string[] {
  return foldersWith(join(root, 'src', 'apps'), 'experiment.ts');
}

export interface ExperimentResult {
  metrics: Record<string, number>;
  [k: string]: unknown;
}
export type ExperimentFn = (opts: { quick: boolean; seed: number; log?: (line: string) => void; weightsDir?: string; part?: string; threads?: TaskPoolFactory }) => Promise<ExperimentResult>;

export interface ExperimentReport {
  id: string;
  seed: number;
  quick: boolean;
  seconds: number;
  metrics: Record<string, number>;
  [k: string]: unknown;
}

/** Checks what an experiment returned and puts the report's fixed fields first. */
export function buildReport(id: string, args: { seed: number; quick: boolean }, seconds: number, result: unknown): ExperimentReport {
  if (typeof result !== 'object' || result === null) throw new Error(`experiment "${id}" returned ${String(result)}, not an object`);
  const { metrics, ...rest } = result as Record<string, unknown>;
  if (typeof metrics !== 'object' || metrics === null || Array.isArray(metrics)) throw new Error(`experiment "${id}" returned no metrics object`);
  for (const [name, v] of Object.entries(metrics)) {
    if (typeof v !== 'number' || Number.isNaN(v)) throw new Error(`experiment "${id}": metric "${name}" is ${JSON.stringify(v)}, not a number`);
  }
  for (const key of ['id', 'seed', 'quick', 'seconds']) {
    if (key in rest) throw new Error(`experiment "${id}" returned the reserved field "${key}"`);
  }
  return { id, seed: args.seed, quick: args.quick, seconds: Math.round(seconds * 1000) / 1000, metrics: metrics as Record<string, number>, ...rest };
}

export async function runExperiment(
  id: string,
  opts: { quick: boolean; seed: number; root: string; weights?: string; part?: string; threads?: number; log?: (line: string) => void; init?: () => Promise<void> },
): Promise<ExperimentReport> {
  const available = listExperiments(opts.root);
  if (!available.includes(id)) {
    throw new UsageError(`no experiment "${id}"; ${available.length ? `available: ${available.join(', ')}` : 'none exist yet'}`);
  }
  const experiment = await defaultFunction<ExperimentFn>(join(opts.root, 'src', 'apps', id, 'experiment.ts'));
  await (opts.init ?? initTf)();
  const t0 = performance.now();
  const threads = (opts.threads ?? 1) > 1 ? { threads: threadPoolFactory(opts.threads!) } : {};
  const result = await experiment({ quick: opts.quick, seed: opts.seed, log: opts.log, ...(opts.weights ? { weightsDir: opts.weights } : {}), ...(opts.part ? { part: opts.part } : {}), ...threads });
  return buildReport(id, opts, (performance.now() - t0) / 1000, result);
}

// Infinity and -Infinity are not JSON; write them as strings so the report says what happened.
function toJson(report: ExperimentReport): string {
  return JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
}

export async function main(argv: string[]): Promise<number> {
  let args: ExperimentArgs;
  try {
    args = parseExperimentArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`experiment: ${err.message}\n${EXPERIMENT_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(EXPERIMENT_USAGE);
    return 0;
  }
  if (args.id === undefined) {
    const ids = listExperiments(args.root);
    console.log(ids.length ? `experiments: ${ids.join(' ')}` : 'no experiments yet (src/apps/<id>/experiment.ts)');
    console.log('run one with: npm run experiment -- <id> [--quick] [--seed N] [--out FILE]');
    return 0;
  }
  try {
    const report = await runExperiment(args.id, { ...args, log: (line) => console.error(`[${args.id}] ${line}`) });
    const json = toJson(report);
    console.log(json);
    if (args.out) {
      mkdirSync(dirname(resolve(args.out)), { recursive: true });
      writeFileSync(args.out, `${json}\n`);
      console.error(`wrote ${args.out}`);
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`experiment: ${err.message}`);
      return 2;
    }
    console.error(`experiment "${args.id}" failed:`, err);
    return 1;
  }
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
