/**
 * The settings: the scenario (BallsCF, or one of part 2's 3-D scenarios), which test example
 * (generated from the seed) and the seed. A new scenario, example or seed starts from the dataset's own
 * C (a moved object of another A would land anywhere).
 */
import { NumberField, type NumberSpec } from '../../../shared/ui/fields';
import { DATASET_SIZES } from '../core/dataset';
import { cophySchema, useCophyUrl, type CophyUrlValues } from '../store';

const EXAMPLE: NumberSpec = { label: 'Test example', min: 1, max: DATASET_SIZES.test, step: '1', int: true, help: `1–${DATASET_SIZES.test}, each filtered as the benchmark does` };
const SEED: NumberSpec = { label: 'Seed', min: 0, max: 2 ** 31 - 1, step: '1', int: true, help: 'the whole dataset: scenes, masses, do-operations, floors' };

export const SCENARIOS: readonly { value: CophyUrlValues['scenario']; label: string; help: string }[] = [
  { value: 'balls', label: 'BallsCF', help: '3 balls bouncing in a box, 2-D' },
  { value: 'blocktower', label: 'BlocktowerCF', help: 'a tower of 4 cubes that may fall, 3-D' },
  { value: 'collision', label: 'CollisionCF', help: 'a ball and a cylinder launched at each other, 3-D' },
];

export function Controls() {
  const v = useCophyUrl((s) => s.values);
  const set = useCophyUrl((s) => s.set);
  const d = cophySchema.defaults;
  return (
    <div className="field-stack">
      <fieldset className="cophy-scenarios" data-testid="cophy-scenario">
        <legend>Scenario</legend>
        {SCENARIOS.map((s) => (
          <label key={s.value} className="field-check">
            <input
              type="radio"
              name="cophy-scenario"
              value={s.value}
              checked={v.scenario === s.value}
              data-testid={`cophy-scenario-${s.value}`}
              onChange={() => set({ scenario: s.value, edit: 'dataset', frame: 0 })}
            />
            {s.label} <span className="small muted">{s.help}</span>
          </label>
        ))}
      </fieldset>
      <NumberField spec={EXAMPLE} value={v.example} defaultValue={d.example} testId="cophy-example" onCommit={(example) => set({ example, edit: 'dataset', frame: 0 })} />
      <NumberField spec={SEED} value={v.seed} defaultValue={d.seed} testId="cophy-seed" onCommit={(seed) => set({ seed, edit: 'dataset', frame: 0 })} />
      <p className="small muted">
        The masses (1 or 10 per object) are hidden from the model, as in the paper; the verdict panel can reveal them to you.
      </p>
    </div>
  );
}
