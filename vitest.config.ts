import { defineConfig } from 'vitest/config';
import { buildDefines } from './scripts/buildInfo.ts';

export default defineConfig({
  define: buildDefines(import.meta.dirname),
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // tfjs keeps global state (backend, kernel registry); separate forks keep files independent.
    pool: 'forks',
  },
});
