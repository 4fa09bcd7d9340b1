/**
 * How this demo differs from the paper, in plain sentences, for the page's "how this differs" list.
 */
import { DEFAULTS } from './core/settings';
import { SPARSE_SYSTEM } from './core/sparse';

export const DIFFERENCES: readonly string[] = [
  `The paper leaves the sparse-input system's true dynamics, observation matrix and noise unstated; we fix them: A has eigenvalues ${SPARSE_SYSTEM.radius}·e^{±${SPARSE_SYSTEM.angle}i} and ${SPARSE_SYSTEM.realEigenvalue} in a random orthonormal basis, C is drawn N(0, 1/n), and the noise σ is ${DEFAULTS.noise} by default.`,
  `The live run uses ${DEFAULTS.trials} trials of ${DEFAULTS.bins} bins (the paper's Table S1 size) and ${DEFAULTS.steps} Adam steps, so it finishes in about a minute in a browser; the paper's headline trains one trial of 1000 bins for longer.`,
  'The amortised baseline (LFADS in the paper, hyper-parameter searched) runs only in the experiment, as a small bidirectional GRU encoder; this page trains iLQR-VAE alone.',
  'The Lorenz, Duffing and monkey-reaching experiments are not in this demo yet; their numbers are shown as the paper\'s only.',
];
