/**
 * Writes results/README.md from a report made by
 *   npm run experiment -- ntl [--quick] --seed 1 --out src/apps/ntl/results/<name>.json
 * Usage: npx tsx src/apps/ntl/results/make-readme.ts <report.json> "<command that made it>" [more reports…]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Report {
  metrics: Record<string, number>;
  mode?: string;
  seeds?: number[];
  backend?: string;
  seconds?: number;
  lossVariant?: string;
  parameters?: number;
  sizes?: Record<string, number>;
}

const ROWS: [string, string][] = [
  ['sl.source', 'SL: source (S) accuracy'],
  ['sl.target', 'SL: target (T1, MNIST-M-like) accuracy'],
  ['sl.t2', 'SL: T2 (SVHN-like)'],
  ['sl.t3', 'SL: T3 (USPS-like)'],
  ['ntl.source', 'NTL S→T1: source accuracy'],
  ['ntl.target', 'NTL S→T1: target accuracy'],
  ['ntl.t2', 'NTL S→T1: T2'],
  ['ntl.t3', 'NTL S→T1: T3'],
  ['ntl.relativeTargetDrop', 'NTL: relative target drop, 1 − NTL/SL (paper ~0.8, unverified)'],
  ['ntl.relativeSourceDrop', 'NTL: relative source drop (paper < 0.025, unverified)'],
  ['sl.mmd.target', 'SL: MMD(Φ(S), Φ(T1)) on 128 test images'],
  ['ntl.mmd.target', 'NTL: MMD(Φ(S), Φ(T1)) on 128 test images'],
  ['own.sl.clean', 'Ownership, SL model: clean source'],
  ['own.sl.patched', 'Ownership, SL model: patched source'],
  ['own.ntl.clean', 'Ownership, NTL model: clean source'],
  ['own.ntl.patched', 'Ownership, NTL model: patched source'],
  ['own.ntl.clean.ftal', 'after FTAL: clean'],
  ['own.ntl.patched.ftal', 'after FTAL: patched'],
  ['own.ntl.clean.rtal', 'after RTAL: clean'],
  ['own.ntl.patched.rtal', 'after RTAL: patched'],
  ['own.ntl.clean.prune50', 'after 50% global magnitude pruning: clean'],
  ['own.ntl.patched.prune50', 'after 50% global magnitude pruning: patched'],
  ['own.ntl.clean.prune90', 'after 90% pruning: clean'],
  ['own.ntl.patched.prune90', 'after 90% pruning: patched'],
  ['own.ntl.clean.overwrite', 'after overwriting (NTL with a second patch): clean'],
  ['own.ntl.patched.overwrite', 'after overwriting: patched (owner patch)'],
  ['own.ntl.attackerPatched.overwrite', 'after overwriting: attacker-patched'],
  ['auth.authorized', 'Authorization: authorized (patched source)'],
  ['auth.unauthorized', 'Authorization: unauthorized (clean source)'],
  ['auth.t1', 'Authorization: T1 clean'],
  ['auth.t1Patched', 'Authorization: T1 patched'],
  ['auth.neighbours', 'Authorization: neighbours'],
  ['srconly.source', 'Source-only NTL: source'],
  ['srconly.neighbours', 'Source-only NTL: held-out neighbours'],
  ['sl.neighbours', 'SL: held-out neighbours'],
  ['srconly.target', 'Source-only NTL: T1'],
  ['srconly.t2', 'Source-only NTL: T2'],
  ['srconly.t3', 'Source-only NTL: T3'],
  ['ntl.msPerStep', 'ms per NTL step (batch 32 + 32)'],
  ['sl.msPerStep', 'ms per SL step (batch 32)'],
];

function fmt(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  return Math.abs(v) >= 10 ? v.toFixed(0) : v.toFixed(3);
}

function table(r: Report): string {
  const lines = ['| metric | key | value (mean ± sd over seeds) |', '|---|---|---|'];
  for (const [key, label] of ROWS) {
    const v = r.metrics[key];
    if (v === undefined) continue;
    const sd = r.metrics[`${key}.sd`];
    lines.push(`| ${label} | \`${key}\` | ${fmt(v)}${sd !== undefined ? ` ± ${fmt(sd)}` : ''} |`);
  }
  return lines.join('\n');
}

function main(): void {
  const args = process.argv.slice(2);
  if (args.length < 2 || args.length % 2) throw new Error('usage: make-readme.ts <report.json> "<command>" [<report.json> "<command>"…]');
  const sections: string[] = [];
  for (let i = 0; i < args.length; i += 2) {
    const file = args[i];
    const r = JSON.parse(readFileSync(file, 'utf8')) as Report;
    const name = file.split('/').pop();
    sections.push(
      [
        `## \`${name}\` (${r.mode ?? '?'}${r.mode === 'quick' ? ': one seed, small sizes' : ''})`,
        '',
        `- command: \`${args[i + 1]}\``,
        `- backend: ${r.backend}, seeds: ${(r.seeds ?? []).join(', ')}, loss: ${r.lossVariant}, parameters: ${r.parameters}`,
        `- wall-clock: ${fmt(r.metrics.totalSeconds ?? r.seconds)} s on a shared 2-core machine (other jobs running)`,
        `- sizes: ${JSON.stringify(r.sizes)}`,
        '',
        table(r),
      ].join('\n'),
    );
  }
  const text = [
    '# NTL results (made by this project\'s code)',
    '',
    `Generated ${new Date().toISOString().slice(0, 10)} by \`npx tsx src/apps/ntl/results/make-readme.ts\` from the JSON reports next to`,
    'this file. Accuracies are in 0..1 on procedurally generated test sets. The paper\'s numbers are in',
    '`../paper.ts`, all unverified; compare relative drops only (a 22.8k-parameter CNN trained from scratch',
    'with dormant colour-opponent conv1 units vs. the paper\'s ImageNet VGG11; see `../differences.ts`).',
    '',
    'Reading the tables: relative drops are 1 − NTL/SL. NTL S→T1 is specific to what separates T1 from S (colour',
    'texture): the grey USPS-like T3 keeps most of its accuracy. Accuracies of 0.100 are chance (10 balanced classes):',
    'the model puts one class on everything it refuses. RTAL re-initialises the output layer and fine-tunes on 10% of',
    'the source, which costs clean accuracy as well. Step times depend on the machine\'s load at the time.',
    '',
    ...sections,
    '',
  ].join('\n');
  const here = dirname(fileURLToPath(import.meta.url));
  writeFileSync(join(here, 'README.md'), text);
  console.log(text);
}

main();
