/**
 * All trainable numbers of a model live in one flat Float64Array; each block has a name, an offset
 * and an optional lower bound. The official code bounds parameters with Owl_parameters' `~above`
 * (e.g. variances above 1e-3, ν above 2); here a bound is enforced by clamping after each
 * optimiser step (`clampToBounds`).
 */
export interface ParamBlock {
  name: string;
  offset: number;
  size: number;
  /** Clamp every entry to at least this (or only the diagonal, for a square block, when `diagonalOnly`). */
  lower?: number;
  diagonalOnly?: boolean;
  /** Entries kept fixed (the gradient is zeroed there): e.g. a Cholesky factor's upper triangle. */
  frozen?: (i: number) => boolean;
}

export class ParamLayout {
  readonly blocks: ParamBlock[] = [];
  size = 0;
  add(name: string, size: number, opts: Omit<ParamBlock, 'name' | 'offset' | 'size'> = {}): ParamBlock {
    if (this.blocks.some((b) => b.name === name)) throw new Error(`parameter block "${name}" twice`);
    const block = { name, offset: this.size, size, ...opts };
    this.blocks.push(block);
    this.size += size;
    return block;
  }
  get(name: string): ParamBlock {
    const b = this.blocks.find((x) => x.name === name);
    if (!b) throw new Error(`no parameter block "${name}"`);
    return b;
  }
  /** Applies each block's lower bound in place. */
  clampToBounds(theta: Float64Array): void {
    for (const b of this.blocks) {
      if (b.lower === undefined) continue;
      if (b.diagonalOnly) {
        const side = Math.round(Math.sqrt(b.size));
        for (let i = 0; i < side; i++) {
          const k = b.offset + i * side + i;
          if (theta[k] < b.lower) theta[k] = b.lower;
        }
      } else {
        for (let i = 0; i < b.size; i++) if (theta[b.offset + i] < b.lower) theta[b.offset + i] = b.lower;
      }
    }
  }
  /** Zeroes the gradient of frozen entries. */
  maskGradient(grad: Float64Array): void {
    for (const b of this.blocks) {
      if (!b.frozen) continue;
      for (let i = 0; i < b.size; i++) if (b.frozen(i)) grad[b.offset + i] = 0;
    }
  }
}
