/**
 * Speaker notes for the presenter console (issue #15), one short list per page: what to show, in
 * what order, and which number to point at. Our words; the numbers they name are on the page,
 * computed there (the notes quote none).
 */
import type { DemoId } from '../shared/papers';

export interface SpeakerNotes {
  /** one sentence: the point of the page */
  point: string;
  /** what to do and say, in order */
  steps: string[];
}

export const HOME_NOTES: SpeakerNotes = {
  point: 'Six orals from ICLR 2022, each running live in this browser: no install, no server.',
  steps: [
    'Every card opens a demo that runs the paper’s own method at browser scale.',
    'Each page says what its run showed first, then the settings, then the paper’s numbers beside ours.',
    'Any view can be shared: Copy link or the QR code reproduces exactly what is on screen.',
  ],
};

export const SYSTEM_NOTES: SpeakerNotes = {
  point: 'Check the machine before the talk: backend, capabilities and a short self-test.',
  steps: ['Run the self-test on the backend the demos will use; a failure here means wrong numbers later.', 'Note the throughput figure: slow machines need fewer steps.'],
};

export const DEMO_NOTES: Record<DemoId, SpeakerNotes> = {
  ntl: {
    point: 'A classifier that works on its own digits and fails, on purpose, on another style: a watermark and an access key.',
    steps: [
      'Run the default training; point at the source accuracy staying high while the target accuracy falls.',
      'Open the feature view: the target domain is pushed away from the source (the MMD term).',
      'Show the attack: fine-tuning on a little target data, and whether the refusal survives it.',
      'End on the table: the paper’s numbers next to this run’s, with what we do differently.',
    ],
  },
  einops: {
    point: 'Tensor reshaping written as readable patterns, checked as you type.',
    steps: [
      'Type a pattern and show the output shape and the picture of the rearranged tensor.',
      'Break it on purpose (a missing axis, a wrong size): the error names the problem and the fix.',
      'Mention that every other demo here uses this same helper for its reshaping.',
    ],
  },
  ilqr: {
    point: 'The encoder is an optimal-control solver: iLQR finds the inputs that drove the system.',
    steps: [
      'Run the sparse-input system; watch the inferred inputs line up with the true ones.',
      'Press Infer: iLQR converges in a handful of iterations, shown one by one.',
      'Point at the baseline: an amortised encoder misses the sparse inputs.',
      'Switch to Lorenz or Duffing for the nonlinear systems; the table says where we fall short of the paper.',
    ],
  },
  grammar: {
    point: 'A grammar learned from about twenty molecules generates new, always-valid ones.',
    steps: [
      'Build the grammar and step through the contractions that make its rules.',
      'Generate samples; every one is valid by construction.',
      'Read the metrics against the paper’s: diversity, novelty, membership.',
    ],
  },
  cophy: {
    point: 'Counterfactual physics in pixels: what would have happened if the first frame had been different?',
    steps: [
      'Play AB: the balls move under masses nobody sees.',
      'Drag or remove a ball in C: the simulated D and the filter’s verdict follow at once.',
      'Show a rejected C (remove a ball whose mass does not matter) and the filter statistics with the ε sweep.',
    ],
  },
  stylealign: {
    point: 'A fine-tuned GAN keeps its latent space aligned with its parent’s.',
    steps: ['This demo is in preparation: describe the parent and child domains and what alignment enables.'],
  },
};
