/**
 * The latent explorer: one latent (the link's z of its seed) through the parent, the fine-tuned child
 * and the scratch child side by side, moved along a principal direction of the parent's W by the edit
 * slider; the fine-tune scrubber shows the same latent through the child's shipped checkpoints; the
 * morph slider (weights and codes with one t, as MergeFace.py) and the same-z grid. Every value is in
 * the link; the images come from the explorer worker.
 */
import type { ReactNode } from 'react';
import { createRng } from '../../../shared/random';
import { NumberField } from '../../../shared/ui/fields';
import { CHECKPOINT_STEPS, DIRECTIONS, EDIT_LIMIT, MAX_LATENT, nearestCheckpoint, stylealignSchema, useStyleAlignUrl } from '../store';
import { useStyleAlignExplorer } from './liveStore';
import { RgbaCanvas } from './Images';
import { GRID_COUNT } from './useExplorer';

function Slider({ label, testId, min, max, step, value, onChange, valueText, disabled, children }: {
  label: string;
  testId: string;
  min: number;
  max: number;
  step: number;
  value: number;
  onChange: (v: number) => void;
  valueText: string;
  disabled?: boolean;
  children?: ReactNode;
}) {
  return (
    <label className="field sa-slider">
      <span>
        {label}: <strong data-testid={`${testId}-value`}>{valueText}</strong>
      </span>
      <input type="range" data-testid={testId} min={min} max={max} step={step} value={value} aria-valuetext={valueText} disabled={disabled} onChange={(e) => onChange(Number(e.currentTarget.value))} />
      {children}
    </label>
  );
}

