/**
 * Where a figure or a table came from: the link that shows it, the seed, the app's version and
 * commit, the tfjs version, backend and precision, and the date. Every exported file carries these
 * (exportFile.ts) and the page footer shows the stamp, so a figure pasted into slides still says how
 * it was made and a reader can open the same run.
 *
 * The version and commit are build constants (scripts/buildInfo.ts); tfjs's details come from the
 * live backend (BackendInfo), which the shell learns from DemoFrame without importing tfjs.
 */
declare const __APP_VERSION__: string | undefined;
declare const __APP_COMMIT__: string | undefined;

export interface BackendStamp {
  name: string;
  tfjsVersion?: string;
  precision?: string;
}

export interface Provenance {
  link: string;
  seed: string | null;
  app: string;
  commit: string;
  tfjs: string | null;
  backend: string | null;
  precision: string | null;
  date: string;
}

export function appVersion(): { version: string; commit: string } {
  return {
    version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'unknown',
    commit: typeof __APP_COMMIT__ === 'string' ? __APP_COMMIT__ : 'unknown',
  };
}

/** The seed in a link's hash query (`#/ntl?seed=3&…`), or null. */
export function seedOf(link: string): string | null {
  const hash = link.includes('#') ? link.slice(link.indexOf('#') + 1) : link;
  const q = hash.indexOf('?');
  if (q < 0) return null;
  return new URLSearchParams(hash.slice(q + 1)).get('seed');
}

export function collectProvenance(opts: { link: string; backend?: BackendStamp | null; date?: Date }): Provenance {
  const { version, commit } = appVersion();
  return {
    link: opts.link,
    seed: seedOf(opts.link),
    app: version,
    commit,
    tfjs: opts.backend?.tfjsVersion ?? null,
    backend: opts.backend?.name ?? null,
    precision: opts.backend?.precision ?? null,
    date: (opts.date ?? new Date()).toISOString(),
  };
}

/** Key–value lines, in a fixed order, for file headers and metadata. */
export function provenanceEntries(p: Provenance): [string, string][] {
  return [
    ['link', p.link],
    ['seed', p.seed ?? '(none in the link)'],
    ['app', `Oral Demos ${p.app}`],
    ['commit', p.commit],
    ['tfjs', p.tfjs ?? '(not loaded)'],
    ['backend', p.backend === null ? '(none)' : `${p.backend}${p.precision ? ` (${p.precision})` : ''}`],
    ['date', p.date],
  ];
}

/** One line for the footer and the "Copy link" notice: "Oral Demos 0.1.0 (abc1234) · tfjs 4.22.0 · webgl, float32". */
export function stampText(backend: BackendStamp | null): string {
  const { version, commit } = appVersion();
  const parts = [`Oral Demos ${version} (${commit})`];
  if (backend) parts.push(`tfjs ${backend.tfjsVersion ?? '?'}`, `${backend.name}${backend.precision ? `, ${backend.precision}` : ''}`);
  return parts.join(' · ');
}
