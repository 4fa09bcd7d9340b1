/**
 * The link state of the NTL demo: what to train (mode, source and target domain), the loss knobs
 * (α, β, paper or official-code form), the optimiser (learning rate, steps, batch), whether an SL
 * reference model trains alongside, and the pruning fraction of the attack panel. Seed and backend
 * are the common fields every schema gets.
 *
 * Everything a shared link must reproduce lives here; the live training data (curves, accuracies)
 * lives in `ui/liveStore.ts`, never in the URL.
 */
import { z } from 'zod';
import { createUrlStore, defineUrlSchema, type ValuesOf } from '../../shared/state';

export const DOMAINS = ['S', 'T1', 'T2', 'T3'] as const;
export type Domain = (typeof DOMAINS)[number];

/**
 * - `sl`: supervised learning on the source only (the baseline).
 * - `target`: target-specified NTL, source → the chosen target domain.
 * - `sourceOnly`: source-only NTL; the target is the procedural neighbour grid of S.
 * - `ownership`: NTL with T = source + the ownership patch; then the removal attacks.
 * - `authorization`: the patch is the key: S = source + patch, T = clean source ∪ neighbours (± patch).
 */
export const MODES = ['sl', 'target', 'sourceOnly', 'ownership', 'authorization'] as const;
export type Mode = (typeof MODES)[number];

export const MODE_LABELS: Record<Mode, string> = {
  sl: 'SL baseline (no NTL)',
  target: 'Target-specified NTL',
  sourceOnly: 'Source-only NTL',
  ownership: 'Ownership verification',
  authorization: 'Applicability authorization',
};

export const LOSS_VARIANTS = ['paper', 'code'] as const;

/** Default steps: measured to finish (data + SL reference + NTL + evaluations) well inside 3 minutes on WASM in headless Chromium on a loaded 2-core machine. */
export const DEFAULT_STEPS = 200;

export const ntlSchema = defineUrlSchema({
  id: 'ntl',
  version: 1,
  shape: {
    mode: z.enum(MODES).default('target'),
    source: z.enum(DOMAINS).default('S'),
    target: z.enum(DOMAINS).default('T1'),
    alpha: z.number().min(0).max(10).default(0.1),
    beta: z.number().min(0).max(10).default(1),
    loss: z.enum(LOSS_VARIANTS).default('paper'),
    lr: z.number().min(1e-5).max(0.05).default(2e-3),
    steps: z.int().min(2).max(2000).default(DEFAULT_STEPS),
    batch: z.int().min(4).max(128).default(32),
    /** Train an SL model on the same data and seed alongside, for the relative drops. */
    baseline: z.boolean().default(true),
    /** Pruning attack: percent of kernel weights zeroed (smallest magnitude first). */
    prune: z.int().min(10).max(90).default(50),
  },
});

export type NtlUrlValues = ValuesOf<typeof ntlSchema>;

export const useNtlUrl = createUrlStore(ntlSchema);

/** The modes whose target or source is fixed by the experiment (not by the domain pickers). */
export function usesTargetPicker(mode: Mode): boolean {
  return mode === 'target';
}

/** Source-only and authorization build their target from the neighbour grid, which is derived from S. */
export function sourceFixedToS(mode: Mode): boolean {
  return mode === 'sourceOnly' || mode === 'authorization';
}

/** A problem with the current settings that makes training meaningless, with how to fix it; null when fine. */
export function settingsProblem(v: Pick<NtlUrlValues, 'mode' | 'source' | 'target'>): string | null {
  if (v.mode === 'target' && v.source === v.target) {
    return `Source and target are both ${v.source}: target-specified NTL needs a different target domain. Pick another target (e.g. ${v.source === 'T1' ? 'S' : 'T1'}).`;
  }
  return null;
}
