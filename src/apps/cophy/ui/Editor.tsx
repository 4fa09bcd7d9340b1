/**
 * The C editor: the first frame of the counterfactual run, as the worker rendered it, with one
 * button per ball on top. Drag a ball (mouse, pen or touch) or press on the floor to bring the
 * selected ball there; Tab or the number keys pick a ball, the arrow keys move it (Shift: further),
 * Delete removes it. While a ball is dragged the worker judges each new C (the latest wins) and the
 * verdict follows at once; letting go writes the C into the link, and the simulated D follows.
 * Dashed rings mark where the balls start in A.
 */
import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { ballRadiusPixels, ballToPixel, IMAGE_SIZE, pixelToBall } from '../core/render';
import { ballName, colorName, interventionOf, KEY_STEP, KEY_STEP_LARGE, MOVE_LIMIT, roundCoordinate, startPositions } from '../intervention';
import { ballsValues, useCophyUrl } from '../store';
import type { Intervention } from '../worker/protocol';
import { shownEvaluation, useCophyLive } from './liveStore';
import { FrameCanvas } from './Videos';
import { verdictWords } from './headline';

const pct = (px: number) => `${(px / IMAGE_SIZE) * 100}%`;

export function CEditorBox({ onDraft, onDraftEnd }: { onDraft: (i: Intervention) => void; onDraftEnd: (clear: boolean) => void }) {
  const example = useCophyLive((s) => s.example);
  const shown = useCophyLive(shownEvaluation);
  const values = useCophyUrl((s) => s.values);
  const set = useCophyUrl((s) => s.set);
  const boxRef = useRef<HTMLDivElement>(null);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const selected = useCophyLive((s) => s.selected);
  const setSelected = (k: number) => useCophyLive.setState({ selected: k });
  const drag = useRef<{ ball: number; pointer: number; moved: boolean; x: number; y: number } | null>(null);
  const [dragPos, setDragPos] = useState<{ ball: number; x: number; y: number } | null>(null);

  const image = useMemo(() => (shown && shown.cFrame.length ? new ImageData(new Uint8ClampedArray(shown.cFrame), IMAGE_SIZE, IMAGE_SIZE) : null), [shown]);

  if (!example) return <p className="muted cophy-frame cophy-waiting">Generating A and C…</p>;
  const n = example.n;
  const a = { n, positions: example.aPositions };
  const committed = interventionOf(ballsValues(values));
  const positions = startPositions(dragPos ? { kind: 'move', ball: dragPos.ball, x: dragPos.x, y: dragPos.y } : committed, a, example.datasetOp);
  const sel = Math.min(selected, n - 1);
  const radius = ballRadiusPixels();

  const commit = (next: Intervention) => {
    if (next.kind === 'remove') set({ edit: 'remove', ball: next.ball + 1 });
    else if (next.kind === 'move') set({ edit: 'move', ball: next.ball + 1, x: next.x, y: next.y });
    else set({ edit: 'dataset' });
  };

  /** World position under the pointer, clamped to where a moved ball may start. */
  const worldAt = (e: PointerEvent): [number, number] => {
    const box = boxRef.current!.getBoundingClientRect();
    const col = ((e.clientX - box.left) / box.width) * IMAGE_SIZE;
    const row = ((e.clientY - box.top) / box.height) * IMAGE_SIZE;
    const [x, y] = pixelToBall(col, row);
    return [roundCoordinate(x), roundCoordinate(y)];
  };

  const startDrag = (e: PointerEvent, ball: number) => {
    if (e.button !== 0) return;
    e.preventDefault();
    boxRef.current?.setPointerCapture(e.pointerId);
    setSelected(ball);
    buttons.current[ball]?.focus({ preventScroll: true });
    const p = positions[ball] ?? [example.aPositions[2 * ball], example.aPositions[2 * ball + 1]];
    drag.current = { ball, pointer: e.pointerId, moved: false, x: p[0], y: p[1] };
  };

  const onBoxDown = (e: PointerEvent) => {
    const onBall = (e.target as HTMLElement).closest('[data-ball]');
    const ball = onBall ? Number(onBall.getAttribute('data-ball')) : sel;
    startDrag(e, ball);
    // pressing on the floor brings the selected ball there at once
    if (!onBall) onMove(e);
  };

  const onMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d || d.pointer !== e.pointerId) return;
    const [x, y] = worldAt(e);
    if (x === d.x && y === d.y && d.moved) return;
    d.moved = true;
    d.x = x;
    d.y = y;
    setDragPos({ ball: d.ball, x, y });
    onDraft({ kind: 'move', ball: d.ball, x, y });
  };

  const onUp = (e: PointerEvent) => {
    const d = drag.current;
    if (!d || d.pointer !== e.pointerId) return;
    drag.current = null;
    setDragPos(null);
    if (!d.moved) {
      onDraftEnd(true);
      return;
    }
    onDraftEnd(false);
    commit({ kind: 'move', ball: d.ball, x: d.x, y: d.y });
  };

  const onCancel = () => {
    drag.current = null;
    setDragPos(null);
    onDraftEnd(true);
  };

  const onBallKey = (e: KeyboardEvent, ball: number) => {
    const p = positions[ball] ?? [example.aPositions[2 * ball], example.aPositions[2 * ball + 1]];
    const step = e.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
    // screen directions: the camera sees the world turned by 180° (image right = −x, image down = +y)
    const moves: Record<string, [number, number]> = { ArrowRight: [-step, 0], ArrowLeft: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      setSelected(ball);
      commit({ kind: 'move', ball, x: roundCoordinate(p[0] + m[0]), y: roundCoordinate(p[1] + m[1]) });
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      setSelected(ball);
      commit({ kind: 'remove', ball });
    }
  };

  const onEditorKey = (e: KeyboardEvent) => {
    const k = Number(e.key);
    if (Number.isInteger(k) && k >= 1 && k <= n && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setSelected(k - 1);
      buttons.current[k - 1]?.focus();
    }
  };


  return (
    <div className="cophy-editor" onKeyDown={onEditorKey} data-testid="cophy-editor" data-edit={dragPos ? 'move' : values.edit} data-selected={sel + 1}>
      <div
        ref={boxRef}
        className="cophy-editor-box"
        onPointerDown={onBoxDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={onCancel}
        onLostPointerCapture={(e) => drag.current?.pointer === e.pointerId && onCancel()}
        data-testid="cophy-editor-box"
      >
        <FrameCanvas image={image} ready={!!image} testId="cophy-c" label={`Your C: the first frame of the counterfactual run. ${cDescription(positions, example.colors)}`} />
        <svg className="cophy-editor-overlay" viewBox={`0 0 ${IMAGE_SIZE} ${IMAGE_SIZE}`} aria-hidden="true">
          {Array.from({ length: n }, (_, k) => {
            const [col, row] = ballToPixel(example.aPositions[2 * k], example.aPositions[2 * k + 1]);
            return <circle key={k} cx={col} cy={row} r={radius} className="cophy-ghost" />;
          })}
        </svg>
        {positions.map((p, k) => {
          const [col, row] = ballToPixel(...(p ?? [example.aPositions[2 * k], example.aPositions[2 * k + 1]]));
          const where = p ? `starts at x ${p[0].toFixed(2)}, y ${p[1].toFixed(2)}` : 'removed';
          return (
            <button
              key={k}
              type="button"
              ref={(el) => {
                buttons.current[k] = el;
              }}
              className={'cophy-ball' + (k === sel ? ' selected' : '') + (p ? '' : ' removed')}
              style={{ left: pct(col), top: pct(row) }}
              data-ball={k}
              data-testid={`cophy-ball-${k + 1}`}
              data-x={p ? p[0] : ''}
              data-y={p ? p[1] : ''}
              aria-label={`Ball ${k + 1}, ${colorName(k, example.colors)}: ${where}. Arrow keys move it, Delete removes it.`}
              onFocus={() => setSelected(k)}
              onKeyDown={(e) => onBallKey(e, k)}
            >
              <span aria-hidden="true">{k + 1}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}

/** Under the tiles: remove the selected ball, go back to the dataset's C, the keys, and the verdict in plain words. */
export function CEditorActions() {
  const example = useCophyLive((s) => s.example);
  const shown = useCophyLive(shownEvaluation);
  const dragging = useCophyLive((s) => s.draft !== null);
  const selected = useCophyLive((s) => s.selected);
  const values = useCophyUrl((s) => s.values);
  const set = useCophyUrl((s) => s.set);
  if (!example) return null;
  const n = example.n;
  const sel = Math.min(selected, n - 1);
  const positions = startPositions(interventionOf(ballsValues(values)), { n, positions: example.aPositions }, example.datasetOp);
  const removed = positions.findIndex((p) => p === null);
  const commit = (next: Intervention) => {
    if (next.kind === 'remove') set({ edit: 'remove', ball: next.ball + 1 });
    else set({ edit: 'dataset' });
  };
  const v = shown?.verdict ?? null;
  const problem = shown?.problem ?? null;
  return (
    <div className="cophy-editor cophy-editor-below">
    <div className="button-row cophy-editor-actions">
      <button type="button" className="btn small" data-testid="cophy-remove" disabled={removed === sel} onClick={() => commit({ kind: 'remove', ball: sel })}>
        Remove {ballName(sel, example.colors)}
      </button>
      <button type="button" className="btn small" data-testid="cophy-reset-c" disabled={values.edit === 'dataset'} onClick={() => commit({ kind: 'dataset' })}>
        Back to the dataset's C
      </button>
    </div>
    <p className="small muted cophy-editor-help">
      Drag a ball, or press on the floor to bring ball {sel + 1} there. Keys: Tab or 1–{n} pick a ball, arrows move it (Shift: {KEY_STEP_LARGE}), Delete
      removes it. One change at a time, as in the paper; moved balls start within ±{MOVE_LIMIT}.
    </p>
    <p
      className={'cophy-verdict-line ' + (problem ? 'field-error' : v?.kept ? 'good' : 'bad')}
      role={problem ? 'alert' : 'status'}
      data-testid="cophy-verdict-line"
      data-verdict={problem ? 'problem' : (v?.reason ?? 'pending')}
      data-draft={dragging ? 'true' : 'false'}
    >
      {problem ? problem : v ? `${v.kept ? 'Kept' : 'Rejected'}: ${verdictWords(v, example)}.` : 'Judging this C…'}
    </p>
    </div>
  );
}

function cDescription(positions: ([number, number] | null)[], colors: readonly number[]): string {
  return positions
    .map((p, k) => (p ? `${colorName(k, colors)} ball at (${p[0].toFixed(2)}, ${p[1].toFixed(2)})` : `${colorName(k, colors)} ball removed`))
    .join('; ');
}
