/**
 * The settings: which test example (generated from the seed) and the seed. A new example or seed
 * starts from the dataset's own C (a moved ball of another A would land anywhere).
 */
import { NumberField, type NumberSpec } from '../../../shared/ui/fields';
import { DATASET_SIZES } from '../core/dataset';
import { cophySchema, useCophyUrl } from '../store';

const EXAMPLE: NumberSpec = { label: 'Test example', min: 1, max: DATASET_SIZES.test, step: '1', int: true, help: `1–${DATASET_SIZES.test}, each filtered as the benchmark does` };
const SEED: NumberSpec = { label: 'Seed', min: 0, max: 2 ** 31 - 1, step: '1', int: true, help: 'the whole dataset: scenes, masses, do-operations, floors' };

export function Controls() {
  const v = useCophyUrl((s) => s.values);
  const set = useCophyUrl((s) => s.set);
  const d = cophySchema.defaults;
  return (
    <div className="field-stack">
      <NumberField spec={EXAMPLE} value={v.example} defaultValue={d.example} testId="cophy-example" onCommit={(example) => set({ example, edit: 'dataset', frame: 0 })} />
      <NumberField spec={SEED} value={v.seed} defaultValue={d.seed} testId="cophy-seed" onCommit={(seed) => set({ seed, edit: 'dataset', frame: 0 })} />
      <p className="small muted">
        The masses (1 or 10 per ball) are hidden from the model, as in the paper; the verdict panel can reveal them to you.
      </p>
    </div>
  );
}
