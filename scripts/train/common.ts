/**
 * What every training script (scripts/train/<id>.ts) writes the same way: the commit a segment ran
 * at, files written atomically (a checkpoint cut off mid-write must not replace a good one), six
 * significant digits for histories, and the command as the manifest records it.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

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
