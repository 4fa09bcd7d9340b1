import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEMO_IDS } from '../shared/papers';
import { editDistance, hrefFor, parseHash, readPresent, routeKey, suggestRoutes, titleFor, withPresent } from './routes';

describe('parseHash', () => {
  it('maps empty and root hashes to the landing page', () => {
    for (const h of ['', '#', '#/', '#//', '/', '#/?present=1']) expect(parseHash(h).route).toEqual({ kind: 'home' });
  });

  it('recognises every demo id, with or without a trailing slash or leading slash', () => {
    for (const id of DEMO_IDS) {
      for (const h of [`#/${id}`, `#/${id}/`, `#${id}`, `#//${id}`, `#/${id}?seed=3`]) {
        expect(parseHash(h).route).toEqual({ kind: 'demo', id });
      }
    }
  });

  it('recognises the system page', () => {
    expect(parseHash('#/system?backend=wasm').route).toEqual({ kind: 'system' });
  });

  it('splits the query at the first question mark only', () => {
    const p = parseHash('#/einops?pattern=b%20h%20w%20c%20-%3E%20b%20c%20h%20w&x=a?b');
    expect(p.path).toBe('/einops');
    expect(p.query).toBe('pattern=b%20h%20w%20c%20-%3E%20b%20c%20h%20w&x=a?b');
    expect(new URLSearchParams(p.query).get('x')).toBe('a?b');
  });

  it('sends unknown paths, wrong case and sub-paths to not-found with the path kept', () => {
    expect(parseHash('#/nope').route).toEqual({ kind: 'not-found', path: '/nope' });
    expect(parseHash('#/NTL').route).toEqual({ kind: 'not-found', path: '/NTL' });
    expect(parseHash('#/ntl/extra').route).toEqual({ kind: 'not-found', path: '/ntl/extra' });
  });

  it('survives malformed percent escapes', () => {
    expect(parseHash('#/%E0%A4%A').route).toEqual({ kind: 'not-found', path: '/%E0%A4%A' });
  });

  it('never throws and always yields a path starting with / (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const p = parseHash(s);
        expect(p.path.startsWith('/')).toBe(true);
        expect(['home', 'demo', 'system', 'not-found']).toContain(p.route.kind);
      }),
    );
  });

  it('round-trips hrefFor for every route', () => {
    const routes = [{ kind: 'home' } as const, { kind: 'system' } as const, ...DEMO_IDS.map((id) => ({ kind: 'demo' as const, id }))];
    for (const r of routes) {
      expect(parseHash(hrefFor(r)).route).toEqual(r);
      const withP = parseHash(hrefFor(r, { present: true }));
      expect(withP.route).toEqual(r);
      expect(readPresent(withP.query)).toBe(true);
    }
  });
});

describe('projector mode in the query', () => {
  it('reads present=1/true as on, 0 as off, absence as no opinion', () => {
    expect(readPresent('present=1')).toBe(true);
    expect(readPresent('seed=2&present=true')).toBe(true);
    expect(readPresent('present=0')).toBe(false);
    expect(readPresent('seed=2')).toBeNull();
    expect(readPresent('')).toBeNull();
  });

  it('adds and removes present without touching the demo state', () => {
    expect(withPresent('seed=3&lr=0.01', true)).toBe('seed=3&lr=0.01&present=1');
    expect(withPresent('seed=3&present=1&lr=0.01', false)).toBe('seed=3&lr=0.01');
    expect(withPresent('', true)).toBe('present=1');
  });
});

describe('titles and keys', () => {
  it('gives every route a distinct document title', () => {
    const titles = new Set([
      titleFor({ kind: 'home' }),
      titleFor({ kind: 'system' }),
      titleFor({ kind: 'not-found', path: '/x' }),
      ...DEMO_IDS.map((id) => titleFor({ kind: 'demo', id })),
    ]);
    expect(titles.size).toBe(3 + DEMO_IDS.length);
    expect(titleFor({ kind: 'demo', id: 'einops' })).toMatch(/^Einops · /);
  });

  it('keys change with the page, not with its query', () => {
    expect(routeKey(parseHash('#/ntl?seed=1').route)).toBe(routeKey(parseHash('#/ntl?seed=2').route));
    expect(routeKey(parseHash('#/ntl').route)).not.toBe(routeKey(parseHash('#/einops').route));
  });
});

describe('suggestions on the not-found page', () => {
  it('suggests the demo a typo was aiming at', () => {
    expect(suggestRoutes('/einop')[0]).toBe('einops');
    expect(suggestRoutes('/stylealing')[0]).toBe('stylealign');
    expect(suggestRoutes('/NTL')[0]).toBe('ntl');
    expect(suggestRoutes('/cophy-demo')[0]).toBe('cophy');
  });

  it('suggests nothing for unrelated paths', () => {
    expect(suggestRoutes('/completely-unrelated-page')).toEqual([]);
    expect(suggestRoutes('/')).toEqual([]);
  });

  it('computes edit distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('ilqr', 'ilqr')).toBe(0);
  });
});
