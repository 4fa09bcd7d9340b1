/**
 * Dense linear algebra that more than one demo needs, on row-major Float64Array (entry (i, j) of an
 * n × n matrix at i·n + j).
 */

/**
 * Eigenvalues of the symmetric n × n matrix at `a[aOff…]` by cyclic Jacobi rotations (ascending).
 * `work` (n·n) is overwritten; `out` (n) receives the eigenvalues and, when given, the columns of
 * `vectors` (n × n) the matching unit eigenvectors.
 */
export function symmetricEigenvalues(out: Float64Array, a: Float64Array, n: number, work: Float64Array, aOff = 0, vectors?: Float64Array): Float64Array {
  for (let i = 0; i < n * n; i++) work[i] = a[aOff + i];
  if (vectors) for (let i = 0; i < n * n; i++) vectors[i] = i % (n + 1) === 0 ? 1 : 0;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += work[i * n + j] * work[i * n + j];
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = work[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (work[q * n + q] - work[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = work[k * n + p];
          const akq = work[k * n + q];
          work[k * n + p] = c * akp - s * akq;
          work[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = work[p * n + k];
          const aqk = work[q * n + k];
          work[p * n + k] = c * apk - s * aqk;
          work[q * n + k] = s * apk + c * aqk;
        }
        if (vectors) {
          for (let k = 0; k < n; k++) {
            const vkp = vectors[k * n + p];
            const vkq = vectors[k * n + q];
            vectors[k * n + p] = c * vkp - s * vkq;
            vectors[k * n + q] = s * vkp + c * vkq;
          }
        }
      }
    }
  }
  for (let i = 0; i < n; i++) out[i] = work[i * n + i];
  if (!vectors) return out.sort();
  // sort eigenpairs ascending, moving the columns of `vectors` along
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => out[i] - out[j]);
  const vals = Float64Array.from(order, (i) => out[i]);
  const vecs = Float64Array.from(vectors);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) vectors[r * n + c] = vecs[r * n + order[c]];
  out.set(vals);
  return out;
}
