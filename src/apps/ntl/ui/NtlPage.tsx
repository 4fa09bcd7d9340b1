/**
 * Route #/ntl: train a small digit CNN with (or without) Non-Transferable Learning, live, in a Web
 * Worker, and watch the target domain break while the source stays intact.
 */
import { DemoFrame, useUrlFrameProps } from '../../../shared/ui/DemoFrame';
import { DifferencesList } from '../../../shared/ui/DifferencesList';
import { Equation } from '../../../shared/ui/Equation';
import { paramCount } from '../core';
import { LATER_ATTACKS } from '../paper';
import { useNtlUrl } from '../store';
import { Controls } from './Controls';
import { PaperTable } from './PaperTable';
import { TrainingPanel } from './TrainingPanel';
import './ntl.css';

const DIFFERENCES = [
  `The model is a ${paramCount().toLocaleString('en-US')}-parameter CNN (two conv blocks for Φ, a conv block and two dense layers for Ω) trained from scratch in your browser; the paper fine-tunes an ImageNet-pretrained VGG11 (digits) or VGG13/19. Compare relative drops, not absolute accuracies.`,
  'Three of the first layer\'s eight filters start as dormant colour-opponent units (R−G, G−B, B−R) that the next layer initially ignores: our stand-in for the colour-sensitive early filters of the paper\'s ImageNet-pretrained VGG. Grey source digits never activate them, so SL trains as without them; NTL\'s target terms can recruit them. Without them, a from-scratch CNN did not react to the faint ownership patch at all in the core\'s tests (see core/model.ts).',
  'The digits are drawn procedurally from strokes and a seed, not taken from MNIST, MNIST-M, SVHN or USPS: S is MNIST-like white strokes on black, T1 puts the same masks over colour textures (the MNIST-M recipe with textures instead of photo patches), T2 imitates SVHN (colour digits, cut-off neighbours, blur, noise), T3 imitates USPS (bold, box-filling, blurred).',
  'Source-only NTL and applicability authorization use procedural neighbour domains (S pushed 1–5 steps along hue, texture, blur/contrast and stroke/affine: the same 5 × 4 grid size as the paper) in place of the paper\'s conditional-GAN samples.',
  'Training is short: 200 steps of 32 source + 32 target images by default (1,500 training images per domain, 300 test images per domain), Adam at 2e-3 with no decay; the paper trains 30 epochs on 5k images with Adam 1e-4 × 0.999 per step.',
  'MMD is taken on Φ\'s flattened 8 × 8 × 16 output (1,024 numbers); the paper takes it on a VGG block\'s output (256 × 8 × 8). The kernel (five Gaussians around the mean pairwise distance, without gradient) and α = α′ = 0.1, β = β′ = 1 follow the official code; here α′ and β′ are fixed.',
  'The removal attacks are FTAL, RTAL, global magnitude pruning and overwriting (a second patch on another channel and lattice), with the attacker holding 10% of the clean source training data and fine-tuning for 60–100 steps. The paper also runs EWC and AU, which are not implemented here.',
  'Here NTL trains from scratch next to the SL reference, so you can watch both from step 0; the paper (and this project\'s `npm run experiment -- ntl`) fine-tunes NTL from a trained model instead.',
  'Accuracies are measured on 150 test images per set at the checkpoints during training and on all 300 at the last step; the paper evaluates on 1k images per domain. The SL reference trains on the same data, seed and batches as the NTL model.',
];

function Explainer() {
  return (
    <div>
      <p>
        Non-Transferable Learning (Wang, Xu, Xu, Wang and Zhu, ICLR 2022) trains a model that works on its source domain and
        fails on a chosen target domain, so that the model itself restricts where it can be used. It keeps the source loss
        low while pushing up the target loss, weighted by how far apart the two domains' features are:
      </p>
      <Equation display tex={String.raw`\mathcal{L} \;=\; \mathcal{L}_S \;-\; \min\!\big(\beta,\; \alpha\cdot \mathcal{L}_T \cdot \mathcal{L}_{dis}\big),\qquad \mathcal{L}_{dis} \;=\; \min\!\big(\beta',\; \alpha' \cdot \mathrm{MMD}(\Phi(x_S),\, \Phi(x_T))\big)`} />
      <p>
        L<sub>S</sub> and L<sub>T</sub> are the KL divergences between the one-hot labels and the predictions (cross-entropy),
        Φ is the feature extractor and MMD the maximum mean discrepancy with a sum of five Gaussian kernels; α = α′ = 0.1 and
        β = β′ = 1. The official code writes it as KL<sub>S</sub> − clamp(0.1·KL<sub>T</sub>, ≤ 1)·clamp(0.1·MMD, ≤ 1) with
        PyTorch's <code>KLDivLoss</code>, which divides each term by the 10 classes: the "official code" loss form above.
      </p>
      <p>
        <strong>Target-specified NTL</strong> uses a real target domain. <strong>Source-only NTL</strong> has none and
        trains against synthetic neighbours of the source (a conditional GAN in the paper). <strong>Ownership
        verification</strong> makes "source + a faint patch" the target: the model then fails on patched images, which an
        owner can check on a suspect model, and the paper reports that this survives six watermark-removal attacks.{' '}
        <strong>Applicability authorization</strong> turns it around: only patched source images are classified, so the
        patch is a key.
      </p>
      <p className="ntl-warning">
        <strong>Later work breaks NTL.</strong>{' '}
        {LATER_ATTACKS.map((a, i) => (
          <span key={a.name}>
            {i > 0 ? ' ' : ''}
            {a.name} ({a.venue}) {a.what}.
          </span>
        ))}{' '}
        A non-transferable model is a deterrent, not a lock.
      </p>
    </div>
  );
}

export function NtlPage() {
  const frame = useUrlFrameProps(useNtlUrl);
  return (
    <DemoFrame
      paperId="ntl"
      {...frame}
      controls={<Controls />}
      paperTable={<PaperTable />}
      explainer={<Explainer />}
      differences={<DifferencesList items={DIFFERENCES} />}
    >
      <TrainingPanel />
    </DemoFrame>
  );
}
