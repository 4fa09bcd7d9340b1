/**
 * What the user's intervention did, in one sentence and a few figures, from the worker's evaluation
 * (the same numbers as the verdict panel): which ball's end point the new C moves most against B,
 * and whether the benchmark's filter keeps this C and why. Pure, so it is unit-tested without a
 * browser (headline.test.ts).
 */
import type { HeadlineFigure } from '../../../shared/ui/HeadlineCard';
import { ballName, describeIntervention } from '../intervention';
import type { Evaluation, ExampleInfo, ScoreCurves, VerdictInfo } from '../worker/protocol';

export interface CophyHeadline {
  state: 'waiting' | 'running' | 'done';
  sentence: string;
  figures: HeadlineFigure[];
  claim: string;
}

export const CLAIM =
  'the benchmark keeps a C only when the hidden masses can be read off AB (identifiability) and at least one of them changes CD (counterfactuality), each at ε = 100 (§3, Definitions 1–2).';

const units = (v: number) => `${v.toFixed(2)} unit${v.toFixed(2) === '1.00' ? '' : 's'}`;

/** For each ball of C (by its index in A): how far its last position in D is from its last position in B. */
export function endPointChanges(example: Pick<ExampleInfo, 'n' | 'frames' | 'abPositions'>, ev: Pick<Evaluation, 'objects' | 'cdPositions'>): { ball: number; change: number }[] {
  const n = example.n;
  const m = ev.objects.length;
  const last = example.frames - 1;
  return ev.objects.map((k, j) => {
    const bx = example.abPositions[(last * n + k) * 2];
    const by = example.abPositions[(last * n + k) * 2 + 1];
    const dx = ev.cdPositions[(last * m + j) * 2] - bx;
    const dy = ev.cdPositions[(last * m + j) * 2 + 1] - by;
    return { ball: k, change: Math.sqrt(dx * dx + dy * dy) };
  });
}

function list(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The balls whose masses differ between two combinations (itertools order: ball k is bit n − 1 − k). */
export function flippedBalls(z: number, truth: number, n: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) if (((z ^ truth) >> (n - 1 - k)) & 1) out.push(k);
  return out;
}

/** Why the filter keeps or rejects this C, in plain words (no mass is revealed). */
export function verdictWords(
  v: VerdictInfo,
  example: { n: number; masses: readonly number[]; colors?: readonly number[] },
  objects: { name: (k: number) => string; noun: string } = { name: (k) => ballName(k, example.colors ?? []), noun: 'ball' },
): string {
  const names = (balls: number[]) => list(balls.map(objects.name));
  if (v.reason === 'not-counterfactual') {
    const worst = Math.max(0, ...v.flipChange.map((c) => c ?? 0));
    return `no single ${objects.noun}'s hidden mass changes D by more than ε (the largest change is ${worst.toFixed(0)}), so D could be predicted without inferring the masses`;
  }
  if (v.reason === 'not-identifiable') {
    const truth = massCombination(example.masses);
    const z = v.ambiguous[0];
    const flipped = flippedBalls(z, truth, example.n);
    return `AB would look the same if ${names(flipped)} had ${flipped.length === 1 ? 'its mass' : 'their masses'} flipped, but D would not, so the masses cannot be read off AB`;
  }
  const many = v.counterfactual.length > 1;
  return `the masses can be read off AB, and the hidden mass${many ? 'es' : ''} of ${names(v.counterfactual)} change${many ? '' : 's'} D`;
}

/** The masses' combination index (1 → bit 0, 10 → bit 1; the last ball is bit 0). */
export function massCombination(masses: readonly number[]): number {
  return masses.reduce((c, m) => (c << 1) | (m === 10 ? 1 : 0), 0);
}

/** What the headline needs of the model's finished D (liveStore.ts Prediction). */
export interface PredictionSummary {
  status: string;
  size: number;
  keypoints: number;
  positions: Float32Array | null;
  truthPositions: Float32Array | null;
  ours: ScoreCurves | null;
  copyC: ScoreCurves | null;
}

export interface ModelResult {
  /** Mean distance, in pixels of the model's frames, from each predicted keypoint to the encoder's keypoint of the simulated D at the same time. */
  oursPx: number;
  /** The same for copying C's keypoints to every time (the paper's Copy-C, Table 2). */
  copyCPx: number;
  /** Time-averaged L-PSNR (dB) of the decoded D and of copying C, against the simulated D. */
  lpsnrOurs: number;
  lpsnrCopyC: number;
}

const meanFinite = (v: Float64Array) => {
  let sum = 0;
  let n = 0;
  for (const x of v) {
    if (Number.isFinite(x)) {
      sum += x;
      n++;
    }
  }
  return n ? sum / n : NaN;
};

/**
 * The model's D for this C in two numbers against copying C, once every frame is decoded: how far its
 * keypoints are from the simulated D's (keypoint coordinates span [−1, 1] over the frame: × size/2 for
 * pixels), and the L-PSNR. Null until the prediction is done.
 */
