/**
 * Above the controls: the paper's question in two sentences and, when the page was opened from a
 * shared link, what that link changed (the intervention's four fields read as one change).
 */
import { useState } from 'react';
import { changedSettings } from '../../../shared/state/changes';
import { SharedLinkBanner, type SettingChange } from '../../../shared/ui/SharedLinkBanner';
import { cophySchema, useCophyUrl, type CophyUrlValues } from '../store';

/** What a link changed, in words; the intervention's fields (edit, ball, x, y, z) make one entry. */
export function linkChanges(v: CophyUrlValues): SettingChange[] {
  const keys = changedSettings(cophySchema, v);
  const out: SettingChange[] = [];
  const names = { balls: 'BallsCF', blocktower: 'BlocktowerCF', collision: 'CollisionCF' } as const;
  if (keys.includes('scenario')) out.push({ key: 'scenario', text: `scenario ${names[v.scenario]}` });
  if (keys.includes('example')) out.push({ key: 'example', text: `test example ${v.example}` });
  if (v.scenario === 'balls') {
    if (v.edit === 'remove') out.push({ key: 'edit', text: `ball ${v.ball} removed from C` });
    else if (v.edit === 'move') out.push({ key: 'edit', text: `ball ${v.ball} moved to (${v.x}, ${v.y}) in C` });
    else if (v.edit === 'flip') out.push({ key: 'edit', text: 'a cylinder flip (BallsCF has none)' });
  } else if (v.edit === 'remove') out.push({ key: 'edit', text: 'the top cube removed from C' });
  else if (v.edit === 'flip') out.push({ key: 'edit', text: 'the cylinder flipped in C' });
  else if (v.edit === 'move') out.push({ key: 'edit', text: `object ${v.ball} moved to (${v.scenario === 'collision' ? `${v.x}, ${v.y}, ${v.z}` : `${v.x}, ${v.y}`}) in C` });
  if (keys.includes('frame')) out.push({ key: 'frame', text: `frame ${v.frame}` });
  if (keys.includes('seed')) out.push({ key: 'seed', text: `seed ${v.seed}` });
  if (keys.includes('backend')) out.push({ key: 'backend', text: `backend ${v.backend} (forced)` });
  return out;
}

export function Intro() {
  // read once, when the page opens: the banner describes the link, not later edits
  const [changes] = useState(() => linkChanges(useCophyUrl.getState().values));
  const scenario = useCophyUrl((s) => s.values.scenario);
  return (
    <>
      <SharedLinkBanner changes={changes} action="the views below show that example, that C and that frame" />
      {scenario === 'blocktower' && (
        <p>
          You watched a tower of four cubes fall (AB); the cubes' masses are hidden. What would have happened, D, had the tower started as C instead? Drag a cube
          or remove the top one in C and see the simulated answer, and whether the benchmark would keep your question.
        </p>
      )}
      {scenario === 'collision' && (
        <p>
          You watched a ball and a cylinder collide (AB); their masses are hidden. What would have happened, D, had the mover started elsewhere, or the cylinder
          lain the other way? Change C and see the simulated answer, and whether the benchmark would keep your question.
        </p>
      )}
      {scenario === 'balls' && (
        <p>
          You watched a video AB of balls bouncing in a box, with masses you cannot see. What would have happened, D, had the first frame been C instead? Move or
          remove a ball in C and see the simulated answer, and whether the benchmark would keep your question: only when AB reveals the masses and they change D.
        </p>
      )}
    </>
  );
}
