/**
 * The chemistry layer: RDKit compiled to WebAssembly (`@rdkit/rdkit`, RDKit's MinimalLib), wrapped so
 * that every molecule object it hands out is deleted and counted.
 *
 * Loading: `loadChem()` imports the package lazily (so only the code that calls it, the DEG route and
 * its worker, ever pulls it in) and keeps one shared promise per options object. In Node the package
 * finds its `.wasm` next to its own JavaScript (node_modules); in the browser pass `wasmUrl` (a Vite
 * `?url` import, served from the app's own files: see `../rdkitBrowser.ts`) or `wasmBinary`.
 *
 * MinimalLib facts this module relies on (measured with 2026.09.1, see the tests):
 * - `get_mol(bad)` returns null (no throw); `get_mol('')` returns a molecule with 0 atoms: both are
 *   "not a molecule" here.
 * - Morgan fingerprints take `nBits`; `fpSize` is silently ignored (you get 2048 bits).
 * - `get_substruct_matches` answers the string "{}" when nothing matches.
 * - Every `JSMol` (molecule or query) must be `.delete()`d; `live()` counts the ones made here and not
 *   yet deleted, so tests can assert that nothing leaks.
 */
import type { MainModule, Mol } from '@rdkit/rdkit';

export type RDKitModule = MainModule;
export type JSMol = Mol;

export interface ChemLoadOptions {
  /** Where the browser finds `RDKit_minimal.wasm` (a Vite `?url` import). Not needed in Node. */
  wasmUrl?: string;
  /** The wasm bytes themselves (e.g. fetched and decompressed by the page). */
  wasmBinary?: ArrayBuffer;
}

/** What `get_json()` gives for one molecule (commonchem "rdkitjson", version 12), as far as used here. */
export interface MolJson {
  atoms: { z: number; impHs: number; chg: number; nRad: number; isotope: number; stereo: string }[];
  bonds: { atoms: [number, number]; bo: number; stereo: string }[];
  /** Rings (atom indices in ring order) of RDKit's ring perception: the symmetrized SSSR. */
  atomRings: number[][];
}

/** The result of reading one SMILES string. */
export type ParseResult =
  | { ok: true; canonical: string; numAtoms: number; numFragments: number; hadStereo: boolean; hadIsotopes: boolean }
  | { ok: false; error: string };

export interface SvgOptions {
  width?: number;
  height?: number;
  highlightAtoms?: number[];
  highlightBonds?: number[];
  /** RDKit drawing options passed through (e.g. `{ addAtomIndices: true }`). */
  extra?: Record<string, unknown>;
  /** Parse options, e.g. `{ sanitize: false }` for a rule's depiction SMILES (`ruleDepictionSmiles`). */
  parse?: Record<string, unknown>;
}

const NOT_A_MOLECULE = 'RDKit could not read it as a molecule';

/**
 * One RDKit module and the count of molecule objects alive. All molecule objects go through `mol()` /
 * `query()` / the `with*` helpers; `release()` deletes and uncounts.
 */
export class Chem {
  private liveCount = 0;
  private readonly log: { get_buffer(): string; clear_buffer(): void; delete(): void } | null;

  constructor(readonly rdkit: RDKitModule) {
    // Parse errors are logged by RDKit, silently by default; a capture buffer lets us name them.
    this.log = rdkit.set_log_capture('rdApp.error');
  }

  /** RDKit's version string, e.g. "2026.09.1". */
  get version(): string {
    return this.rdkit.version();
  }

  /** Molecule and query objects made here and not yet deleted. */
  live(): number {
    return this.liveCount;
  }

  /**
   * A molecule, or null when `smiles` is not one (RDKit returns null, or a 0-atom molecule for an
   * empty or blank string). The caller must `release()` it.
   */
  mol(smiles: string, details?: Record<string, unknown>): JSMol | null {
    if (smiles.trim() === '') return null;
    const m = details ? this.rdkit.get_mol(smiles, JSON.stringify(details)) : this.rdkit.get_mol(smiles);
    if (!m) return null;
    this.liveCount++;
    if (m.get_num_atoms() === 0) {
      this.release(m);
      return null;
    }
    return m;
  }

