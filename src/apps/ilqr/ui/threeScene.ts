/**
 * The three.js side of the Lorenz 3-D view, run in attractorRender.worker.ts on an OffscreenCanvas
 * (three.js's module takes a few hundred ms of CPU to evaluate, too long for the page's thread),
 * or lazily on the page where a canvas cannot be handed to a worker; named imports let the bundler
 * keep only what it uses. It draws the attractor's trials as line segments and the free run as one
 * line, through an orthographic camera turned by azimuth and elevation around the origin with z up,
 * on demand (not in a loop).
 */
import { BufferAttribute, BufferGeometry, Color, Line, LineBasicMaterial, LineSegments, OrthographicCamera, Scene, WebGLRenderer } from 'three';
import { HALF_SPAN, RAD, type Curve, type Renderer } from './attractorScene';

export function makeThreeRenderer(canvas: HTMLCanvasElement | OffscreenCanvas, curves: Curve[], background: string, pixelRatio: number): Renderer {
  const renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: false });
  renderer.setPixelRatio(pixelRatio);
  renderer.setClearColor(new Color(background));
  const scene = new Scene();
  const camera = new OrthographicCamera(-HALF_SPAN, HALF_SPAN, HALF_SPAN, -HALF_SPAN, -100, 100);
  camera.up.set(0, 0, 1);
  const disposables: { dispose(): void }[] = [];
  for (const c of curves) {
    const geometry = new BufferGeometry();
    const material = new LineBasicMaterial({ color: new Color(c.color) });
    disposables.push(geometry, material);
    if (c.segment > 0) {
      // one LineSegments for every trial: pairs of consecutive points within a trial
      const rows = c.points.length / 3;
      const pairs = rows - rows / c.segment;
      const pos = new Float32Array(pairs * 6);
      let k = 0;
      for (let r = 0; r < rows; r++) {
        if ((r + 1) % c.segment === 0) continue;
        pos.set(c.points.subarray(r * 3, r * 3 + 6), k);
        k += 6;
      }
      geometry.setAttribute('position', new BufferAttribute(pos, 3));
      scene.add(new LineSegments(geometry, material));
    } else {
      geometry.setAttribute('position', new BufferAttribute(c.points, 3));
      scene.add(new Line(geometry, material));
    }
  }
  let aspect = 1;
  return {
    draw({ az, el }, zoom) {
      const a = az * RAD;
      const e = el * RAD;
      camera.position.set(10 * Math.cos(e) * Math.cos(a), 10 * Math.cos(e) * Math.sin(a), 10 * Math.sin(e));
      camera.lookAt(0, 0, 0);
      const half = HALF_SPAN / zoom;
      camera.left = -half * aspect;
      camera.right = half * aspect;
      camera.top = half;
      camera.bottom = -half;
      camera.updateProjectionMatrix();
      renderer.render(scene, camera);
    },
    resize(width, height) {
      aspect = width / height;
      renderer.setSize(width, height, false);
    },
    dispose() {
      disposables.forEach((d) => d.dispose());
      renderer.dispose();
    },
  };
}

