/**
 * npx tsx scripts/selftest-reference.ts [--check]
 *
 * Writes the system page's self-test reference, src/shared/tf/selfTest.reference.json: the loss
 * before each of the 20 steps of the fixed-seed mini training in src/shared/tf/selfTest.ts, run in
 * Node on tfjs's plain-JavaScript CPU backend (float32, no GPU, no SIMD: the most portable of the
 * three). With --check it writes nothing and exits 1 when a fresh run differs from the committed
 * file by more than the float32 tolerance.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../src/shared/tf/node';
import { compareWithReference, runSelfTest, SELF_TEST_SPEC, TOLERANCE_FLOAT32, type SelfTestReference } from '../src/shared/tf/selfTest';

export const REFERENCE_PATH = join(import.meta.dirname, '..', 'src', 'shared', 'tf', 'selfTest.reference.json');
export const REFERENCE_COMMAND = 'npx tsx scripts/selftest-reference.ts';

export async function makeReference(): Promise<SelfTestReference> {
  await initNodeBackend('cpu');
  const run = await runSelfTest();
  return { command: REFERENCE_COMMAND, backend: 'cpu (Node)', tfjs: tf.version_core, spec: SELF_TEST_SPEC, losses: run.losses };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const check = process.argv.includes('--check');
  const ref = await makeReference();
  if (check) {
    const committed = JSON.parse(readFileSync(REFERENCE_PATH, 'utf8')) as SelfTestReference;
    const v = compareWithReference(ref.losses, committed.losses, TOLERANCE_FLOAT32);
    console.log(`${v.pass ? 'same' : 'DIFFERENT'}: ${v.message}`);
    process.exit(v.pass ? 0 : 1);
  }
  writeFileSync(REFERENCE_PATH, JSON.stringify(ref, null, 2) + '\n');
  console.log(`wrote ${REFERENCE_PATH}: losses ${ref.losses[0].toFixed(4)} → ${ref.losses[ref.losses.length - 1].toFixed(4)} over ${ref.losses.length} steps`);
}
