import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// ---------------------------------------------------------------------------------------------
// Layer rules (docs/demo-pattern.md): a demo's core/ and its worker session run in Node and in a
// worker, so they use no React, no zustand, no app shell and no DOM; and no demo imports another.
// Kept in step with DEMO_IDS in src/shared/papers.ts (scripts/lint-layers.test.ts checks every one).
const LAYER_DEMO_IDS = ['cophy', 'ntl', 'grammar', 'ilqr', 'einops', 'stylealign'];

const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Imports of demo `other` written from inside another demo: `../other/…`, `../../other`,
 * `../../apps/other/…`, `src/apps/other`, `@/apps/other`. (A relative path that climbs to a folder
 * named like a demo is taken as that demo: no demo has a sub-folder named after another.)
 */
function crossDemoPatterns(own) {
  return LAYER_DEMO_IDS.filter((id) => id !== own).map((other) => ({
    regex: `^(\\.\\./)+${escapeRegex(other)}(/|$)|(^|/)apps/${escapeRegex(other)}(/|$)`,
    message: `Demo "${own}" must not import demo "${other}": move what both need to src/shared.`,
  }));
}

const CORE_IMPORT_PATTERNS = [
  { regex: '^react(-dom)?(/|$)', message: 'core/ and worker sessions are React-free (they run in Node and workers): keep React in ui/.' },
  { regex: '^zustand(/|$)', message: 'core/ and worker sessions do not use stores: return plain data and let ui/ store it.' },
  { regex: '^(\\.\\./)+app(/|$)|(^|/)src/app(/|$)', message: 'core/ and worker sessions must not import the app shell (src/app).' },
  { regex: '^(\\.\\./)+shared/ui(/|$)', message: 'core/ and worker sessions must not import src/shared/ui (React components).' },
];

// DOM-only globals; Node has performance, setTimeout, console, fetch, so those stay allowed.
const DOM_GLOBALS = [
  'window', 'document', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage', 'indexedDB',
  'screen', 'innerWidth', 'innerHeight', 'devicePixelRatio', 'matchMedia', 'getComputedStyle',
  'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'alert', 'confirm', 'prompt',
  'Image', 'ImageData', 'OffscreenCanvas', 'Element', 'HTMLElement', 'HTMLCanvasElement', 'HTMLImageElement',
  'HTMLInputElement', 'HTMLVideoElement', 'CanvasRenderingContext2D', 'WebGLRenderingContext', 'WebGL2RenderingContext',
  'DOMParser', 'MutationObserver', 'ResizeObserver', 'IntersectionObserver', 'customElements',
].map((name) => ({ name, message: `core/ and worker sessions are DOM-free (they run in Node and workers): no "${name}".` }));

// Test code: test files and the helpers that import Vitest, which stay out of the app's code.
const TEST_CODE = ['**/*.test.{ts,tsx}', 'src/shared/state/testing.ts'];
const TEST_ONLY_PATTERNS = [
  { regex: '^vitest(/|$)', message: 'Only test files import Vitest.' },
  { regex: '(^|/)state/testing$', message: 'src/shared/state/testing.ts imports Vitest: only test files may use it.' },
];

/** The files of demo `id` that must run in Node and in a worker. */
const coreFiles = (id) => [`src/apps/${id}/core/**/*.{ts,tsx}`, `src/apps/${id}/core3d/**/*.{ts,tsx}`, `src/apps/${id}/worker/session*.ts`, `src/apps/${id}/worker/protocol*.ts`];

/**
 * ESLint merges options per rule name, the later block winning for a file both match: so each block
 * repeats the pattern lists of the blocks before it that cover the same files (a demo's core test
 * file gets the cross-demo and core lists; its other core files the test-only list as well). Test
 * code may import Vitest and the test helpers; nothing else under src may.
 */
function restrictImports(name, files, patterns, more = {}) {
  return [
    { name: `layers: ${name} (tests)`, files, rules: { 'no-restricted-imports': ['error', { patterns }], ...more } },
    { name: `layers: ${name}`, files, ignores: TEST_CODE, rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, ...TEST_ONLY_PATTERNS] }], ...more } },
  ];
}

const layerBlocks = [
  ...restrictImports('src', ['src/**/*.{ts,tsx}'], []).slice(1),
  ...LAYER_DEMO_IDS.flatMap((id) => [
    ...restrictImports(`${id}: no other demo`, [`src/apps/${id}/**/*.{ts,tsx}`], crossDemoPatterns(id)),
    ...restrictImports(`${id}: core and worker session are React-, store- and DOM-free`, coreFiles(id), [...crossDemoPatterns(id), ...CORE_IMPORT_PATTERNS], {
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    }),
  ]),
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'public'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Reproducibility: everything a link must reproduce uses src/shared/random.ts.
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use createRng from src/shared/random.ts' }],
    },
  },
  ...layerBlocks,
);
