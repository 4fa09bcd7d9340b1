/**
 * The videos: a 64 × 64 frame canvas (the worker's bytes, scaled by CSS with square pixels), the
 * observed AB, the simulated D of the link's C, the model's D (its keypoints first, then its decoded
 * frames; or why there is none), keypoint overlays on both D's, and the player that drives them all
 * (play/pause, a frame scrubber; Space and the arrow keys anywhere on the page). Each canvas
 * subscribes to the frame on its own, so playback re-renders only the canvases.
 */
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';
import { FPS } from '../core/simulator';
import { IMAGE_SIZE } from '../core/render';
import { timeIndex, useCophyLive, type Prediction } from './liveStore';
import { VideoPlayer } from './VideoPlayer';

/** Draws `image` (64 × 64) on a canvas; `ready` says whether the frame shown is the one asked for. */
export function FrameCanvas({ image, label, testId, ready, size = IMAGE_SIZE }: { image: ImageData | null; label: string; testId: string; ready: boolean; size?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || !image) return;
    ctx.putImageData(image, 0, 0);
  }, [image]);
  return (
    <canvas
      ref={ref}
      className="cophy-frame"
      width={size}
      height={size}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-drawn={image ? 'true' : 'false'}
      data-ready={ready ? 'true' : 'false'}
    />
  );
}

const seconds = (t: number) => `${(t / FPS).toFixed(2)} s`;

/** The latest frame at or before `t` that has arrived (a video streams in), or null. */
export function nearestFrame(frames: readonly (ImageData | null)[], t: number): ImageData | null {
  for (let i = Math.min(t, frames.length - 1); i >= 0; i--) if (frames[i]) return frames[i];
  return null;
}

export function AbVideo() {
  const frame = useCophyLive((s) => s.frame);
  const frames = useCophyLive((s) => s.abFrames);
  const example = useCophyLive((s) => s.example);
  const first = useMemo(() => (example ? new ImageData(new Uint8ClampedArray(example.firstFrame), IMAGE_SIZE, IMAGE_SIZE) : null), [example]);
  const exact = frames[frame] ?? null;
  const image = exact ?? nearestFrame(frames, frame) ?? first;
  return (
    <FrameCanvas
      image={image}
      ready={exact !== null}
      testId="cophy-ab"
      label={`Observed video AB, frame ${frame} of ${(example?.frames ?? 150) - 1} (${seconds(frame)}): the balls of A moving under their hidden masses.`}
    />
  );
}

/**
 * Keypoints at one model time over a frame: (row, column) in [−1, 1] drawn in a [−1, 1]² box, each
 * as strong as its gate (a closed gate draws nothing in the decoder either).
 */
export function KeypointOverlay({ positions, gates, keypoints, index, testId, kind }: { positions: Float32Array; gates: Float32Array | null; keypoints: number; index: number; testId: string; kind: 'predicted' | 'simulated' }) {
  const dots = [];
  for (let k = 0; k < keypoints; k++) {
    const i = index * keypoints + k;
    const row = positions[2 * i];
    const col = positions[2 * i + 1];
    const gate = gates ? gates[i] : 1;
    dots.push(<circle key={k} cx={col} cy={row} r={0.07} className={`cophy-kp cophy-kp-${k % 6}`} style={{ opacity: 0.35 + 0.65 * gate }} />);
  }
  return (
    <svg className={`cophy-kp-overlay cophy-kp-${kind}`} viewBox="-1 -1 2 2" aria-hidden="true" data-testid={testId} data-index={index}>
      {dots}
    </svg>
  );
}

/** The simulated D's keypoints (the encoder's, at the model's times), when the prediction brought them and the toggle is on. */
export function SimulatedKeypoints<S extends PredictionState>({ store, frame, testId }: { store: UseBoundStore<StoreApi<S>>; frame: number; testId: string }) {
  const show = store((s) => s.showKeypoints);
  const p = store((s) => s.prediction);
  if (!show || !p?.truthPositions) return null;
  return <KeypointOverlay positions={p.truthPositions} gates={p.truthGates} keypoints={p.keypoints} index={timeIndex(p, frame)} testId={testId} kind="simulated" />;
}

export function SimulatedD() {
  const frame = useCophyLive((s) => s.frame);
  const frames = useCophyLive((s) => s.cdFrames);
  const ev = useCophyLive((s) => s.evaluation);
  const c = useMemo(() => (ev && ev.cFrame.length ? new ImageData(new Uint8ClampedArray(ev.cFrame), IMAGE_SIZE, IMAGE_SIZE) : null), [ev]);
  const exact = frames[frame] ?? null;
  const image = ev?.problem ? null : (exact ?? nearestFrame(frames, frame) ?? c);
  return (
    <div className="cophy-d" data-testid="cophy-simulated-d" data-frame={frame} data-frames-ready={frames.filter(Boolean).length}>
      <FrameCanvas
        image={image}
        ready={exact !== null}
        testId="cophy-cd"
        label={ev?.problem ? 'No simulated D: the C above cannot be simulated.' : `Simulated counterfactual video CD from your C, frame ${frame} (${seconds(frame)}), with the same hidden masses as AB.`}
      />
      {ev?.problem ? null : <SimulatedKeypoints store={useCophyLive} frame={frame} testId="cophy-cd-keypoints" />}
    </div>
  );
}

/** Why there is no predicted D (yet): an honest slot, never a placeholder picture. */
function PredictedNote({ state, testId, children }: { state: string; testId: string; children: ReactNode }) {
  return (
    <div className="cophy-frame cophy-predicted" data-testid={testId} data-state={state} role="note" tabIndex={0} /* the message may scroll: keyboard users can reach it */>
      {children}
    </div>
  );
}

