import { useMemo } from 'react';
import katex from 'katex';
import 'katex/dist/katex.min.css';

/**
 * A KaTeX equation. A TeX mistake renders as red source text (throwOnError: false) rather than
 * breaking the page. KaTeX also emits MathML, which screen readers read.
 */
export function Equation({ tex, display = false, className, label }: { tex: string; display?: boolean; className?: string; label?: string }) {
  const html = useMemo(() => katex.renderToString(tex, { throwOnError: false, displayMode: display, output: 'htmlAndMathml', strict: 'ignore' }), [tex, display]);
  const Tag = display ? 'div' : 'span';
  return (
    <Tag
      className={'equation' + (display ? ' display' : '') + (className ? ' ' + className : '')}
      aria-label={label}
      // KaTeX escapes the TeX it is given; the HTML is its own output.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
