/**
 * einops for tfjs: rearrange, reduce, repeat, einsum, pack, unpack, parseShape (issue #3), with the
 * semantics of the reference Python library (github.com/arogozhnikov/einops, documented at
 * einops.rocks) and of its paper (Rogozhnikov, "Einops: Clear and Reliable Tensor Manipulations with
 * Einstein-like Notation", ICLR 2022, openreview.net/forum?id=oapKSVM2bcj), and one error type.
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
