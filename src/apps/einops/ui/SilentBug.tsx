import { useEffect, useState } from 'react';
import { disposeCases, silentBugCases } from '../core/silentBug';
import type { InputTensors } from '../core/run';
import { composeTiles, planView, type RgbaImage } from '../core/view';
import { PixelCanvas } from './PixelCanvas';
import { useEinopsLive } from './liveStore';

interface ShownCase {
  id: string;
  title: string;
  code: string;
  image: RgbaImage | null;
  error: string | null;
  verdict: string;
}

const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** "Why notation helps": raw reshape next to the einops call, all four computed live. */
export function SilentBug({ inputs }: { inputs: InputTensors }) {
  const [cases, setCases] = useState<ShownCase[] | null>(null);

  useEffect(() => {
    let alive = true;
    void (async () => {
      // Separate tasks for computing and for drawing each case, so start-up has no long task.
      await yieldToBrowser();
      if (!alive) return;
      const computed = silentBugCases(inputs);
      const shown: ShownCase[] = [];
      try {
        for (const c of computed) {
          await yieldToBrowser();
          if (!alive) return;
          let image: RgbaImage | null = null;
          if (c.image) {
            const data = await c.image.data();
            const plan = planView(c.image.shape);
            if (plan.kind === 'tiles') image = composeTiles(data, plan);
          }
          shown.push({ id: c.id, title: c.title, code: c.code, image, error: c.error, verdict: c.verdict });
        }
      } finally {
        disposeCases(computed);
      }
      if (!alive) return;
      setCases(shown);
      const bug = shown.find((c) => c.id === 'einops-wrong-tensor');
      const raw = shown.find((c) => c.id === 'raw-wrong-tensor');
      useEinopsLive.setState({ bugError: bug?.error ?? null, rawReshapeRan: raw ? raw.error === null && raw.image !== null : null });
    })();
    return () => {
      alive = false;
    };
  }, [inputs]);

  return (
    <section className="einops-silent-bug" aria-labelledby="einops-bug-title" data-testid="silent-bug">
      <h3 id="einops-bug-title">Why notation helps: the silent reshape bug</h3>
      <p>
        Putting six images side by side needs a transpose of batch and height before the reshape. Without it,{' '}
        <code>reshape</code> still succeeds, because it only checks that the number of values matches. The pattern names
        each axis, so einops does the transpose, and with the lengths written down it refuses a tensor of another
        layout.
      </p>
      {cases === null ? (
        <p className="muted">computing…</p>
      ) : (
        <div className="einops-bug-grid">
          {cases.map((c) => (
            <figure key={c.id} className={'einops-bug-case' + (c.error ? ' raised' : '')} data-testid={`bug-${c.id}`}>
              <figcaption>
                <strong>{c.title}</strong>
                <code>{c.code}</code>
              </figcaption>
              {c.image && <PixelCanvas image={c.image} label={`result of ${c.code}`} maxCssWidth={460} />}
              {c.error && (
                <div className="einops-error" data-testid="bug-error">
                  EinopsError: {c.error}
                </div>
              )}
              <p className="small">{c.verdict}</p>
            </figure>
          ))}
        </div>
      )}
    </section>
  );
}
