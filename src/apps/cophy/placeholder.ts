/**
 * This demo is not built yet. The shell's landing page marks a demo "not built yet" while this file
 * exists (it only checks that the file is there): delete it when the real demo replaces index.tsx.
 */
export const PLACEHOLDER = {
  about: [
    'Each example pairs an observed run (a start frame and its video) with a counterfactual run that starts from ' +
      'the same scene after a visible change, such as a ball moved or a block removed. Object masses are never ' +
      'shown; the model has to work them out from how the first video played.',
    'The model first learns, without labels, to turn frames into a few keypoints plus coefficients and back ' +
      'into pixels. A recurrent graph network then estimates the hidden properties from the observed run and ' +
      'rolls the counterfactual forward in that keypoint space.',
    'The benchmark keeps only scenes where the hidden masses can be identified from the observed run and ' +
      'actually change the outcome; the paper names the dataset after this filtering.',
  ],
  plan: [
    'Move or remove a ball in a simulated top-down box and see the simulator’s true outcome next to the model’s prediction.',
    'Compare against simple baselines (copy the last observed frame, or ignore the hidden masses) with PSNR per frame.',
    'See which generated scenes the identifiability and counterfactuality filters keep, and why.',
  ],
};
