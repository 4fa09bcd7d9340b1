/**
 * Above the settings: what the demo does in two sentences and, when the page was opened from a
 * shared link, what that link changed.
 */
import { SharedLinkNote } from '../../../shared/ui/SharedLinkBanner';
import { Term } from '../../../shared/ui/Term';
import { MODE_LABELS } from '../core/settings';
import { GLOSSARY } from '../glossary';
import { ntlSchema, useNtlUrl, type NtlUrlValues } from '../store';

/** How a changed setting reads in the banner, with the paper's or the default value beside it. */
function describe(key: keyof NtlUrlValues, v: NtlUrlValues): string | undefined {
  const d = ntlSchema.defaults;
  switch (key) {
    case 'mode':
      return MODE_LABELS[v.mode];
    case 'source':
      return `source ${v.source}`;
    case 'target':
      return `target ${v.target}`;
    case 'alpha':
      return `α ${v.alpha} (paper ${d.alpha})`;
    case 'beta':
      return `β ${v.beta} (paper ${d.beta})`;
    case 'loss':
      return v.loss === 'code' ? "the official code's loss form" : "the paper's loss form";
    case 'lr':
      return `learning rate ${v.lr} (default ${d.lr})`;
    case 'steps':
      return `${v.steps} steps (default ${d.steps})`;
    case 'batch':
      return `batch ${v.batch} (paper ${d.batch})`;
    case 'baseline':
      return v.baseline ? 'with the SL reference' : 'no SL reference';
    case 'prune':
      return `pruning ${v.prune}%`;
    default:
      return undefined;
  }
}

export function Intro() {
  return (
    <>
      <SharedLinkNote schema={ntlSchema} store={useNtlUrl} describe={describe} action="press Run to reproduce it: the same seed gives the same numbers" />
      <p>
        A <Term tip={GLOSSARY.NTL}>non-transferable</Term> model works on the domain it was trained for and fails on the
        domains you forbid, so the model itself limits where it can be used. Press <strong>Run</strong> to train one in your
        browser next to a normal model, and watch the forbidden domain fall to chance while the source stays intact.
      </p>
    </>
  );
}
