/**
 * What the NTL run showed, in one sentence and a few figures, per mode: filled from the run's own
 * latest checkpoint (the same numbers as the accuracy table) and judged against the paper's claim
 * (src/shared/verdict.ts). Pure, so it is unit-tested without a browser.
 */
import { formatPercent as pct } from '../../../shared/ui/format';
import type { HeadlineFigure } from '../../../shared/ui/HeadlineCard';
import { judgeClaim, type Verdict } from '../../../shared/verdict';
import { attackWreckedModel, highestAccuracy, relativeDrop, unseenDomainDrops } from '../core/metrics';
import type { Domain, Mode } from '../core/settings';
import { PAPER_CLAIMS } from '../paper';
import type { AttackReport, Checkpoint, EvalKey, PreparedInfo } from '../worker/protocol';

export interface NtlHeadline {
  state: 'waiting' | 'running' | 'done';
  sentence: string;
  figures: HeadlineFigure[];
  claim?: string;
  /** Null when this run cannot judge the claim yet (no SL reference, no attack run). */
  verdict?: Verdict | null;
}

/** What a run of each mode will show, said before the first step. */
const PROMISE: Record<Mode, (target: Domain) => string> = {
  sl: (t) => `Press Run: normal training (SL) on the source, to see how well it carries over to ${t}. That carry-over is what NTL takes away.`,
  target: (t) => `Press Run: NTL trains next to a normal model, and this card says whether it keeps the source while breaking the target ${t}.`,
  sourceOnly: () => 'Press Run: with no target data at all, NTL pushes away synthetic neighbours of S; this card says how far the neighbours and the unseen domains fall.',
  ownership: () => 'Press Run: NTL learns to fail on images carrying a faint patch, so the patch marks the model as yours; then attack it below.',
  authorization: () => 'Press Run: NTL learns to work only on patched images, so the patch becomes a key; this card says whether anything else still gets through.',
};

/** Keys that an authorization model must refuse (everything but the patched source). */
const UNAUTHORIZED: readonly EvalKey[] = ['S', 'T1', 'T2', 'T3', 'N', 'N+patch'];

const KEY_NAMES: Record<EvalKey, string> = { S: 'S', T1: 'T1', T2: 'T2', T3: 'T3', 'src+patch': 'source + patch', N: 'neighbours', 'N+patch': 'neighbours + patch' };

const figure = (id: string, label: string, value: number | undefined, detail?: string, tone?: HeadlineFigure['tone']): HeadlineFigure => ({
  id,
  label,
  text: pct(value),
  value: value ?? null,
  detail,
  tone,
});

const slDetail = (sl: number | undefined) => (sl === undefined ? undefined : `normal training ${pct(sl)}`);

