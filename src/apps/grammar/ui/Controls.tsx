/**
 * The settings: the training set, N, the REINFORCE run and the seed. Every value is in the link
 * (store.ts); a change makes a new run, and while a run is in progress they are locked.
 */
import { NumberField, SelectField, type NumberSpec } from '../../../shared/ui/fields';
import { RunLockFieldset } from '../../../shared/ui/live/RunLock';
import { DATASET_NAMES, datasetSmiles } from '../core/datasets';
import { DATASET_IDS, LIMITS, settingsProblem } from '../core/settings';
import { grammarSchema, useGrammarUrl, type GrammarUrlValues } from '../store';
import { usePasted } from './liveStore';

type NumKey = 'n' | 'epochs' | 'rewardSamples' | 'seed';

const NUM_FIELDS: Record<NumKey, NumberSpec> = {
  n: { label: 'Molecules to generate (N)', min: LIMITS.n[0], max: LIMITS.n[1], step: '50', int: true, help: 'distinct; the paper: 10,000' },
  epochs: { label: 'REINFORCE epochs', min: LIMITS.epochs[0], max: LIMITS.epochs[1], step: '1', int: true, help: 'one step each; 5 grammars per epoch' },
  rewardSamples: { label: 'Samples per grammar for the reward', min: LIMITS.rewardSamples[0], max: LIMITS.rewardSamples[1], step: '10', int: true, help: 'ours: 100' },
  seed: { label: 'Seed', min: 0, max: 2 ** 31 - 1, step: '1', int: true, help: 'F_θ, construction, sampling' },
};

const sizes = Object.fromEntries(DATASET_IDS.map((id) => [id, datasetSmiles(id).length])) as Record<(typeof DATASET_IDS)[number], number>;

export function Controls() {
  const v = useGrammarUrl((s) => s.values);
  const set = useGrammarUrl((s) => s.set);
  const pasted = usePasted((s) => s.text !== null);
  const defaults = grammarSchema.defaults;
  const problem = settingsProblem({ ...v, pasted });
  const num = (k: NumKey) => (
    <NumberField spec={NUM_FIELDS[k]} testId={`grammar-${k}`} value={v[k]} defaultValue={defaults[k]} onCommit={(x) => set({ [k]: x } as Partial<GrammarUrlValues>)} />
  );
  return (
    <RunLockFieldset idPrefix="grammar">
      <SelectField
        label="Training set"
        testId="grammar-dataset"
        value={v.dataset}
        defaultValue={defaults.dataset}
        options={DATASET_IDS}
        text={(id) => `${DATASET_NAMES[id]}: ${sizes[id]} molecules`}
        onChange={(dataset) => set({ dataset })}
        help={pasted ? 'not used while your pasted list is in use' : 'the paper’s four sets (MIT licence)'}
      />
      <div className="field-row">
        {num('n')}
        {num('epochs')}
      </div>
      {problem && (
        <p className="field-error" role="alert" data-testid="grammar-settings-problem">
          {problem}
        </p>
      )}
      <div className="field-row">{num('seed')}</div>
      <details className="fold" open={v.rewardSamples !== defaults.rewardSamples || undefined} data-testid="grammar-advanced">
        <summary>Advanced: the reward's sample size</summary>
        <div className="fold-body">{num('rewardSamples')}</div>
      </details>
    </RunLockFieldset>
  );
}
