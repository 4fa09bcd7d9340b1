/**
 * Pieces shared by the experiment and bench command lines: argument errors, locating a project's
 * modules under `<root>/src/...`, and loading them.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export const DEFAULT_ROOT = resolve(import.meta.dirname, '..');

export function readFlagValue(argv: readonly string[], i: number, flag: string): string {
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  return value;
}

/** `--name value` of a diagnostic script's argv, or `fallback` when the flag is absent. */
export function flagOr(argv: readonly string[], name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  return readFlagValue(argv, i, `--${name}`);
}

/** `--name N` as a positive whole number, or `fallback`; anything else is a UsageError naming the flag. */
export function positiveIntFlag(argv: readonly string[], name: string, fallback: number): number {
  const raw = flagOr(argv, name, String(fallback));
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw new UsageError(`--${name} takes a positive integer, not "${raw}"`);
  return v;
}

/** Folders of `dir` holding `file` (e.g. the demos with an experiment.ts), sorted. */
export function foldersWith(dir: string, file: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, file)))
    .sort();
}

export async function importModule(path: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
}

/** The default export of a module, which must be a function. */
export async function defaultFunction<F>(path: string): Promise<F> {
  const mod = await importModule(path);
  if (typeof mod.default !== 'function') throw new Error(`${path} has no default-exported function`);
  return mod.default as F;
}

/** Starts tfjs in Node the way every experiment and bench expects (WASM, with the training kernels). */
export async function initTf(): Promise<void> {
  const { initNodeBackend } = await import('../src/shared/tf/node');
  await initNodeBackend('wasm');
}

export function isMain(metaUrl: string): boolean {
  return process.argv[1] !== undefined && pathToFileURL(resolve(process.argv[1])).href === metaUrl;
}
