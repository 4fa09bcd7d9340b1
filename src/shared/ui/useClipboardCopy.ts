import { useEffect, useRef, useState } from 'react';

export type CopyPhase = 'idle' | 'copied' | 'manual';

/**
 * Copy to the clipboard with a way out: "copied" for two seconds when the browser allows it, and
 * otherwise "manual", where the caller shows the text selected in a field (`fieldRef`) for the user
 * to copy by hand (insecure origins, refused permissions, no clipboard API).
 */
export function useClipboardCopy<E extends HTMLInputElement | HTMLTextAreaElement>() {
  const [phase, setPhase] = useState<CopyPhase>('idle');
  const [text, setText] = useState('');
  const fieldRef = useRef<E>(null);
  useEffect(() => {
    if (phase === 'copied') {
      const t = setTimeout(() => setPhase('idle'), 2000);
      return () => clearTimeout(t);
    }
    if (phase === 'manual') {
      fieldRef.current?.focus();
      fieldRef.current?.select();
    }
  }, [phase]);
  const copy = async (value: string) => {
    setText(value);
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard API');
      await navigator.clipboard.writeText(value);
      setPhase('copied');
    } catch {
      setPhase('manual');
    }
  };
  return { phase, text, fieldRef, copy, dismiss: () => setPhase('idle') };
}
