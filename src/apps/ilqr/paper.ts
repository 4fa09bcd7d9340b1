/**
 * What the iLQR-VAE paper reports, for the "paper vs. this run" table and the headline: Schimel,
 * Kao, Jensen and Hennequin, "iLQR-VAE: control-based learning of input-driven dynamics with
 * applications to neural data", ICLR 2022, arXiv 2205.01210. The numbers were taken from notes on
 * the paper, not yet checked against the paper's own tables, so each is `verified: false` and the
 * page says so.
 */
import type { NumericClaim } from '../../shared/verdict';

export interface PaperClaim {
  metric: string;
  value: string;
  /** The metric of `experiment.ts` compared with it, where there is one. */
  runMetric?: string;
  claim?: NumericClaim;
  source: string;
  verified: boolean;
}

const where = (section: string) => `Schimel et al., ICLR 2022 (arXiv 2205.01210), ${section}; from notes on the paper, not yet checked against it`;

export const PAPER_CLAIMS = {
  inputR2: {
    metric: 'Sparse-input linear system: input R², iLQR-VAE',
    value: '0.94 ± 0.02 (5 seeds; one trial of 1000 bins)',
    runMetric: 'sparse.inputR2',
    claim: { direction: 'atLeast', bound: 0.94 },
    source: where('§3.3, Fig. 3'),
    verified: false,
  },
  lfadsInputR2: {
    metric: 'Sparse-input linear system: input R², LFADS (amortised RNN encoder)',
    value: '0.05 ± 0.02',
    runMetric: 'sparse.baselineInputR2',
    source: where('§3.3, Fig. 3'),
    verified: false,
  },
  tableS1: {
    metric: 'Input R² with 10 trials × 200 bins: iLQR-VAE / LFADS',
    value: '0.93 / 0.27',
    claim: { direction: 'atLeast', bound: 0.93 },
    source: where('Table S1'),
    verified: false,
  },
  lorenz: {
    metric: 'Lorenz attractor, k-step prediction R²₃₀ / R²₅₀',
    value: '0.998 / 0.996',
    source: where('§3.2'),
    verified: false,
  },
} satisfies Record<string, PaperClaim>;
