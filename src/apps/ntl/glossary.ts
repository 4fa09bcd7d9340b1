/** The terms the NTL page uses, explained once (tooltips and the explainer's glossary). */
export const GLOSSARY = {
  SL: 'Supervised learning: normal training on the source with cross-entropy only. The reference model every NTL number is compared with.',
  NTL: 'Non-Transferable Learning: training that keeps the source accuracy while pushing a chosen target domain (or everything but the source) away.',
  MMD: 'Maximum mean discrepancy: how far apart two sets of features are, measured with Gaussian kernels. NTL multiplies the target loss by it.',
  Φ: 'The feature extractor: the first layers of the network, whose output MMD compares.',
  L_S: 'The loss on source images (cross-entropy, which NTL keeps low).',
  L_T: 'The loss on target images (which NTL pushes up).',
  FTAL: 'Fine-tune all layers: the attacker retrains the whole stolen model on its own clean data.',
  RTAL: 'Re-initialise the last layer, then fine-tune all layers.',
  EWC: 'Elastic weight consolidation (REFIT\'s attack): fine-tune while a penalty keeps the weights that matter for the task near the stolen ones, so the task survives and the rest may forget the mark.',
  AU: 'Augmented unlabelled data (REFIT\'s attack): fine-tune on augmented copies of the attacker\'s images, labelled by the stolen model itself.',
  Patch: 'The ownership patch: +20 of 255 on the red channel of every pixel whose row or column index is even; invisible at normal size.',
} as const;

export const GLOSSARY_TERMS = Object.entries(GLOSSARY).map(([term, tip]) => ({ term: term.replace('_', ' '), tip }));