function Tile({ testId, rgba, title, note, size }: { testId: string; rgba: Uint8ClampedArray | null | undefined; title: ReactNode; note?: ReactNode; size: number }) {
  return (
    <figure className="sa-tile">
      <RgbaCanvas rgba={rgba} size={size} testId={testId} label={typeof title === 'string' ? title : testId} scale={4} />
      <figcaption>
        <strong>{title}</strong>
        {note && <span className="small muted"> {note}</span>}
      </figcaption>
    </figure>
  );
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

export function LatentControls() {
  const v = useStyleAlignUrl((s) => s.values);
  const set = useStyleAlignUrl((s) => s.set);
  const info = useStyleAlignExplorer((s) => s.info);
  const variance = info?.directionVariance ?? [];
  const steps = CHECKPOINT_STEPS as readonly number[];
  const stepIndex = steps.indexOf(nearestCheckpoint(v.step));
  return (
    <div className="sa-controls" data-testid="stylealign-latent-controls">
      <div className="field-row">
        <NumberField
          spec={{ label: 'Latent z (number under the seed)', min: 0, max: MAX_LATENT, step: '1', int: true }}
          testId="stylealign-z"
          value={v.z}
          defaultValue={stylealignSchema.defaults.z}
          onCommit={(z) => set({ z })}
        />
        <button type="button" className="btn small" data-testid="stylealign-random-z" onClick={() => set({ z: createRng(`${Date.now()}`).int(MAX_LATENT + 1) })}>
          Random z
        </button>
      </div>
      <label className="field">
        <span>Parent W direction</span>
        <select data-testid="stylealign-dir" value={v.dir} onChange={(e) => set({ dir: Number(e.currentTarget.value) })}>
          {Array.from({ length: DIRECTIONS }, (_, i) => (
            <option key={i} value={i + 1}>
              principal direction {i + 1}
              {variance[i] !== undefined ? ` (${(variance[i] * 100).toFixed(0)}% of W's variance)` : ''}
            </option>
          ))}
        </select>
      </label>
      <Slider label="Edit strength (σ along it)" testId="stylealign-edit" min={-EDIT_LIMIT} max={EDIT_LIMIT} step={0.1} value={v.edit} valueText={v.edit.toFixed(1)} onChange={(edit) => set({ edit: round(edit, 1) })} />
      <Slider label="Morph t (0 parent, 1 child)" testId="stylealign-t" min={0} max={1} step={0.05} value={v.t} valueText={v.t.toFixed(2)} onChange={(t) => set({ t: round(t, 2) })} />
      <Slider
        label="Fine-tune checkpoint"
        testId="stylealign-step"
        min={0}
        max={steps.length - 1}
        step={1}
        value={stepIndex}
        valueText={`step ${steps[stepIndex]}`}
        onChange={(i) => set({ step: steps[i] })}
      />
    </div>
  );
}

function Missing() {
  const info = useStyleAlignExplorer((s) => s.info);
  if (!info || info.missing.length === 0) return null;
  return (
    <div className="notice sa-missing" role="status" data-testid="stylealign-missing">
      <p>
        <strong>Not shipped in this build:</strong>
      </p>
      <ul>
        {info.missing.map((m) => (
          <li key={m.file} data-testid={`stylealign-missing-${m.file.replace(/\.bin$/, '')}`}>
            <code>{m.file}</code> ({m.role}): train it with <code>{m.command}</code>, then rebuild.
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ExplorerView() {
  const status = useStyleAlignExplorer((s) => s.status);
  const info = useStyleAlignExplorer((s) => s.info);
  const render = useStyleAlignExplorer((s) => s.render);
  const error = useStyleAlignExplorer((s) => s.error);
  const tensors = useStyleAlignExplorer((s) => s.tensors);
  const t = useStyleAlignUrl((s) => s.values.t);
  const size = info?.imageSize ?? 32;
  const absent = (file: string) => `not shipped (${file})`;
  return (
    <div className="sa-explorer" data-testid="stylealign-explorer" data-status={status} data-tensors={tensors ?? ''} data-rendered={render ? `${render.request.z}/${render.request.edit}/${render.request.step}` : ''} data-rendered-t={render?.request.t ?? ''}>
      {status === 'loading' && <p className="muted small">Loading the shipped generators in the explorer's worker…</p>}
      {error && (
        <p className="field-error" role="alert" data-testid="stylealign-explorer-error">
          {error}
        </p>
      )}
      <Missing />
      <div className="sa-tiles">
        <Tile testId="stylealign-parent" rgba={render?.parent} size={size} title="Parent (faces)" note={info?.parent ? `${info.parent.steps.toLocaleString('en')} steps` : absent('parent.bin')} />
        <Tile testId="stylealign-child" rgba={render?.child} size={size} title="Child (critters)" note={info?.child ? `fine-tuned ${info.child.steps.toLocaleString('en')} steps` : absent('child.bin')} />
        <Tile testId="stylealign-scratch" rgba={render?.scratch} size={size} title="Scratch child" note={info?.scratch ? 'critters from random init: the control' : absent('scratch.bin')} />
        <Tile
          testId="stylealign-checkpoint"
          rgba={render?.checkpoint}
          size={size}
          title={render?.checkpointStep !== null && render?.checkpointStep !== undefined ? `Child at step ${render.checkpointStep}` : 'Child checkpoint'}
          note={info && info.checkpointSteps.length === 0 ? absent('child-step<k>.bin') : 'the scrubber picks the step'}
        />
        <Tile
          testId="stylealign-morph"
          rgba={render?.morph}
          size={size}
          title={`Morph at t = ${t.toFixed(2)}`}
          note={
            info && !info.morphBuilt ? (
              <span data-testid="stylealign-morph-absent">not built yet (core/morph.ts is not in this build)</span>
            ) : info && !(info.parent && info.child) ? (
              <span data-testid="stylealign-morph-absent">needs parent.bin and child.bin</span>
            ) : (
              'weights and codes, one t (as MergeFace.py)'
            )
          }
        />
      </div>
    </div>
  );
}

export function SameZGrid() {
  const grid = useStyleAlignExplorer((s) => s.grid);
  const size = useStyleAlignExplorer((s) => s.info?.imageSize ?? 32);
  if (!grid) return <p className="muted small">The grid appears once the generators are loaded.</p>;
  const rows: [string, Uint8ClampedArray | null][] = [
    ['parent', grid.parent],
    ['child', grid.child],
    ['scratch', grid.scratch],
  ];
  return (
    <div className="sa-grid" data-testid="stylealign-grid">
      {rows.map(([name, rgba]) => (
        <div key={name} className="sa-grid-row">
          <span className="small">{name}</span>
          {rgba ? <RgbaCanvas rgba={rgba} count={grid.count} size={size} testId={`stylealign-grid-${name}`} label={`${name}: latents 0 to ${GRID_COUNT - 1}`} scale={2} /> : <span className="muted small">not shipped</span>}
        </div>
      ))}
    </div>
  );
}
