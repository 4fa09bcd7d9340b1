/**
 * The three.js side of the 3-D CoPhy view (ui/View3D.tsx): run in scene3dRender.worker.ts on an
 * OffscreenCanvas (three.js's module takes a few hundred ms of CPU to evaluate, too long for the page's
 * thread), or lazily on the page where a canvas cannot be handed to a worker. It draws C's objects (cubes,
 * the ball, the cylinder along its local y axis as Rapier's), A's start as faint ghosts where C differs,
 * the selected object outlined, on the floor, through the orbit camera of orbit3d.ts, on demand (not in
 * a loop). three.js serves only this view: the model's frames are ray-cast (core3d/raycast.ts).
 */
import {
  AmbientLight,
  BoxGeometry,
  Color,
  CylinderGeometry,
  DirectionalLight,
  EdgesGeometry,
  GridHelper,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshLambertMaterial,
  PerspectiveCamera,
  PlaneGeometry,
  Scene,
  SphereGeometry,
  WebGLRenderer,
  type BufferGeometry,
  type Material,
  type Object3D,
} from 'three';
import type { ObjectKind } from '../core3d/physics';
import { BALL_RADIUS_3D, CUBE_HALF_SIZE, CYLINDER_HALF_LENGTH, CYLINDER_RADIUS } from '../core3d/physics';
import { cameraBasis, FOV_DEGREES, ORBIT_TARGET, type OrbitView } from './orbit3d';

/** The official palette (core3d/raycast.ts OBJECT_COLOR_NAMES: red, green, blue, yellow). */
export const OBJECT_HEX = ['#e61f1a', '#26cc33', '#1f40f2', '#f2d91a'] as const;
const FLOOR_HEX = ['#b9c9e6', '#7f5e33', '#3a4f5a', '#6b6253'] as const;

export interface SceneObjects {
  kinds: ObjectKind[];
  positions: ArrayLike<number>;
  rotations: ArrayLike<number>;
  colors: number[];
}

export interface SceneSpec {
  c: SceneObjects | null;
  ghost: SceneObjects | null;
  selected: number;
  floor: number;
}

export interface Scene3dRenderer {
  setScene(spec: SceneSpec): void;
  draw(view: OrbitView): void;
  resize(width: number, height: number): void;
  /** How many of a 16 × 16 grid of pixels differ from the background (the e2e's "not blank"). */
  probe(): number;
  dispose(): void;
}

function geometryFor(kind: ObjectKind): BufferGeometry {
  if (kind === 'cube') return new BoxGeometry(2 * CUBE_HALF_SIZE, 2 * CUBE_HALF_SIZE, 2 * CUBE_HALF_SIZE);
  if (kind === 'ball') return new SphereGeometry(BALL_RADIUS_3D, 32, 16);
  // three's cylinder runs along its local y axis, as Rapier's
  return new CylinderGeometry(CYLINDER_RADIUS, CYLINDER_RADIUS, 2 * CYLINDER_HALF_LENGTH, 32);
}

export function makeScene3dRenderer(canvas: HTMLCanvasElement | OffscreenCanvas, background: string, pixelRatio: number): Scene3dRenderer {
  const renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(pixelRatio);
  const clear = new Color(background);
  renderer.setClearColor(clear);
  const scene = new Scene();
  const camera = new PerspectiveCamera(FOV_DEGREES, 1, 0.1, 200);
  camera.up.set(0, 0, 1);
  scene.add(new AmbientLight(0xffffff, 0.55));
  const sun = new DirectionalLight(0xffffff, 0.9);
  sun.position.set(5, -5, 5);
  scene.add(sun);
  const floorMaterial = new MeshLambertMaterial({ color: FLOOR_HEX[0] });
  const floorGeometry = new PlaneGeometry(30, 30);
  scene.add(new Mesh(floorGeometry, floorMaterial));
  const grid = new GridHelper(30, 30, 0x444444, 0x777777);
  grid.rotation.x = Math.PI / 2;
  grid.position.z = 0.002;
  scene.add(grid);
  let dynamic: Object3D[] = [];
  const owned: (BufferGeometry | Material)[] = [];

  function addObjects(o: SceneObjects, ghost: boolean, selected: number): void {
    for (let k = 0; k < o.kinds.length; k++) {
      const geometry = geometryFor(o.kinds[k]);
      const material = new MeshLambertMaterial({ color: OBJECT_HEX[o.colors[k]] ?? OBJECT_HEX[0], transparent: ghost, opacity: ghost ? 0.22 : 1, depthWrite: !ghost });
      owned.push(geometry, material);
      const mesh = new Mesh(geometry, material);
      mesh.position.set(o.positions[3 * k], o.positions[3 * k + 1], o.positions[3 * k + 2]);
      mesh.quaternion.set(o.rotations[4 * k], o.rotations[4 * k + 1], o.rotations[4 * k + 2], o.rotations[4 * k + 3]);
      scene.add(mesh);
      dynamic.push(mesh);
      if (!ghost && k === selected) {
        const edges = new EdgesGeometry(geometry, 30);
        const line = new LineBasicMaterial({ color: 0x111111 });
        owned.push(edges, line);
        const outline = new LineSegments(edges, line);
        outline.scale.setScalar(1.04);
        mesh.add(outline);
      }
    }
  }

  let width = 1;
  let height = 1;
  return {
    setScene(spec) {
      for (const o of dynamic) scene.remove(o);
      dynamic = [];
      for (const d of owned.splice(0)) d.dispose();
      floorMaterial.color.set(FLOOR_HEX[spec.floor] ?? FLOOR_HEX[0]);
      if (spec.ghost) addObjects(spec.ghost, true, -1);
      if (spec.c) addObjects(spec.c, false, spec.selected);
    },
    draw(view) {
      const { eye } = cameraBasis(view);
      camera.position.set(eye[0], eye[1], eye[2]);
      camera.lookAt(ORBIT_TARGET[0], ORBIT_TARGET[1], ORBIT_TARGET[2]);
      camera.aspect = width / height;
      camera.updateProjectionMatrix();
      renderer.render(scene, camera);
    },
    resize(w, h) {
      width = Math.max(1, w);
      height = Math.max(1, h);
      renderer.setSize(width, height, false);
    },
    probe() {
      const gl = renderer.getContext();
      const w = gl.drawingBufferWidth;
      const h = gl.drawingBufferHeight;
      const px = new Uint8Array(4);
      const bg = [Math.round(clear.r * 255), Math.round(clear.g * 255), Math.round(clear.b * 255)];
      let differ = 0;
      for (let i = 0; i < 16; i++) {
        for (let j = 0; j < 16; j++) {
          gl.readPixels(Math.floor(((i + 0.5) * w) / 16), Math.floor(((j + 0.5) * h) / 16), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
          if (Math.abs(px[0] - bg[0]) + Math.abs(px[1] - bg[1]) + Math.abs(px[2] - bg[2]) > 12) differ++;
        }
      }
      return differ;
    },
    dispose() {
      for (const d of owned.splice(0)) d.dispose();
      floorGeometry.dispose();
      floorMaterial.dispose();
      grid.geometry.dispose();
      (grid.material as Material).dispose();
      renderer.dispose();
    },
  };
}
