/**
 * The 2-D view of `<activation-explorer>`, with no DOM: a 9 × 9 grid on [−2, 2]² pushed through a fixed linear
 * layer h = W x + b (seeded, or the identity), then through the activation f coordinate by coordinate. Seen
 * before and after side by side, ReLU folds the plane onto the axes, tanh squashes it into (−1, 1)², sigmoid
 * into (0, 1)². The points are coloured by the signs of h, so the eye follows each quadrant through the fold.
 */
import { createRandom } from '../../engine/random.ts';
import { activate, activationInfo, roundTo, type ActivationName } from './activation-explorer.model.ts';

/** A point of the plane. */
export type Point2 = [number, number];

/** A 2 → 2 linear layer h = W x + b. */
export interface LinearLayer {
  weights: [[number, number], [number, number]];
  bias: [number, number];
}

/** The identity layer: h = x. */
export const IDENTITY_LAYER: LinearLayer = { weights: [[1, 0], [0, 1]], bias: [0, 0] };

/** The input grid covers [−GRID_EXTENT, GRID_EXTENT]² with GRID_LINES lines each way. */
export const GRID_EXTENT = 2;
/** Lines (and points) of the grid along each axis: 9, so 81 points. */
export const GRID_LINES = 9;

/**
 * A fixed random layer for a seed: W entries N(0, 1.2²), b uniform in [−1, 1], rounded to 2 decimals so the
 * numbers printed on the widget are exactly the ones used. A draw is rejected (and the next one taken) when
 * W is nearly singular (|det| < 0.5: it would flatten the grid before the activation does anything) or when
 * one of the four sign patterns of h holds fewer than 12 of the 81 grid points (that fold would not show), or
 * when the grid's image reaches beyond ±5 (sigmoid and tanh would show nothing but their corners).
 */
export function randomLayer(seed: number): LinearLayer {
  const random = createRandom(`activation-explorer:${seed}`);
  const draw = (scale: number) => roundTo(scale * random.normal(), 2);
  const points = gridPoints();
  for (let attempt = 0; ; attempt += 1) {
    const weights: LinearLayer['weights'] = [
      [draw(1.2), draw(1.2)],
      [draw(1.2), draw(1.2)],
    ];
    const bias: Point2 = [roundTo(random.between(-1, 1), 2), roundTo(random.between(-1, 1), 2)];
    const layer = { weights, bias };
    const det = weights[0][0] * weights[1][1] - weights[0][1] * weights[1][0];
    const counts = new Map<SignPattern, number>();
    let reach = 0;
    for (const x of points) {
      const h = applyLayer(layer, x);
      const sign = signPattern(h);
      counts.set(sign, (counts.get(sign) ?? 0) + 1);
      reach = Math.max(reach, Math.abs(h[0]), Math.abs(h[1]));
    }
    const balanced = counts.size === 4 && [...counts.values()].every((count) => count >= 12);
    if ((Math.abs(det) >= 0.5 && balanced && reach <= 5) || attempt >= 1000) return layer;
  }
}

/** h = W x + b. */
export function applyLayer(layer: LinearLayer, x: Point2): Point2 {
  const [[a, b], [c, d]] = layer.weights;
  return [a * x[0] + b * x[1] + layer.bias[0], c * x[0] + d * x[1] + layer.bias[1]];
}

/** f applied to each coordinate. */
export function activate2d(name: ActivationName, h: Point2, slope: number): Point2 {
  return [activate(name, h[0], slope), activate(name, h[1], slope)];
}

/** The grid's values along each axis: −2, −1.5, …, 2. */
export function gridValues(): number[] {
  return Array.from({ length: GRID_LINES }, (_, i) => -GRID_EXTENT + (2 * GRID_EXTENT * i) / (GRID_LINES - 1));
}

/** The grid's points (row by row: x₂ from top to bottom, x₁ left to right). */
export function gridPoints(): Point2[] {
  const values = gridValues();
  return [...values].reverse().flatMap((x2) => values.map((x1): Point2 => [x1, x2]));
}

