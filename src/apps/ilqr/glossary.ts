/** The terms the iLQR-VAE page uses, explained once (tooltips and the explainer's glossary). */
export const GLOSSARY = {
  iLQR: 'Iterative linear-quadratic regulator: an optimal-control solver. It linearises the dynamics and takes a quadratic view of the cost around the current input sequence, solves that exactly by a backward pass, and repeats until the cost stops falling.',
  'u*': 'The most likely input sequence given a trial’s observations and the current model: the solution iLQR finds, used as the posterior mean.',
  ELBO: 'Evidence lower bound: the training objective of a variational autoencoder. Higher is better; the page shows −ELBO per time bin and observed channel (lower is better).',
  LFADS: 'Latent Factor Analysis via Dynamical Systems: a VAE whose encoder is a recurrent network that reads the whole trial (amortised inference). The paper’s baseline.',
  'R²': 'Fraction of the true inputs’ variance explained by a linear regression on the inferred ones (1 = perfect, 0 = no better than their mean). The regression is needed because the model is identified only up to a change of basis.',
  'Student-t': 'A heavy-tailed prior on the inputs: most inputs near zero, a few large. It matches sparse input events better than a Gaussian.',
  Eigenvalues: 'Of the learned dynamics matrix A: their distance from 0 says how slowly activity decays (|λ| < 1 is stable), their angle how fast it rotates.',
} as const;

export const GLOSSARY_TERMS = Object.entries(GLOSSARY).map(([term, tip]) => ({ term, tip }));
