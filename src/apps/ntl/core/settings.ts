/**
 * What a visitor can choose, and which choices make no sense: the domains, the modes, the loss
 * forms, the defaults of the optimiser, and `settingsProblem`. React-free and DOM-free: the URL
 * schema (`store.ts`), the controls and the worker's session all read these, so a mode or a domain
 * is named and checked in one place.
 */

/** The four procedural digit domains (see `domains.ts` for how each is drawn). */
export const DOMAINS = ['S', 'T1', 'T2', 'T3'] as const;
export type Domain = (typeof DOMAINS)[number];

/** Which real dataset each domain imitates, and how it looks (for labels and menus). */
export const DOMAIN_LOOKS: Record<Domain, { like: string; look: string }> = {
  S: { like: 'MNIST-like', look: 'strokes' },
  T1: { like: 'MNIST-M-like', look: 'textured colour' },
  T2: { like: 'SVHN-like', look: 'colour, distractors' },
  T3: { like: 'USPS-like', look: 'bold, blurred' },
};

/** Short name of a domain, e.g. "T1 (MNIST-M-like)". */
export function domainName(d: Domain): string {
  return `${d} (${DOMAIN_LOOKS[d].like})`;
}

/** A domain as a menu option, e.g. "T1: MNIST-M-like (textured colour)". */
export function domainOption(d: Domain): string {
  return `${d}: ${DOMAIN_LOOKS[d].like} (${DOMAIN_LOOKS[d].look})`;
}

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

/** The paper's form of the NTL loss, or the official code's (CE/10 terms, no outer min); see `loss.ts`. */
export const LOSS_VARIANTS = ['paper', 'code'] as const;
export type LossVariant = (typeof LOSS_VARIANTS)[number];

/** Default training steps of a live run: sized so the default run ends inside 3 minutes on WASM (README: "Run time"). */
export const DEFAULT_STEPS = 200;
/** Default images per domain per step (the paper's digit batch size). */
export const DEFAULT_BATCH = 32;
/** Default Adam learning rate: larger than the paper's 1e-4, because a live run has only a few hundred steps. */
export const DEFAULT_LR = 2e-3;

/** Source-only and authorization build their target from the neighbour grid, which is derived from S. */
export function sourceFixedToS(mode: Mode): boolean {
  return mode === 'sourceOnly' || mode === 'authorization';
}

/**
 * A problem with the settings that makes training meaningless, as one sentence that names the fix;
 * null when they are fine. The controls show it and the worker's session throws it.
 */
export function settingsProblem(v: { mode: Mode; source: Domain; target: Domain }): string | null {
  if (v.mode === 'target' && v.source === v.target) {
    return `Source and target are both ${v.source}, but target-specified NTL needs two different domains: pick a different target (e.g. ${v.source === 'T1' ? 'S' : 'T1'}).`;
  }
  return null;
}
