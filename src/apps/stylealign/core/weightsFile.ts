/**
 * The shipped weight files: float32 little-endian, every tensor of every group one after another,
 * with a layout (group, name, shape, offset in floats) that the manifest records and the browser reads.
 */
import type { FlatParams } from './nn';

export interface LayoutEntry {
  group: string;
  name: string;
  shape: number[];
  /** offset in float32 values */
  offset: number;
  length: number;
}

/** Packs groups of named tensors in insertion order; shapes come from `shapes` (group → name → shape). */
export function packWeights(groups: Record<string, FlatParams>, shapes: Record<string, Record<string, number[]>>): { bytes: Uint8Array; layout: LayoutEntry[] } {
  const layout: LayoutEntry[] = [];
  let offset = 0;
  for (const [group, params] of Object.entries(groups)) {
    for (const [name, values] of Object.entries(params)) {
      const shape = shapes[group]?.[name] ?? [values.length];
      if (shape.reduce((a, b) => a * b, 1) !== values.length) throw new Error(`packWeights: ${group}/${name} has ${values.length} values for shape [${shape.join(', ')}]`);
      layout.push({ group, name, shape, offset, length: values.length });
      offset += values.length;
    }
  }
  const out = new Float32Array(offset);
  for (const e of layout) out.set(groups[e.group][e.name], e.offset);
  const bytes = new Uint8Array(out.buffer);
  // the files are little-endian; every platform tfjs runs on is too
  if (new Uint8Array(Float32Array.of(1).buffer)[3] !== 0x3f) throw new Error('packWeights: big-endian platform');
  return { bytes, layout };
}

/** The inverse of packWeights: group → name → values (copies). */
export function unpackWeights(bytes: Uint8Array, layout: readonly LayoutEntry[]): Record<string, FlatParams> {
  const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const out: Record<string, FlatParams> = {};
  for (const e of layout) {
    if (e.offset + e.length > floats.length) throw new Error(`unpackWeights: ${e.group}/${e.name} runs past the end of the file (${floats.length} values)`);
    (out[e.group] ??= {})[e.name] = floats.slice(e.offset, e.offset + e.length);
  }
  return out;
}
