import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import { AmortisedVae } from './baseline';

describe('the amortised baseline (bidirectional GRU encoder, AR(1) prior)', () => {
  it('its hand-written gradient matches central finite differences for every parameter', () => {
    const rng = createRng('baseline-grad');
    const model = new AmortisedVae({ n: 2, no: 3, T: 6, hidden: 3 });
    model.init(rng);
    for (const b of model.layout.blocks) for (let i = 0; i < b.size; i++) model.theta[b.offset + i] += 0.2 * rng.normal();
    const v = model.layout.get('lik.variances');
    for (let i = 0; i < v.size; i++) model.theta[v.offset + i] = 0.5 + rng.next();
    const s = model.layout.get('ar.std');
    for (let i = 0; i < s.size; i++) model.theta[s.offset + i] = 0.5 + rng.next();
    const d = model.layout.get('dyn.d');
    for (let i = 0; i < d.size; i++) model.theta[d.offset + i] = 1 + rng.next();
    model.update();
    const o = Float64Array.from({ length: 6 * 3 }, () => rng.normal());
    const eps = Float64Array.from({ length: 6 * 2 }, () => rng.normal());
    const grad = new Float64Array(model.theta.length);
    model.lossAndGradient(o, eps, grad);
    const base = Float64Array.from(model.theta);
    const lossAt = (th: Float64Array) => {
      model.theta.set(th);
      model.dyn.update(model.theta);
      const l = model.lossAndGradient(o, eps).loss;
      model.theta.set(base);
      model.dyn.update(model.theta);
      return l;
    };
    const h = 1e-5;
    const floor = 1e-4 * grad.reduce((mx, g) => Math.max(mx, Math.abs(g)), 0);
    for (const b of model.layout.blocks) {
      for (let i = 0; i < b.size; i++) {
        const p = b.offset + i;
        const tp = Float64Array.from(base);
        const tm = Float64Array.from(base);
        tp[p] += h;
        tm[p] -= h;
        const numeric = (lossAt(tp) - lossAt(tm)) / (2 * h);
        const rel = Math.abs(grad[p] - numeric) / Math.max(Math.abs(numeric), floor);
        if (rel > 1e-5) throw new Error(`${b.name}[${i}]: analytic ${grad[p]}, numeric ${numeric}`);
      }
    }
    expect(grad.some((g) => g !== 0)).toBe(true);
  });
});
