/**
 * The loss surfaces of two parameters behind every optimizer lecture, each written twice: in TF ops (what
 * engine/surface-descent.ts optimises, by autodiff) and in plain float64 JavaScript (for the heatmap, the
 * contours and tests); the two are tested against each other.
 *
 *   quadratic       L = ½ (w1² + κ w2²)                  an elongated bowl; κ is its condition number
 *   rosenbrock      L = (1 − w1)² + 100 (w2 − w1²)²      a curved valley, minimum (1, 1)
 *   himmelblau      L = (w1² + w2 − 11)² + (w1 + w2² − 7)²   four minima at L = 0
 *   saddle          L = w1² − w2²                          a saddle point at (0, 0); unbounded below
 *   six-hump-camel  L = (4 − 2.1 w1² + w1⁴/3) w1² + w1 w2 + (4 w2² − 4) w2²   two global minima, L ≈ −1.0316
 *   regression      L = mean over i of (w1 xᵢ + w2 − yᵢ)²  the MSE of a line y ≈ w1 x + w2 on seeded data
 *
 * Pure: no DOM.
 */
import { createRandom } from './random.ts';
import { DEFAULT_CONDITION, defaultLearningRate, type SurfaceName } from './surface-names.ts';
import { tf, type Tensor } from './tf.ts';

export { DEFAULT_CONDITION, SURFACES, type SurfaceName } from './surface-names.ts';

/** A point (w1, w2) in parameter space. */
export type Point = readonly [number, number];

/** A rectangle of parameter space: the part of the surface a widget draws. */
export interface Domain {
  w1: readonly [number, number];
  w2: readonly [number, number];
}

/** Options that shape a surface; each applies to one surface and is ignored by the others. */
export interface SurfaceOptions {
  /** κ, the quadratic bowl's condition number: the ratio of its curvatures, ≥ 1 (default 10). */
  condition?: number;
  /** Seed of the regression surface's data (default 1). */
  seed?: number;
}

/** One loss surface of two parameters, in TF ops and in float64. */
export interface Surface {
  readonly name: SurfaceName;
  /** A short title for a legend or a heading. */
  readonly title: string;
  /** The formula, in plain text. */
  readonly formula: string;
  /** The part of the plane worth drawing. */
  readonly domain: Domain;
  /** A start point that shows the surface's character. */
  readonly start: Point;
  /** A learning rate at which plain SGD from `start` behaves well. */
  readonly learningRate: number;
  /** Where the minima are (for a marker and for tests); empty when there is none (the saddle). */
  readonly minima: readonly Point[];
  /** L in float64. */
  value(w1: number, w2: number): number;
  /** L in TF ops, elementwise: w1 and w2 have one shape and so has the result (scalars give a scalar). */
  lossTf(w1: Tensor, w2: Tensor): Tensor;
  /** The surface as a Python function of a 2-element tensor `w` (a `def loss_fn(w):` with any data it needs). */
  readonly python: string;
  /** The regression surface's data (x, y); undefined for the others. */
  readonly data?: { readonly x: readonly number[]; readonly y: readonly number[] };
}

/** Samples of the regression surface's data. */
const REGRESSION_SAMPLES = 12;

