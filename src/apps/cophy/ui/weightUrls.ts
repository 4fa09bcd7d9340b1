/**
 * The shipped weight files (src/apps/cophy/weights/: derender.bin, cody.bin and their manifests,
 * written by scripts/train/cophy.ts), as Vite `?url` assets: the build copies each file it finds with
 * a content hash in its name and lists it here, so a build without weights asks for none (no failed
 * request offline, no 404 in a static host's console), and the route's offline pack includes the
 * files (scripts/offlinePacks.ts finds their names in this chunk).
 */
const bundled = import.meta.glob<string>('../weights/*.{bin,json}', { query: '?url', import: 'default', eager: true });

/**
 * File name → absolute URL. Absolute because the worker resolves a relative URL against its own
 * script's folder, not the page's (the app's base is './').
 */
export function weightUrls(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, url] of Object.entries(bundled)) out[path.slice(path.lastIndexOf('/') + 1)] = new URL(url, document.baseURI).href;
  return out;
}
