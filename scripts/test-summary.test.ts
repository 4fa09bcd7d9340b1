import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types (it must run before anything is compiled)
import { parsePlaywrightText, parseVitestText, playwrightFailures, stripAnsi, vitestFailures, vitestTotals } from './test.mjs';

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

describe('failure reasons in the summary', () => {
  it('names each failed Playwright test with the first line of its error, and only failed ones', () => {
    const report = {
      suites: [
        {
          file: 'ilqr.spec.ts',
          specs: [
            {
              title: 'a Lorenz link reopens',
              file: 'ilqr.spec.ts',
              line: 214,
              tests: [{ projectName: 'webgl', status: 'unexpected', results: [{ errors: [{ message: '\u001b[31mError: expect(locator).toHaveAttribute(expected)\u001b[39m\n\nLocator: x\n    at /a/b.ts:3:4', location: { file: 'ilqr.spec.ts', line: 288, column: 3 } }] }] }],
            },
            { title: 'passes', file: 'ilqr.spec.ts', line: 300, tests: [{ projectName: 'webgl', status: 'expected', results: [{ errors: [] }] }] },
          ],
          suites: [{ specs: [{ title: 'nested', file: 'ilqr.spec.ts', line: 9, tests: [{ projectName: 'no-webgl', status: 'unexpected', results: [{ errors: [] }] }] }] }],
        },
      ],
    };
    expect(playwrightFailures(report)).toEqual([
      '  [webgl] ilqr.spec.ts:214 › a Lorenz link reopens\n      Error: expect(locator).toHaveAttribute(expected) | Locator: x (line 288)',
      '  [no-webgl] ilqr.spec.ts:9 › nested\n      (no message)',
    ]);
    expect(playwrightFailures(report, 1)).toEqual(['  [webgl] ilqr.spec.ts:214 › a Lorenz link reopens\n      Error: expect(locator).toHaveAttribute(expected) | Locator: x (line 288)', '  … and 1 more']);
  });
  it('names each failed Vitest test, and a file that failed by itself, cutting long messages', () => {
    const report = {
      testResults: [
        { name: '/repo/src/a.test.ts', status: 'failed', assertionResults: [{ status: 'passed', fullName: 'ok' }, { status: 'failed', fullName: 'a fails', failureMessages: ['AssertionError: expected 1 to be 2\n    at x (/repo/src/a.test.ts:3:1)'] }] },
        { name: '/repo/src/b.test.ts', status: 'failed', message: 'x'.repeat(400), assertionResults: [] },
      ],
    };
    const lines = vitestFailures(report, '/repo');
    expect(lines[0]).toBe('  src/a.test.ts › a fails\n      AssertionError: expected 1 to be 2');
    expect(lines[1].startsWith('  src/b.test.ts (the file itself failed)\n      xxx')).toBe(true);
    expect(lines[1].endsWith('…')).toBe(true);
    expect(lines).toHaveLength(2);
  });
});
