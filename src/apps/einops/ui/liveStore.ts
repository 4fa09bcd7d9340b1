/**
 * The demo's live store, `useEinopsLive` (not in the link; the link state is `useEinopsUrl`): facts
 * measured by the live view that the "paper vs. this run" table shows (the table sits outside the
 * live view in the page frame). Plain numbers and strings only, never tensors.
 */
import { create } from 'zustand';

export interface EinopsLiveState {
  /** Last successful call: dispatch + read-back, ms. */
  lastCallMs: number | null;
  lastPattern: string | null;
  galleryOk: number | null;
  galleryTotal: number | null;
  galleryFailures: string[];
  /** The error einops raised in the silent-bug panel, and whether raw reshape ran silently. */
  bugError: string | null;
  rawReshapeRan: boolean | null;
  /** Live overhead measurement: medians in ms, and how many samples. */
  overhead: { einopsMs: number; rawMs: number; samples: number; backend: string } | null;
  backend: string | null;
  /** The quick experiment (experiment.ts) run in this browser with the link's seed. */
  experiment: { seed: number; mixUps: number; silentByHand: number; silentEinops: number; silentEinopsWithLengths: number } | null;
}

export const useEinopsLive = create<EinopsLiveState>(() => ({
  lastCallMs: null,
  lastPattern: null,
  galleryOk: null,
  galleryTotal: null,
  galleryFailures: [],
  bugError: null,
  rawReshapeRan: null,
  overhead: null,
  backend: null,
  experiment: null,
}));
