/**
 * Telling "the code for this page could not be downloaded" apart from "the page's code threw".
 * The first is fixed by retrying (offline, flaky network, a redeploy that removed old chunks);
 * the second by reloading or reporting a bug, so the UI says different things for each.
 */
export class ChunkLoadError extends Error {
  readonly chunk: string;
  constructor(chunk: string, cause: unknown) {
    super(`Could not load the code for "${chunk}": ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ChunkLoadError';
    this.chunk = chunk;
  }
}

// What browsers say when a dynamic import's fetch fails (Chromium, Firefox, Safari), plus Vite's
// preload helper for a chunk's CSS.
const CHUNK_MESSAGES = [
  /Failed to fetch dynamically imported module/i,
  /error loading dynamically imported module/i,
  /Importing a module script failed/i,
  /Unable to preload CSS/i,
  /Loading chunk [\w-]+ failed/i,
];

export function isChunkLoadError(e: unknown): boolean {
  if (e instanceof ChunkLoadError) return true;
  if (e && typeof e === 'object' && 'name' in e && (e as { name: unknown }).name === 'ChunkLoadError') return true;
  const msg = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  return CHUNK_MESSAGES.some((re) => re.test(msg));
}

/** Wraps a dynamic import so that a failed download rejects with a ChunkLoadError naming the chunk. */
export function labelChunk<T>(chunk: string, load: () => Promise<T>): () => Promise<T> {
  return () =>
    load().catch((e: unknown) => {
      throw isChunkLoadError(e) || e instanceof TypeError ? new ChunkLoadError(chunk, e) : e;
    });
}
