/** Parses a typed shape guess: "(96, 576, 3)", "96 576 3" or "96x576x3" → [96, 576, 3]; null if not numbers. */
export function parseShapeGuess(text: string): number[] | null {
  const parts = text
    .replace(/[()[\]]/g, ' ')
    .split(/[\s,x×]+/)
    .filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p))) return null;
  return parts.map(Number);
}
