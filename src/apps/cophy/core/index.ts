/** The React-free core of the Filtered-CoPhy demo (BallsCF): simulator, interventions, filter, dataset, renderer, de-rendering, keypoint states, CoDy. */
export * from './simulator';
export * from './interventions';
export * from './filter';
export * from './dataset';
export * from './render';
export * from './derendering';
export * from './derenderTrainer';
export * from './keypointAgreement';
export * from './keypointStates';
export * from './cody';
export * from './codyTrainer';
