/**
 * This demo is not built yet. The shell's landing page marks a demo "not built yet" while this file
 * exists (it only checks that the file is there): delete it when the real demo replaces index.tsx.
 */
export const PLACEHOLDER = {
  about: [
    'Two generators are called aligned when one is the other fine-tuned on a new domain, for example faces then ' +
      'dog faces. The paper studies what such a pair shares.',
    'The same latent code gives corresponding images in both: pose, expression and colours carry over, and edit ' +
      'directions found in the parent also work in the child, even between distant domains.',
    'Fine-tuning mostly changes the synthesis network’s convolutions; the mapping network barely moves. This ' +
      'makes cross-domain image translation and zero-shot editing simple.',
  ],
  plan: [
    'Walk one latent code through a small parent generator and its fine-tuned child, side by side.',
    'Apply an edit direction found in the parent and see whether it acts the same way in the child.',
    'Reset parts of the child to the parent’s weights and see which parts carry the new domain.',
  ],
};
