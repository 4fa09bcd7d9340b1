/**
 * Small dense linear algebra on Float64Array, row-major, for the iLQR-VAE core. The matrices here
 * are tiny (n, m ≤ 20, n_o ≤ 200) and the loops sequential over time, so plain loops beat any
 * library call overhead (the issue asks for Cholesky and triangular solves "or a well-kept library
 * if it is measurably as fast"; none is needed at these sizes).
 *
 * Conventions: an r × c matrix is a Float64Array of length r·c with entry (i, j) at i·c + j.
 * Functions that write take the output first and never allocate unless they say so.
 */

export type Mat = Float64Array;

/** out (r × c) = A (r × k) · B (k × c). `out` must not alias A or B. */
export function matMul(out: Mat, a: Mat, b: Mat, r: number, k: number, c: number): Mat {
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * c + j];
      out[i * c + j] = s;
    }
  }
  return out;
}

/** out (r × c) = Aᵀ · B with A stored k × r and B k × c. */
export function matMulAtB(out: Mat, a: Mat, b: Mat, k: number, r: number, c: number): Mat {
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[p * r + i] * b[p * c + j];
      out[i * c + j] = s;
    }
  }
  return out;
}

/** out (r × c) = A · Bᵀ with A stored r × k and B c × k. */
export function matMulABt(out: Mat, a: Mat, b: Mat, r: number, k: number, c: number): Mat {
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[j * k + p];
      out[i * c + j] = s;
    }
  }
  return out;
}

/** out (r) = A (r × c) · x (c), reading x from `xOff` and writing out from `outOff`. */
export function matVec(out: Float64Array, a: Mat, x: Float64Array, r: number, c: number, xOff = 0, outOff = 0): Float64Array {
  for (let i = 0; i < r; i++) {
    let s = 0;
    for (let j = 0; j < c; j++) s += a[i * c + j] * x[xOff + j];
    out[outOff + i] = s;
  }
  return out;
}

/** out (c) = Aᵀ x, A stored r × c. */
export function matTVec(out: Float64Array, a: Mat, x: Float64Array, r: number, c: number, xOff = 0, outOff = 0): Float64Array {
  for (let j = 0; j < c; j++) out[outOff + j] = 0;
  for (let i = 0; i < r; i++) {
    const xi = x[xOff + i];
    if (xi === 0) continue;
    for (let j = 0; j < c; j++) out[outOff + j] += a[i * c + j] * xi;
  }
  return out;
}

export function identity(n: number): Mat {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

export function transpose(a: Mat, r: number, c: number): Mat {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j];
  return out;
}

/**
 * Cholesky factor L (lower triangular, A = L Lᵀ) of the symmetric n × n matrix A read from
 * `a[aOff…]`, written to `l[lOff…]` (the strict upper triangle set to 0). Returns false when A is
 * not numerically positive definite (a pivot ≤ 0 or not finite); `l` is then garbage.
 */
export function cholesky(l: Mat, a: Mat, n: number, aOff = 0, lOff = 0): boolean {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[aOff + i * n + j];
      for (let p = 0; p < j; p++) s -= l[lOff + i * n + p] * l[lOff + j * n + p];
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return false;
        l[lOff + i * n + i] = Math.sqrt(s);
      } else {
        l[lOff + i * n + j] = s / l[lOff + j * n + j];
      }
    }
    for (let j = i + 1; j < n; j++) l[lOff + i * n + j] = 0;
  }
  return true;
}

/** Solves L y = b in place (b: n × k, row-major, at `bOff`), L lower triangular at `lOff`. */
export function solveLower(l: Mat, b: Float64Array, n: number, k = 1, lOff = 0, bOff = 0): Float64Array {
  for (let i = 0; i < n; i++) {
    const lii = l[lOff + i * n + i];
    for (let c = 0; c < k; c++) {
      let s = b[bOff + i * k + c];
      for (let p = 0; p < i; p++) s -= l[lOff + i * n + p] * b[bOff + p * k + c];
      b[bOff + i * k + c] = s / lii;
    }
  }
  return b;
}

