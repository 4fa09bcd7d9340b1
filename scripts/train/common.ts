/**
 * What every training script (scripts/train/<id>.ts) writes the same way: the commit a segment ran
 * at, files written atomically (a checkpoint cut off mid-write must not replace a good one), six
 * significant digits for histories, and the command as the manifest records it.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

export const ROOT = resolve(import.meta.dirname, '../..');

/** HEAD, marked when the model code (`paths`, and scripts/train) has uncommitted changes; 'unknown' outside git. */
export function commit(paths: string): string {
  try {
    const head = execSync('git rev-parse HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execSync(`git status --porcelain -- ${paths} scripts/train`, { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${head} (with uncommitted changes to the model code)` : head;
  } catch {
    return 'unknown';
  }
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export const r6 = (v: number) => Number(v.toPrecision(6));

/**
 * The command as the manifest records it: where the files went (--out, --checkpoint) does not
 * change the weights and names this machine's folders, so those values are replaced by a tag.
 */
export function recordedCommand(script: string, argv: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    out.push(argv[i]);
    if (argv[i] === '--out' || argv[i] === '--checkpoint') {
      out.push(argv[i] === '--out' ? '<dir>' : '<file>');
      i++;
    }
  }
  return `${script} ${out.join(' ')}`.trim();
}

/**
 * Checkpoints parked in the repository. A session's processes and its .cache/ end with it, and a
 * training run can be longer than a session, so an unfinished run's checkpoint is parked in
 * checkpoints/<name>.gz (`npx tsx scripts/train/park.ts <checkpoint>…`) and committed; `--resume` on a
 * fresh clone unparks it into .cache/train/ first. A parked file is removed once its run has shipped.
 */
export const PARKED_DIR = resolve(ROOT, 'checkpoints');

export function parkedPath(checkpoint: string, dir: string = PARKED_DIR): string {
  return resolve(dir, `${basename(checkpoint)}.gz`);
}

/** Writes a gzip copy of a checkpoint (and its .best.bin, if any) into checkpoints/. */
export function parkCheckpoint(checkpoint: string, dir: string = PARKED_DIR): string[] {
  const written: string[] = [];
  for (const file of [checkpoint, checkpoint.replace(/\.checkpoint\.json$/, '') + '.best.bin']) {
    if (file !== checkpoint && !existsSync(file)) continue;
    const out = parkedPath(file, dir);
    writeFileAtomic(out, gzipSync(readFileSync(file), { level: 9 }));
    written.push(out);
  }
  return written;
}

/** When `checkpoint` is missing and a parked copy exists, restores it (and its .best.bin); says so. */
export function unparkCheckpoint(checkpoint: string, dir: string = PARKED_DIR): void {
  for (const file of [checkpoint, checkpoint.replace(/\.checkpoint\.json$/, '') + '.best.bin']) {
    const parked = parkedPath(file, dir);
    if (existsSync(file) || !existsSync(parked)) continue;
    writeFileAtomic(file, gunzipSync(readFileSync(parked)));
    console.error(`restored ${file} from the parked ${parked}`);
  }
}
