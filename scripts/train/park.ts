/**
 * npx tsx scripts/train/park.ts <checkpoint.json>…
 *
 * Parks unfinished training runs' checkpoints in checkpoints/<name>.gz (scripts/train/common.ts
 * parkCheckpoint), to be committed at the end of a session: the next session's `--resume` restores
 * them into .cache/train/ on a fresh clone.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parkCheckpoint } from './common';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npx tsx scripts/train/park.ts <checkpoint.json>…');
  process.exit(2);
}
for (const f of files) {
  const path = resolve(f);
  if (!existsSync(path)) {
    console.error(`no checkpoint at ${path}`);
    process.exit(1);
  }
  for (const out of parkCheckpoint(path)) console.error(`parked ${out}`);
}
