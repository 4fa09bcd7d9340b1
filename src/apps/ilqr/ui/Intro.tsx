/**
 * Above the settings: what the demo does in two sentences and, when the page was opened from a
 * shared link, what that link changed.
 */
import { SharedLinkNote } from '../../../shared/ui/SharedLinkBanner';
import { Term } from '../../../shared/ui/Term';
import { GLOSSARY } from '../glossary';
import { ilqrSchema, useIlqrUrl, type IlqrUrlValues } from '../store';

/** How a changed setting reads in the banner, with the paper's or the default value beside it. */
function describe(key: keyof IlqrUrlValues, v: IlqrUrlValues): string | undefined {
  const d = ilqrSchema.defaults;
  switch (key) {
    case 'prior':
      return `${v.prior === 'gaussian' ? 'Gaussian' : 'Student-t'} prior (paper: Student-t)`;
    case 'trials':
      return `${v.trials} trials (default ${d.trials})`;
    case 'bins':
      return `${v.bins} bins per trial (default ${d.bins})`;
    case 'noise':
      return `noise σ ${v.noise} (default ${d.noise})`;
    case 'lr':
      return `c ${v.lr} (paper ${d.lr})`;
    case 'steps':
      return `${v.steps} steps (default ${d.steps})`;
    case 'implicit':
      return v.implicit ? 'gradient through u*' : 'u* held constant in the gradient';
    case 'trial':
      return `showing trial ${v.trial}`;
    default:
      return undefined;
  }
}

export function Intro() {
  return (
    <>
      <SharedLinkNote schema={ilqrSchema} store={useIlqrUrl} describe={describe} action="press Run to reproduce it: the same seed gives the same numbers" />
      <p>
        Hidden inputs kick a small dynamical system, and all we see are noisy mixtures of its state. iLQR-VAE learns the dynamics
        and, for every trial, solves an optimal-control problem (<Term tip={GLOSSARY.iLQR}>iLQR</Term>) to find the inputs that best
        explain what was seen. Press <strong>Run</strong> to train it in your browser and watch the inferred inputs line up with the
        true ones.
      </p>
    </>
  );
}