/** A number as Python and the code panel write it (the value used is exactly this). */
function py(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

function quadratic(condition: number): Surface {
  const kappa = condition;
  if (!(Number.isFinite(kappa) && kappa >= 1)) throw new RangeError(`condition must be a number ≥ 1, got ${condition}`);
  return {
    name: 'quadratic',
    title: `Quadratic bowl, κ = ${kappa}`,
    formula: `L = ½ (w1² + ${kappa} w2²)`,
    domain: { w1: [-3, 3], w2: [-2, 2] },
    start: [-2.5, 1.5],
    learningRate: defaultLearningRate('quadratic', kappa),
    minima: [[0, 0]],
    value: (w1, w2) => 0.5 * (w1 * w1 + kappa * w2 * w2),
    lossTf: (w1, w2) => tf.mul(0.5, tf.add(tf.square(w1), tf.mul(kappa, tf.square(w2)))),
    python: `def loss_fn(w):\n    # an elongated bowl: curvature 1 along w1, κ = ${kappa} along w2\n    return 0.5 * (w[0] ** 2 + ${py(kappa)} * w[1] ** 2)`,
  };
}

const rosenbrock: Surface = {
  name: 'rosenbrock',
  title: 'Rosenbrock’s valley',
  formula: 'L = (1 − w1)² + 100 (w2 − w1²)²',
  domain: { w1: [-2, 2], w2: [-1, 3] },
  start: [-1.5, 1.5],
  learningRate: defaultLearningRate('rosenbrock'),
  minima: [[1, 1]],
  value: (w1, w2) => (1 - w1) ** 2 + 100 * (w2 - w1 * w1) ** 2,
  lossTf: (w1, w2) => tf.add(tf.square(tf.sub(1, w1)), tf.mul(100, tf.square(tf.sub(w2, tf.square(w1))))),
  python: 'def loss_fn(w):\n    # Rosenbrock: a curved valley, minimum at (1, 1)\n    return (1 - w[0]) ** 2 + 100 * (w[1] - w[0] ** 2) ** 2',
};

const himmelblau: Surface = {
  name: 'himmelblau',
  title: 'Himmelblau’s function',
  formula: 'L = (w1² + w2 − 11)² + (w1 + w2² − 7)²',
  domain: { w1: [-5, 5], w2: [-5, 5] },
  start: [-0.5, -0.5],
  learningRate: defaultLearningRate('himmelblau'),
  minima: [
    [3, 2],
    [-2.805118, 3.131312],
    [-3.77931, -3.283186],
    [3.584428, -1.848126],
  ],
  value: (w1, w2) => (w1 * w1 + w2 - 11) ** 2 + (w1 + w2 * w2 - 7) ** 2,
  lossTf: (w1, w2) => tf.add(tf.square(tf.add(tf.square(w1), tf.sub(w2, 11))), tf.square(tf.add(w1, tf.sub(tf.square(w2), 7)))),
  python: 'def loss_fn(w):\n    # Himmelblau: four minima, all at loss 0\n    return (w[0] ** 2 + w[1] - 11) ** 2 + (w[0] + w[1] ** 2 - 7) ** 2',
};

const saddle: Surface = {
  name: 'saddle',
  title: 'A saddle point',
  formula: 'L = w1² − w2²',
  domain: { w1: [-2, 2], w2: [-2, 2] },
  start: [-1.8, 0.05],
  learningRate: defaultLearningRate('saddle'),
  minima: [],
  value: (w1, w2) => w1 * w1 - w2 * w2,
  lossTf: (w1, w2) => tf.sub(tf.square(w1), tf.square(w2)),
  python: 'def loss_fn(w):\n    # a saddle: downhill along w1 towards 0, then away along w2 (unbounded below)\n    return w[0] ** 2 - w[1] ** 2',
};

const sixHumpCamel: Surface = {
  name: 'six-hump-camel',
  title: 'Six-hump camel',
  formula: 'L = (4 − 2.1 w1² + w1⁴/3) w1² + w1 w2 + (4 w2² − 4) w2²',
  domain: { w1: [-2, 2], w2: [-1.2, 1.2] },
  // From here SGD settles in a local minimum (L ≈ −0.2155) while momentum rolls on to a global one.
  start: [-1.9, -0.2],
  learningRate: defaultLearningRate('six-hump-camel'),
  minima: [
    [0.0898, -0.7126],
    [-0.0898, 0.7126],
  ],
  value: (w1, w2) => {
    const w1sq = w1 * w1;
    return (4 - 2.1 * w1sq + (w1sq * w1sq) / 3) * w1sq + w1 * w2 + (4 * w2 * w2 - 4) * w2 * w2;
  },
  lossTf: (w1, w2) => {
    const w1sq = tf.square(w1);
    const w2sq = tf.square(w2);
    const camel = tf.mul(tf.add(tf.sub(4, tf.mul(2.1, w1sq)), tf.div(tf.square(w1sq), 3)), w1sq);
    return tf.add(tf.add(camel, tf.mul(w1, w2)), tf.mul(tf.sub(tf.mul(4, w2sq), 4), w2sq));
  },
  python:
    'def loss_fn(w):\n    # the six-hump camel: two global minima (L ≈ −1.0316) and four local ones\n' +
    '    return (4 - 2.1 * w[0] ** 2 + w[0] ** 4 / 3) * w[0] ** 2 + w[0] * w[1] + (4 * w[1] ** 2 - 4) * w[1] ** 2',
};

/**
 * The regression data: x uniform in [0, 3] and y = 1.5 x − 0.5 + N(0, 0.3²), both rounded to 2 decimals
 * (so the code panel can list them exactly). x is not centred, which couples slope and intercept: the
 * valley is long and diagonal — the reason to standardise inputs.
 */
export function regressionData(seed: number): { x: number[]; y: number[] } {
  const random = createRandom(`loss-landscape-regression-${seed}`);
  const round = (value: number) => Math.round(value * 100) / 100;
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < REGRESSION_SAMPLES; i += 1) {
    const xi = round(random.between(0, 3));
    x.push(xi);
    y.push(round(1.5 * xi - 0.5 + 0.3 * random.normal()));
  }
  return { x, y };
}

