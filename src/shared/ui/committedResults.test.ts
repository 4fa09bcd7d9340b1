import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// committedResults.ts imports these keys from every src/apps/*/results/full.json by name; the
// production build fails on a file without one (it did once: a run made before the experiment
// reported its seeds), so this says which file and key first.
const IMPORTED_KEYS = ['metrics', 'seeds', 'backend', 'perSeed'];

describe('committed full results', () => {
  const apps = join(import.meta.dirname, '..', '..', 'apps');
  const files = readdirSync(apps)
    .map((id) => join(apps, id, 'results', 'full.json'))
    .filter((f) => existsSync(f));

  it('exist for the live training demos', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('%s has every key the pages import, with numeric metrics', (file) => {
    const result = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const key of IMPORTED_KEYS) expect(result, `${file} lacks "${key}"`).toHaveProperty(key);
    expect(Array.isArray(result.seeds) && (result.seeds as unknown[]).every(Number.isInteger)).toBe(true);
    expect(typeof result.backend).toBe('string');
    for (const [k, v] of Object.entries(result.metrics as Record<string, unknown>)) expect(typeof v, k).toBe('number');
  });
});