export function modelResult(p: PredictionSummary | null): ModelResult | null {
  if (!p || p.status !== 'done' || !p.positions || !p.truthPositions || !p.ours || !p.copyC || p.positions.length !== p.truthPositions.length) return null;
  const k = p.keypoints;
  const frames = p.positions.length / (2 * k);
  let ours = 0;
  let copyC = 0;
  for (let t = 0; t < frames; t++) {
    for (let j = 0; j < k; j++) {
      const i = 2 * (t * k + j);
      const tr = p.truthPositions[i];
      const tc = p.truthPositions[i + 1];
      ours += Math.sqrt((p.positions[i] - tr) ** 2 + (p.positions[i + 1] - tc) ** 2);
      copyC += Math.sqrt((p.truthPositions[2 * j] - tr) ** 2 + (p.truthPositions[2 * j + 1] - tc) ** 2);
    }
  }
  const px = p.size / 2 / (frames * k);
  return { oursPx: ours * px, copyCPx: copyC * px, lpsnrOurs: meanFinite(p.ours.lpsnr), lpsnrCopyC: meanFinite(p.copyC.lpsnr) };
}

/** The model's figure for the card, once its D is decoded (none before). */
export function modelFigures(model: ModelResult | null): HeadlineFigure[] {
  if (!model) return [];
  return [
    {
      id: 'model-keypoints',
      label: "Model's keypoints from the simulated D's",
      text: `${model.oursPx.toFixed(1)} px`,
      value: model.oursPx,
      detail: `copying C: ${model.copyCPx.toFixed(1)} px; L-PSNR ${model.lpsnrOurs.toFixed(1)} vs ${model.lpsnrCopyC.toFixed(1)} dB`,
      tone: model.oursPx < model.copyCPx ? 'good' : 'bad',
    },
  ];
}

export function cophyHeadline(input: { example: ExampleInfo | null; evaluation: Evaluation | null; dragging?: boolean; prediction?: PredictionSummary | null }): CophyHeadline {
  const { example, evaluation: ev } = input;
  if (!example || !ev) {
    return {
      state: 'waiting',
      sentence: 'Generating the example from the seed: this card will say what your change to the first frame C does to the outcome D, and whether the benchmark would keep it.',
      figures: [],
      claim: CLAIM,
    };
  }
  const a = { positions: example.aPositions };
  const what = describeIntervention(ev.intervention, a, example.datasetOp, example.colors);
  if (ev.problem || !ev.verdict) {
    return { state: 'done', sentence: `${what} cannot be simulated: ${ev.problem}`, figures: [], claim: CLAIM };
  }
  const v = ev.verdict;
  const changes = endPointChanges(example, ev);
  const touched = ev.intervention.kind === 'dataset' ? (example.datasetOp.kind === 'shift' ? example.datasetOp.ball : -1) : ev.intervention.ball;
  const others = changes.filter((c) => c.ball !== touched);
  const pick = (others.length ? others : changes).reduce((best, c) => (c.change > best.change ? c : best));
  const effect =
    pick.change < 0.01
      ? `leaves where ${ballName(pick.ball, example.colors)} ends unchanged`
      : `makes ${ballName(pick.ball, example.colors)} (mass hidden) end ${units(pick.change)} from where it ended in B`;
  // the model's figure joins once its D is complete (the sentence stays the filter's, so a shared link reads the same at once)
  const model = input.dragging ? null : modelResult(input.prediction ?? null);
  const sentence = `${what} ${effect}: the filter ${v.kept ? 'keeps' : 'rejects'} this C — ${verdictWords(v, example)}.`;
  const flips = v.flipChange.filter((c): c is number => c !== null);
  const largestFlip = Math.max(0, ...flips);
  const combos = (1 << example.n) - 1;
  return {
    state: input.dragging ? 'running' : 'done',
    sentence,
    figures: [
      { id: 'filter', label: 'The filter', text: v.kept ? 'keeps' : 'rejects', value: v.kept ? 1 : 0, detail: v.kept ? 'identifiable and counterfactual' : v.reason === 'not-identifiable' ? 'not identifiable' : 'not counterfactual', tone: v.kept ? 'good' : 'bad' },
      { id: 'end-change', label: 'Largest end-point change, D vs B', text: units(pick.change), value: pick.change, detail: ballName(pick.ball, example.colors) },
      { id: 'flip', label: 'Largest change of D from one mass flip', text: largestFlip.toFixed(0), value: largestFlip, detail: `ε = ${v.epsilon}, Σ over ${example.frames} frames` },
      { id: 'confusable', label: 'Masses AB cannot tell apart', text: `${v.confusable.length} of ${combos}`, value: v.confusable.length, detail: `${v.ambiguous.length} of them change D` },
      ...modelFigures(model),
    ],
    claim: CLAIM,
  };
}
