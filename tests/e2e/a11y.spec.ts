/**
 * Issue #16, accessibility: an axe-core audit (WCAG 2 A and AA rules) of every route in the light, dark
 * and projector themes finds no serious or critical violation. Each page is audited once it has
 * painted its text and controls (waitForPage); what a run adds later (charts, tables) is audited by
 * the demos' own specs where they run.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ROUTES, waitForPage } from './helpers';

const THEMES = [
  { name: 'light', colorScheme: 'light', query: '' },
  { name: 'dark', colorScheme: 'dark', query: '' },
  { name: 'projector', colorScheme: 'light', query: 'present=1' },
] as const;

for (const theme of THEMES) {
  test.describe(`${theme.name} theme`, () => {
    test.use({ colorScheme: theme.colorScheme });
    for (const route of ROUTES) {
      test(`${route}: no serious or critical axe violations`, async ({ page }, info) => {
        test.skip(info.project.name !== 'webgl', 'the audit does not depend on the backend: once');
        const sep = route.includes('?') ? '&' : '?';
        await page.goto(`./${route}${theme.query ? `${sep}${theme.query}` : ''}`);
        await waitForPage(page);
        await page.waitForTimeout(500);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        const bad = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}${v.nodes[0]?.failureSummary ? ` (${v.nodes[0].failureSummary.replace(/\s+/g, ' ').slice(0, 200)})` : ''}`);
        expect(bad, `axe on ${route} (${theme.name})`).toEqual([]);
      });
    }
  });
}
