import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types (it must run before anything is compiled)
import { parsePlaywrightText, parseVitestText, stripAnsi, vitestTotals } from './test.mjs';

describe('npm test summary parsing', () => {
  it('strips colours', () => {
    expect(stripAnsi('\u001b[32m✓\u001b[39m ok \u001b[1m\u001b[31m1 failed\u001b[39m\u001b[22m')).toBe('✓ ok 1 failed');
  });
  it('reads Vitest totals', () => {
    const out = '\u001b[2m Test Files \u001b[22m \u001b[1m\u001b[31m1 failed\u001b[39m\u001b[22m\u001b[2m | \u001b[22m\u001b[1m\u001b[32m3 passed\u001b[39m\u001b[22m\u001b[90m (4)\u001b[39m\n\u001b[2m      Tests \u001b[22m \u001b[1m\u001b[31m2 failed\u001b[39m\u001b[22m\u001b[2m | \u001b[22m\u001b[1m\u001b[32m40 passed\u001b[39m\u001b[22m\u001b[90m (42)\u001b[39m\n';
    expect(parseVitestText(out)).toEqual({ passed: 40, failed: 2 });
    expect(parseVitestText('      Tests  7 passed (7)\n')).toEqual({ passed: 7, failed: 0 });
    expect(parseVitestText('Error: no test files found')).toBeNull();
  });
  it('reads Playwright totals, counting flaky as passed and timed-out as failed', () => {
    expect(parsePlaywrightText('  1 failed\n    [webgl] › a.spec.ts:3:1 › x\n  2 flaky\n  30 passed (41.2s)\n')).toEqual({ passed: 32, failed: 1 });
    expect(parsePlaywrightText('  12 passed (20s)\n')).toEqual({ passed: 12, failed: 0 });
    expect(parsePlaywrightText('Error: Chromium not found')).toBeNull();
  });
});

describe('Vitest JSON totals', () => {
  it('counts failing tests once and files that broke without a failing test', () => {
    const report = {
      numPassedTests: 10,
      numFailedTests: 2,
      testResults: [
        { status: 'failed', assertionResults: [{ status: 'passed' }, { status: 'failed' }, { status: 'failed' }] },
        { status: 'failed', assertionResults: [] },
        { status: 'passed', assertionResults: [{ status: 'passed' }] },
      ],
    };
    expect(vitestTotals(report)).toEqual({ passed: 10, failed: 3 });
  });
});
