/**
 * Reading the shipped weight files (src/apps/stylealign/weights/, written by
 * scripts/train/stylealign.ts; layout in each manifest, read by core/weightsFile.ts) through a
 * `FileReader`, so the same code runs in Node tests (a map of bytes) and in the workers (fetch of the
 * build's asset URLs). A file the build does not ship reads as null without a request; the page then
 * names it and the command that trains it.
 */
import { generatorSpecs, type GeneratorConfig } from '../core/generator';
import type { DiscriminatorConfig } from '../core/discriminator';
import type { GanOptions } from '../core/ganTrainer';
import type { FlatParams } from '../core/nn';
import { unpackWeights, type LayoutEntry } from '../core/weightsFile';
import type { MissingFile, WeightUrls } from './protocol';

/** Reads a shipped file by name; null when the build does not ship it. */
export type FileReader = (name: string) => Promise<Uint8Array | null>;

export const TRAIN_SCRIPT = 'npx tsx scripts/train/stylealign.ts';
export const trainCommand = (stage: 'parent' | 'child' | 'scratch' | 'oracles') => `${TRAIN_SCRIPT} --stage ${stage}`;

export const ROLES: Record<string, { role: string; stage: 'parent' | 'child' | 'scratch' | 'oracles' }> = {
  'parent.bin': { role: 'the parent generator (faces) and its discriminator', stage: 'parent' },
  'child.bin': { role: 'the fine-tuned child generator (critters)', stage: 'child' },
  'scratch.bin': { role: 'the scratch child: critters from random initialisation, the control', stage: 'scratch' },
  'oracles.bin': { role: 'the attribute oracles (the live alignment numbers)', stage: 'oracles' },
};

/** The files in `wanted` that `shipped` lacks (a .bin counts as missing when it or its manifest is absent). */
export function missingFiles(shipped: readonly string[], wanted: readonly string[]): MissingFile[] {
  const have = new Set(shipped);
  return wanted
    .filter((f) => !have.has(f) || !have.has(f.replace(/\.bin$/, '.manifest.json')))
    .map((file) => {
      const r = ROLES[file] ?? { role: file, stage: 'child' as const };
      return { file, role: r.role, command: trainCommand(r.stage) };
    });
}

/** The fetch reader of the workers: only names in `urls` are requested. */
export function urlReader(urls: WeightUrls, fetchFn: typeof fetch = fetch): FileReader {
  return async (name) => {
    const url = urls[name];
    if (!url) return null;
    const res = await fetchFn(url);
    if (!res.ok) throw new Error(`${name}: HTTP ${res.status} ${res.statusText} (${url})`);
    return new Uint8Array(await res.arrayBuffer());
  };
}

export interface GanManifest {
  file: string;
  layout: LayoutEntry[];
  options: GanOptions;
  training: { stage: string; domain: string; steps: number };
  snapshots?: { step: number; file: string; bytes: number }[];
}

export interface ShippedGan {
  manifest: GanManifest;
  config: GeneratorConfig;
  discriminator: DiscriminatorConfig;
  groups: Record<string, FlatParams>;
  wAvg: Float32Array;
}

const decoder = new TextDecoder();

export async function readJson<T>(read: FileReader, name: string): Promise<T | null> {
  const bytes = await read(name);
  return bytes ? (JSON.parse(decoder.decode(bytes)) as T) : null;
}

/** `<stage>.bin` with its manifest, or null when either is not shipped. */
export async function readGan(read: FileReader, stage: 'parent' | 'child' | 'scratch'): Promise<ShippedGan | null> {
  const [manifest, bytes] = await Promise.all([readJson<GanManifest>(read, `${stage}.manifest.json`), read(`${stage}.bin`)]);
  if (!manifest || !bytes) return null;
  const groups = unpackWeights(bytes, manifest.layout);
  if (!groups.gEma) throw new Error(`${stage}.bin has no G_ema (its manifest lists ${Object.keys(groups).join(', ')})`);
  const wDim = manifest.options.generator.wDim;
  return { manifest, config: manifest.options.generator, discriminator: manifest.options.discriminator, groups, wAvg: groups.wAvg?.wAvg ?? new Float32Array(wDim) };
}

/** The layout of a child-step<k>.bin: G_ema alone, in the generator's parameter order (scripts/train/stylealign.ts packs it so). */
export function snapshotLayout(config: GeneratorConfig): LayoutEntry[] {
  let offset = 0;
  return generatorSpecs(config).map((s) => {
    const length = s.shape.reduce((a, b) => a * b, 1);
    const e = { group: 'gEma', name: s.name, shape: s.shape, offset, length };
    offset += length;
    return e;
  });
}

/** G_ema of child-step<step>.bin, or null when the build does not ship it. */
export async function readSnapshot(read: FileReader, step: number, config: GeneratorConfig): Promise<FlatParams | null> {
  const bytes = await read(`child-step${step}.bin`);
  if (!bytes) return null;
  const layout = snapshotLayout(config);
  const need = layout.reduce((a, e) => a + e.length, 0) * 4;
  if (bytes.byteLength !== need) throw new Error(`child-step${step}.bin has ${bytes.byteLength} bytes; the generator of child.manifest.json needs ${need}`);
  return unpackWeights(bytes, layout).gEma;
}

/** The shipped snapshot steps, from file names such as `child-step250.bin`. */
export function shippedSteps(names: readonly string[]): number[] {
  return names
    .map((n) => /^child-step(\d+)\.bin$/.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}