function regression(seed: number): Surface {
  const { x, y } = regressionData(seed);
  const n = x.length;
  const list = (values: readonly number[]) => `[${values.map(py).join(', ')}]`;
  return {
    name: 'regression',
    title: `Linear regression (MSE, ${n} points)`,
    formula: 'L = mean over i of (w1 xᵢ + w2 − yᵢ)²',
    domain: { w1: [-2, 4], w2: [-3, 3] },
    start: [-1.5, 2.5],
    learningRate: defaultLearningRate('regression'),
    minima: [leastSquares(x, y)],
    data: { x, y },
    value: (w1, w2) => {
      let sum = 0;
      for (let i = 0; i < n; i += 1) sum += (w1 * x[i]! + w2 - y[i]!) ** 2;
      return sum / n;
    },
    lossTf: (w1, w2) => {
      // One residual per data point along a new last axis, then the mean over it.
      const xs = tf.tensor1d(x);
      const ys = tf.tensor1d(y);
      const predictions = tf.add(tf.mul(tf.expandDims(w1, -1), xs), tf.expandDims(w2, -1));
      return tf.mean(tf.square(tf.sub(predictions, ys)), -1);
    },
    python:
      `x = torch.tensor(${list(x)})\ny = torch.tensor(${list(y)})\n\n` +
      'def loss_fn(w):\n    # the mean squared error of the line y ≈ w1 x + w2\n    return ((w[0] * x + w[1] - y) ** 2).mean()',
  };
}

/** The least-squares line (slope, intercept) through the points: the normal equations. */
function leastSquares(x: readonly number[], y: readonly number[]): Point {
  const n = x.length;
  const meanX = x.reduce((a, b) => a + b, 0) / n;
  const meanY = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i += 1) {
    sxy += (x[i]! - meanX) * (y[i]! - meanY);
    sxx += (x[i]! - meanX) ** 2;
  }
  const slope = sxy / sxx;
  return [slope, meanY - slope * meanX];
}

/** The surface called `name`, shaped by the options that apply to it. */
export function createSurface(name: SurfaceName, options: SurfaceOptions = {}): Surface {
  switch (name) {
    case 'quadratic':
      return quadratic(options.condition ?? DEFAULT_CONDITION);
    case 'rosenbrock':
      return rosenbrock;
    case 'himmelblau':
      return himmelblau;
    case 'saddle':
      return saddle;
    case 'six-hump-camel':
      return sixHumpCamel;
    case 'regression':
      return regression(options.seed ?? 1);
  }
}

/** L and ∇L at a point, by TF.js autodiff of the surface's TF ops (float32 on every backend). */
export async function surfaceGradient(surface: Surface, point: Point): Promise<{ loss: number; gradient: [number, number] }> {
  const packed = tf.tidy(() => {
    const w = tf.tensor1d([point[0], point[1]]);
    const { value, grad } = tf.valueAndGrad((v: Tensor) => surfaceLoss(surface, v))(w);
    return tf.concat([tf.reshape(value, [1]), grad]);
  });
  const [loss, g1, g2] = (await packed.data()) as Float32Array;
  packed.dispose();
  return { loss: loss!, gradient: [g1!, g2!] };
}

/** L of a 2-element tensor w = (w1, w2), a scalar: what the optimizer differentiates. */
export function surfaceLoss(surface: Surface, w: Tensor): Tensor {
  const [w1, w2] = tf.unstack(w);
  return surface.lossTf(w1!, w2!);
}