/** What the predicted slot, the simulated D's overlay and the toggle read: BallsCF's store (liveStore.ts) or the 3-D one (live3dStore.ts). */
export interface PredictionState {
  frame: number;
  prediction: Prediction<unknown> | null;
  showKeypoints: boolean;
  /** The link's C: its frame (RGBA bytes) and why it cannot be simulated, if it cannot. */
  evaluation: { cFrame: Uint8ClampedArray; problem: string | null } | null;
}

export interface PredictedViewProps<S extends PredictionState> {
  store: UseBoundStore<StoreApi<S>>;
  imageSize: number;
  fps: number;
  /** 'cophy' (BallsCF) or 'cophy3d': the prefix of every test id. */
  testIdPrefix: string;
  /** What the slot says when no trained weights ship for this scenario (given the worker's message). */
  notTrained: (message: string | null) => ReactNode;
}

/**
 * The model's D (worker/predict.ts): its keypoints over C as soon as the rollout is done, then its
 * decoded frames as they arrive, in step with the player (the model steps every `stride` frames, so a
 * frame shows the model time at or before it). Until trained weights ship it says how to train them.
 * The same view for BallsCF and the 3-D scenarios, each on its own store.
 */
export function PredictedView<S extends PredictionState>({ store, imageSize, fps, testIdPrefix: prefix, notTrained }: PredictedViewProps<S>) {
  const frame = store((s) => s.frame);
  const p = store((s) => s.prediction);
  const show = store((s) => s.showKeypoints);
  const cFrame = store((s) => s.evaluation?.cFrame ?? null);
  const cProblem = store((s) => s.evaluation?.problem ?? null);
  const c = useMemo(() => (cFrame && cFrame.length ? new ImageData(new Uint8ClampedArray(cFrame), imageSize, imageSize) : null), [cFrame, imageSize]);
  const slot = `${prefix}-predicted-d`;
  if (!p) {
    return (
      <PredictedNote state="no-c" testId={slot}>
        <p>{cProblem ? 'No prediction: the C to the left cannot be simulated.' : 'The prediction follows the simulated D.'}</p>
      </PredictedNote>
    );
  }
  if (p.status === 'no-weights') {
    return (
      <PredictedNote state="not-trained" testId={slot}>
        <p data-testid={`${prefix}-predicted-message`}>{notTrained(p.message)}</p>
      </PredictedNote>
    );
  }
  if (p.status === 'error' && !p.positions) {
    return (
      <PredictedNote state="error" testId={slot}>
        <p data-testid={`${prefix}-predicted-message`}>The model could not predict D: {p.message}</p>
      </PredictedNote>
    );
  }
  if (!p.positions) {
    return (
      <PredictedNote state="loading" testId={slot}>
        <p>Loading the model and predicting D from AB and C…</p>
      </PredictedNote>
    );
  }
  const i = timeIndex(p, frame);
  const exact = p.frames[i] ?? null;
  const decoded = exact ?? nearestFrame(p.frames, i);
  const ready = p.frames.filter(Boolean).length;
  return (
    <div className="cophy-d" data-testid={slot} data-state={p.status} data-for={JSON.stringify(p.for)} data-frame={frame} data-index={i} data-frames-ready={ready} data-frames={p.times.length}>
      <FrameCanvas
        image={decoded ?? c}
        size={decoded ? p.size : imageSize}
        ready={exact !== null}
        testId={`${prefix}-predicted`}
        label={
          decoded
            ? `The model's predicted D from AB and your C, frame ${p.times[i]} (${(p.times[i] / fps).toFixed(2)} s; it steps every ${p.stride} frames).`
            : "The model's predicted keypoints over your C; its decoded frames are on their way."
        }
      />
      {show || !decoded ? <KeypointOverlay positions={p.positions} gates={p.gates} keypoints={p.keypoints} index={i} testId={`${prefix}-predicted-keypoints`} kind="predicted" /> : null}
      {p.status === 'error' ? (
        <p className="small bad" data-testid={`${prefix}-predicted-message`}>
          Stopped: {p.message}
        </p>
      ) : null}
    </div>
  );
}

/** BallsCF's predicted D (PredictedView on this page's store). */
export function PredictedD() {
  return (
    <PredictedView
      store={useCophyLive}
      imageSize={IMAGE_SIZE}
      fps={FPS}
      testIdPrefix="cophy"
      notTrained={(message) => (
        <>
          The model's prediction appears here once its trained weights ship (<code>src/apps/cophy/weights/</code>). {message}
        </>
      )}
    />
  );
}

/** Keypoint overlays on the two D's, on or off. */
export function KeypointToggle<S extends PredictionState>({ store, testIdPrefix }: { store: UseBoundStore<StoreApi<S>>; testIdPrefix: string }) {
  const show = store((s) => s.showKeypoints);
  const available = store((s) => s.prediction?.positions != null);
  if (!available) return null;
  return (
    <label className="small cophy-kp-toggle">
      <input type="checkbox" checked={show} data-testid={`${testIdPrefix}-keypoints-toggle`} onChange={(e) => store.setState({ showKeypoints: e.target.checked } as Partial<S>)} /> keypoints on both
      D's
    </label>
  );
}

/** BallsCF's player (VideoPlayer.tsx). */
export function Player() {
  return <VideoPlayer store={useCophyLive} fps={FPS} testIdPrefix="cophy" editorSelector=".cophy-editor" />;
}
