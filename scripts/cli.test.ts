import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { flagOr, positiveIntFlag, UsageError } from './cli-common';
import { buildReport, listExperiments, parseExperimentArgs, runExperiment } from './experiment';
import { defaultThreads } from './threadPool';
import { checkFigures, listBenches, parseBenchArgs, runBench } from './bench';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURES = resolve(import.meta.dirname, 'fixtures');

function cli(script: 'experiment' | 'bench', args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', `${script}.ts`), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('parseExperimentArgs', () => {
  it('reads the id and flags in any order, with or without =', () => {
    const threads = defaultThreads();
    expect(parseExperimentArgs(['ntl', '--quick', '--seed', '7', '--out', 'r.json'], '/r')).toEqual({ id: 'ntl', quick: true, seed: 7, out: 'r.json', root: '/r', help: false, threads });
    expect(parseExperimentArgs(['--seed=0', 'cophy'], '/r')).toMatchObject({ id: 'cophy', seed: 0, quick: false });
    expect(parseExperimentArgs([], '/r')).toEqual({ quick: false, seed: 1, root: '/r', help: false, threads });
    expect(parseExperimentArgs(['cophy', '--threads', '1'], '/r')).toMatchObject({ id: 'cophy', threads: 1 });
    expect(threads).toBeGreaterThanOrEqual(1);
    expect(threads).toBeLessThanOrEqual(2);
    expect(parseExperimentArgs(['stylealign', '--weights', '/w/dev/'], '/r')).toMatchObject({ id: 'stylealign', weights: '/w/dev' });
    expect(parseExperimentArgs(['cophy', '--part=collision', '--quick'], '/r')).toMatchObject({ id: 'cophy', part: 'collision', quick: true });
  });
  it('rejects bad seeds, unknown flags, missing values and two ids', () => {
    for (const argv of [['--seed', '-1'], ['--seed', '1.5'], ['--seed', '2147483648'], ['--seed'], ['--seed', '--quick'], ['--fast'], ['a', 'b'], ['--out'], ['--quick=yes'], ['--weights'], ['--part'], ['--part', '../x'], ['--threads', '0'], ['--threads', 'two'], ['--threads']]) {
      expect(() => parseExperimentArgs(argv), argv.join(' ')).toThrow(UsageError);
    }
  });
});

describe('buildReport', () => {
  it('puts id, seed, quick, seconds and metrics first and keeps the rest', () => {
    const r = buildReport('x', { seed: 2, quick: true }, 1.23456, { metrics: { a: 1 }, curve: [1, 2] });
    expect(r).toEqual({ id: 'x', seed: 2, quick: true, seconds: 1.235, metrics: { a: 1 }, curve: [1, 2] });
    expect(Object.keys(r)).toEqual(['id', 'seed', 'quick', 'seconds', 'metrics', 'curve']);
  });
  it('rejects results without numeric metrics or with reserved fields', () => {
    expect(() => buildReport('x', { seed: 1, quick: false }, 0, null)).toThrow(/not an object/);
    expect(() => buildReport('x', { seed: 1, quick: false }, 0, { accuracy: 1 })).toThrow(/no metrics/);
    expect(() => buildReport('x', { seed: 1, quick: false }, 0, { metrics: { a: 'high' } })).toThrow(/not a number/);
    expect(() => buildReport('x', { seed: 1, quick: false }, 0, { metrics: { a: NaN } })).toThrow(/not a number/);
    expect(() => buildReport('x', { seed: 1, quick: false }, 0, { metrics: {}, seed: 4 })).toThrow(/reserved/);
  });
});

describe('runExperiment (fixture project)', () => {
  it('lists and runs an experiment, seeded and reproducible', async () => {
    expect(listExperiments(FIXTURES)).toEqual(['broken', 'demo']);
    let inits = 0;
    const init = async () => {
      inits++;
    };
    const lines: string[] = [];
    const a = await runExperiment('demo', { quick: true, seed: 5, root: FIXTURES, init, log: (l) => lines.push(l) });
    const b = await runExperiment('demo', { quick: true, seed: 5, root: FIXTURES, init });
    const c = await runExperiment('demo', { quick: true, seed: 6, root: FIXTURES, init });
    expect(inits).toBe(3);
    expect(lines).toEqual(['2000 samples']);
    expect(a.metrics).toEqual(b.metrics);
    expect(a.metrics.pi).not.toBe(c.metrics.pi);
    expect(a.metrics.absError).toBeLessThan(0.2);
  });
  it('refuses an unknown id with a usage error naming the available ones', async () => {
    await expect(runExperiment('nope', { quick: true, seed: 1, root: FIXTURES, init: async () => {} })).rejects.toThrow(/no experiment "nope"; available: broken, demo/);
  });
});

