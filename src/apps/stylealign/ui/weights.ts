/**
 * The weight files this build ships (src/apps/stylealign/weights/), as Vite `?url` assets: the build
 * knows which exist (the page never requests a missing file and names it instead, with the command
 * that trains it), and the route's offline pack lists them (scripts/offlinePacks.ts finds the asset
 * names in this chunk). Nothing is downloaded until a worker asks for it.
 */
import { missingFiles } from '../worker/sessionWeights';
import type { MissingFile, WeightUrls } from '../worker/protocol';

// child-seed<k> files are the full experiment's other fine-tune seeds, read in Node only: never in the build
const ASSETS = import.meta.glob<string>(['../weights/*.{bin,json}', '!../weights/child-seed*'], { query: '?url', import: 'default', eager: true });

/** File name → URL as built (relative to the page's base). */
export const SHIPPED: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(ASSETS).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));

export const SHIPPED_NAMES: readonly string[] = Object.keys(SHIPPED).sort();

/** The shipped files as absolute URLs (a worker resolves relative ones against its own script). */
export function absoluteUrls(): WeightUrls {
  const base = typeof document === 'undefined' ? 'http://localhost/' : document.baseURI;
  return Object.fromEntries(Object.entries(SHIPPED).map(([name, url]) => [name, new URL(url, base).href]));
}

/** What the explorer would show and this build lacks. */
export const EXPLORER_MISSING: readonly MissingFile[] = missingFiles(SHIPPED_NAMES, ['parent.bin', 'child.bin', 'scratch.bin']);
export const HAS_PARENT = !EXPLORER_MISSING.some((m) => m.file === 'parent.bin');
export const HAS_ORACLES = SHIPPED_NAMES.includes('oracles.bin') && SHIPPED_NAMES.includes('oracles.manifest.json');
