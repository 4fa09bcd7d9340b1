/**
 * The reset test (StyleAlign §4, "what changes during fine-tuning", as described by StyleDomain; not
 * verified in the paper's text): one component of the child generator is put back to the parent's
 * weights, and the result is compared with the child (how much the images change) and with the child
 * domain (how child-like it stays). Components as in generatorComponent: mapping, affine, const,
 * conv<res> (all resolutions together: 'conv'), torgb.
 */
import { generatorComponent } from './generator';
import type { FlatParams } from './nn';

export const RESET_COMPONENTS = ['mapping', 'affine', 'conv', 'torgb'] as const;
export type ResetComponent = (typeof RESET_COMPONENTS)[number] | 'const';

/** Whether parameter `name` belongs to `component` ('conv' takes every resolution). */
export function inComponent(name: string, component: ResetComponent): boolean {
  const c = generatorComponent(name);
  return component === 'conv' ? c.startsWith('conv') : c === component;
}

/** The child's values with `component` reset to the parent's (copies of the arrays that change). */
export function resetComponent(parent: FlatParams, child: FlatParams, component: ResetComponent): FlatParams {
  return Object.fromEntries(Object.entries(child).map(([name, v]) => [name, inComponent(name, component) ? parent[name].slice() : v]));
}

/** Mean squared difference of two image sets (float32 in [−1, 1]). */
export function imageMse(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error('imageMse: sets of different sizes');
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s / a.length;
}
