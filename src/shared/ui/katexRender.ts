/**
 * KaTeX and its stylesheet, in a module of their own so that pages load them after their text has
 * painted (about 80 kB gzipped of JavaScript that no first paint needs; issue #8, fast on a phone).
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';

/** KaTeX's HTML (with MathML for screen readers) for `tex`; a TeX mistake renders as red source text. */
export function renderTex(tex: string, display: boolean): string {
  return katex.renderToString(tex, { throwOnError: false, displayMode: display, output: 'htmlAndMathml', strict: 'ignore' });
}
