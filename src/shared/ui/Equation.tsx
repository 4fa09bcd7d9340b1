import { useEffect, useMemo, useState } from 'react';

type Render = typeof import('./katexRender').renderTex;

let renderer: Render | null = null;
let loading: Promise<Render> | null = null;

/** Loads KaTeX once per page; every Equation waits on the same import. */
function loadRenderer(): Promise<Render> {
  loading ??= import('./katexRender').then((m) => (renderer = m.renderTex));
  return loading;
}

/**
 * A KaTeX equation. KaTeX is imported on first use, not with the page, so a page's text paints
 * before it arrives: until then the TeX source shows in its place (readable, and as long as the
 * typeset formula, so the text around it barely moves). A TeX mistake renders as red source text
 * (throwOnError: false) rather than breaking the page. KaTeX also emits MathML, which screen
 * readers read.
 */
export function Equation({ tex, display = false, className, label }: { tex: string; display?: boolean; className?: string; label?: string }) {
  const [render, setRender] = useState<Render | null>(() => renderer);
  useEffect(() => {
    if (render) return;
    let live = true;
    loadRenderer().then(
      (r) => live && setRender(() => r),
      // Offline with a stale cache, or a failed chunk: the TeX source stays, which still reads.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [render]);
  const html = useMemo(() => (render ? render(tex, display) : null), [render, tex, display]);
  const Tag = display ? 'div' : 'span';
  const classes = 'equation' + (display ? ' display' : '') + (className ? ' ' + className : '');
  if (html === null) {
    return (
      <Tag className={classes + ' equation-source'} aria-label={label} data-typeset="false">
        <code>{tex}</code>
      </Tag>
    );
  }
  return (
    <Tag
      className={classes}
      aria-label={label}
      data-typeset="true"
      // KaTeX escapes the TeX it is given; the HTML is its own output.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