/** Solves Lᵀ x = b in place (b: n × k at `bOff`), L lower triangular at `lOff`. */
export function solveLowerT(l: Mat, b: Float64Array, n: number, k = 1, lOff = 0, bOff = 0): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    const lii = l[lOff + i * n + i];
    for (let c = 0; c < k; c++) {
      let s = b[bOff + i * k + c];
      for (let p = i + 1; p < n; p++) s -= l[lOff + p * n + i] * b[bOff + p * k + c];
      b[bOff + i * k + c] = s / lii;
    }
  }
  return b;
}

/** Solves A X = B in place given A's Cholesky factor L (B: n × k). */
export function cholSolve(l: Mat, b: Float64Array, n: number, k = 1, lOff = 0, bOff = 0): Float64Array {
  solveLower(l, b, n, k, lOff, bOff);
  return solveLowerT(l, b, n, k, lOff, bOff);
}

/** Solves the dense n × n system A x = b by Gaussian elimination with partial pivoting (allocates). */
export function solveDense(a: Mat, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]) > Math.abs(m[piv * n + col])) piv = r;
    if (m[piv * n + col] === 0) throw new RangeError('solveDense: singular matrix');
    if (piv !== col) {
      for (let c = 0; c < n; c++) {
        const t = m[col * n + c];
        m[col * n + c] = m[piv * n + c];
        m[piv * n + c] = t;
      }
      const t = x[col];
      x[col] = x[piv];
      x[piv] = t;
    }
    const d = m[col * n + col];
    for (let r = col + 1; r < n; r++) {
      const f = m[r * n + col] / d;
      if (f === 0) continue;
      for (let c = col; c < n; c++) m[r * n + c] -= f * m[col * n + c];
      x[r] -= f * x[col];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r];
    for (let c = r + 1; c < n; c++) s -= m[r * n + c] * x[c];
    x[r] = s / m[r * n + r];
  }
  return x;
}

/** The symmetric eigensolver is shared (src/shared/linalg.ts): StyleAlign's fd needs it too. */
export { symmetricEigenvalues } from '../../../shared/linalg';

/**
 * Q R of the square n × n matrix X by modified Gram–Schmidt, so that R's diagonal is positive:
 * the same Q as the official code's `q * signum (diag r)` after Owl's Householder QR
 * (marineschimel/ilqr_vae, lib/dynamics.ml, `unpack_a`), which makes Q a smooth function of X.
 * Returns false when X is (numerically) singular.
 */
export function qrPositive(q: Mat, r: Mat, x: Mat, n: number): boolean {
  // Columns of X are orthogonalised in turn; q holds the columns as they are finished.
  for (let i = 0; i < n * n; i++) {
    q[i] = x[i];
    r[i] = 0;
  }
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < j; k++) {
      let d = 0;
      for (let i = 0; i < n; i++) d += q[i * n + k] * q[i * n + j];
      r[k * n + j] = d;
      for (let i = 0; i < n; i++) q[i * n + j] -= d * q[i * n + k];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q[i * n + j] * q[i * n + j];
    norm = Math.sqrt(norm);
    if (!(norm > 1e-300)) return false;
    r[j * n + j] = norm;
    for (let i = 0; i < n; i++) q[i * n + j] /= norm;
  }
  return true;
}

/**
 * The backward pass of Q = qrPositive(X) for a square, full-rank X given dL/dQ (R unused): with
 * M = −Q̄ᵀQ, X̄ = (Q̄ + Q copyltu(M)) R⁻ᵀ, where copyltu(M) mirrors M's lower triangle to the upper
 * (Walter & Lehmann 2018; Seeger et al. 2017). Allocates its result.
 */
