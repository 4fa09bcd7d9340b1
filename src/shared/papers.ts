/**
 * Bibliographic facts about the six orals, shared by the landing page and each demo's header.
 * Plain data: importing this pulls in no tfjs, three or demo code.
 * Summaries and "what you can do" lines are our words, not the papers'.
 */

export type DemoId = 'cophy' | 'ntl' | 'grammar' | 'ilqr' | 'einops' | 'stylealign';

export const DEMO_IDS: readonly DemoId[] = ['cophy', 'ntl', 'grammar', 'ilqr', 'einops', 'stylealign'];

export interface PaperMeta {
  id: DemoId;
  /** Short name used on cards and in the page title. */
  shortTitle: string;
  /** The paper's full title. */
  title: string;
  authors: string[];
  venue: string;
  /** OpenReview forum id (text only; the app makes no network requests). */
  openreview: string;
  /** arXiv id, where the paper has one. */
  arxiv?: string;
  /** One or two sentences, in our words, on what the paper does. */
  summary: string;
  /** One sentence, in our words, on what the demo lets you do. */
  youCan: string;
}

export const PAPERS: Record<DemoId, PaperMeta> = {
  cophy: {
    id: 'cophy',
    shortTitle: 'Filtered-CoPhy',
    title: 'Filtered-CoPhy: Unsupervised Learning of Counterfactual Physics in Pixel Space',
    authors: ['Steeven Janny', 'Fabien Baradel', 'Natalia Neverova', 'Madiha Nadri', 'Greg Mori', 'Christian Wolf'],
    venue: 'ICLR 2022 (oral)',
    openreview: '1L0C5ROtFp',
    arxiv: '2202.00368',
    summary:
      'A model watches a short video of objects moving, is shown the first frame after someone intervenes ' +
      '(moves or removes an object), and must predict the whole counterfactual video in pixels, inferring ' +
      'hidden properties such as mass from what it saw.',
    youCan: 'Intervene on a simulated scene and compare the predicted "what if" video with the simulator\'s ground truth.',
  },
  ntl: {
    id: 'ntl',
    shortTitle: 'Non-Transferable Learning',
    title: 'Non-Transferable Learning: A New Approach for Model Ownership Verification and Applicability Authorization',
    authors: ['Lixu Wang', 'Shichao Xu', 'Ruiqi Xu', 'Xiao Wang', 'Qi Zhu'],
    venue: 'ICLR 2022 (oral)',
    openreview: 'tYRrOdSnVUy',
    arxiv: '2106.06916',
    summary:
      'Train a classifier that works on its own data but deliberately fails on chosen other domains, by pushing ' +
      'their features apart (MMD) while keeping source accuracy. This doubles as a watermark for ownership and ' +
      'as a key that authorises where a model may be used.',
    youCan: 'Train a digit classifier in your browser that refuses other digit styles, then try to remove its watermark.',
  },
  grammar: {
    id: 'grammar',
    shortTitle: 'Graph Grammar Learning',
    title: 'Data-Efficient Graph Grammar Learning for Molecular Generation',
    authors: ['Minghao Guo', 'Veronika Thost', 'Beichen Li', 'Payel Das', 'Jie Chen', 'Wojciech Matusik'],
    venue: 'ICLR 2022 (oral)',
    openreview: 'l4IHywGq6a',
    arxiv: '2203.08031',
    summary:
      'Learn a graph grammar (production rules that build molecules) from a few dozen example monomers, ' +
      'then generate new valid molecules of the same class by applying the rules.',
    youCan: 'Watch a grammar being learned from a handful of molecules and generate new ones from its rules.',
  },
  ilqr: {
    id: 'ilqr',
    shortTitle: 'iLQR-VAE',
    title: 'iLQR-VAE: control-based learning of input-driven dynamics with applications to neural data',
    authors: ['Marine Schimel', 'Ta-Chu Kao', 'Kristopher T. Jensen', 'Guillaume Hennequin'],
    venue: 'ICLR 2022 (oral)',
    openreview: 'wRODLDHaAiW',
    summary:
      'Infer the hidden inputs that drove a dynamical system by solving an optimal-control problem (iLQR) as the ' +
      'encoder of a variational autoencoder, and learn the dynamics at the same time.',
    youCan: 'Watch iLQR recover the inputs that drove a simulated neural population and learn its dynamics.',
  },
  einops: {
    id: 'einops',
    shortTitle: 'Einops',
    title: 'Einops: Clear and Reliable Tensor Manipulations with Einstein-like Notation',
    authors: ['Alex Rogozhnikov'],
    venue: 'ICLR 2022 (oral)',
    openreview: 'oapKSVM2bcj',
    summary:
      'One readable notation for reshaping, transposing, reducing and repeating tensors, checked against the ' +
      "tensor's shape, replaces error-prone chains of reshape and transpose.",
    youCan: 'Type an einops pattern and see the images or numbers it produces, the tfjs ops it runs, and its errors.',
  },
  stylealign: {
    id: 'stylealign',
    shortTitle: 'StyleAlign',
    title: 'StyleAlign: Analysis and Applications of Aligned StyleGAN Models',
    authors: ['Zongze Wu', 'Yotam Nitzan', 'Eli Shechtman', 'Dani Lischinski'],
    venue: 'ICLR 2022 (oral)',
    openreview: 'Qg2vi4ZbHM9',
    arxiv: '2110.11323',
    summary:
      'A StyleGAN fine-tuned from a parent to a child domain keeps semantically aligned latent spaces, so edits, ' +
      'latents and interpolations carry over between domains.',
    youCan: 'Move one latent code through a parent and a child generator side by side and see edits transfer.',
  },
};
