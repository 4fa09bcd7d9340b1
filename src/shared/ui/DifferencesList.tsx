import './ui.css';

/** "How this differs from the paper": one plain sentence per difference (scale, data, model, metric). */
export function DifferencesList({ items, className }: { items: readonly string[]; className?: string }) {
  return (
    <ul className={'differences' + (className ? ' ' + className : '')} data-testid="differences">
      {items.map((t, i) => (
        <li key={i}>{t}</li>
      ))}
    </ul>
  );
}
