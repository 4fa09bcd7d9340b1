/**
 * Saved training runs, so a visitor whose tab reloads (or crashes, or loses its GPU context) ten
 * minutes into training resumes instead of starting from step 0. A saved run is the worker session's
 * training state (weights, optimiser, PRNG streams: `TrainingSession.saveState`) plus the page's
 * chart history (every step report so far), under a key made of the demo, the backend and the run's
 * training settings: the same link on the same backend finds it again.
 *
 * The browser's store is IndexedDB through idb-keyval (a small, well-kept wrapper): one store holds
 * the small descriptions (listed without reading the large states), another the states. Old runs go:
 * each demo keeps its `MAX_RUNS_PER_DEMO` newest, and none older than `MAX_AGE_DAYS`.
 * `memoryResumeStorage` is the same contract in memory (unit tests, and browsers without IndexedDB).
 */
import { createStore, del, delMany, get, keys, set, type UseStore } from 'idb-keyval';

export const MAX_RUNS_PER_DEMO = 3;
export const MAX_AGE_DAYS = 30;

/** What the page shows of a saved run without loading it. */
export interface SavedRunMeta {
  key: string;
  demo: string;
  /** The backend the run was trained on (a different backend would not give the same numbers). */
  backend: string;
  step: number;
  total: number;
  /** Date.now() when it was saved. */
  savedAt: number;
  /** Approximate size of the state and history, in bytes. */
  bytes: number;
}

export interface SavedRunPayload<State = unknown, Step = unknown> {
  state: State;
  /** The step reports of steps 1..meta.step, oldest first (the charts are redrawn from them). */
  history: Step[];
}

export interface ResumeStorage {
  /** Every saved run's description (of one demo when `demo` is given), newest first. */
  list(demo?: string): Promise<SavedRunMeta[]>;
  load<State, Step>(key: string): Promise<SavedRunPayload<State, Step> | null>;
  /** Saves (replacing the run under the same key), then removes old runs. */
  save(meta: SavedRunMeta, payload: SavedRunPayload): Promise<void>;
  remove(key: string): Promise<void>;
  /** Removes every saved run of a demo (every demo's when none is given). */
  clear(demo?: string): Promise<void>;
}

/** The key of a run: demo, backend and the training settings (a stable JSON of the prepare arguments). */
export function runKey(demo: string, backend: string, prepareArgs: unknown): string {
  return `${demo}|${backend}|${stableJson(prepareArgs)}`;
}

function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .filter((k) => o[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(',')}}`;
}

/** Bytes a value takes, roughly: typed arrays by their buffers, numbers 8, strings 2 per character. */
export function approxBytes(value: unknown, depth = 0): number {
  if (value === null || value === undefined || depth > 64) return 0;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  switch (typeof value) {
    case 'number':
      return 8;
    case 'boolean':
      return 4;
    case 'string':
      return 2 * value.length;
    case 'object': {
      let n = 0;
      if (Array.isArray(value)) for (const x of value) n += approxBytes(x, depth + 1);
      else for (const [k, x] of Object.entries(value)) n += 2 * k.length + approxBytes(x, depth + 1);
      return n;
    }
    default:
      return 0;
  }
}

/** Which runs to drop after `fresh` was saved: beyond the newest MAX_RUNS_PER_DEMO of its demo, or too old. */
export function runsToDrop(all: SavedRunMeta[], now: number): string[] {
  const tooOld = now - MAX_AGE_DAYS * 24 * 3600 * 1000;
  const drop = new Set(all.filter((m) => m.savedAt < tooOld).map((m) => m.key));
  const byDemo = new Map<string, SavedRunMeta[]>();
  for (const m of all) byDemo.set(m.demo, [...(byDemo.get(m.demo) ?? []), m]);
  for (const runs of byDemo.values()) {
    runs.sort((a, b) => b.savedAt - a.savedAt);
    for (const m of runs.slice(MAX_RUNS_PER_DEMO)) drop.add(m.key);
  }
  return [...drop];
}

const newestFirst = (a: SavedRunMeta, b: SavedRunMeta) => b.savedAt - a.savedAt;

export function memoryResumeStorage(): ResumeStorage {
  const metas = new Map<string, SavedRunMeta>();
  const payloads = new Map<string, SavedRunPayload>();
  return {
    list: async (demo) => [...metas.values()].filter((m) => demo === undefined || m.demo === demo).sort(newestFirst),
    load: async <State, Step>(key: string) => (structuredClone(payloads.get(key)) as SavedRunPayload<State, Step> | undefined) ?? null,
    async save(meta, payload) {
      metas.set(meta.key, { ...meta });
      payloads.set(meta.key, structuredClone(payload));
      for (const k of runsToDrop([...metas.values()], Date.now())) {
        metas.delete(k);
        payloads.delete(k);
      }
    },
    async remove(key) {
      metas.delete(key);
      payloads.delete(key);
    },
    async clear(demo) {
      for (const m of [...metas.values()]) {
        if (demo !== undefined && m.demo !== demo) continue;
        metas.delete(m.key);
        payloads.delete(m.key);
      }
    },
  };
}

/** IndexedDB (two databases: idb-keyval's createStore makes one object store per database). */
export function indexedDbResumeStorage(prefix = 'oral-demos'): ResumeStorage {
  let stores: { meta: UseStore; state: UseStore } | null = null;
  const open = () => (stores ??= { meta: createStore(`${prefix}-saved-runs`, 'meta'), state: createStore(`${prefix}-saved-run-states`, 'state') });
  const all = async (): Promise<SavedRunMeta[]> => {
    const { meta } = open();
    const ks = await keys(meta);
    const out: SavedRunMeta[] = [];
    for (const k of ks) {
      const m = await get<SavedRunMeta>(k, meta);
      if (m) out.push(m);
    }
    return out.sort(newestFirst);
  };
  const removeMany = async (ks: string[]) => {
    if (!ks.length) return;
    const { meta, state } = open();
    await delMany(ks, state);
    await delMany(ks, meta);
  };
  return {
    list: async (demo) => (await all()).filter((m) => demo === undefined || m.demo === demo),
    load: async <State, Step>(key: string) => (await get<SavedRunPayload<State, Step>>(key, open().state)) ?? null,
    async save(meta, payload) {
      const s = open();
      // The state first: a description never points at a state that is not there.
      await set(meta.key, payload, s.state);
      await set(meta.key, meta, s.meta);
      await removeMany(runsToDrop(await all(), Date.now()));
    },
    async remove(key) {
      const s = open();
      await del(key, s.meta);
      await del(key, s.state);
    },
    async clear(demo) {
      await removeMany((await all()).filter((m) => demo === undefined || m.demo === demo).map((m) => m.key));
    },
  };
}

let shared: ResumeStorage | null = null;

/** The page's store: IndexedDB where the browser has it, else in memory (a reload then starts over). */
export function defaultResumeStorage(): ResumeStorage {
  shared ??= typeof indexedDB !== 'undefined' ? indexedDbResumeStorage() : memoryResumeStorage();
  return shared;
}

/** "4.2 MB", "830 kB": the storage a saved run takes. */
export function formatBytes(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${Math.round(n / 1e3)} kB`;
  return `${n} B`;
}
