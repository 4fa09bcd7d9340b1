import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createUrlStore, defineUrlSchema, splitHash, type UrlEnvironment } from './index';

const schema = defineUrlSchema({
  id: 'ntl',
  version: 1,
  shape: { lr: z.number().min(0.0001).max(0.1).default(0.001), mode: z.enum(['a', 'b']).default('a') },
});

/** A fake browser location: replaceHash rewrites the entry, navigate() is the user following a link. */
function fakeEnv(start: string) {
  let hash = start;
  const listeners = new Set<() => void>();
  const replaced: string[] = [];
  const env: UrlEnvironment = {
    getHash: () => hash,
    replaceHash: (h) => {
      hash = h;
      replaced.push(h);
    },
    onHashChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return {
    env,
    replaced,
    hash: () => hash,
    navigate(h: string) {
      hash = h;
      for (const l of listeners) l();
    },
  };
}

describe('splitHash', () => {
  it('splits route and query', () => {
    expect(splitHash('#/ntl?seed=3')).toEqual({ path: '/ntl', query: 'seed=3' });
    expect(splitHash('#/ntl')).toEqual({ path: '/ntl', query: '' });
    expect(splitHash('')).toEqual({ path: '', query: '' });
    expect(splitHash('#/a?b?c')).toEqual({ path: '/a', query: 'b?c' });
  });
});

describe('createUrlStore', () => {
  it('starts from the hash, with notices for bad fields', () => {
    const f = fakeEnv('#/ntl?seed=3&lr=7');
    const store = createUrlStore(schema, f.env);
    expect(store.getState().values).toEqual({ seed: 3, backend: 'auto', lr: 0.001, mode: 'a' });
    expect(store.getState().notices).toEqual(['lr: 7 is above the maximum 0.1; using 0.001']);
    expect(f.replaced).toEqual([]); // reading a link does not rewrite it
  });

  it('writes changes to the hash with replaceHash, only when something changed', () => {
    const f = fakeEnv('#/ntl');
    const store = createUrlStore(schema, f.env);
    store.getState().set({ mode: 'b' });
    expect(f.hash()).toBe('#/ntl?v=1&mode=b');
    store.getState().set({ mode: 'b' });
    expect(f.replaced).toHaveLength(1);
    store.getState().set({ seed: 12, lr: 0.01 });
    expect(f.hash()).toBe('#/ntl?v=1&seed=12&lr=0.01&mode=b');
    store.getState().reset();
    expect(f.hash()).toBe('#/ntl');
    expect(store.getState().values.seed).toBe(1);
  });

  it('rejects invalid updates with a notice and keeps the old value', () => {
    const f = fakeEnv('#/ntl');
    const store = createUrlStore(schema, f.env);
    store.getState().set({ lr: 2 });
    expect(store.getState().values.lr).toBe(0.001);
    expect(store.getState().notices).toHaveLength(1);
    expect(f.replaced).toEqual([]);
    store.getState().dismissNotice(5);
    expect(store.getState().notices).toHaveLength(1);
    store.getState().dismissNotice(0);
    expect(store.getState().notices).toEqual([]);
  });

  it('follows hashchange on its route and ignores other routes', () => {
    const f = fakeEnv('#/ntl?seed=2');
    const store = createUrlStore(schema, f.env);
    f.navigate('#/ntl?seed=5&mode=b');
    expect(store.getState().values).toMatchObject({ seed: 5, mode: 'b' });
    f.navigate('#/other?seed=9');
    expect(store.getState().values.seed).toBe(5);
    store.getState().set({ seed: 6 });
    expect(f.hash()).toBe('#/other?seed=9'); // never writes into another page's link
    expect(store.getState().values.seed).toBe(6);
    f.navigate('#/ntl');
    expect(store.getState().values).toEqual(schema.defaults);
    f.navigate('#/ntl?v=9');
    expect(store.getState().notices[0]).toMatch(/version/);
  });

  it('keeps the shell\'s projector flag in the link and never complains about it', () => {
    const f = fakeEnv('#/ntl?present=1&mode=b');
    const store = createUrlStore(schema, f.env);
    expect(store.getState().notices).toEqual([]);
    expect(store.getState().values.mode).toBe('b');
    store.getState().set({ seed: 3 });
    expect(f.hash()).toBe('#/ntl?v=1&seed=3&mode=b&present=1');
    store.getState().reset();
    expect(f.hash()).toBe('#/ntl?present=1');
  });

  it('holds the defaults without a browser', () => {
    const store = createUrlStore(schema, null);
    expect(store.getState().values).toEqual(schema.defaults);
    store.getState().set({ seed: 4 });
    expect(store.getState().values.seed).toBe(4);
  });
});
