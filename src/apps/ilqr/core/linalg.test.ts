import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import {
  cholesky,
  cholSolve,
  eigenvalues,
  matMul,
  matMulABt,
  matMulAtB,
  matTVec,
  matVec,
  qrBackward,
  qrPositive,
  solveDense,
  symmetricEigenvalues,
  transpose,
} from './linalg';

const rng = createRng('linalg-test');
const randn = (k: number) => Float64Array.from({ length: k }, () => rng.normal());
function spd(n: number): Float64Array {
  const x = randn(n * n);
  const a = matMulABt(new Float64Array(n * n), x, x, n, n, n);
  for (let i = 0; i < n; i++) a[i * n + i] += 0.5;
  return a;
}
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('dense linear algebra', () => {
  it('multiplies with and without transposes consistently', () => {
    const a = randn(3 * 4);
    const b = randn(4 * 5);
    const ab = matMul(new Float64Array(15), a, b, 3, 4, 5);
    expect(ab[0]).toBeCloseTo(a[0] * b[0] + a[1] * b[5] + a[2] * b[10] + a[3] * b[15], 12);
    expect(maxAbs(matMulAtB(new Float64Array(15), transpose(a, 3, 4), b, 4, 3, 5), ab)).toBeLessThan(1e-12);
    expect(maxAbs(matMulABt(new Float64Array(15), a, transpose(b, 4, 5), 3, 4, 5), ab)).toBeLessThan(1e-12);
    const x = randn(4);
    const ax = matVec(new Float64Array(3), a, x, 3, 4);
    const y = randn(3);
    const aty = matTVec(new Float64Array(4), a, y, 3, 4);
    // ⟨y, A x⟩ = ⟨Aᵀ y, x⟩
    const lhs = y.reduce((s, v, i) => s + v * ax[i], 0);
    const rhs = aty.reduce((s, v, i) => s + v * x[i], 0);
    expect(lhs).toBeCloseTo(rhs, 12);
  });

  it('Cholesky reproduces A and solves A x = b; refuses an indefinite matrix', () => {
    for (const n of [1, 3, 7]) {
      const a = spd(n);
      const l = new Float64Array(n * n);
      expect(cholesky(l, a, n)).toBe(true);
      expect(maxAbs(matMulABt(new Float64Array(n * n), l, l, n, n, n), a)).toBeLessThan(1e-10);
      const b = randn(n * 2);
      const x = cholSolve(l, Float64Array.from(b), n, 2);
      expect(maxAbs(matMul(new Float64Array(n * 2), a, x, n, n, 2), b)).toBeLessThan(1e-9);
    }
    const indefinite = Float64Array.from([1, 2, 2, 1]);
    expect(cholesky(new Float64Array(4), indefinite, 2)).toBe(false);
  });

  it('solves a dense system by elimination', () => {
    const a = randn(25);
    const b = randn(5);
    const x = solveDense(a, b, 5);
    expect(maxAbs(matVec(new Float64Array(5), a, x, 5, 5), b)).toBeLessThan(1e-9);
  });

  it('finds symmetric eigenvalues (Jacobi) whose sum and product match trace and determinant', () => {
    const a = Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]);
    const ev = symmetricEigenvalues(new Float64Array(3), a, 3, new Float64Array(9));
    expect(Array.from(ev).map((v) => +v.toFixed(10))).toEqual([1, 3, 5]);
  });

  it('QR with a positive diagonal gives an orthogonal Q and X = Q R; its backward pass matches finite differences', () => {
    const n = 3;
    const x = randn(n * n);
    const q = new Float64Array(n * n);
    const r = new Float64Array(n * n);
    expect(qrPositive(q, r, x, n)).toBe(true);
    expect(maxAbs(matMul(new Float64Array(n * n), q, r, n, n, n), x)).toBeLessThan(1e-12);
    expect(maxAbs(matMulAtB(new Float64Array(n * n), q, q, n, n, n), Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]))).toBeLessThan(1e-12);
    for (let i = 0; i < n; i++) expect(r[i * n + i]).toBeGreaterThan(0);
    // L(X) = ⟨G, Q(X)⟩ for a fixed G: dL/dX from qrBackward against central differences.
    const g = randn(n * n);
    const loss = (xx: Float64Array) => {
      const qq = new Float64Array(n * n);
      qrPositive(qq, new Float64Array(n * n), xx, n);
      return qq.reduce((s, v, i) => s + v * g[i], 0);
    };
    const grad = qrBackward(g, q, r, n);
    const h = 1e-6;
    for (let i = 0; i < n * n; i++) {
      const xp = Float64Array.from(x);
      const xm = Float64Array.from(x);
      xp[i] += h;
      xm[i] -= h;
      expect(grad[i]).toBeCloseTo((loss(xp) - loss(xm)) / (2 * h), 6);
    }
  });

  it('finds the complex eigenvalues of a rotation-and-decay matrix', () => {
    const r = 0.97;
    const w = 0.15;
    const a = Float64Array.from([r * Math.cos(w), -r * Math.sin(w), 0, r * Math.sin(w), r * Math.cos(w), 0, 0, 0, 0.93]);
    const ev = eigenvalues(a, 3);
    const expected: [number, number][] = [
      [0.93, 0],
      [r * Math.cos(w), -r * Math.sin(w)],
      [r * Math.cos(w), r * Math.sin(w)],
    ].sort((p, q) => p[0] - q[0] || p[1] - q[1]) as [number, number][];
    for (let i = 0; i < 3; i++) {
      expect(ev[i][0]).toBeCloseTo(expected[i][0], 9);
      expect(ev[i][1]).toBeCloseTo(expected[i][1], 9);
    }
  });
});
