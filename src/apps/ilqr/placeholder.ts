/**
 * This demo is not built yet. The shell's landing page marks a demo "not built yet" while this file
 * exists (it only checks that the file is there): delete it when the real demo replaces index.tsx.
 */
export const PLACEHOLDER = {
  about: [
    'The model assumes a latent dynamical system that is pushed around by unknown inputs and observed through ' +
      'noisy measurements, such as the firing of recorded neurons.',
    'Instead of a neural-network encoder, the posterior mean of the inputs is the solution of an optimal-control ' +
      'problem: iLQR finds the input sequence that best explains the observations under the prior. Gradients ' +
      'flow through that solution, so the dynamics are learned at the same time.',
    'Because the encoder is an optimiser rather than a separate network, the model has fewer parameters and ' +
      'recovers sparse, event-like inputs that recurrent encoders miss.',
  ],
  plan: [
    'Generate a small linear system driven by sparse input events and watch iLQR recover when they happened.',
    'Train the dynamics live and follow the loss, the recovered inputs and the eigenvalues as they converge.',
    'Switch between a Gaussian and a heavy-tailed input prior and see which recovers sparse inputs better.',
  ],
};
