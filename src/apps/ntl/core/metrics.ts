/**
 * The numbers derived from accuracies, computed once: the experiment (`experiment.ts`) and the
 * page's "paper vs. this run" table (`ui/PaperTable.tsx`) both use these.
 */

/**
 * The relative drop 1 − acc_NTL / acc_SL, as the paper states its results (0.8 means the NTL model
 * keeps a fifth of the SL model's accuracy; negative when NTL scores higher). Null when either
 * accuracy is missing or the SL accuracy is not above 0 (the ratio would mean nothing).
 */
export function relativeDrop(ntl: number | undefined, sl: number | undefined): number | null {
  if (ntl === undefined || sl === undefined || !(sl > 0)) return null;
  return 1 - ntl / sl;
}

/**
 * The highest accuracy among `keys` that `acc` has (the worst case for applicability
 * authorization: the unauthorized set the model serves best). The first key wins a tie; null when
 * none of the keys has a value.
 */
export function highestAccuracy<K extends string>(acc: Partial<Record<K, number>>, keys: readonly K[]): { key: K; value: number } | null {
  let best: { key: K; value: number } | null = null;
  for (const key of keys) {
    const value = acc[key];
    if (value === undefined) continue;
    if (best === null || value > best.value) best = { key, value };
  }
  return best;
}

/**
 * An attack that leaves the stolen model's clean accuracy below one half has wrecked it: the
 * attacker gained nothing usable, so it does not count as removing the ownership mark.
 */
export function attackWreckedModel(attack: { after: { clean: number } }): boolean {
  return attack.after.clean < 0.5;
}

export type UnseenDomain = 'T1' | 'T2' | 'T3';
export const UNSEEN_DOMAINS: readonly UnseenDomain[] = ['T1', 'T2', 'T3'];

/**
 * Source-only NTL on the domains it never saw (T1–T3): the relative drop 1 − NTL/SL on each and
 * their mean, which is what the paper's source-only figure (72–83%) is compared with. Null when
 * a domain's accuracy is missing for either model.
 */
export function unseenDomainDrops(
  ntl: Partial<Record<UnseenDomain, number>>,
  sl: Partial<Record<UnseenDomain, number>> | undefined,
): { perDomain: Record<UnseenDomain, number>; mean: number } | null {
  if (!sl) return null;
  const perDomain = {} as Record<UnseenDomain, number>;
  for (const d of UNSEEN_DOMAINS) {
    const v = relativeDrop(ntl[d], sl[d]);
    if (v === null) return null;
    perDomain[d] = v;
  }
  return { perDomain, mean: (perDomain.T1 + perDomain.T2 + perDomain.T3) / 3 };
}
