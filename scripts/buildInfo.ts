/**
 * The build's identity for the reproducibility stamp (src/shared/provenance.ts): the app's version
 * from package.json and the commit it was built from (`git rev-parse --short HEAD`, marked "+changes"
 * when the working tree differs; "unknown" outside git). Vite and Vitest both define them.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function buildInfo(root: string): { version: string; commit: string } {
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (dirty) commit += '+changes';
  } catch {
    // not a git checkout (a source tarball): the stamp says "unknown"
  }
  return { version, commit };
}

/** Vite's `define` for the two constants. */
export function buildDefines(root: string): Record<string, string> {
  const { version, commit } = buildInfo(root);
  return { __APP_VERSION__: JSON.stringify(version), __APP_COMMIT__: JSON.stringify(commit) };
}
