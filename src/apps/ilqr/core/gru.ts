/**
 * A GRU layer (Cho et al. 2014, the variant with the reset gate inside the candidate's recurrent
 * term, as cuDNN/PyTorch) with a hand-written forward and backward pass over a sequence, on
 * Float64Array. Parameters live in a flat vector at `offset`:
 *   W (3H × D) for the gates r, z, n; U (3H × H); b (3H); bhn (H) the recurrent bias of n.
 *   r = σ(W_r x + U_r h + b_r), z = σ(W_z x + U_z h + b_z),
 *   n = tanh(W_n x + b_n + r ⊙ (U_n h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
 */
import { sigmoid } from './special';

export class Gru {
  readonly size: number;
  constructor(
    readonly inputSize: number,
    readonly hidden: number,
    readonly offset: number,
  ) {
    this.size = 3 * hidden * inputSize + 3 * hidden * hidden + 4 * hidden;
  }
  private get wOff() {
    return this.offset;
  }
  private get uOff() {
    return this.offset + 3 * this.hidden * this.inputSize;
  }
  private get bOff() {
    return this.uOff + 3 * this.hidden * this.hidden;
  }
  private get bhnOff() {
    return this.bOff + 3 * this.hidden;
  }

  /** Uniform(±1/√H) as PyTorch's default. */
  init(theta: Float64Array, uniform: () => number): void {
    const k = 1 / Math.sqrt(this.hidden);
    for (let i = 0; i < this.size; i++) theta[this.offset + i] = k * (2 * uniform() - 1);
  }

  /**
   * Runs over `steps` inputs (x: steps × D, read in reverse when `reverse`); returns the hidden
   * states (steps × H, stored at the input's own index) and the cache the backward pass needs.
   */
  forward(theta: Float64Array, x: Float64Array, steps: number, reverse: boolean): { h: Float64Array; cache: Float64Array } {
    const { inputSize: D, hidden: H } = this;
    const wOff = this.wOff;
    const uOff = this.uOff;
    const bOff = this.bOff;
    const bhnOff = this.bhnOff;
    const h = new Float64Array(steps * H);
    // cache per step: r, z, n, (U_n h + b_hn)
    const cache = new Float64Array(steps * 4 * H);
    const prev = new Float64Array(H);
    const gx = new Float64Array(3 * H);
    const gh = new Float64Array(3 * H);
    for (let k = 0; k < steps; k++) {
      const t = reverse ? steps - 1 - k : k;
      const xOff = t * D;
      for (let i = 0; i < 3 * H; i++) {
        let a = theta[bOff + i];
        const wr = wOff + i * D;
        for (let d = 0; d < D; d++) a += theta[wr + d] * x[xOff + d];
        gx[i] = a;
        let b = i >= 2 * H ? theta[bhnOff + i - 2 * H] : 0;
        const ur = uOff + i * H;
        for (let j = 0; j < H; j++) b += theta[ur + j] * prev[j];
        gh[i] = b;
      }
      const c = t * 4 * H;
      for (let i = 0; i < H; i++) {
        const r = sigmoid(gx[i] + gh[i]);
        const z = sigmoid(gx[H + i] + gh[H + i]);
        const n = Math.tanh(gx[2 * H + i] + r * gh[2 * H + i]);
        cache[c + i] = r;
        cache[c + H + i] = z;
        cache[c + 2 * H + i] = n;
        cache[c + 3 * H + i] = gh[2 * H + i];
        h[t * H + i] = (1 - z) * n + z * prev[i];
      }
      for (let i = 0; i < H; i++) prev[i] = h[t * H + i];
    }
    return { h, cache };
  }

  /** Adds dL/dθ into g (and dL/dx into xBar when given) from dL/dh (steps × H, at each input's index). */
  backward(
    theta: Float64Array,
    x: Float64Array,
    steps: number,
    reverse: boolean,
    h: Float64Array,
    cache: Float64Array,
    hBar: Float64Array,
    g: Float64Array,
    xBar?: Float64Array,
  ): void {
    const { inputSize: D, hidden: H } = this;
    const wOff = this.wOff;
    const uOff = this.uOff;
    const bOff = this.bOff;
    const bhnOff = this.bhnOff;
    const carry = new Float64Array(H); // dL/dh_prev flowing back in time
    const dh = new Float64Array(H);
    const dgx = new Float64Array(3 * H);
    const dgh = new Float64Array(3 * H);
    const prev = new Float64Array(H);
    for (let k = steps - 1; k >= 0; k--) {
      const t = reverse ? steps - 1 - k : k;
      const tPrev = reverse ? t + 1 : t - 1;
      if (k > 0) for (let i = 0; i < H; i++) prev[i] = h[tPrev * H + i];
      else prev.fill(0);
      const c = t * 4 * H;
      for (let i = 0; i < H; i++) dh[i] = hBar[t * H + i] + carry[i];
      carry.fill(0);
      for (let i = 0; i < H; i++) {
        const r = cache[c + i];
        const z = cache[c + H + i];
        const n = cache[c + 2 * H + i];
        const hn = cache[c + 3 * H + i];
        const dn = dh[i] * (1 - z);
        const dz = dh[i] * (prev[i] - n);
        carry[i] += dh[i] * z;
        const dnPre = dn * (1 - n * n);
        const dr = dnPre * hn;
        dgx[2 * H + i] = dnPre;
        dgh[2 * H + i] = dnPre * r;
        const drPre = dr * r * (1 - r);
        const dzPre = dz * z * (1 - z);
        dgx[i] = dgh[i] = drPre;
        dgx[H + i] = dgh[H + i] = dzPre;
      }
      const xOff = t * D;
      for (let i = 0; i < 3 * H; i++) {
        const gxi = dgx[i];
        const ghi = dgh[i];
        g[bOff + i] += gxi;
        if (i >= 2 * H) g[bhnOff + i - 2 * H] += ghi;
        const wr = wOff + i * D;
        for (let d = 0; d < D; d++) g[wr + d] += gxi * x[xOff + d];
        const ur = uOff + i * H;
        for (let j = 0; j < H; j++) {
          g[ur + j] += ghi * prev[j];
          carry[j] += ghi * theta[ur + j];
        }
        if (xBar) for (let d = 0; d < D; d++) xBar[xOff + d] += gxi * theta[wr + d];
      }
    }
  }
}
