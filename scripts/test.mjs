#!/usr/bin/env node
/* global process, console */
// npm test: lint, type-check, unit tests (Vitest), build, end-to-end tests (Playwright), in order.
// Streams every tool's output, then prints a short summary and, as the very last line,
// "N passed, N failed" (tests of both runners; a lint, type or build failure counts as one failed item).
// Exit code 0 only when nothing failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const REPORTS = join(root, 'playwright-report');
const VITEST_JSON = join(REPORTS, 'vitest.json');
const PLAYWRIGHT_JSON = join(REPORTS, 'playwright.json');

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;
export const stripAnsi = (s) => s.replace(ANSI, '');

/** Totals from Vitest's summary line ("Tests  2 failed | 40 passed (42)"), or null. */
export function parseVitestText(text) {
  const line = stripAnsi(text).split('\n').reverse().find((l) => /^\s*Tests\s+.*\(\d+\)\s*$/.test(l));
  if (!line) return null;
  const n = (word) => Number((line.match(new RegExp(`(\\d+) ${word}`)) ?? [0, 0])[1]);
  return { passed: n('passed'), failed: n('failed') };
}

/** Totals from Playwright's list reporter ("  12 passed (30.1s)", "  1 failed", "  2 flaky"), or null. */
export function parsePlaywrightText(text) {
  const lines = stripAnsi(text).split('\n');
  const count = (word) => {
    const l = [...lines].reverse().find((x) => new RegExp(`^\\s*\\d+ ${word}\\b`).test(x));
    return l ? Number(l.trim().split(' ')[0]) : 0;
  };
  const passed = count('passed');
  const failed = count('failed') + count('timed out') + count('interrupted');
  const flaky = count('flaky');
  if (passed + failed + flaky === 0) return null;
  return { passed: passed + flaky, failed };
}

/**
 * Totals from Vitest's JSON report: failed tests, plus each test file that failed without a failing
 * test (it did not import or its hooks threw), so that such a file is not silently lost.
 */
export function vitestTotals(report) {
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  return { passed: report.numPassedTests, failed: report.numFailedTests + brokenFiles };
}

/**
 * The first lines of an error message (up to three before its stack, joined by " | "), without
 * colours, cut to `max` characters: Playwright's first line is generic ("expect(locator)…
 * failed"), the locator and the expected value follow it.
 */
const firstLine = (message, max) => {
  const lines = stripAnsi(String(message ?? ''))
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const stack = lines.findIndex((l) => /^at /.test(l));
  const head = (stack < 0 ? lines : lines.slice(0, stack)).slice(0, 3).join(' | ') || '(no message)';
  return head.length > max ? `${head.slice(0, max - 1)}…` : head;
};

/** At most `limit` entries, then one saying how many more there were. */
const capped = (out, limit) => (out.length > limit ? [...out.slice(0, limit), `  … and ${out.length - limit} more`] : out);

/**
 * One line per failed Playwright test: project, file:line, title and the first line of its first
 * error, at most `limit` of them. CI shows only the end of the log, where the list reporter's own
 * error text has already scrolled away; these lines repeat the reason in the summary.
 */
