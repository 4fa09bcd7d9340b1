import { describe, expect, it } from 'vitest';
import { parseUrlState } from '../../shared/state';
import { expectUrlSchemaContract } from '../../shared/state/testing';
import { DEFAULTS, settingsProblem } from './core/settings';
import { DUFFING_LIVE, inapplicableSettings, LORENZ_TEST_TRIALS, SYSTEM_SIZES, systemSettingsProblem } from './core/systems';
import { AUTONOMOUS_SYSTEM } from './core/sparse';
import { ilqrSchema, switchSystem } from './store';

describe('ilqr link state', () => {
  it('keeps the link contract: non-default settings round-trip, defaults give an empty link, bad values fall back with a notice', () => {
    expectUrlSchemaContract(ilqrSchema, {
      nonDefault: { system: 'autonomous', prior: 'gaussian', trials: 4, bins: 500, noise: 0.3, lr: 0.01, steps: 300, implicit: false, trial: 3, from: 45, az: -120, el: 60, seed: 9 },
      bad: { system: 'vanderpol', prior: 'laplace', trials: '0', bins: '5000', noise: 'x', lr: '-1', steps: '1', implicit: 'maybe', trial: '99', from: ['0', '100'], az: '181', el: '90' },
    });
  });

  it('defaults to the sparse-input system of the paper: 10 trials of 200 bins, Student-t prior, c = 0.04', () => {
    const d = ilqrSchema.defaults;
    expect([d.system, d.prior, d.trials, d.bins, d.lr, d.implicit]).toEqual(['sparse', 'student', 10, 200, 0.04, true]);
    expect(settingsProblem(d)).toBeNull();
    expect(systemSettingsProblem(d)).toBeNull();
    expect(settingsProblem({ trials: 20, bins: 1000 })).toContain('keep trials × bins at most 4000');
    expect(DEFAULTS.steps).toBe(d.steps);
  });

  it('opens links made before the system picker (version 1, no system) as the sparse system with their own settings', () => {
    for (const old of ['v=1&prior=gaussian&trials=5&bins=300&steps=40&trial=2&seed=11', '#/ilqr?v=1&trials=4&noise=0.3', 'v=1&implicit=false']) {
      const { values, notices } = parseUrlState(ilqrSchema, old);
      expect(notices, old).toEqual([]);
      expect(values.system, old).toBe('sparse');
      expect(values.from).toBe(ilqrSchema.defaults.from);
    }
    expect(parseUrlState(ilqrSchema, 'v=1&prior=gaussian&trials=5&bins=300&steps=40&trial=2&seed=11').values).toMatchObject({ prior: 'gaussian', trials: 5, bins: 300, steps: 40, trial: 2, seed: 11 });
  });

  it('names the bad combinations of each system', () => {
    const d = ilqrSchema.defaults;
    // the live systems: the trials × bins rule
    expect(systemSettingsProblem({ ...d, system: 'autonomous', trials: 20, bins: 1000 })).toContain('keep trials × bins at most 4000');
    // the Lorenz views: the trial must be one of the checkpoint's test trials; the training settings do not apply (and are not a problem)
    expect(systemSettingsProblem({ ...d, system: 'lorenz', trial: 17 })).toBe(`The Lorenz checkpoint is evaluated on ${LORENZ_TEST_TRIALS} test trials: trial 17 does not exist; pick a trial from 1 to 16.`);
    expect(systemSettingsProblem({ ...d, system: 'lorenz', trial: 16, trials: 20, bins: 1000 })).toBeNull();
    expect(inapplicableSettings('lorenz')?.keys).toContain('steps');
    expect(inapplicableSettings('sparse')).toBeNull();
    expect(inapplicableSettings('autonomous')).toBeNull();
    // the Duffing system: its own fixed set-up; the shown trial is one of its held-out trials
    expect(systemSettingsProblem({ ...d, system: 'duffing', trial: 17 })).toBe(`The Duffing run scores ${DUFFING_LIVE.testTrials} held-out trials: trial 17 does not exist; pick a trial from 1 to 16.`);
    expect(systemSettingsProblem({ ...d, system: 'duffing', trial: 16, trials: 20, bins: 1000 })).toBeNull();
    expect(inapplicableSettings('duffing')?.keys).toEqual(['prior', 'trials', 'bins', 'noise', 'lr', 'implicit']);
    expect(inapplicableSettings('duffing')?.reason).toContain('only the steps and the seed apply');
  });

  it('a Duffing link keeps its system, seed, trial and steps; a malformed one falls back with a notice that names the value', () => {
    const { values, notices } = parseUrlState(ilqrSchema, 'v=1&system=duffing&seed=7&trial=4&steps=200');
    expect(notices).toEqual([]);
    expect(values).toMatchObject({ system: 'duffing', seed: 7, trial: 4, steps: 200 });
    const bad = parseUrlState(ilqrSchema, 'v=1&system=dufing&trial=4');
    expect(bad.values.system).toBe('sparse');
    expect(bad.notices).toHaveLength(1);
    expect(bad.notices[0]).toContain('dufing');
  });

  it('switching systems starts a live system from its own size unless trials and bins were set by hand, and clamps the Lorenz trial', () => {
    const d = ilqrSchema.defaults;
    expect(SYSTEM_SIZES.autonomous).toEqual({ trials: AUTONOMOUS_SYSTEM.trials, bins: AUTONOMOUS_SYSTEM.T });
    expect(switchSystem(d, 'autonomous')).toEqual({ system: 'autonomous', trials: 10, bins: 100 });
    expect(switchSystem({ ...d, system: 'autonomous', bins: 100 }, 'sparse')).toEqual({ system: 'sparse', trials: 10, bins: 200 });
    expect(switchSystem({ ...d, trials: 4, bins: 500 }, 'autonomous')).toEqual({ system: 'autonomous' });
    expect(switchSystem({ ...d, trial: 20 }, 'lorenz')).toEqual({ system: 'lorenz', trial: 16 });
    expect(switchSystem({ ...d, system: 'lorenz' }, 'autonomous')).toEqual({ system: 'autonomous', trials: 10, bins: 100 });
    // Duffing keeps the other settings (only steps and seed apply to it) and clamps the trial to its held-out ones
    expect(switchSystem({ ...d, trial: 20, steps: 300 }, 'duffing')).toEqual({ system: 'duffing', trial: DUFFING_LIVE.testTrials });
    expect(switchSystem({ ...d, system: 'duffing', trial: 3 }, 'sparse')).toEqual({ system: 'sparse', trials: 10, bins: 200 });
  });
});
