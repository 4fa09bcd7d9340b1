/**
 * The top of the presenter console window: what it is, the speaker notes for the current page,
 * and whether the projector window is listening. The page below it keeps its controls and the
 * paper's numbers; its live views are hidden (they run in the projector window).
 */
import { useEffect, useState } from 'react';
import { PAPERS } from '../shared/papers';
import { useRemoteRunner } from '../shared/presenter';
import type { Route } from './routes';
import { DEMO_NOTES, HOME_NOTES, SYSTEM_NOTES, type SpeakerNotes } from './speakerNotes';

function notesFor(route: Route): { title: string; notes: SpeakerNotes } {
  switch (route.kind) {
    case 'demo':
      return { title: PAPERS[route.id].shortTitle, notes: DEMO_NOTES[route.id] };
    case 'system':
      return { title: 'System check', notes: SYSTEM_NOTES };
    default:
      return { title: 'Start page', notes: HOME_NOTES };
  }
}

export function PresenterConsole({ route }: { route: Route }) {
  const { title, notes } = notesFor(route);
  const { runner } = useRemoteRunner();
  const [closedStage, setClosedStage] = useState(false);
  useEffect(() => {
    // window.opener is the projector window when this console was opened from it
    const id = setInterval(() => setClosedStage(!!window.opener && (window.opener as Window).closed), 2000);
    return () => clearInterval(id);
  }, []);
  return (
    <aside className="presenter-console" aria-label="Presenter notes" data-testid="presenter-console">
      <p className="presenter-console-role">
        <strong>Presenter view.</strong> Settings, Run, Pause, Step and Reset here drive the projector window; its live view is shown
        there, not here.
        {runner && <span className="muted"> Projector window: {runner.status}, {runner.done} / {runner.total} steps.</span>}
        {closedStage && <span className="field-error"> The projector window was closed: open the demo again and press “Presenter view” there.</span>}
      </p>
      <h2 className="presenter-notes-title">Notes: {title}</h2>
      <p className="presenter-notes-point">{notes.point}</p>
      <ol className="presenter-notes">
        {notes.steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
    </aside>
  );
}