export function playwrightFailures(report, limit = 8, max = 300) {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'unexpected') continue;
        const last = (t.results ?? []).at(-1);
        const error = last?.errors?.[0] ?? last?.error;
        const where = `${spec.file ?? suite.file ?? '?'}:${spec.line ?? '?'}`;
        const at = error?.location?.line ? ` (line ${error.location.line})` : '';
        out.push(`  [${t.projectName ?? '?'}] ${where} › ${spec.title}\n      ${firstLine(error?.message, max)}${at}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const s of report.suites ?? []) walk(s);
  return capped(out, limit);
}

/** One line per failed Vitest test (file › full name, then the first line of its message), at most `limit`. */
export function vitestFailures(report, root = '', limit = 8, max = 300) {
  const out = [];
  for (const f of report.testResults ?? []) {
    const file = String(f.name ?? '?').replace(`${root}/`, '');
    const failedTests = (f.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failedTests) out.push(`  ${file} › ${a.fullName ?? a.title}\n      ${firstLine(a.failureMessages?.[0], max)}`);
    if (f.status === 'failed' && failedTests.length === 0) out.push(`  ${file} (the file itself failed)\n      ${firstLine(f.message, max)}`);
  }
  return capped(out, limit);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function run(label, cmd, args, env = {}) {
  return new Promise((resolve) => {
    process.stdout.write(`\n=== ${label}: ${[cmd.replace(`${root}/`, ''), ...args].join(' ')}\n`);
    const t0 = Date.now();
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const take = (stream) => (chunk) => {
      const s = stripAnsi(chunk.toString());
      text += s;
      stream.write(s);
    };
    child.stdout.on('data', take(process.stdout));
    child.stderr.on('data', take(process.stderr));
    child.on('error', (err) => {
      text += String(err);
      resolve({ code: 127, text, seconds: (Date.now() - t0) / 1000 });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), text, seconds: (Date.now() - t0) / 1000 }));
  });
}

async function main() {
  if (!existsSync('/usr/bin/chromium')) {
    console.error('Chromium not found at /usr/bin/chromium: install it with `apt-get install chromium` (Debian/Ubuntu), then run npm test again.');
    console.log('0 passed, 1 failed');
    return 1;
  }
  mkdirSync(REPORTS, { recursive: true });
  rmSync(VITEST_JSON, { force: true });
  rmSync(PLAYWRIGHT_JSON, { force: true });

  let passed = 0;
  let failed = 0;
  const summary = [];
  const step = (name, ok, seconds, detail = '') => summary.push(`${ok ? 'ok    ' : 'FAILED'} ${name} (${seconds.toFixed(1)} s)${detail ? `: ${detail}` : ''}`);

  const lint = await run('lint', bin('eslint'), ['.']);
  if (lint.code !== 0) failed++;
  step('eslint', lint.code === 0, lint.seconds);

  const types = await run('type-check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  if (types.code !== 0) failed++;
  step('tsc --noEmit', types.code === 0, types.seconds);

  const unit = await run('unit tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`]);
  const vj = readJson(VITEST_JSON);
  const vt = vj && typeof vj.numPassedTests === 'number' ? vitestTotals(vj) : parseVitestText(unit.text);
  if (vt) {
    passed += vt.passed;
    failed += vt.failed;
  }
  // A crash, or failing files with no failing test (an import error), still counts as a failure.
  const vitestFailedItself = unit.code !== 0 && (!vt || vt.failed === 0);
  if (vitestFailedItself) failed++;
  step('vitest', unit.code === 0, unit.seconds, vt ? `${vt.passed} passed, ${vt.failed} failed` : 'no totals found');
  if (vj) summary.push(...vitestFailures(vj, root));

  const build = await run('build', bin('vite'), ['build']);
  if (build.code !== 0) failed++;
  step('vite build', build.code === 0, build.seconds);

  if (build.code === 0) {
    const e2e = await run('end-to-end tests', bin('playwright'), ['test']);
    const pj = readJson(PLAYWRIGHT_JSON);
    const pt = pj?.stats ? { passed: pj.stats.expected + pj.stats.flaky, failed: pj.stats.unexpected } : parsePlaywrightText(e2e.text);
    if (pt) {
      passed += pt.passed;
      failed += pt.failed;
    }
    if (e2e.code !== 0 && (!pt || pt.failed === 0)) failed++;
    step('playwright', e2e.code === 0, e2e.seconds, pt ? `${pt.passed} passed, ${pt.failed} failed` : 'no totals found');
    if (pj) summary.push(...playwrightFailures(pj));
  } else {
    failed++;
    step('playwright', false, 0, 'not run: the build failed');
  }

  console.log(`\n=== summary\n${summary.join('\n')}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then((code) => {
    process.exitCode = code;
  });
}
