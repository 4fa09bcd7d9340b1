/**
 * How this demo differs from the paper (Schimel et al., ICLR 2022, arXiv 2205.01210) and from its
 * official code (marineschimel/ilqr_vae, with the solver tachukao/dilqr), in plain sentences, for
 * the page's "how this differs" list. Where the paper and the code differ we follow the code and
 * say so. `differences.test.ts` checks the numbers written out against the code.
 */
import { SPARSE_TRAINER, QUICK_SIZES } from './experiment';
import { AUTONOMOUS_SYSTEM, SPARSE_SYSTEM } from './core/sparse';
import { DEFAULTS } from './core/settings';
import { LORENZ_TEST_TRIALS } from './core/systems';

const s = SPARSE_SYSTEM;

export const DIFFERENCES: string[] = [
  // the system the paper leaves unstated
  `The sparse-input system's constants are ours (the paper does not state them): the true A has eigenvalues ${s.radius}·e^{±${s.angle}i} and ${s.realEigenvalue} in a random orthonormal basis, C is drawn N(0, 1/n), there is no bias, the observation noise is Gaussian with σ = ${s.noiseStd}, and the initial state is N(0, I).`,
  `Adam's learning rate is c/(1+√k) with c = ${SPARSE_TRAINER.lrScale}, the paper's value for its linear toy. The experiment (npm run experiment -- ilqr) trains on the paper's one trial of ${s.T} bins; this page's live run trains on ${DEFAULTS.trials} trials of ${DEFAULTS.bins} bins (Table S1's size) for ${DEFAULTS.steps} Adam steps, each step one pass over every trial, so that it finishes in about half a minute in a browser.`,
  // iLQR
  'iLQR is regularised as in the official solver dilqr (the paper gives no scheme): μBᵀB is added to Q_uu only (not to Q_ux), μ restarts at 0 on every backward pass, and when Q_uu + μBᵀB is not positive definite or its smallest eigenvalue is at most 1e-8, δ ← max(2, 2δ), μ ← max(1e-6, μδ) and the pass is redone. The value function is updated as dilqr does (V_x = Q_x + KᵀQ_u, V_xx = Q_xx + Q_uxᵀK).',
  "The line search is the paper's Algorithm 1: α starts at 1 and halves until the cost decreases (the paper's notes mention an Armijo test from α = 0.5; we use the algorithm as printed). iLQR stops at a relative cost change below 1e-4, and also, without a line search, when the backward pass predicts that even a full step would change the cost by less than a thousandth of that (at an exact optimum, where every halving would fail).",
  // model
  'The linear dynamics use column vectors (z′ = A z + B u); the official code uses row vectors, so its A is our Aᵀ. Both parameterise A = U D^½ Q (D+I)^−½ Uᵀ, every stable matrix and only those.',
  "The Student-t prior's Hessian is exact here. The official code's (lib/priors.ml, neg_hess_t) uses (u/σ)(u/σ)ᵀ where (u/σ²)(u/σ²)ᵀ belongs, which is wrong whenever the effective scale σ = √((ν−2)/ν)·s is not 1; our tests check ours against finite differences.",
  "The Student-t prior's KL is estimated as the paper says (sampled), but as −log p(u) of the sample minus the posterior's exact entropy, not log q − log p with a stopped gradient: the same expectation and gradient in expectation, with less noise.",
  'Parameter bounds (variances above 1e-3, ν above 2, Σt\'s diagonal above 1e-4, …) are enforced by clamping after each Adam step.',
  // our changes for the browser
  `Σt's Cholesky factor is banded (${SPARSE_TRAINER.timeBand} bins below the diagonal) instead of the code's full lower triangle: with Adam every one of a full ${s.T} × ${s.T} factor's half-million entries takes a full-size first step, which swamps the samples with noise and stalls learning (we measured this).`,
  "C, the output bias and the observation variances start from the data's top principal components (C ~ N(0, 1/n) and variance 1 in the official code): from the code's start, learning at c = 0.04 first explains the data as noise and the input R² falls for hundreds of steps.",
  'The gradient through u* (Appendix F) is exact for linear dynamics, where the LQR Hessian is the true one; for nonlinear dynamics it would be the Gauss–Newton approximation the paper uses.',
  `The baseline is not the paper's hyper-parameter-searched LFADS: it is a small amortised encoder (a bidirectional GRU with ${QUICK_SIZES.baselineHidden} units in the quick run, Appendix J's AR(1) Gaussian prior on the inputs) with the same linear generator, trained on the same data with the same optimiser.`,
  `The autonomous system (b) is the sparse system's dynamics with no input events, ${AUTONOMOUS_SYSTEM.trials} trials of ${AUTONOMOUS_SYSTEM.T} bins and n = m = 3, not the paper's LDS toy (n = 8, m = 3, n_o = 8, 56 trials): the official code's pre-trial bins need n to be a multiple of m. On this page it trains live like the sparse system (pick it under System); the headline reports the share of the inferred input energy in the pre-trial bin, a number the paper does not give (§3.1 says the inputs migrate there).`,
  "The official code's pre-trial bins load every latent dimension only when n = m² (their index is ⌊j/(n/m)⌋, which runs to m − 1): with the paper's Lorenz model (n = 20, m = 5) dimensions 16–19 are never set by a pre-trial input. We keep the code's matrices (core/model.ts preBinMatrix); with n = m the code has no pre-trial wrapper and neither do we (z₁ = u₀).",
  "From a cold start (zero inputs) with the trained heavy-tailed prior, dilqr's regularisation needs a large μ (about 10²) at every iteration, because the prior's negative curvature at input events propagates through V_xx, and iLQR then converges slowly (dozens to more than 100 iterations at T = 1000); warm-started from the previous solution, as in training, it needs about one. The experiment reports both.",
  // the Lorenz system (c), §3.2 (numbers checked against core/lorenz.ts by differences.test.ts, which the page's chunk must not import)
  `The Lorenz model (c) is not trained on this page: scripts/train/ilqr.ts trains it offline and the page ships its checkpoint (weights/lorenz.json; the page names its steps and minutes from lorenz.manifest.json). Each Adam step uses a minibatch of 16 of the 112 training trials, where the official code uses them all, and it trains for the number of steps the page names, on our machine's time budget rather than the paper's schedule.`,
  `Lorenz data: the trials are cut from one long trajectory as the official generate_from_long does, but after a 1000-step burn-in (the code keeps the transient in its first chunk) and drawn from 10 chunks per trial (the code: 100); the ${LORENZ_TEST_TRIALS} held-out test trials on which R²ₖ is computed are ours (the paper gives no count).`,
  'Lorenz free run: the paper says a 10⁴-step free run stays on the attractor; we measure it (ours): the share of its points, after the first 1000 steps, that lie as close to the clean attractor as held-out clean trajectories do (within their 99th-percentile distance), and its spread per coordinate against the attractor\'s.',
  'Not built yet: the Duffing oscillator with Poisson neurons (d).',
];
