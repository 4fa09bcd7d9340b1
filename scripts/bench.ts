/**
 * npm run bench -- [<id>] [--quick]
 *
 * Runs `src/apps/<id>/bench.ts` and/or `src/shared/<id>/bench.ts` (both when both exist) in Node on
 * tfjs's WASM backend and prints each figure with its unit. Without an id it lists the benchmarks.
 * `load` and `typing` are the command line's own, run in headless Chromium on a fresh build: page
 * loads on a throttled phone profile (scripts/bench-load.ts) and the Einops demo's keystroke-to-output
 * latency (scripts/bench-typing.ts); `grammar-browser` the DEG demo's build + 200 samples in Chromium
 * (scripts/bench-grammar.ts); with --root they build and measure that project.
 * Benchmarks report medians; they never assert timings. Exit codes: 0 ok, 1 a bench failed, 2 usage.
 */
import { join, resolve } from 'node:path';
import { formatFigure, type BenchFigure } from '../src/shared/bench';
import { DEFAULT_ROOT, UsageError, defaultFunction, foldersWith, initTf, isMain } from './cli-common';

export const BENCH_USAGE = `usage: npm run bench -- [<id>] [--quick] [--json]
  <id>        a demo (src/apps/<id>/bench.ts) or shared module (src/shared/<id>/bench.ts); none lists them;
              load: page loads of the built app on a throttled phone profile (scripts/bench-load.ts)
              typing: the Einops demo's keystroke-to-output latency (scripts/bench-typing.ts)
              grammar-browser: the DEG demo's build + 200 samples in Chromium, at once and after reading (scripts/bench-grammar.ts)
              cophy-browser: the CoPhy model's D after an edit of C in Chromium (scripts/bench-cophy.ts; needs the shipped weights)
              cophy3d-browser: the same on CollisionCF and BlocktowerCF (scripts/bench-cophy3d.ts; each needs weights/<scenario>/)
              stylealign-browser: the StyleAlign generator's images/s and the morph slider's redraw in Chromium (scripts/bench-stylealign.ts)
  --quick     fewer repeats
  --json      print the figures as JSON instead of lines
  --runs N    load: runs per route (default 3, 1 with --quick); typing: rounds (default 5, 2 with --quick);
              grammar-browser: builds per way of pressing Build (default 3, 1 with --quick); cophy-browser and cophy3d-browser: edits (default 3, 1 with --quick);
              stylealign-browser: timings (default 3, 1 with --quick)
  --root DIR  project root to look in (default: this project; used by the tests)`;

export interface BenchArgs {
  id?: string;
  quick: boolean;
  json: boolean;
  root: string;
  help: boolean;
  /** Runs per route of the load benchmark, when given. */
  runs?: number;
}

export function parseBenchArgs(argv: string[], defaultRoot = DEFAULT_ROOT): BenchArgs {
  const args: BenchArgs = { quick: false, json: false, root: defaultRoot, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--json') args.json = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--runs') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) throw new UsageError('--runs needs a whole number ≥ 1');
      args.runs = v;
    }
    else if (a === '--root') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError('--root needs a value');
      args.root = resolve(v);
    } else if (a.startsWith('--root=')) args.root = resolve(a.slice('--root='.length));
    else if (a.startsWith('-')) throw new UsageError(`unknown option "${a}"`);
    else if (args.id !== undefined) throw new UsageError(`one benchmark at a time (got "${args.id}" and "${a}")`);
    else args.id = a;
  }
  return args;
}

export interface BenchSource {
  /** e.g. "src/apps/einops/bench.ts" */
  label: string;
  path: string;
}

