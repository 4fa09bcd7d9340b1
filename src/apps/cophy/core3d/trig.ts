/**
 * Rotations for the 3-D scenarios from a constant table, never Math.sin/cos: V8 and other engines may
 * round transcendental functions differently (their results are not fixed by IEEE 754), and a rotation
 * that differs in its last bit changes a physics rollout and a rendered frame. Angles are whole degrees,
 * as the official BlocktowerCF draws them (generate_blocktower.py @151a2fd l. 459: random.randint(0, 359)).
 *
 * Quaternions are (x, y, z, w), Rapier's order. `eulerQuaternion` follows PyBullet's
 * getQuaternionFromEuler([roll, pitch, yaw]): q = q_z(yaw) · q_y(pitch) · q_x(roll) (fixed axes x, y, z).
 * Everything below is + − × ÷ on table values, which IEEE 754 fixes bit for bit.
 */

/**
 * sin(k · 0.5°) for k = 0 … 180 (0° … 90°), each the double nearest the true value (computed once to 55
 * digits with a Taylor series in Python's decimal module; written out so that no engine's sin is used).
 */
export const SIN_HALF_DEGREES: readonly number[] = [
  0.0, 0.008726535498373935, 0.01745240643728351, 0.026176948307873153, 0.03489949670250097, 0.043619387365336,
  0.052335956242943835, 0.06104853953485687, 0.0697564737441253, 0.07845909572784494, 0.08715574274765818, 0.095845752520224,
  0.10452846326765347, 0.11320321376790672, 0.12186934340514748, 0.1305261922200516, 0.13917310096006544, 0.14780941112961063,
  0.15643446504023087, 0.16504760586067765, 0.17364817766693036, 0.18223552549214744, 0.1908089953765448, 0.1993679344171972,
  0.20791169081775934, 0.21643961393810288, 0.224951054343865, 0.23344536385590542, 0.24192189559966773, 0.25038000405444144,
  0.25881904510252074, 0.2672383760782569, 0.27563735581699916, 0.2840153447039226, 0.2923717047227367, 0.3007057995042731,
  0.30901699437494745, 0.31730465640509214, 0.32556815445715664, 0.3338068592337709, 0.3420201433256687, 0.3502073812594675,
  0.35836794954530027, 0.3665012267242973, 0.374606593415912, 0.3826834323650898, 0.39073112848927377, 0.3987490689252462,
  0.4067366430758002, 0.414693242656239, 0.42261826174069944, 0.43051109680829514, 0.4383711467890774, 0.44619781310980877,
  0.4539904997395468, 0.4617486132350339, 0.46947156278589075, 0.4771587602596084, 0.484809620246337, 0.4924235601034671,
  0.5, 0.5075383629607042, 0.5150380749100542, 0.5224985647159489, 0.5299192642332049, 0.5372996083468239,
  0.5446390350150271, 0.5519369853120581, 0.5591929034707468, 0.5664062369248328, 0.573576436351046, 0.5807029557109398,
  0.5877852522924731, 0.5948227867513413, 0.6018150231520483, 0.6087614290087207, 0.6156614753256583, 0.6225146366376195,
  0.6293203910498375, 0.636078220277764, 0.6427876096865394, 0.6494480483301837, 0.6560590289905073, 0.6626200482157375,
  0.6691306063588582, 0.6755902076156602, 0.6819983600624985, 0.688354575693754, 0.6946583704589973, 0.7009092642998509,
  0.7071067811865476, 0.7132504491541816, 0.7193398003386512, 0.7253743710122876, 0.7313537016191705, 0.7372773368101241,
  0.7431448254773942, 0.7489557207890022, 0.754709580222772, 0.7604059656000309, 0.766044443118978, 0.77162458338772,
  0.7771459614569709, 0.7826081568524139, 0.7880107536067219, 0.7933533402912352, 0.7986355100472928, 0.8038568606172173,
  0.8090169943749475, 0.8141155183563192, 0.8191520442889918, 0.8241261886220157, 0.8290375725550417, 0.8338858220671682,
  0.838670567945424, 0.8433914458128857, 0.848048096156426, 0.8526401643540922, 0.8571673007021123, 0.8616291604415257,
  0.8660254037844386, 0.8703556959398997, 0.8746197071393959, 0.8788171126619654, 0.882947592858927, 0.8870108331782217,
  0.8910065241883679, 0.8949343616020251, 0.898794046299167, 0.9025852843498606, 0.9063077870366499, 0.9099612708765432,
  0.9135454576426009, 0.917060074385124, 0.9205048534524404, 0.9238795325112867, 0.9271838545667874, 0.9304175679820246,
  0.9335804264972017, 0.9366721892483976, 0.9396926207859084, 0.9426414910921784, 0.9455185755993168, 0.9483236552061993,
  0.9510565162951535, 0.9537169507482269, 0.9563047559630354, 0.958819734868193, 0.9612616959383189, 0.963630453208623,
  0.9659258262890683, 0.9681476403781077, 0.9702957262759965, 0.9723699203976766, 0.9743700647852352, 0.9762960071199334,
  0.9781476007338057, 0.9799247046208296, 0.981627183447664, 0.9832549075639546, 0.984807753012208, 0.9862856015372314,
  0.9876883405951378, 0.9890158633619168, 0.9902680687415704, 0.9914448613738104, 0.992546151641322, 0.9935718556765875,
  0.9945218953682733, 0.9953961983671789, 0.9961946980917455, 0.996917333733128, 0.9975640502598242, 0.9981347984218669,
  0.9986295347545738, 0.9990482215818578, 0.9993908270190958, 0.9996573249755573, 0.9998476951563913, 0.9999619230641713,
  1.0,
];