export function qrBackward(qBar: Mat, q: Mat, r: Mat, n: number): Mat {
  const mMat = new Float64Array(n * n);
  matMulAtB(mMat, qBar, q, n, n, n);
  for (let i = 0; i < n * n; i++) mMat[i] = -mMat[i];
  const sym = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sym[i * n + j] = i >= j ? mMat[i * n + j] : mMat[j * n + i];
  const lhs = new Float64Array(n * n);
  matMul(lhs, q, sym, n, n, n);
  for (let i = 0; i < n * n; i++) lhs[i] += qBar[i];
  // X̄ = lhs R⁻ᵀ  ⇔  X̄ Rᵀ = lhs  ⇔  R X̄ᵀ = lhsᵀ: R is upper triangular, solve by back substitution per row of lhs.
  const out = new Float64Array(n * n);
  for (let row = 0; row < n; row++) {
    // Solve y R^T = lhs[row]  ⇔ R y^T... element-wise: Σ_k y_k R_{j,k} = lhs_j for k ≥ j.
    for (let j = n - 1; j >= 0; j--) {
      let s = lhs[row * n + j];
      for (let k = j + 1; k < n; k++) s -= out[row * n + k] * r[j * n + k];
      out[row * n + j] = s / r[j * n + j];
    }
  }
  return out;
}

/** A complex number as [re, im]. */
export type Complex = [number, number];

/**
 * All eigenvalues of a small real n × n matrix (n ≲ 10): the characteristic polynomial by
 * Faddeev–LeVerrier, its roots by Durand–Kerner, each polished by Newton steps. Good to ~1e-10 for
 * the well-conditioned 3 × 3 dynamics matrices of the demo's linear systems; not for large n.
 */
export function eigenvalues(a: Mat, n: number): Complex[] {
  // coefficients c_0..c_n of det(λI − A) = λⁿ + c_{1} λⁿ⁻¹ + … + c_n (c_0 = 1).
  const coeffs = new Float64Array(n + 1);
  coeffs[0] = 1;
  let mk = new Float64Array(n * n);
  const tmp = new Float64Array(n * n);
  for (let k = 1; k <= n; k++) {
    // M_k = A M_{k−1} + c_{k−1} I (M_0 = 0), c_k = −tr(A M_k)/k
    matMul(tmp, a, mk, n, n, n);
    for (let i = 0; i < n; i++) tmp[i * n + i] += coeffs[k - 1];
    mk = Float64Array.from(tmp);
    matMul(tmp, a, mk, n, n, n);
    let tr = 0;
    for (let i = 0; i < n; i++) tr += tmp[i * n + i];
    coeffs[k] = -tr / k;
  }
  const evalPoly = (re: number, im: number): Complex => {
    let pr = 1;
    let pi = 0;
    for (let k = 1; k <= n; k++) {
      const nr = pr * re - pi * im + coeffs[k];
      const ni = pr * im + pi * re;
      pr = nr;
      pi = ni;
    }
    return [pr, pi];
  };
  let scale = 0;
  for (let k = 1; k <= n; k++) scale = Math.max(scale, Math.abs(coeffs[k]) ** (1 / k));
  const roots: Complex[] = [];
  for (let k = 0; k < n; k++) {
    const ang = (2 * Math.PI * k) / n + 0.4;
    roots.push([(scale + 0.5) * Math.cos(ang), (scale + 0.5) * Math.sin(ang)]);
  }
  for (let iter = 0; iter < 500; iter++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const [zr, zi] = roots[i];
      const [pr, pi] = evalPoly(zr, zi);
      let dr = 1;
      let di = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const ar = zr - roots[j][0];
        const ai = zi - roots[j][1];
        const nr = dr * ar - di * ai;
        di = dr * ai + di * ar;
        dr = nr;
      }
      const den = dr * dr + di * di || 1e-300;
      const qr = (pr * dr + pi * di) / den;
      const qi = (pi * dr - pr * di) / den;
      roots[i] = [zr - qr, zi - qi];
      moved = Math.max(moved, Math.hypot(qr, qi));
    }
    if (moved < 1e-15) break;
  }
  // Real matrices have conjugate pairs: snap tiny imaginary parts to zero.
  for (const z of roots) if (Math.abs(z[1]) < 1e-9 * Math.max(1, Math.hypot(z[0], z[1]))) z[1] = 0;
  // Sorted by real part, then imaginary part (real parts within 1e-9 count as equal, so pairs sort stably).
  return roots.sort((p, q) => (Math.abs(p[0] - q[0]) > 1e-9 ? p[0] - q[0] : p[1] - q[1]));
}