/** Every benchmark by id: the demo's first, then the shared module's. */
export function listBenches(root: string): Map<string, BenchSource[]> {
  const found = new Map<string, BenchSource[]>();
  for (const kind of ['apps', 'shared']) {
    for (const id of foldersWith(join(root, 'src', kind), 'bench.ts')) {
      const list = found.get(id) ?? [];
      list.push({ label: `src/${kind}/${id}/bench.ts`, path: join(root, 'src', kind, id, 'bench.ts') });
      found.set(id, list);
    }
  }
  return new Map([...found.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Benchmarks of the command line itself (not of a module): id → script, run without starting tfjs in Node. */
export const BUILTIN_BENCHES: Record<string, { label: string; path: string }> = {
  load: { label: 'scripts/bench-load.ts', path: join(import.meta.dirname, 'bench-load.ts') },
  typing: { label: 'scripts/bench-typing.ts', path: join(import.meta.dirname, 'bench-typing.ts') },
  'grammar-browser': { label: 'scripts/bench-grammar.ts', path: join(import.meta.dirname, 'bench-grammar.ts') },
  'cophy-browser': { label: 'scripts/bench-cophy.ts', path: join(import.meta.dirname, 'bench-cophy.ts') },
  'cophy3d-browser': { label: 'scripts/bench-cophy3d.ts', path: join(import.meta.dirname, 'bench-cophy3d.ts') },
  'stylealign-browser': { label: 'scripts/bench-stylealign.ts', path: join(import.meta.dirname, 'bench-stylealign.ts') },
};

export function checkFigures(label: string, figures: unknown): BenchFigure[] {
  if (!Array.isArray(figures)) throw new Error(`${label} returned ${typeof figures}, not a list of figures`);
  for (const f of figures as Partial<BenchFigure>[]) {
    if (typeof f?.name !== 'string' || typeof f.value !== 'number' || typeof f.unit !== 'string' || f.unit === '') {
      throw new Error(`${label} returned a figure without name, numeric value and unit: ${JSON.stringify(f)}`);
    }
  }
  return figures as BenchFigure[];
}

export async function runBench(
  id: string,
  opts: { quick: boolean; root: string; init?: () => Promise<void>; runs?: number },
): Promise<{ label: string; figures: BenchFigure[] }[]> {
  const all = listBenches(opts.root);
  const sources = all.get(id);
  const builtin = BUILTIN_BENCHES[id];
  if (!sources && builtin) {
    const bench = await defaultFunction<(o: { quick: boolean; root: string; runs?: number }) => Promise<BenchFigure[]>>(builtin.path);
    return [{ label: builtin.label, figures: checkFigures(builtin.label, await bench({ quick: opts.quick, root: opts.root, runs: opts.runs })) }];
  }
  if (!sources) throw new UsageError(`no benchmark "${id}"; ${all.size ? `available: ${[...all.keys()].join(', ')}` : 'none exist yet'}`);
  await (opts.init ?? initTf)();
  const out: { label: string; figures: BenchFigure[] }[] = [];
  for (const source of sources) {
    const bench = await defaultFunction<(o: { quick: boolean }) => Promise<BenchFigure[]>>(source.path);
    out.push({ label: source.label, figures: checkFigures(source.label, await bench({ quick: opts.quick })) });
  }
  return out;
}

export async function main(argv: string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`bench: ${err.message}\n${BENCH_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(BENCH_USAGE);
    return 0;
  }
  if (args.id === undefined) {
    const all = listBenches(args.root);
    if (all.size === 0) console.log('no benchmarks yet (src/apps/<id>/bench.ts or src/shared/<id>/bench.ts)');
    for (const [id, sources] of all) console.log(`${id}: ${sources.map((s) => s.label).join(', ')}`);
    for (const [id, b] of Object.entries(BUILTIN_BENCHES)) if (!all.has(id)) console.log(`${id}: ${b.label}`);
    return 0;
  }
  try {
    const results = await runBench(args.id, args);
    if (args.json) console.log(JSON.stringify(results, null, 2));
    else {
      for (const { label, figures } of results) {
        console.log(`# ${label}${args.quick ? ' (quick)' : ''}`);
        for (const f of figures) console.log(`  ${formatFigure(f)}`);
      }
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`bench: ${err.message}`);
      return 2;
    }
    console.error(`bench "${args.id}" failed:`, err);
    return 1;
  }
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
