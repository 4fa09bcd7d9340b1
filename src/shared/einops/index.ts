/**
 * einops for tfjs: rearrange, reduce, repeat, einsum, pack, unpack, parseShape (issue #3), with the
 * reference library's semantics (spec: /work/shared/papers/einops.md) and one error type.
 */
export { EinopsError } from './errors';
export { rearrange, reduce, repeat } from './ops';
export type { AxesLengths, Reduction } from './ops';
export { einsum } from './einsum';
export { pack, unpack } from './packing';
export { parseShape } from './parseShape';
export { clearCaches, cacheSizes } from './recipe';
export { explain, toPythonCall } from './explain';
export type { Explanation, ExplainStep, ExplainStepOp, ExplainOptions } from './explain';
