/**
 * The layer rules of eslint.config.js, checked through ESLint's Node API with the repository's own
 * config: a demo's core/ and worker session stay React-, store-, shell- and DOM-free, and no demo
 * imports another (docs/demo-pattern.md).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../src/shared/papers';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The messages of the rules under test for `code` as if it were the file `filePath`. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, 'the snippet parses').toEqual([]);
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => `${m.ruleId}: ${m.message}`);
}

const CORE = 'src/apps/ntl/core/fake.ts';

describe('layer rules (eslint.config.js)', () => {
  it('rejects React in a core file', async () => {
    expect(await layerErrors(CORE, "import { useState } from 'react';\nexport const f = useState;\n")).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*React-free/),
    ]);
    expect(await layerErrors(CORE, "import { createRoot } from 'react-dom/client';\nexport const f = createRoot;\n")).toHaveLength(1);
    // CoPhy's 3-D core (issue #14) is a core folder too.
    expect(await layerErrors('src/apps/cophy/core3d/fake.ts', "import { useState } from 'react';\nexport const f = useState;\n")).toHaveLength(1);
    expect(await layerErrors('src/apps/cophy/core3d/fake.ts', 'export const f = () => document.body;\n')).toHaveLength(1);
  });

  it('rejects zustand in a core file and in a worker session', async () => {
    const code = "import { create } from 'zustand';\nexport const f = create;\n";
    expect(await layerErrors(CORE, code)).toEqual([expect.stringMatching(/^no-restricted-imports: .*stores/)]);
    expect(await layerErrors('src/apps/ntl/worker/session.ts', code)).toHaveLength(1);
    expect(await layerErrors('src/apps/ntl/worker/protocol.ts', code)).toHaveLength(1);
  });

  it('rejects the app shell in a core file', async () => {
    expect(await layerErrors(CORE, "import { ROUTES } from '../../../app/routes';\nexport const f = ROUTES;\n")).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*app shell/),
    ]);
  });

  it('rejects DOM globals in a core file, and allows performance, setTimeout and console', async () => {
    expect(await layerErrors(CORE, 'export const f = () => document.body;\n')).toEqual([
      expect.stringMatching(/^no-restricted-globals: .*"document"/),
    ]);
    expect(await layerErrors(CORE, 'export const f = () => window.innerWidth + localStorage.length;\n')).toHaveLength(2);
    expect(await layerErrors(CORE, 'export const f = () => { console.log(performance.now()); setTimeout(() => 0, 1); };\n')).toEqual([]);
  });

  it('accepts shared code in a core file', async () => {
    expect(await layerErrors(CORE, "import { createRng } from '../../../shared/random';\nexport const f = createRng;\n")).toEqual([]);
  });

  it('rejects an import of another demo, from any folder of every demo', async () => {
    expect(await layerErrors('src/apps/ilqr/ui/x.tsx', "import * as ntl from '../../ntl/core';\nexport const f = ntl;\n")).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*Demo "ilqr" must not import demo "ntl"/),
    ]);
    for (const id of DEMO_IDS) {
      const other = DEMO_IDS.find((x) => x !== id)!;
      expect(await layerErrors(`src/apps/${id}/index.tsx`, `export * from '../${other}/store';\n`), id).toHaveLength(1);
      expect(await layerErrors(`src/apps/${id}/core/x.ts`, `export * from '../../../apps/${other}/core';\n`), id).toHaveLength(1);
      // Its own folder, reached the long way round, is fine.
      expect(await layerErrors(`src/apps/${id}/ui/x.tsx`, `export * from '../../${id}/store';\n`), id).toEqual([]);
    }
  });

  it('keeps Vitest and the Vitest-based state helpers in test code', async () => {
    const helper = "import { expectUrlSchemaContract } from '../../shared/state/testing';\nexport const f = expectUrlSchemaContract;\n";
    expect(await layerErrors('src/apps/ntl/store.ts', helper)).toEqual([expect.stringMatching(/^no-restricted-imports: .*only test files/)]);
    expect(await layerErrors('src/apps/ntl/core/x.ts', helper)).toHaveLength(1);
    expect(await layerErrors('src/app/x.ts', "import { expect } from 'vitest';\nexport const f = expect;\n")).toHaveLength(1);
    expect(await layerErrors('src/apps/ntl/store.test.ts', helper)).toEqual([]);
    expect(await layerErrors('src/apps/ntl/core/x.test.ts', helper)).toEqual([]);
    // A core test file still keeps the core rules.
    expect(await layerErrors('src/apps/ntl/core/x.test.ts', "import { create } from 'zustand';\nexport const f = create;\n")).toHaveLength(1);
  });

  it('accepts React in a ui file', async () => {
    expect(await layerErrors('src/apps/ntl/ui/x.tsx', "import { useState } from 'react';\nexport const f = () => { const [a] = useState(0); return a + window.innerWidth; };\n")).toEqual([]);
  });
});
