import { describe, expect, it } from 'vitest';
import { createPriorityGate } from './priority';

describe('the worker priority gate', () => {
  it('background steps wait while an interactive call is in flight, and resume when it settles', async () => {
    const gate = createPriorityGate();
    const order: string[] = [];
    let finish!: () => void;
    const call = gate.interactive(() => new Promise<void>((resolve) => (finish = resolve)).then(() => order.push('interactive done')));
    expect(gate.busy).toBe(1);
    const background = gate.idle().then(() => order.push('background step'));
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual([]);
    finish();
    await Promise.all([call, background]);
    expect(order).toEqual(['interactive done', 'background step']);
    expect(gate.busy).toBe(0);
  });

  it('a failing call still releases the gate; idle is immediate when nothing runs', async () => {
    const gate = createPriorityGate();
    await expect(gate.interactive(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.busy).toBe(0);
    let passed = false;
    await gate.idle().then(() => (passed = true));
    expect(passed).toBe(true);
  });

  it('overlapping calls: background waits for the last of them', async () => {
    const gate = createPriorityGate();
    const resolvers: (() => void)[] = [];
    const a = gate.interactive(() => new Promise<void>((r) => resolvers.push(r)));
    const b = gate.interactive(() => new Promise<void>((r) => resolvers.push(r)));
    let woke = false;
    const bg = gate.idle().then(() => (woke = true));
    resolvers[0]();
    await a;
    await new Promise((r) => setTimeout(r, 5));
    expect(woke).toBe(false);
    resolvers[1]();
    await Promise.all([b, bg]);
    expect(woke).toBe(true);
  });
});