/** The grid's lines, each sampled finely so a curved image (tanh, sigmoid) shows as a curve. */
export function gridLines(samples = 48): Point2[][] {
  const values = gridValues();
  const along = Array.from({ length: samples + 1 }, (_, k) => -GRID_EXTENT + (2 * GRID_EXTENT * k) / samples);
  return [...values.map((x1) => along.map((x2): Point2 => [x1, x2])), ...values.map((x2) => along.map((x1): Point2 => [x1, x2]))];
}

/** What the 2-D picture shows, in numbers: where the images of the grid points lie. */
export interface PlaneSummary {
  count: number;
  /** Points with at least one coordinate exactly 0 after f (ReLU folds them onto the axes). */
  onAxis: number;
  /** Points at the origin after f. */
  atOrigin: number;
  /** The range of each coordinate after f. */
  xRange: [number, number];
  yRange: [number, number];
}

/** Counts the points on an axis and at the origin, and gives each coordinate's range. */
export function summarizePlane(points: readonly Point2[]): PlaneSummary {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return {
    count: points.length,
    onAxis: points.filter((p) => p[0] === 0 || p[1] === 0).length,
    atOrigin: points.filter((p) => p[0] === 0 && p[1] === 0).length,
    xRange: [Math.min(...xs), Math.max(...xs)],
    yRange: [Math.min(...ys), Math.max(...ys)],
  };
}

/** Which signs a pre-activation h has: the four colours of the 2-D view (ReLU keeps only "++"). */
export type SignPattern = '++' | '-+' | '--' | '+-';
/** h's sign pattern: "+" where a coordinate is above 0, "-" where it is 0 or below (ReLU sends it to 0). */
export function signPattern(h: Point2): SignPattern {
  return `${h[0] > 0 ? '+' : '-'}${h[1] > 0 ? '+' : '-'}` as SignPattern;
}

/** A bound for a symmetric square view around the origin holding every point (a "nice" number). */
export function viewExtent(points: readonly Point2[]): number {
  const biggest = Math.max(1e-9, ...points.flatMap((p) => [Math.abs(p[0]), Math.abs(p[1])]));
  const nice = [0.5, 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 12, 15, 20];
  return nice.find((n) => n >= biggest * 1.05) ?? Math.ceil(biggest * 1.05);
}

/** Everything the 2-D view draws for one activation and layer: the grid before and after f, and its summary. */
export interface PlanePicture {
  /** The grid's points after the layer, h (row by row, as `gridPoints`). */
  before: Point2[];
  /** The same points after f. */
  after: Point2[];
  /** The grid's lines after the layer, and after f. */
  linesBefore: Point2[][];
  linesAfter: Point2[][];
  /** The sign pattern of each point's h (its colour in both panels). */
  signs: SignPattern[];
  /** Where the points land after f. */
  summary: PlaneSummary;
  /** The half-width of each panel's square view. */
  extentBefore: number;
  extentAfter: number;
}

/**
 * The 2-D picture of activation `name` after `layer`. Unbounded activations keep the scale of h, so the fold is
 * seen at its true size; bounded ones zoom in on their box (the range of f).
 */
export function planePicture(name: ActivationName, slope: number, layer: LinearLayer): PlanePicture {
  const range = activationInfo(name, slope).range;
  const f = (h: Point2) => activate2d(name, h, slope);
  const before = gridPoints().map((x) => applyLayer(layer, x));
  const after = before.map(f);
  const linesBefore = gridLines().map((line) => line.map((x) => applyLayer(layer, x)));
  const extentBefore = viewExtent(before);
  return {
    before,
    after,
    linesBefore,
    linesAfter: linesBefore.map((line) => line.map(f)),
    signs: before.map(signPattern),
    summary: summarizePlane(after),
    extentBefore,
    extentAfter: range ? viewExtent([...after, [range[0], range[0]], [range[1], range[1]]]) : extentBefore,
  };
}
