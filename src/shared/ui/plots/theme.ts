/** Reads the theme's CSS variables so that canvas/uPlot drawings match light, dark and projector modes. */
import { useEffect, useState } from 'react';

export interface PlotTheme {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  bad: string;
  ok: string;
  series: string[];
  font: string;
  /** Root font size in px (projector mode makes it larger). */
  rem: number;
  /** Projector mode (the shell's `data-present` on <html>): chart text ≥ PRESENT_MIN_FONT_PX, plots sized to the viewport. */
  present: boolean;
}

/** The smallest chart text in projector mode, in CSS px: what a back row can read off a projector. */
export const PRESENT_MIN_FONT_PX = 18;

/** Tick labels, legends and other chart text, in CSS px. */
export function chartFontPx(theme: PlotTheme): number {
  return theme.present ? Math.max(PRESENT_MIN_FONT_PX, Math.round(0.85 * theme.rem)) : Math.round(0.75 * theme.rem);
}

/** Axis titles, in CSS px (a little larger than the ticks). */
export function chartLabelPx(theme: PlotTheme): number {
  return theme.present ? Math.max(PRESENT_MIN_FONT_PX + 2, Math.round(0.9 * theme.rem)) : Math.round(0.8 * theme.rem);
}

export function readPlotTheme(): PlotTheme {
  const cs = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1b1d21'),
    muted: v('--muted', '#565c68'),
    grid: v('--border', '#d6dae0'),
    surface: v('--surface', '#ffffff'),
    bad: v('--bad', '#b42318'),
    ok: v('--ok', '#1b7f4c'),
    series: [1, 2, 3, 4, 5, 6].map((i) => v(`--series-${i}`, '#2f6fdf')),
    font: v('--font', 'sans-serif'),
    rem: parseFloat(cs.fontSize) || 16,
    present: document.documentElement.dataset.present !== undefined,
  };
}

/** Re-reads the theme when the shell switches light/dark or projector mode. */
export function usePlotTheme(): PlotTheme {
  const [theme, setTheme] = useState<PlotTheme>(readPlotTheme);
  useEffect(() => {
    // Only a real change makes a new object: the shell touches the root's class and style for other
    // reasons too, and views that rebuild on a new theme (a WebGL scene) should not rebuild for those.
    const obs = new MutationObserver(() =>
      setTheme((old) => {
        const next = readPlotTheme();
        return JSON.stringify(next) === JSON.stringify(old) ? old : next;
      }),
    );
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'data-present', 'style', 'class'] });
    return () => obs.disconnect();
  }, []);
  return theme;
}

/** Tracks an element's content width (for canvases and uPlot, which need pixel sizes). */
export function useElementWidth(ref: React.RefObject<HTMLElement | null>, fallback = 600): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth || fallback);
    if (typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0].contentRect.width);
      if (w > 0) setWidth(w);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, fallback]);
  return width;
}

/** The window's inner size in CSS px, kept up to date (for plots sized to the viewport in projector mode). */
export function useViewportSize(): { width: number; height: number } {
  const [size, setSize] = useState(readViewport);
  useEffect(() => {
    const onResize = () =>
      setSize((prev) => {
        const next = readViewport();
        return next.width === prev.width && next.height === prev.height ? prev : next;
      });
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}

function readViewport(): { width: number; height: number } {
  return { width: window.innerWidth || 1280, height: window.innerHeight || 720 };
}
