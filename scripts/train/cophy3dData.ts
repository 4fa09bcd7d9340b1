/**
 * The 3-D scenarios' training data for scripts/train/cophy.ts --scenario blocktower|collision (issue #14).
 *
 * A kept BlocktowerCF example takes seconds to find (the filter simulates every mass combination of up
 * to 10 shifted towers), so the first N examples of a split are generated once, in index order, and
 * kept as records (src/apps/cophy/core3d/videoSource3d.ts) in
 *   .cache/train/cophy3d-<scenario>-<split>-d<data seed>.json
 * which grows as they are made: saved every two minutes and on the way out, so a stopped run loses
 * at most two minutes of generation and the next run (any stage) continues it. The videos come back
 * by simulating each record's A and C once. A records file parked in checkpoints/ (`npx tsx
 * scripts/train/park.ts .cache/train/cophy3d-….json`) is restored on a fresh clone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, unparkCheckpoint, writeFileAtomic } from './common';
import type { Split } from '../../src/apps/cophy/core/dataset';
import { generateExample3d, type Example3d, type Scenario3d } from '../../src/apps/cophy/core3d/dataset3d';
import { initPhysics, physicsFingerprint } from '../../src/apps/cophy/core3d/physics';
import { fromTrainingRecord3d, toTrainingRecord3d, type TrainingRecord3d } from '../../src/apps/cophy/core3d/videoSource3d';

interface RecordFile {
  version: 1;
  scenario: Scenario3d;
  split: Split;
  dataSeed: number;
  /** the Rapier build and settings that simulated them (physicsFingerprint: records re-simulate only on the same) */
  physics: string;
  /** seconds spent generating, over all runs */
  seconds: number;
  records: TrainingRecord3d[];
}

export const records3dPath = (scenario: Scenario3d, split: Split, dataSeed: number) => join(ROOT, `.cache/train/cophy3d-${scenario}-${split}-d${dataSeed}.json`);

/** The first `count` examples of a split, generating (and storing) the ones not stored yet. */
export async function trainingExamples3d(scenario: Scenario3d, split: Split, dataSeed: number, count: number): Promise<Example3d[]> {
  await initPhysics();
  const path = records3dPath(scenario, split, dataSeed);
  // a session's .cache/ ends with it: records parked in checkpoints/ (scripts/train/park.ts) come back first
  unparkCheckpoint(path);
  let file: RecordFile = { version: 1, scenario, split, dataSeed, physics: physicsFingerprint(), seconds: 0, records: [] };
  if (existsSync(path)) {
    const old = JSON.parse(readFileSync(path, 'utf8')) as RecordFile;
    if (old.physics !== file.physics) console.error(`${path} was simulated with Rapier ${old.physics}, this is ${file.physics}: generating again (the filter's verdicts may differ)`);
    else file = old;
  }
  if (file.records.length < count) {
    const from = file.records.length;
    console.error(`${scenario} ${split}: ${from} of ${count} examples stored; generating the rest (filtered, data seed ${dataSeed}) into ${path}`);
    const started = performance.now();
    let lastSave = Date.now();
    let lastLog = 0;
    let savedSeconds = 0;
    const save = () => {
      file.seconds = Math.round(file.seconds + (performance.now() - started) / 1000 - savedSeconds);
      savedSeconds = (performance.now() - started) / 1000;
      writeFileAtomic(path, JSON.stringify(file));
    };
    const onSignal = () => {
      save();
      console.error(`stopped while generating: ${file.records.length} ${scenario} ${split} examples kept in ${path}`);
      process.exit(130);
    };
    // `on`, not `once`: a removed listener gives the signal back its default action, and a second signal
    // (tsx relays Ctrl-C and SIGTERM to its child, which may get them directly as well) would then kill
    // the process in the middle of the save
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    for (let index = from; index < count; index++) {
      file.records.push(toTrainingRecord3d(generateExample3d(scenario, dataSeed, split, index)));
      const elapsed = (performance.now() - started) / 1000;
      if (elapsed - lastLog > 30 || index === count - 1) {
        const each = elapsed / (index + 1 - from);
        console.error(`${scenario} ${split}: ${index + 1}/${count} examples, ${each.toFixed(2)} s each, ETA ${(((count - index - 1) * each) / 60).toFixed(1)} min`);
        lastLog = elapsed;
      }
      if (Date.now() - lastSave > 120_000) {
        save();
        lastSave = Date.now();
      }
      // let signals through between examples
      await new Promise((r) => setImmediate(r));
    }
    save();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  const t0 = performance.now();
  const examples = file.records.slice(0, count).map((r) => fromTrainingRecord3d(r));
  console.error(`${scenario} ${split}: ${examples.length} examples simulated from their records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return examples;
}
