/** tfjs start-up and helpers shared by every demo (see docs/contracts.md). */
export { registerWasmTrainingKernels, wasmTrainingKernelsRegistered, WASM_TRAINING_KERNELS } from './wasmKernels';
