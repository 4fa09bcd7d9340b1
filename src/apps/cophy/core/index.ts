/** The React-free core of the Filtered-CoPhy demo (BallsCF): simulator, interventions, filter, dataset, renderer. */
export * from './simulator';
export * from './interventions';
export * from './filter';
export * from './dataset';
export * from './render';