  /** A SMARTS query, or null when RDKit cannot read it. The caller must `release()` it. */
  query(smarts: string): JSMol | null {
    const q = this.rdkit.get_qmol(smarts);
    if (!q) return null;
    this.liveCount++;
    return q;
  }

  release(m: JSMol | null): void {
    if (!m) return;
    if (!m.isDeleted()) {
      m.delete();
      this.liveCount--;
    }
  }

  /** `fn(molecule)`, or null when `smiles` is not a molecule; the molecule is deleted afterwards. */
  withMol<T>(smiles: string, fn: (m: JSMol) => T, details?: Record<string, unknown>): T | null {
    const m = this.mol(smiles, details);
    if (!m) return null;
    try {
      return fn(m);
    } finally {
      this.release(m);
    }
  }

  /** `fn(query)` for a SMARTS pattern; throws a named error when the pattern does not parse. */
  withQuery<T>(smarts: string, fn: (q: JSMol) => T): T {
    const q = this.query(smarts);
    if (!q) throw new Error(`RDKit could not read the SMARTS pattern "${smarts}"`);
    try {
      return fn(q);
    } finally {
      this.release(q);
    }
  }

  /** The last error RDKit logged (cleared after reading), or ''. */
  private takeError(): string {
    if (!this.log) return '';
    const text = this.log.get_buffer().trim();
    this.log.clear_buffer();
    // RDKit's lines look like "[05:29:12] SMILES Parse Error: ..."; keep the message.
    return text
      .split('\n')
      .map((l) => l.replace(/^\[[0-9:]+\]\s*/, '').trim())
      .filter(Boolean)
      .join(' ');
  }

  /**
   * Reads a SMILES string for the user: canonical SMILES without stereo and isotope labels (the
   * grammar's atom and bond labels carry neither; `hadStereo`/`hadIsotopes` say whether some were
   * dropped), or a message naming the problem.
   */
  parse(smiles: string): ParseResult {
    const text = smiles.trim();
    if (text === '') return { ok: false, error: 'empty: write a SMILES string, e.g. C=CC(=O)OC' };
    this.takeError();
    const m = this.mol(text);
    if (!m) {
      const why = this.takeError();
      return { ok: false, error: why ? `${NOT_A_MOLECULE}: ${why}` : NOT_A_MOLECULE };
    }
    try {
      const isomeric = m.get_smiles();
      const canonical = m.get_smiles(JSON.stringify({ doIsomericSmiles: false }));
      const json = readMolJson(m.get_json());
      const hadStereo = json.atoms.some((a) => a.stereo !== 'unspecified') || json.bonds.some((b) => b.stereo !== 'unspecified') || /[@/\\]/.test(isomeric);
      const hadIsotopes = json.atoms.some((a) => a.isotope !== 0);
      return { ok: true, canonical, numAtoms: json.atoms.length, numFragments: canonical.split('.').length, hadStereo, hadIsotopes };
    } finally {
      this.release(m);
    }
  }

  /** RDKit's canonical SMILES (no stereo), or null when `smiles` is not a molecule. */
  canonical(smiles: string): string | null {
    return this.withMol(smiles, (m) => m.get_smiles(JSON.stringify({ doIsomericSmiles: false })));
  }

  /** Whether RDKit reads and sanitizes `smiles` as a molecule with at least one atom. */
  isValid(smiles: string): boolean {
    return this.withMol(smiles, () => true) ?? false;
  }

  /** The kekulized molecule's `get_json()`, read into `MolJson`; null when not a molecule. */
  kekuleJson(smiles: string): MolJson | null {
    return this.withMol(smiles, (m) => {
      m.convert_to_kekule_form();
      return readMolJson(m.get_json());
    });
  }

  /** Morgan bit vector (RDKit's `nBits`; `fpSize` would be ignored). Null when not a molecule. */
  morgan(smiles: string, radius: number, nBits: number): Uint8Array | null {
    return this.withMol(smiles, (m) => morganOf(m, radius, nBits));
  }

  /** RDKit topological fingerprint (Python's `Chem.RDKFingerprint`, 2048 bits). */
  topological(smiles: string): Uint8Array | null {
    return this.withMol(smiles, (m) => new Uint8Array(m.get_rdkit_fp_as_uint8array() as ArrayLike<number>));
  }

