/**
 * The chart series colours (src/app/app.css): each has at least 3:1 contrast against its theme's
 * surface (WCAG 2.1, 1.4.11 non-text contrast), and every pair stays distinguishable, CIELAB ΔE ≥ 10,
 * for full deuteranopia, protanopia and tritanopia as simulated by Machado, Oliveira & Fernandes
 * (2009, severity 1.0; the matrices apply to linear RGB).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const css = readFileSync(fileURLToPath(new URL('../../../app/app.css', import.meta.url)), 'utf8');

function block(selector: RegExp): string {
  const m = selector.exec(css);
  if (!m) throw new Error(`no ${selector} block in app.css`);
  return css.slice(m.index, css.indexOf('}', m.index));
}
const variable = (text: string, name: string): string => {
  const m = new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(text);
  if (!m) throw new Error(`--${name} not found`);
  return m[1];
};

type Rgb = [number, number, number];
const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as Rgb;
const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const fromLinear = (c: number) => {
  const x = Math.min(1, Math.max(0, c));
  return x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055;
};
const luminance = (c: Rgb) => {
  const [r, g, b] = c.map(toLinear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: Rgb, b: Rgb) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
const MACHADO: Record<string, number[][]> = {
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};
const simulate = (c: Rgb, m: number[][]): Rgb => {
  const l = c.map(toLinear);
  return m.map((row) => fromLinear(row[0] * l[0] + row[1] * l[1] + row[2] * l[2])) as Rgb;
};
const lab = (c: Rgb): Rgb => {
  const [r, g, b] = c.map(toLinear);
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
};
const deltaE = (a: Rgb, b: Rgb) => {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
};

describe.each([
  ['light', block(/^:root \{/m)],
  ['dark', block(/^:root\[data-theme='dark'\] \{/m)],
])('the %s chart palette', (_theme, text) => {
  const light = block(/^:root \{/m);
  const series = [1, 2, 3, 4, 5, 6].map((i) => rgb(variable(text, `series-${i}`)));
  const surface = rgb(variable(/--surface:/.test(text) ? text : light, 'surface'));

  it('has 3:1 contrast against the surface for every series', () => {
    for (const c of series) expect(contrast(c, surface)).toBeGreaterThanOrEqual(3);
  });

  it.each(Object.keys(MACHADO))('keeps every pair apart (ΔE ≥ 10) for %s', (kind) => {
    const seen = series.map((c) => simulate(c, MACHADO[kind]));
    for (let i = 0; i < seen.length; i++) for (let j = i + 1; j < seen.length; j++) expect(deltaE(seen[i], seen[j]), `series ${i + 1} and ${j + 1}`).toBeGreaterThanOrEqual(10);
  });
});
