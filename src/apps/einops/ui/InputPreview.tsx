import { useEffect, useState } from 'react';
import type { InputTensors } from '../core/run';
import { INPUT_LABELS, type InputId } from '../core/types';
import { composeTiles, planView, valueTable, type RgbaImage, type ValueTable } from '../core/view';
import { PixelCanvas } from './PixelCanvas';
import { ValuesView } from './ValuesView';

type Preview = { kind: 'image'; image: RgbaImage } | { kind: 'values'; table: ValueTable };

/** The tensor the pattern is applied to, small, so its axes can be compared with the output's. */
export function InputPreview({ inputs, input }: { inputs: InputTensors; input: InputId }) {
  const [preview, setPreview] = useState<{ id: InputId; view: Preview } | null>(null);
  useEffect(() => {
    let alive = true;
    const t = inputs[input];
    void t.data().then((data) => {
      if (!alive) return;
      const plan = planView(t.shape, input === 'numbers');
      setPreview({
        id: input,
        view: plan.kind === 'tiles' ? { kind: 'image', image: composeTiles(data, plan) } : { kind: 'values', table: valueTable(data, t.shape) },
      });
    });
    return () => {
      alive = false;
    };
  }, [inputs, input]);
  return (
    <details className="einops-input-preview" open={input !== 'depth'}>
      <summary>
        Input: <code>{INPUT_LABELS[input]}</code>
      </summary>
      {preview?.id === input &&
        (preview.view.kind === 'image' ? (
          <PixelCanvas image={preview.view.image} label={`input ${INPUT_LABELS[input]}`} maxCssWidth={input === 'letters' ? 384 : 600} />
        ) : (
          <ValuesView table={preview.view.table} tintRange={input === 'numbers' ? [0, 23] : undefined} />
        ))}
    </details>
  );
}