export function ntlHeadline(input: {
  mode: Mode;
  target: Domain;
  steps: number;
  prepared: PreparedInfo | null;
  checkpoint: Checkpoint | null;
  attacks: readonly AttackReport[];
}): NtlHeadline {
  const { mode, checkpoint: cp, prepared } = input;
  if (!cp || !prepared) return { state: 'waiting', sentence: PROMISE[mode](input.target), figures: [] };
  const state = cp.step >= input.steps ? 'done' : 'running';
  const soFar = state === 'running' ? `So far (step ${cp.step} of ${input.steps}): ` : '';
  const { source, target } = prepared.roles;
  const acc = cp.ntl;
  const sl = cp.sl;

  switch (mode) {
    case 'sl':
      return {
        state,
        sentence: `${soFar}Normal training reaches ${pct(acc[source])} on the source ${source} and ${pct(acc[target])} on ${target}: that carry-over is what NTL takes away.`,
        figures: [figure('source', `Source ${source}`, acc[source], undefined, 'good'), figure('target', `${target} (not trained on)`, acc[target])],
      };
    case 'target': {
      const drop = relativeDrop(acc[target], sl?.[target]);
      const broke = drop !== null ? drop >= 0.5 : (acc[target] ?? 1) < 0.3;
      const sentence = sl
        ? broke
          ? `${soFar}NTL kept the source (${pct(acc[source])}) and broke the target (${pct(acc[target])}, against ${pct(sl[target])} with normal training): the target is refused.`
          : `${soFar}NTL has not broken the target yet: ${pct(acc[target])} on ${target}, against ${pct(sl[target])} with normal training.`
        : `${soFar}NTL: ${pct(acc[source])} on the source, ${pct(acc[target])} on the target. Tick "Train a normal model (SL) alongside" to compare with normal training.`;
      return {
        state,
        sentence,
        figures: [
          figure('source', `Source ${source}`, acc[source], slDetail(sl?.[source]), 'good'),
          figure('target', `Target ${target}`, acc[target], slDetail(sl?.[target]), broke ? 'bad' : 'neutral'),
          ...(drop !== null ? [figure('drop', 'Target drop vs. normal training', drop)] : []),
        ],
        claim: `${PAPER_CLAIMS.targetDrop.value}.`,
        verdict: drop === null ? null : judgeClaim(PAPER_CLAIMS.targetDrop.claim, drop),
      };
    }
    case 'sourceOnly': {
      // The paper's figure is a drop on domains the model never saw: here T1–T3 (the neighbours share no generator with them).
      const unseen = unseenDomainDrops(acc, sl);
      const drop = unseen?.mean ?? null;
      return {
        state,
        sentence: `${soFar}With no target data, NTL kept S (${pct(acc.S)}) and pushed its neighbours to ${pct(acc.N)}${sl ? ` (normal training ${pct(sl.N)})` : ''}; the unseen domains T1–T3 score ${pct(acc.T1)}, ${pct(acc.T2)}, ${pct(acc.T3)}${sl ? ` (normal training ${pct(sl.T1)}, ${pct(sl.T2)}, ${pct(sl.T3)})` : ''}.`,
        figures: [
          figure('source', 'Source S', acc.S, slDetail(sl?.S), 'good'),
          figure('target', 'Neighbours of S (trained against)', acc.N, slDetail(sl?.N), 'neutral'),
          ...(unseen ? [figure('drop', 'Drop on unseen T1–T3 vs. normal training (mean)', drop ?? undefined, `T1 ${pct(unseen.perDomain.T1)}, T2 ${pct(unseen.perDomain.T2)}, T3 ${pct(unseen.perDomain.T3)}`)] : []),
        ],
        claim: `${PAPER_CLAIMS.sourceOnlyDrop.value} on domains the model never saw (GAN neighbours in the paper; procedural ones here).`,
        verdict: drop === null ? null : judgeClaim(PAPER_CLAIMS.sourceOnlyDrop.claim, drop),
      };
    }
    case 'ownership': {
      const removals = input.attacks.filter((a) => !attackWreckedModel(a));
      const worst = removals.length ? Math.max(...removals.map((a) => a.after.patched)) : null;
      const attacked = input.attacks.length
        ? ` After ${input.attacks.length} attack${input.attacks.length > 1 ? 's' : ''}, the best the attacker reached on patched images is ${worst === null ? 'nothing usable (each attack wrecked the clean accuracy)' : pct(worst)}.`
        : ' Run an attack below to test whether the mark survives.';
      return {
        state,
        sentence: `${soFar}The patch marks the model: clean images ${pct(acc[source])}, patched images ${pct(acc[target])}${sl ? ` (a normal model: ${pct(sl[target])})` : ''}.${state === 'done' ? attacked : ''}`,
        figures: [
          figure('source', `Clean ${source}`, acc[source], slDetail(sl?.[source]), 'good'),
          figure('target', 'With the patch', acc[target], slDetail(sl?.[target]), 'bad'),
          ...(worst !== null ? [figure('attack', 'Patched, after the attacks (worst case)', worst)] : []),
        ],
        claim: `${PAPER_CLAIMS.patchedAfterAttacks.value}.`,
        // No verdict until an attack has run (the sentence says so).
        verdict: worst === null ? null : judgeClaim(PAPER_CLAIMS.patchedAfterAttacks.claim, worst),
      };
    }
    case 'authorization': {
      const worst = highestAccuracy(acc, UNAUTHORIZED);
      const authorized = judgeClaim(PAPER_CLAIMS.authorized.claim, acc['src+patch']);
      const refused = judgeClaim(PAPER_CLAIMS.unauthorized.claim, worst?.value);
      const verdict: Verdict | null = authorized === 'not-measured' || refused === 'not-measured' ? null : authorized === 'holds' && refused === 'holds' ? 'holds' : 'fails';
      return {
        state,
        sentence: `${soFar}Only the key opens it: patched source images ${pct(acc['src+patch'])}, every other set at most ${pct(worst?.value)}${worst ? ` (${KEY_NAMES[worst.key]})` : ''}.`,
        figures: [
          figure('source', 'With the key (patched S)', acc['src+patch'], undefined, 'good'),
          figure('target', 'Without it (best other set)', worst?.value, worst ? KEY_NAMES[worst.key] : undefined, 'bad'),
        ],
        claim: `authorized ${PAPER_CLAIMS.authorized.value}, unauthorized ${PAPER_CLAIMS.unauthorized.value}.`,
        verdict,
      };
    }
  }
}
