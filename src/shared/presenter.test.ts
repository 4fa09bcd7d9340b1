import { afterEach, describe, expect, it, vi } from 'vitest';
import { addressPath, readMessage, sharedAddress } from './presenter';

const SHELL = ['present', 'presenter'];

describe('presenter messages and addresses (pure)', () => {
  it('reads only well-formed messages of ours', () => {
    expect(readMessage({ kind: 'hello', stage: 'abc123' })).toEqual({ kind: 'hello', stage: 'abc123' });
    expect(readMessage({ kind: 'command', stage: 'abc123', command: 'step' })).toEqual({ kind: 'command', stage: 'abc123', command: 'step' });
    expect(readMessage({ kind: 'command', stage: 'abc123', command: 'format-disk' })).toBeNull();
    expect(readMessage({ kind: 'address', stage: 'abc123', from: 'console', hash: '#/ntl?seed=3' })).not.toBeNull();
    expect(readMessage({ kind: 'address', stage: 'abc123', from: 'console', hash: 'javascript:alert(1)' })).toBeNull();
    expect(readMessage({ kind: 'status', stage: 'abc123', path: '/ntl', runner: { status: 'running', done: 3, total: 10 } })).not.toBeNull();
    expect(readMessage({ kind: 'status', stage: 'abc123', path: '/ntl', runner: { status: 'exploded', done: 3, total: 10 } })).toBeNull();
    expect(readMessage({ kind: 'hello' })).toBeNull();
    expect(readMessage('hello')).toBeNull();
    expect(readMessage(null)).toBeNull();
  });

  it('compares addresses without the keys that belong to one window', () => {
    expect(sharedAddress('#/ntl?seed=3&present=1&presenter=abc123&mode=b', SHELL)).toBe('#/ntl?seed=3&mode=b');
    expect(sharedAddress('#/ntl?present=1', SHELL)).toBe('#/ntl');
    expect(sharedAddress('#/', SHELL)).toBe('#/');
    expect(sharedAddress('', SHELL)).toBe('#/');
    expect(sharedAddress('#/einops?pattern=b%20h%20w', SHELL)).toBe('#/einops?pattern=b%20h%20w');
    expect(addressPath('#/ntl?seed=3')).toBe('/ntl');
    expect(addressPath('#')).toBe('/');
  });
});

/** Two windows in one process: two fresh copies of the module, talking over Node's BroadcastChannel. */
async function freshWindow(hash: string) {
  vi.resetModules();
  const mod = await import('./presenter');
  let current = hash;
  const env = { shellKeys: SHELL, getHash: () => current, applyHash: (h: string) => void (current = h) };
  return { mod, env, hash: () => current, setHash: (h: string) => void (current = h) };
}

const until = async (cond: () => boolean, ms = 2000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('a stage and its console over BroadcastChannel', () => {
  const opened: { mod: typeof import('./presenter') }[] = [];
  afterEach(() => {
    for (const w of opened.splice(0)) w.mod.resetPresenterForTests();
  });

  it('pairs, follows the address both ways, carries commands and status, and ignores other stages', async () => {
    const stage = await freshWindow('#/ntl?seed=3');
    const bystander = await freshWindow('#/einops');
    const consoleWin = await freshWindow('#/ntl?seed=3');
    opened.push(stage, bystander, consoleWin);
    stage.mod.startPresenter(stage.env, { consoleFor: null, ownId: 'stage01' });
    bystander.mod.startPresenter(bystander.env, { consoleFor: null, ownId: 'other01' });
    consoleWin.mod.startPresenter(consoleWin.env, { consoleFor: 'stage01', ownId: 'cons01' });
    expect(consoleWin.mod.presenterRole()).toBe('console');
    await until(() => stage.mod.presenterRole() === 'stage');
    expect(bystander.mod.presenterRole()).toBe('off');

    // a setting changed in the console reaches the stage
    consoleWin.setHash('#/ntl?seed=7&present=0');
    consoleWin.mod.publishAddress();
    await until(() => stage.hash() === '#/ntl?seed=7');
    expect(bystander.hash()).toBe('#/einops');

    // a route change on the stage reaches the console
    stage.setHash('#/ilqr?system=lorenz&present=1');
    stage.mod.publishAddress();
    await until(() => consoleWin.hash() === '#/ilqr?system=lorenz');

    // commands go to the stage only; status comes back
    const received: string[] = [];
    stage.mod.onRunnerCommand((c) => received.push(c));
    bystander.mod.onRunnerCommand((c) => received.push('bystander ' + c));
    consoleWin.mod.sendRunnerCommand('run');
    consoleWin.mod.sendRunnerCommand('step');
    await until(() => received.length === 2);
    expect(received).toEqual(['run', 'step']);
    stage.mod.publishRunnerStatus({ status: 'running', done: 4, total: 10 });
    await until(() => consoleWin.mod.remoteRunnerStatus()?.done === 4);
    expect(consoleWin.mod.remoteRunnerStatus()).toEqual({ status: 'running', done: 4, total: 10 });
  });
});
