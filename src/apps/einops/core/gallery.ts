import type { EinopsRequest } from './types';

/** One click in the gallery: the paper's and the einops tutorial's uses, each on a demo input. */
export interface GalleryEntry extends EinopsRequest {
  id: string;
  title: string;
  /** One line: why one would write this. */
  why: string;
}

const base = { reduction: 'mean', lengths: '' } as const;

export const GALLERY: readonly GalleryEntry[] = [
  {
    ...base,
    id: 'transpose',
    title: 'Transpose',
    why: 'Swap height and width: every letter is mirrored along its diagonal, the batch stays in place.',
    op: 'rearrange',
    pattern: 'b h w c -> b w h c',
    input: 'letters',
  },
  {
    ...base,
    id: 'batch-into-width',
    title: 'Batch into width',
    why: 'Compose batch and width into one axis: the six images become one wide image that reads "einops".',
    op: 'rearrange',
    pattern: 'b h w c -> h (b w) c',
    input: 'letters',
  },
  {
    ...base,
    id: 'batch-into-grid',
    title: 'Batch into a 2×3 grid',
    why: 'Decompose the batch axis into rows and columns, then compose each with a spatial axis.',
    op: 'rearrange',
    pattern: '(b1 b2) h w c -> (b1 h) (b2 w) c',
    lengths: 'b1=2',
    input: 'letters',
  },
  {
    ...base,
    id: 'space-to-depth',
    title: 'Space-to-depth',
    why: 'Move every 2×2 block of pixels into channels: half the resolution, four times the channels.',
    op: 'rearrange',
    pattern: 'b (h h1) (w w1) c -> b h w (c h1 w1)',
    lengths: 'h1=2, w1=2',
    input: 'letters',
  },
  {
    ...base,
    id: 'depth-to-space',
    title: 'Depth-to-space (and back)',
    why: 'The exact inverse of space-to-depth: the same pattern with the sides swapped restores the letters.',
    op: 'rearrange',
    pattern: 'b h w (c h1 w1) -> b (h h1) (w w1) c',
    lengths: 'h1=2, w1=2',
    input: 'depth',
  },
  {
    ...base,
    id: 'pixel-shuffle',
    title: 'Pixel shuffle, order mixed up',
    why: 'ESPCN upsampling reads channels as (c h1 w1); reading them as (h1 w1 c) silently scrambles colours.',
    op: 'rearrange',
    pattern: 'b h w (h1 w1 c) -> b (h h1) (w w1) c',
    lengths: 'h1=2, w1=2',
    input: 'depth',
  },
  {
    ...base,
    id: 'vit-patches',
    title: 'ViT patches as tokens',
    why: 'Cut each image into 16×16 patches and flatten each into one token: (6, 36 tokens, 768 features).',
    op: 'rearrange',
    pattern: 'b (h p1) (w p2) c -> b (h w) (p1 p2 c)',
    lengths: 'p1=16, p2=16',
    input: 'letters',
  },
  {
    ...base,
    id: 'vit-patch-grid',
    title: 'ViT patches, laid out',
    why: 'The same cut, but the patches are stacked as a batch so each one can be seen.',
    op: 'rearrange',
    pattern: 'b (h p1) (w p2) c -> (b h w) p1 p2 c',
    lengths: 'p1=32, p2=32',
    input: 'letters',
  },
  {
    ...base,
    id: 'max-pool',
    title: 'Max-pool 4×4 with reduce',
    why: '4×4 max-pooling is a reduce over the two small axes of a decomposition: each 96×96 letter becomes 24×24.',
    op: 'reduce',
    reduction: 'max',
    pattern: 'b (h h2) (w w2) c -> b h w c',
    lengths: 'h2=4, w2=4',
    input: 'letters',
  },
  {
    ...base,
    id: 'global-avg-pool',
    title: 'Global average pool',
    why: 'Average over height and width: one mean colour per letter, shape (6, 3).',
    op: 'reduce',
    reduction: 'mean',
    pattern: 'b h w c -> b c',
    input: 'letters',
  },
  {
    ...base,
    id: 'mean-letter',
    title: 'Mean over the batch',
    why: 'Reduce the batch axis away: the six letters blend into one image.',
    op: 'reduce',
    reduction: 'mean',
    pattern: 'b h w c -> h w c',
    input: 'letters',
  },
  {
    ...base,
    id: 'split-heads',
    title: 'Split heads for attention',
    why: 'Treat each row as a token; split its (w c) features into 4 heads and move heads next to the batch.',
    op: 'rearrange',
    pattern: 'b t (head w) c -> (b head) t w c',
    lengths: 'head=4',
    input: 'letters',
  },
  {
    ...base,
    id: 'upsample-repeat',
    title: 'Upsample with repeat',
    why: 'Nearest-neighbour upsampling is a repeat into (h 2) (w 2); the order inside the group matters.',
    op: 'repeat',
    pattern: 'b h w c -> b (h 2) (w 2) c',
    input: 'letters',
  },
  {
    ...base,
    id: 'pack-class-token',
    title: 'Pack a class token',
    why: 'Prepend one token per image (its mean colour) to the 9216 pixel tokens, then unpack them again.',
    op: 'pack',
    pattern: 'b * c',
    input: 'letters',
  },
  {
    ...base,
    id: 'einsum-attention',
    title: 'einsum attention scores',
    why: 'Rows as queries and keys: score(h, h2) = Σ over w, c of q·k, one 96×96 map per letter.',
    op: 'einsum',
    pattern: 'b h w c, b h2 w c -> b h h2',
    input: 'letters',
  },
  {
    ...base,
    id: 'numbers-flatten',
    title: 'Where each number goes',
    why: 'On arange(24): the composite (a b) is row-major, so a varies slowest.',
    op: 'rearrange',
    pattern: 'a b c -> c (a b)',
    input: 'numbers',
  },
];

export function findGalleryEntry(id: string): GalleryEntry | undefined {
  return GALLERY.find((e) => e.id === id);
}
