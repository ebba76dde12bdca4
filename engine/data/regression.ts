/**
 * Seeded regression datasets: the TensorFlow Playground's plane, a cubic, scikit-learn's
 * make_regression, and 1-D curves (sin, |x|, step, bump) whose exact noiseless function widgets can draw.
 */
import type { Random } from '../random.ts';
import { checkNoise, checkSamples, toRandom, type Dataset, type GeneratorOptions } from './dataset.ts';

/** Half the side of the plane's square: x1, x2 ∈ [−6, 6), as in the playground's `regressPlane`. */
export const PLANE_RADIUS = 6;

/**
 * The playground's "plane": x1, x2 ~ U(−6, 6); target y = (x1 + ε1 + x2 + ε2) / 10 with
 * ε1, ε2 ~ U(−6, 6)·noise. As in the playground (src/dataset.ts `regressPlane`, a d3 scale from
 * [−10, 10] to [−1, 1]) the noise jitters the inputs before the label is computed, so noise ∈ [0, 0.5]
 * is its 0–50 % slider; the noiseless target lies in (−1.2, 1.2).
 */
export function regressionPlane({ samples, noise, random }: GeneratorOptions): Dataset {
  checkSamples(samples);
  checkNoise(noise);
  const rng = toRandom(random);
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let i = 0; i < samples; i += 1) {
    const x1 = rng.between(-PLANE_RADIUS, PLANE_RADIUS);
    const x2 = rng.between(-PLANE_RADIUS, PLANE_RADIUS);
    const noise1 = rng.between(-PLANE_RADIUS, PLANE_RADIUS) * noise;
    const noise2 = rng.between(-PLANE_RADIUS, PLANE_RADIUS) * noise;
    inputs.push([x1, x2]);
    targets.push([(x1 + noise1 + x2 + noise2) / 10]);
  }
  return { inputs, targets, inputNames: ['x1', 'x2'], targetNames: ['y'], kind: 'regression' };
}

/** A cubic: x ~ N(0, 1), y = x³ + N(0, noise²) (noise is the standard deviation of the added noise). */
export function cubic({ samples, noise, random }: GeneratorOptions): Dataset {
  checkSamples(samples);
  checkNoise(noise);
  const rng = toRandom(random);
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let i = 0; i < samples; i += 1) {
    const x = rng.normal();
    // Skip the normal draw at noise 0 so y is exactly x ** 3 (no rounding from adding 0·n).
    const y = noise > 0 ? x ** 3 + noise * rng.normal() : x ** 3;
    inputs.push([x]);
    targets.push([y]);
  }
  return { inputs, targets, inputNames: ['x'], targetNames: ['y'], kind: 'regression' };
}

/** Options for `makeRegression`, after scikit-learn's `make_regression`. */
export interface MakeRegressionOptions extends GeneratorOptions {
  /** Number of input features (columns of X); a positive integer. */
  features: number;
  /** How many features carry signal (the first ones); the rest get coefficient 0. Default: all. */
  informative?: number;
  /** The true coefficients, one per feature; drawn as 100·U(0, 1) (informative) or 0 when omitted. */
  coefficients?: number[];
  /** The true intercept added to every target. Default 0, as in scikit-learn. */
  bias?: number;
}

/** A linear-regression dataset together with the ground truth that generated it. */
export interface RegressionProblem extends Dataset {
  /** The true coefficients, one per feature (y = X·coefficients + bias + noise). */
  coefficients: number[];
  /** The true intercept. */
  bias: number;
}

/**
 * scikit-learn's make_regression: X ~ N(0, 1) (samples × features); coefficients 100·U(0, 1) for the
 * first `informative` features and 0 for the rest (unless given); y = X·coefficients + bias + N(0, noise²).
 * Unlike scikit-learn the informative features are not shuffled among the columns, so x1…xk are the
 * ones that matter, which is easier to point at on a slide.
 */
