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
    case 'system':
      return v.system === 'lorenz'
        ? 'the Lorenz attractor (shipped checkpoint)'
        : v.system === 'autonomous'
          ? 'the autonomous system (no input events)'
          : v.system === 'duffing'
            ? 'the Duffing oscillator seen through spikes'
            : 'the sparse-input system';
    case 'from':
      return `predicting from bin ${v.from} (default ${d.from})`;
    case 'az':
      return `3-D view turned to azimuth ${v.az}°`;
    case 'el':
      return `3-D view at elevation ${v.el}°`;
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
      return v.system === 'lorenz' ? `showing test trial ${v.trial}` : v.system === 'duffing' ? `showing held-out trial ${v.trial}` : `showing trial ${v.trial}`;
    default:
      return undefined;
  }
}

export function Intro() {
  const system = useIlqrUrl((s) => s.values.system);
  return (
    <>
      <SharedLinkNote
        schema={ilqrSchema}
        store={useIlqrUrl}
        describe={describe}
        action={system === 'lorenz' ? 'the views below show that trial and view' : 'press Run to reproduce it: the same seed gives the same numbers'}
      />
      {system === 'lorenz' ? (
        <p>
          A chaotic system, the Lorenz attractor, seen through noisy observations. An iLQR-VAE trained offline learned its dynamics; here
          iLQR infers each test trial's inputs live in your browser, and you can watch the model predict the trajectory on its own, bins
          ahead, and run freely in 3-D.
        </p>
      ) : system === 'duffing' ? (
        <p>
          An oscillator is knocked onto a new orbit once, at a hidden moment in each trial, and all we see are the spikes of neurons that
          follow it. iLQR-VAE learns the oscillation from the spikes alone; for every trial <Term tip={GLOSSARY.iLQR}>iLQR</Term> then
          infers the inputs that explain them. Press <strong>Run</strong> and watch the largest inferred input land on the moment of the
          perturbation.
        </p>
      ) : system === 'autonomous' ? (
        <p>
          Nothing drives this system but its initial state, and all we see are noisy mixtures of it. iLQR-VAE learns the dynamics and,
          for every trial, solves an optimal-control problem (<Term tip={GLOSSARY.iLQR}>iLQR</Term>) for the inputs that best explain what
          was seen. Press <strong>Run</strong> and watch the inputs it infers move into the first, pre-trial bin.
        </p>
      ) : (
        <p>
        Hidden inputs kick a small dynamical system, and all we see are noisy mixtures of its state. iLQR-VAE learns the dynamics
        and, for every trial, solves an optimal-control problem (<Term tip={GLOSSARY.iLQR}>iLQR</Term>) to find the inputs that best
        explain what was seen. Press <strong>Run</strong> to train it in your browser and watch the inferred inputs line up with the
        true ones.
        </p>
      )}
    </>
  );
}
