/**
 * Browser-only: RDKit for the DEG demo's worker (or page), with its `.wasm` served from the app's own
 * files. The `?url` import makes Vite copy `RDKit_minimal.wasm` (7.38 MB; 2.41 MB gzipped) into the
 * build with a hashed name; only code that imports this module (the DEG route's worker) ever asks for
 * it, so the landing page and the other demos never download it. The build also writes a `.wasm.gz`
 * beside every `.wasm` (vite.config.ts, gzipWasm): we fetch that and decompress it here when we can,
 * since static hosts often send `.wasm` uncompressed, and fall back to the plain file otherwise.
 * Node and Vitest use `loadChem()` from core/chem.ts directly (the package finds its own `.wasm`).
 */
import wasmUrl from '@rdkit/rdkit/RDKit_minimal.wasm?url';
import { loadChem, type Chem } from './core/chem';

const isWasm = (b: Uint8Array) => b.length > 8 && b[0] === 0 && b[1] === 0x61 && b[2] === 0x73 && b[3] === 0x6d; // "\0asm"

async function gzippedBinary(url: string): Promise<ArrayBuffer | null> {
  if (import.meta.env.DEV || typeof DecompressionStream !== 'function') return null;
  try {
    const res = await fetch(`${url}.gz`);
    if (!res.ok) return null;
    const raw = new Uint8Array(await res.arrayBuffer());
    // A server that sends the file with `Content-Encoding: gzip` (vite preview does) has already had it decompressed.
    if (isWasm(raw)) return raw.buffer;
    const bytes = new Uint8Array(await new Response(new Blob([raw]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
    return isWasm(bytes) ? bytes.buffer : null;
  } catch {
    return null;
  }
}

let chem: Promise<Chem> | null = null;

/** How long the last load took (ms, `performance.now()` of this context): the download, then RDKit's compile and start. */
export interface RdkitLoadTimes {
  startedAt: number;
  downloadMs: number | null;
  readyMs: number | null;
}
let times: RdkitLoadTimes | null = null;

/** The load's times so far (null before the first `loadBrowserChem()`). */
export function rdkitLoadTimes(): RdkitLoadTimes | null {
  return times && { ...times };
}

/** The shared RDKit of this route: the gzipped binary when that works, else the plain `.wasm` URL. */
export function loadBrowserChem(): Promise<Chem> {
  // The decompressed bytes go to RDKit as a blob: URL (its loader fetches `locateFile`'s URL and, in this
  // build, does not take `wasmBinary`: it then asked for RDKit_minimal.wasm beside the worker and got the HTML page).
  if (!chem) {
    const t: RdkitLoadTimes = { startedAt: performance.now(), downloadMs: null, readyMs: null };
    times = t;
    chem = gzippedBinary(wasmUrl)
      .then((binary) => {
        t.downloadMs = performance.now() - t.startedAt;
        return binary ? loadChem({ wasmUrl: URL.createObjectURL(new Blob([binary], { type: 'application/wasm' })) }) : loadChem({ wasmUrl });
      })
      .then((c) => {
        t.readyMs = performance.now() - t.startedAt;
        return c;
      });
    chem.catch(() => (chem = null));
  }
  return chem;
}

export { wasmUrl as RDKIT_WASM_URL };
