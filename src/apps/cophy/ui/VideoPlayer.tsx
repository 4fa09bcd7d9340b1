/**
 * Play/pause, the frame scrubber and the keys for a CoPhy page's videos, BallsCF's and the 3-D
 * scenarios' alike: Space plays or pauses, ← and → step one frame (Shift: ten). Playback runs at the
 * videos' 25 fps with one store update per shown frame; the link's frame is the one on screen when the
 * page opens and whenever playback stops.
 */
import { useEffect, useRef } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';
import { shouldIgnoreShortcut } from '../../../shared/ui/format';
import { useCophyUrl } from '../store';

export interface PlaybackState {
  frame: number;
  playing: boolean;
  example: { frames: number } | null;
}

export interface VideoPlayerProps<S extends PlaybackState> {
  store: UseBoundStore<StoreApi<S>>;
  fps: number;
  /** data-testid prefix: `<prefix>-player`, `<prefix>-play`, `<prefix>-frame` */
  testIdPrefix: string;
  /** the C editor's element: its arrow keys move an object, not the frame */
  editorSelector: string;
}

export function VideoPlayer<S extends PlaybackState>({ store, fps, testIdPrefix, editorSelector }: VideoPlayerProps<S>) {
  const total = store((s) => s.example?.frames ?? 150);
  const frame = Math.min(store((s) => s.frame), total - 1);
  const playing = store((s) => s.playing);
  const setUrl = useCophyUrl((s) => s.set);
  const urlFrame = useCophyUrl((s) => s.values.frame);
  const setPlayback = (p: Partial<PlaybackState>) => store.setState(p as Partial<S>);
  const seconds = (t: number) => `${(t / fps).toFixed(2)} s`;

  useEffect(() => {
    if (!store.getState().playing) store.setState({ frame: urlFrame } as Partial<S>);
  }, [urlFrame, store]);

  const show = (t: number) => {
    const f = Math.max(0, Math.min(total - 1, t));
    setPlayback({ frame: f, playing: false });
    if (f !== useCophyUrl.getState().values.frame) setUrl({ frame: f });
  };
  const toggle = () => {
    const s = store.getState();
    if (s.playing) {
      setPlayback({ playing: false });
      setUrl({ frame: Math.min(s.frame, total - 1) });
    } else setPlayback({ playing: true, frame: s.frame >= total - 1 ? 0 : s.frame });
  };

  useEffect(() => {
    if (!playing) return;
    const startFrame = store.getState().frame;
    const t0 = performance.now();
    let raf = 0;
    const tick = (now: number) => {
      const f = startFrame + Math.floor(((now - t0) / 1000) * fps);
      if (f >= total - 1) {
        store.setState({ frame: total - 1, playing: false } as Partial<S>);
        setUrl({ frame: total - 1 });
        return;
      }
      if (f !== store.getState().frame) store.setState({ frame: f } as Partial<S>);
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, total, setUrl, store, fps]);

  // The page's keys (not while typing, on a slider, or in the C editor, whose arrows move an object).
  const toggleRef = useRef(toggle);
  const showRef = useRef(show);
  toggleRef.current = toggle;
  showRef.current = show;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (shouldIgnoreShortcut(e.key, target, { ctrl: e.ctrlKey, meta: e.metaKey, alt: e.altKey })) return;
      if (target?.closest?.(editorSelector) || target?.tagName === 'INPUT') return;
      if (e.key === ' ') {
        e.preventDefault();
        toggleRef.current();
      } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        showRef.current(store.getState().frame + (e.key === 'ArrowRight' ? 1 : -1) * (e.shiftKey ? 10 : 1));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, editorSelector]);

  return (
    <div className="cophy-player" data-testid={`${testIdPrefix}-player`} data-frame={frame} data-playing={playing ? 'true' : 'false'}>
      <button type="button" className="btn primary" data-testid={`${testIdPrefix}-play`} onClick={toggle} aria-label={playing ? 'Pause the videos' : 'Play the videos'}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <label className="cophy-scrubber">
        <span className="visually-hidden">Frame</span>
        <input
          type="range"
          min={0}
          max={total - 1}
          value={frame}
          data-testid={`${testIdPrefix}-frame`}
          aria-valuetext={`frame ${frame} of ${total - 1}, ${seconds(frame)}`}
          onChange={(e) => show(Number(e.target.value))}
        />
      </label>
      <span className="small cophy-frame-label" aria-hidden="true">
        frame {frame} · {seconds(frame)}
      </span>
      <span className="small muted cophy-keys">Space plays or pauses; ← → step a frame.</span>
    </div>
  );
}