/** sin and cos of h half-degrees (h an integer, any sign), by the table and its symmetries. */
export function sinCosHalfDegrees(h: number): [number, number] {
  if (!Number.isInteger(h)) throw new RangeError(`angles are whole half-degrees, got ${h / 2}°`);
  const k = ((h % 720) + 720) % 720; // [0, 360°) in half-degrees
  const quadrant = Math.floor(k / 180);
  const r = k - 180 * quadrant; // [0, 90°)
  const s = SIN_HALF_DEGREES[r];
  const c = SIN_HALF_DEGREES[180 - r];
  switch (quadrant) {
    case 0:
      return [s, c];
    // 0 − x rather than −x, so that a zero stays +0 (the quaternions compare equal bit for bit).
    case 1:
      return [c, 0 - s];
    case 2:
      return [0 - s, 0 - c];
    default:
      return [0 - c, s];
  }
}

/** sin and cos of a whole number of degrees. */
export function sinCosDegrees(degrees: number): [number, number] {
  if (!Number.isInteger(degrees)) throw new RangeError(`angles are whole degrees, got ${degrees}`);
  return sinCosHalfDegrees(2 * degrees);
}

export type Quaternion = [number, number, number, number];

/** Hamilton product a · b of (x, y, z, w) quaternions. */
export function multiplyQuaternions(a: readonly number[], b: readonly number[]): Quaternion {
  const [ax, ay, az, aw] = a;
  const [bx, by, bz, bw] = b;
  return [
    aw * bx + ax * bw + ay * bz - az * by,
    aw * by - ax * bz + ay * bw + az * bx,
    aw * bz + ax * by - ay * bx + az * bw,
    aw * bw - ax * bx - ay * by - az * bz,
  ];
}

/** The rotation by `degrees` (whole) about the z axis. */
export function yawQuaternion(degrees: number): Quaternion {
  const [s, c] = sinCosHalfDegrees(degrees); // half of `degrees` degrees is `degrees` half-degrees
  return [0, 0, s, c];
}

/** PyBullet's getQuaternionFromEuler([roll, pitch, yaw]) for whole degrees: q_z(yaw) · q_y(pitch) · q_x(roll). */
export function eulerQuaternion(rollDegrees: number, pitchDegrees: number, yawDegrees: number): Quaternion {
  const [sr, cr] = sinCosHalfDegrees(rollDegrees);
  const [sp, cp] = sinCosHalfDegrees(pitchDegrees);
  const [sy, cy] = sinCosHalfDegrees(yawDegrees);
  return multiplyQuaternions(multiplyQuaternions([0, 0, sy, cy], [0, sp, 0, cp]), [sr, 0, 0, cr]);
}

/** Rotates v by the unit quaternion q (x, y, z, w) into out (polynomial: no trigonometry). */
export function rotateVector(q: ArrayLike<number>, vx: number, vy: number, vz: number, out: Float64Array | number[], offset = 0): void {
  const qx = q[0];
  const qy = q[1];
  const qz = q[2];
  const qw = q[3];
  // t = 2 q_v × v; v' = v + w t + q_v × t
  const tx = 2 * (qy * vz - qz * vy);
  const ty = 2 * (qz * vx - qx * vz);
  const tz = 2 * (qx * vy - qy * vx);
  out[offset] = vx + qw * tx + (qy * tz - qz * ty);
  out[offset + 1] = vy + qw * ty + (qz * tx - qx * tz);
  out[offset + 2] = vz + qw * tz + (qx * ty - qy * tx);
}

/** The 3 × 3 rotation matrix of a unit quaternion, row-major into out[offset … offset + 8]. */
export function quaternionToMatrix(q: ArrayLike<number>, qOffset: number, out: Float64Array, offset = 0): void {
  const x = q[qOffset];
  const y = q[qOffset + 1];
  const z = q[qOffset + 2];
  const w = q[qOffset + 3];
  out[offset] = 1 - 2 * (y * y + z * z);
  out[offset + 1] = 2 * (x * y - z * w);
  out[offset + 2] = 2 * (x * z + y * w);
  out[offset + 3] = 2 * (x * y + z * w);
  out[offset + 4] = 1 - 2 * (x * x + z * z);
  out[offset + 5] = 2 * (y * z - x * w);
  out[offset + 6] = 2 * (x * z - y * w);
  out[offset + 7] = 2 * (y * z + x * w);
  out[offset + 8] = 1 - 2 * (x * x + y * y);
}
