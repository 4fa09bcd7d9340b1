/**
 * What the Lorenz 3-D view's renderers share (Attractor3D.tsx on the page, threeScene.ts in the
 * page or in attractorRender.worker.ts): the curves, the view's angles and the orthographic
 * projection, z up. No React, no DOM.
 */
export interface Angles {
  az: number;
  el: number;
}

/** Rows of 3; `segment` rows form one unbroken piece (a trial), 0 for one piece. */
export interface Curve {
  name: string;
  points: Float32Array;
  segment: number;
  color: string;
}

export interface Renderer {
  draw(angles: Angles, zoom: number): void;
  resize(width: number, height: number): void;
  dispose(): void;
}

/** Half the width of the view at zoom 1, in data units (the z-scored attractor spans about ±2.5). */
export const HALF_SPAN = 3;
export const RAD = Math.PI / 180;

/** Screen axes of the orthographic view from azimuth `az`, elevation `el` (degrees), z up. */
export function screenAxes({ az, el }: Angles): { right: [number, number, number]; up: [number, number, number] } {
  const a = az * RAD;
  const e = el * RAD;
  return { right: [-Math.sin(a), Math.cos(a), 0], up: [-Math.sin(e) * Math.cos(a), -Math.sin(e) * Math.sin(a), Math.cos(e)] };
}