describe('bench', () => {
  it('parses its arguments', () => {
    expect(parseBenchArgs(['einops', '--quick'], '/r')).toEqual({ id: 'einops', quick: true, json: false, root: '/r', help: false });
    expect(() => parseBenchArgs(['--slow'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['a', 'b'])).toThrow(UsageError);
  });
  it('finds the demo and the shared bench of one id', () => {
    expect([...listBenches(FIXTURES).entries()]).toEqual([
      ['demo', [
        { label: 'src/apps/demo/bench.ts', path: join(FIXTURES, 'src/apps/demo/bench.ts') },
        { label: 'src/shared/demo/bench.ts', path: join(FIXTURES, 'src/shared/demo/bench.ts') },
      ]],
    ]);
  });
  it('runs both and checks the figures', async () => {
    const results = await runBench('demo', { quick: true, root: FIXTURES, init: async () => {} });
    expect(results.map((r) => r.label)).toEqual(['src/apps/demo/bench.ts', 'src/shared/demo/bench.ts']);
    for (const r of results) for (const f of r.figures) expect(f.value).toBeGreaterThan(0);
    expect(() => checkFigures('x', [{ name: 'a', value: 1 }])).toThrow(/unit/);
    expect(() => checkFigures('x', { name: 'a' })).toThrow(/not a list/);
  });
});

describe('command lines (subprocess)', () => {
  it('experiment: runs on WASM, prints JSON and writes --out', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'exp-')), 'sub', 'report.json');
    const r = cli('experiment', ['demo', '--root', FIXTURES, '--quick', '--seed', '3', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written).toEqual(printed);
    expect(printed).toMatchObject({ id: 'demo', seed: 3, quick: true, backend: 'wasm' });
    expect(typeof printed.seconds).toBe('number');
    expect(r.stderr).toContain('[demo] 2000 samples');
  });
  it('experiment: lists with no id, exit 2 on a bad id or flag, exit 1 on a broken experiment', () => {
    const list = cli('experiment', ['--root', FIXTURES]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('experiments: broken demo');
    const unknown = cli('experiment', ['nope', '--root', FIXTURES]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no experiment "nope"');
    const badFlag = cli('experiment', ['demo', '--sed', '3']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('unknown option "--sed"');
    const broken = cli('experiment', ['broken', '--root', FIXTURES]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('metric "accuracy" is "high"');
  });
  it('bench: prints each figure with its unit, exit 2 on an unknown id', () => {
    const r = cli('bench', ['demo', '--root', FIXTURES, '--quick']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/# src\/apps\/demo\/bench.ts \(quick\)\n {2}sort 10k numbers: [\d.]+ ms\n/);
    expect(r.stdout).toMatch(/matMul 64x64: [\d.]+ ms {2}\(wasm\)/);
    expect(cli('bench', ['nope', '--root', FIXTURES]).code).toBe(2);
  });
});

describe('flagOr and positiveIntFlag (the diagnostic scripts)', () => {
  it('read a flag or its fallback, and name the flag when a value is missing or not a positive integer', () => {
    const argv = ['--seed', '3', '--weights', 'dir', '--test'];
    expect(flagOr(argv, 'weights', '')).toBe('dir');
    expect(flagOr(argv, 'renderer', 'derender')).toBe('derender');
    expect(positiveIntFlag(argv, 'seed', 1)).toBe(3);
    expect(positiveIntFlag(argv, 'stride', 2)).toBe(2);
    expect(() => positiveIntFlag(argv, 'test', 200)).toThrow(/--test needs a value/);
    expect(() => positiveIntFlag(['--seed', '0'], 'seed', 1)).toThrow(UsageError);
    expect(() => positiveIntFlag(['--seed', '1.5'], 'seed', 1)).toThrow(/--seed takes a positive integer, not "1.5"/);
  });
});
