/** Whether the visitor asked for reduced motion (an animation should then show its last frame at once). */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
