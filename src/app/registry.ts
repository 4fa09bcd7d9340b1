/**
 * The demo registry: one lazily loaded chunk per route. Nothing here imports demo code eagerly,
 * so the landing page stays free of tfjs, three.js and every demo.
 *
 * `import.meta.glob` is `import('../apps/<id>/index.tsx')` for every demo folder that exists; a
 * demo whose entry is missing shows a "not built yet" page instead of breaking the build.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { DEMO_IDS, type DemoId } from '../shared/papers';
import { labelChunk } from './chunks';

type Module = { default: ComponentType };
const DEMO_ENTRIES = import.meta.glob<Module>('../apps/*/index.tsx');

// Keys only (the modules are never loaded from here): a demo folder that still has placeholder.ts is
// shown as "not built yet" on the landing page.
const PLACEHOLDERS = import.meta.glob('../apps/*/placeholder.ts');

export function isPlaceholder(id: DemoId): boolean {
  return `../apps/${id}/placeholder.ts` in PLACEHOLDERS;
}

/** Live: the demo's entry exists and it is no longer a placeholder. Everything else is "on the way". */
export function isLive(id: DemoId): boolean {
  return `../apps/${id}/index.tsx` in DEMO_ENTRIES && !isPlaceholder(id);
}

/** Pure: the ids split into live demos and those on the way, each in the given order. */
export function splitDemos<T>(ids: readonly T[], live: (id: T) => boolean): { live: T[]; onTheWay: T[] } {
  return { live: ids.filter((id) => live(id)), onTheWay: ids.filter((id) => !live(id)) };
}

/** Pure: "2 live demos, 4 on the way" (the landing page's count line). */
export function countsLine(live: number, onTheWay: number): string {
  const first = `${live} live demo${live === 1 ? '' : 's'}`;
  return onTheWay > 0 ? `${first}, ${onTheWay} on the way` : first;
}

/** The registry's split, computed once (the glob keys are fixed at build time). */
export const DEMO_SPLIT: { live: DemoId[]; onTheWay: DemoId[] } = splitDemos(DEMO_IDS, isLive);

export function demoLoader(id: DemoId): (() => Promise<Module>) | null {
  const load = DEMO_ENTRIES[`../apps/${id}/index.tsx`];
  return load ? labelChunk(`demo ${id}`, load) : null;
}

export const loadSystemPage = labelChunk('system check', () => import('./SystemPage'));

/**
 * React.lazy remembers a rejected import forever; a retry therefore needs a fresh lazy component.
 * `attempt` is part of the cache key so that each retry re-imports.
 */
const cache = new Map<string, LazyExoticComponent<ComponentType>>();

export function lazyPage(key: string, load: () => Promise<Module>, attempt: number): LazyExoticComponent<ComponentType> {
  const k = `${key}#${attempt}`;
  let c = cache.get(k);
  if (!c) {
    c = lazy(load);
    cache.set(k, c);
  }
  return c;
}
