/** The React-free core of the Filtered-CoPhy demo (BallsCF): simulator, interventions, filter, dataset, renderer, de-rendering, keypoint states, CoDy, the model seam, metrics, evaluation and the mass probe. */
export * from './simulator';
export * from './interventions';
export * from './filter';
export * from './dataset';
export * from './render';
export * from './derendering';
export * from './derenderTrainer';
export * from './keypointAgreement';
export { DEFAULT_KEYPOINT_STRIDE, rawStateSize, extractStates, withVelocities, type ExampleStates, type StateLayout } from './keypointStates';
export * from './cody';
export * from './codyTrainer';
export * from './counterfactualModel';
export * from './codyDynamics';
export * from './metrics';
export * from './evaluate';
export * from './massProbe';
export * from './shippedModel';
