/**
 * The shipped weights (src/apps/stylealign/weights/, written by scripts/train/stylealign.ts) as
 * generators and oracles. Files are read through a `WeightReader`, so the same code runs in Node (fs)
 * and in the browser (fetch of the ?url assets). A missing file throws a `MissingWeightsError` that
 * names the file and the command that trains it: nothing is scored on weights that are not there.
 *
 * Files: parent.bin / child.bin / scratch.bin with <name>.manifest.json (groups gEma and wAvg; the
 * parent also g and d), child-step<k>.bin (G_ema of the fine-tune at step k, described by
 * child.manifest.json's `snapshots` and laid out in generatorSpecs order), oracles.bin with its manifest.
 */
import { Generator, generatorSpecs, type GeneratorConfig } from './generator';
import { Oracle, ORACLE_KINDS, type OracleKind } from './oracle';
import { unpackWeights, type LayoutEntry } from './weightsFile';
import type { FlatParams } from './nn';

/** Reads a file of the weights folder by name; null when it does not exist. `where` names the folder in messages. */
export type WeightReader = ((name: string) => Promise<Uint8Array | null>) & { where?: string };

export const WEIGHTS_DIR = 'src/apps/stylealign/weights';
const TRAIN = 'npx tsx scripts/train/stylealign.ts';

export class MissingWeightsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingWeightsError';
  }
}

/**
 * The fine-tune seed of the page's child.bin (and of the scrubber's child-step files). A child fine-tuned
 * with another seed k is child-seed<k>.bin: the full experiment's other seeds, never loaded by the page.
 */
export const SHIPPED_CHILD_SEED = 1;
export const childFileStem = (seed: number) => (seed === SHIPPED_CHILD_SEED ? 'child' : `child-seed${seed}`);

/** The command that writes weights file `name`. */
export function trainCommandFor(name: string): string {
  if (name.startsWith('oracles')) return `${TRAIN} --stage oracles`;
  if (name.startsWith('parent')) return `${TRAIN} --stage parent`;
  const seeded = /^child-seed(\d+)\./.exec(name);
  if (seeded) return `${TRAIN} --stage child --seed ${seeded[1]} (after --stage parent)`;
  if (name.startsWith('child')) return `${TRAIN} --stage child (after --stage parent)`;
  if (name.startsWith('scratch')) return `${TRAIN} --stage scratch`;
  return `${TRAIN} (see the comment at its top)`;
}

async function need(read: WeightReader, name: string): Promise<Uint8Array> {
  const bytes = await read(name);
  if (!bytes) throw new MissingWeightsError(`missing ${read.where ?? WEIGHTS_DIR}/${name}: train it with \`${trainCommandFor(name)}\``);
  return bytes;
}

export interface GanManifest {
  layout: LayoutEntry[];
  options: { generator: GeneratorConfig; domain: string; seed: number };
  training: { steps: number; stage: string };
  snapshots?: { step: number; file: string; bytes: number }[];
  evaluations?: { step: number; fd: number | null; critterFraction: number | null }[];
  [k: string]: unknown;
}

export async function readJson<T>(read: WeightReader, name: string): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await need(read, name))) as T;
}

/** The generator values (G_ema) and w_avg of a shipped GAN file, with its manifest. */
export interface GeneratorFile {
  name: string;
  config: GeneratorConfig;
  values: FlatParams;
  wAvg: Float32Array;
  manifest: GanManifest;
}

/** Reads parent.bin, child.bin, scratch.bin or child-step<k>.bin (the last take child.manifest.json's config and w_avg). */
export async function readGeneratorFile(read: WeightReader, name: string): Promise<GeneratorFile> {
  const step = /^child-step(\d+)\.bin$/.exec(name);
  if (step) {
    const child = await readGeneratorFile(read, 'child.bin');
    const bytes = await need(read, name);
    const layout: LayoutEntry[] = [];
    let offset = 0;
    for (const s of generatorSpecs(child.config)) {
      const length = s.shape.reduce((a, b) => a * b, 1);
      layout.push({ group: 'gEma', name: s.name, shape: s.shape, offset, length });
      offset += length;
    }
    if (bytes.byteLength !== offset * 4) throw new Error(`${name}: ${bytes.byteLength} bytes, the child's generator needs ${offset * 4}`);
    return { name, config: child.config, values: unpackWeights(bytes, layout).gEma, wAvg: child.wAvg, manifest: child.manifest };
  }
  const manifest = await readJson<GanManifest>(read, name.replace(/\.bin$/, '.manifest.json'));
  const groups = unpackWeights(await need(read, name), manifest.layout);
  if (!groups.gEma || !groups.wAvg) throw new Error(`${name}: no gEma or wAvg group in its layout`);
  return { name, config: manifest.options.generator, values: groups.gEma, wAvg: groups.wAvg.wAvg, manifest };
}

export const generatorOf = (f: GeneratorFile) => new Generator(f.config, f.values, f.wAvg, false);

export interface OracleManifest {
  layout: LayoutEntry[];
  heldOutQuality?: Record<string, Record<string, number>>;
  [k: string]: unknown;
}

/** The three oracles of oracles.bin; the caller disposes them. */
export async function readOracles(read: WeightReader): Promise<{ oracles: Record<OracleKind, Oracle>; manifest: OracleManifest }> {
  const manifest = await readJson<OracleManifest>(read, 'oracles.manifest.json');
  const groups = unpackWeights(await need(read, 'oracles.bin'), manifest.layout);
  const oracles = Object.fromEntries(ORACLE_KINDS.map((k) => [k, new Oracle(k, groups[k])])) as Record<OracleKind, Oracle>;
  return { oracles, manifest };
}
