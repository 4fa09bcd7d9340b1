/**
 * parseShape (the reference's einops.parse_shape): names → lengths, '_' skips an axis, '...'
 * skips a run.
 * The reference raises RuntimeError for shape failures and a bare ValueError for '(...)'; here all
 * are EinopsError with `kind` telling which.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { EinopsError, pyTuple } from './errors';
import { AnonymousAxis, ELLIPSIS, ParsedExpression } from './parsing';
import type { Axis } from './parsing';

/**
 * Reads axis lengths off a shape by name: '_' skips an axis, '...' a run of axes, and '1', '()' and
 * numbers are checked against the shape.
 *
 * ```ts
 * const x = tf.zeros([8, 3, 32, 32]);
 * parseShape(x, 'b c h w'); // { b: 8, c: 3, h: 32, w: 32 }
 * parseShape(x, 'b _ h w'); // { b: 8, h: 32, w: 32 }
 * parseShape(x, 'b ...'); // { b: 8 }
 * ```
 *
 * @param x a tensor, or anything with a `shape`
 * @throws EinopsError: a malformed pattern; a rank that does not fit, composite axes, or a '1', '()'
 *   or number that does not match its length (kind 'RuntimeError', as the reference); '(...)' (kind
 *   'ValueError').
 */
export function parseShape(x: Tensor | { shape: number[] }, pattern: string): Record<string, number> {
  const exp = new ParsedExpression(pattern, { allowUnderscore: true });
  const shape = x.shape;
  const where = `${pattern} ${pyTuple(shape)}`;
  if (exp.hasComposedAxes()) throw new EinopsError(`Can't parse shape with composite axes: ${where}`, 'RuntimeError');
  if (shape.length !== exp.composition.length) {
    if (exp.hasEllipsis) {
      if (shape.length < exp.composition.length - 1) {
        throw new EinopsError(`Can't parse shape with this number of dimensions: ${where}`, 'RuntimeError');
      }
    } else {
      throw new EinopsError(`Can't parse shape with different number of dimensions: ${where}`, 'RuntimeError');
    }
  }
  let composition: Axis[][];
  if (exp.hasEllipsis) {
    const at = exp.composition.indexOf(ELLIPSIS);
    // '(...)' leaves no top-level ellipsis; the reference then fails in list.index
    if (at < 0) throw new EinopsError(`'${ELLIPSIS}' is not in list`, 'ValueError');
    const skipped: Axis[][] = Array.from({ length: shape.length - exp.composition.length + 1 }, () => ['_']);
    composition = [
      ...exp.composition.slice(0, at).map(group),
      ...skipped,
      ...exp.composition.slice(at + 1).map(group),
    ];
  } else {
    composition = exp.composition.map(group);
  }
  const result: Record<string, number> = {};
  composition.forEach((axes, i) => {
    const length = shape[i];
    if (axes.length === 0) {
      if (length !== 1) throw new EinopsError(`Length of axis is not 1: ${where}`, 'RuntimeError');
      return;
    }
    const axis = axes[0];
    if (axis instanceof AnonymousAxis) {
      if (axis.value !== length) throw new EinopsError(`Length of anonymous axis does not match: ${where}`, 'RuntimeError');
    } else if (axis !== '_') {
      result[axis] = length;
    }
  });
  return result;
}

function group(item: Axis[] | typeof ELLIPSIS): Axis[] {
  return item === ELLIPSIS ? [ELLIPSIS] : item;
}
