/**
 * The WebGL rank limit, checked for real: bundles webgl/page.ts with Vite, opens it in Debian's
 * Chromium (SwiftShader WebGL 2; the flags are explained in docs/environment.md) and compares webgl against cpu on patterns whose
 * naive lowering needs 7–10-D kernels (a raw 7-D transpose throws on webgl). Skipped, saying so,
 * when Chromium is not installed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { CHROMIUM } from '../../../scripts/chromium';

describe.skipIf(!existsSync(CHROMIUM))('einops on tfjs webgl (Chromium, SwiftShader)', () => {
  it('agrees with cpu on 10-D permutations, >6-block reductions, 9-segment repeats and einsum', async () => {
    const { build } = await import('vite');
    const entry = fileURLToPath(new URL('./webgl/page.ts', import.meta.url));
    const out = await build({
      configFile: false,
      logLevel: 'silent',
      build: { write: false, minify: false, lib: { entry, formats: ['iife'], name: 'einopsWebglCheck', fileName: 'page' } },
    });
    const outputs = (Array.isArray(out) ? out[0] : out) as { output: { type: string; code?: string }[] };
    const code = outputs.output.find((o) => o.type === 'chunk')!.code!;
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    });
    try {
      const page = await browser.newPage();
      await page.setContent('<html><body></body></html>');
      await page.addScriptTag({ content: code });
      const result = (await page.evaluate(() => (window as unknown as { run: () => Promise<unknown> }).run())) as Record<string, unknown>[];
      const info = result[result.length - 1];
      expect(String(info.renderer)).toMatch(/SwiftShader|ANGLE|llvmpipe|Mesa/);
      const checks = result.slice(0, -1);
      expect(checks.filter((r) => 'error' in r)).toEqual([]);
      expect(checks.length).toBe(8);
      for (const r of checks) expect(r.same, String(r.name)).toBe(true);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