  /** How many times `smarts` matches each of `smiles` (−1 for a string that is not a molecule). */
  countMatches(smiles: readonly string[], smarts: string): number[] {
    return this.withQuery(smarts, (q) => smiles.map((s) => this.withMol(s, (m) => countMatchesOf(m, q)) ?? -1));
  }

  /** An SVG depiction; null when not a molecule. Highlights are atom and bond indices of RDKit's parse. */
  svg(smiles: string, opts: SvgOptions = {}): string | null {
    const { width = 250, height = 200, highlightAtoms, highlightBonds, extra, parse } = opts;
    return this.withMol(smiles, (m) => {
      if (!highlightAtoms && !highlightBonds && !extra) return m.get_svg(width, height);
      return m.get_svg_with_highlights(JSON.stringify({ width, height, atoms: highlightAtoms ?? [], bonds: highlightBonds ?? [], ...extra }));
    }, parse);
  }

  /** Deletes the log capture; the module itself stays (emscripten modules are not freed). */
  dispose(): void {
    this.log?.delete();
  }
}

export function morganOf(m: JSMol, radius: number, nBits: number): Uint8Array {
  return new Uint8Array(m.get_morgan_fp_as_uint8array(JSON.stringify({ radius, nBits })) as ArrayLike<number>);
}

export function countMatchesOf(m: JSMol, q: JSMol): number {
  const text = m.get_substruct_matches(q);
  if (text === '{}' || text === '[]' || text === '') return 0;
  const parsed = JSON.parse(text) as unknown;
  return Array.isArray(parsed) ? parsed.length : 1;
}

interface RawJson {
  defaults: { atom: Partial<MolJson['atoms'][number]>; bond: Partial<MolJson['bonds'][number]> };
  molecules: {
    atoms?: Partial<MolJson['atoms'][number]>[];
    bonds?: (Partial<MolJson['bonds'][number]> & { atoms: [number, number] })[];
    extensions?: { name: string; atomRings?: number[][] }[];
  }[];
}

/** Reads RDKit's `get_json()` text, filling each atom and bond from the file's defaults. */
export function readMolJson(text: string): MolJson {
  const raw = JSON.parse(text) as RawJson;
  const mol = raw.molecules[0];
  const da = { z: 6, impHs: 0, chg: 0, nRad: 0, isotope: 0, stereo: 'unspecified', ...raw.defaults.atom };
  const db = { bo: 1, stereo: 'unspecified', ...raw.defaults.bond };
  const ext = mol.extensions?.find((e) => e.name === 'rdkitRepresentation');
  return {
    atoms: (mol.atoms ?? []).map((a) => ({ ...da, ...a })),
    bonds: (mol.bonds ?? []).map((b) => ({ ...db, ...b })),
    atomRings: ext?.atomRings ?? [],
  };
}

/** Tanimoto similarity of two bit vectors given as packed bytes. */
export function tanimoto(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let either = 0;
  for (let i = 0; i < a.length; i++) {
    both += POPCOUNT[a[i] & b[i]];
    either += POPCOUNT[a[i] | b[i]];
  }
  return either === 0 ? 1 : both / either;
}

const POPCOUNT = (() => {
  const t = new Uint8Array(256);
  for (let i = 1; i < 256; i++) t[i] = (i & 1) + t[i >> 1];
  return t;
})();

const loading = new Map<string, Promise<Chem>>();

/**
 * The shared RDKit module (one initialisation per set of options). Imports `@rdkit/rdkit` on first
 * call: nothing of RDKit loads before something asks for chemistry.
 */
export function loadChem(opts: ChemLoadOptions = {}): Promise<Chem> {
  const key = `${opts.wasmUrl ?? ''}|${opts.wasmBinary ? opts.wasmBinary.byteLength : ''}`;
  let p = loading.get(key);
  if (!p) {
    p = (async () => {
      const mod = (await import('@rdkit/rdkit')) as unknown as { default: (o?: unknown) => Promise<RDKitModule> };
      const init = mod.default;
      const options: Record<string, unknown> = {};
      if (opts.wasmUrl) options.locateFile = () => opts.wasmUrl;
      if (opts.wasmBinary) options.wasmBinary = opts.wasmBinary;
      return new Chem(await init(options));
    })();
    p.catch(() => loading.delete(key));
    loading.set(key, p);
  }
  return p;
}
