/** Above the settings: what the demo does in two sentences, and what a shared link changed. */
import { SharedLinkNote } from '../../../shared/ui/SharedLinkBanner';
import { DATASET_NAMES } from '../core/datasets';
import { grammarSchema, useGrammarUrl, type GrammarUrlValues } from '../store';

function describe(key: keyof GrammarUrlValues, v: GrammarUrlValues): string | undefined {
  const d = grammarSchema.defaults;
  switch (key) {
    case 'dataset':
      return `${DATASET_NAMES[v.dataset]} (default ${DATASET_NAMES[d.dataset]})`;
    case 'n':
      return `N = ${v.n} molecules (default ${d.n})`;
    case 'epochs':
      return `${v.epochs} REINFORCE epochs (default ${d.epochs})`;
    case 'rewardSamples':
      return `${v.rewardSamples} samples per grammar for the reward (default ${d.rewardSamples})`;
    default:
      return undefined;
  }
}

export function Intro() {
  return (
    <>
      <SharedLinkNote schema={grammarSchema} store={useGrammarUrl} describe={describe} action="press Build grammar to reproduce it: the same seed gives the same grammar and molecules" />
      <p>
        From about a dozen example molecules, DEG learns a graph grammar: it contracts each molecule bond by bond and ring by ring,
        and every contracted piece becomes a production rule. Applying the rules generates new molecules that are valid by
        construction; press <strong>Build grammar</strong> to do it in your browser, then <strong>Run</strong> to tune with REINFORCE
        which pieces are contracted.
      </p>
    </>
  );
}
