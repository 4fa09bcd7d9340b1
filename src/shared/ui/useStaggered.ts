/**
 * Hands a new value to a view `slot × STAGGER_MS` later than it arrived, so that when one worker
 * message updates several heavy views (a checkpoint redraws bars, image grids, scatter plots and
 * tables), each view renders and commits in its own main-thread task instead of all in one long one.
 */
import { useEffect, useState } from 'react';

const STAGGER_MS = 40;

export function useStaggered<T>(value: T, slot: number): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const t = setTimeout(() => setShown(value), slot * STAGGER_MS);
    return () => clearTimeout(t);
  }, [value, shown, slot]);
  return shown;
}
