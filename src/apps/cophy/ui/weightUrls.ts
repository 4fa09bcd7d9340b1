/**
 * The shipped weight files (src/apps/cophy/weights/: derender.bin, cody.bin and their manifests,
 * written by scripts/train/cophy.ts; the 3-D scenarios' in weights/<scenario>/), as Vite `?url`
 * assets: the build copies each file it finds with a content hash in its name and lists it here, so a
 * build without weights asks for none (no failed request offline, no 404 in a static host's console),
 * and the route's offline pack includes the files (scripts/offlinePacks.ts finds their names in this
 * chunk). Only URLs are bundled: a file is fetched by the worker, and only for the scenario shown.
 */
import type { Scenario3d } from '../core3d/dataset3d';

const bundled = import.meta.glob<string>('../weights/*.{bin,json}', { query: '?url', import: 'default', eager: true });
const bundled3d = import.meta.glob<string>('../weights/*/*.{bin,json}', { query: '?url', import: 'default', eager: true });

/**
 * File name → absolute URL. Absolute because the worker resolves a relative URL against its own
 * script's folder, not the page's (the app's base is './').
 */
function byName(files: Record<string, string>, folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, url] of Object.entries(files)) {
    const slash = path.lastIndexOf('/');
    if (path.slice(0, slash) === folder) out[path.slice(slash + 1)] = new URL(url, document.baseURI).href;
  }
  return out;
}

/** BallsCF's weight files. */
export function weightUrls(): Record<string, string> {
  return byName(bundled, '../weights');
}

/** A 3-D scenario's weight files (weights/<scenario>/), by file name. */
export function weightUrls3d(scenario: Scenario3d): Record<string, string> {
  return byName(bundled3d, `../weights/${scenario}`);
}