export function makeRegression(options: MakeRegressionOptions): RegressionProblem {
  const { samples, features, noise, bias = 0 } = options;
  checkSamples(samples);
  checkNoise(noise);
  if (!Number.isInteger(features) || features < 1) {
    throw new RangeError(`features must be a positive integer, got ${features}`);
  }
  const informative = options.informative ?? features;
  if (!Number.isInteger(informative) || informative < 0 || informative > features) {
    throw new RangeError(`informative must be an integer in [0, ${features}], got ${informative}`);
  }
  if (!Number.isFinite(bias)) throw new RangeError(`bias must be finite, got ${bias}`);
  const rng = toRandom(options.random);
  let coefficients: number[];
  if (options.coefficients) {
    if (options.coefficients.length !== features) {
      throw new RangeError(`coefficients must have one entry per feature (${features}), got ${options.coefficients.length}`);
    }
    coefficients = [...options.coefficients];
  } else {
    coefficients = Array.from({ length: features }, (_, j) => (j < informative ? 100 * rng.uniform() : 0));
  }
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let i = 0; i < samples; i += 1) {
    const row = Array.from({ length: features }, () => rng.normal());
    let y = bias;
    for (let j = 0; j < features; j += 1) y += row[j]! * coefficients[j]!;
    if (noise > 0) y += noise * rng.normal();
    inputs.push(row);
    targets.push([y]);
  }
  const inputNames = Array.from({ length: features }, (_, j) => `x${j + 1}`);
  return { inputs, targets, inputNames, targetNames: ['y'], kind: 'regression', coefficients, bias };
}

/** The 1-D curves a lecture fits: sine, absolute value, a step and a Gaussian bump. */
export type CurveTarget = 'sin' | 'abs' | 'step' | 'bump';

/** All curve names, in the order a menu would list them. */
export const curveTargets: readonly CurveTarget[] = ['sin', 'abs', 'step', 'bump'];

/** Width (standard deviation) of the bump: exp(−x² / (2·0.3²)), narrow enough to need several units. */
export const BUMP_WIDTH = 0.3;

/**
 * The exact noiseless function behind a curve (widgets draw it over the samples):
 * sin → sin(x); abs → |x|; step → 0 for x < 0, 1 for x ≥ 0; bump → exp(−x² / (2·0.3²)).
 */
export function targetFunction(target: CurveTarget): (x: number) => number {
  switch (target) {
    case 'sin':
      return Math.sin;
    case 'abs':
      return Math.abs;
    case 'step':
      return (x) => (x < 0 ? 0 : 1);
    case 'bump':
      return (x) => Math.exp(-(x * x) / (2 * BUMP_WIDTH * BUMP_WIDTH));
    default:
      throw new RangeError(`Unknown curve target "${String(target)}". Valid targets: ${curveTargets.join(', ')}`);
  }
}

/** The interval a curve is sampled on by default: [−π, π] for sin (one full period), [−1, 1] otherwise. */
export function defaultInterval(target: CurveTarget): [number, number] {
  return target === 'sin' ? [-Math.PI, Math.PI] : [-1, 1];
}

/** How the x of a curve's samples are placed: an evenly spaced grid or uniform random draws. */
export type Spacing = 'uniform' | 'random';

/** Options for `curve1d`. */
export interface CurveOptions extends GeneratorOptions {
  /** Which function to sample. */
  target: CurveTarget;
  /** [low, high] to sample x in; default `defaultInterval(target)`. */
  interval?: [number, number];
  /** 'uniform': evenly spaced grid including both ends; 'random': x ~ U(low, high). Default 'random'. */
  spacing?: Spacing;
}

/**
 * Samples of a 1-D curve: y = f(x) + N(0, noise²) with f = `targetFunction(target)`. Rows are sorted
 * by x (both spacings) so a widget can draw them as a line; the trainer shuffles its own batches.
 */
export function curve1d(options: CurveOptions): Dataset {
  const { target, samples, noise, spacing = 'random' } = options;
  const f = targetFunction(target);
  checkSamples(samples);
  checkNoise(noise);
  const [low, high] = options.interval ?? defaultInterval(target);
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
    throw new RangeError(`interval must be [low, high] with finite low < high, got [${low}, ${high}]`);
  }
  if (spacing !== 'uniform' && spacing !== 'random') {
    throw new RangeError(`spacing must be 'uniform' or 'random', got "${String(spacing)}"`);
  }
  const rng: Random = toRandom(options.random);
  let xs: number[];
  if (spacing === 'uniform') {
    // A single sample sits in the middle; otherwise the grid hits both ends exactly.
    xs = samples === 1 ? [(low + high) / 2] : Array.from({ length: samples }, (_, i) => (i === samples - 1 ? high : low + ((high - low) * i) / (samples - 1)));
  } else {
    xs = Array.from({ length: samples }, () => rng.between(low, high)).sort((a, b) => a - b);
  }
  const inputs = xs.map((x) => [x]);
  const targets = xs.map((x) => [noise > 0 ? f(x) + noise * rng.normal() : f(x)]);
  return { inputs, targets, inputNames: ['x'], targetNames: ['y'], kind: 'regression' };
}
