import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * A view that replaces its element for a new scene (a canvas can hand its drawing to a worker only
 * once, so every scene gets a canvas of its own under a new React key) would drop the keyboard focus
 * to the page body, and the next arrow key with it. Whether the old element has the focus is read
 * during render, while it is still in the document; once the element under the new key is mounted,
 * it gets the focus back. (Deliberately read during render: after the commit the old element is gone.)
 */
export function useFocusAcrossRemount(ref: RefObject<HTMLElement | null>, key: unknown): void {
  const focusedAtRender = useRef(false);
  focusedAtRender.current = typeof document !== 'undefined' && ref.current !== null && document.activeElement === ref.current;
  useLayoutEffect(() => {
    if (focusedAtRender.current && document.activeElement !== ref.current) ref.current?.focus({ preventScroll: true });
  }, [key, ref]);
}
