/**
 * Linear regression through the origin with two coefficients, ŷ = β₁x₁ + β₂x₂, on scikit-learn-style
 * `make_regression` data: everything about its loss that has a closed form, in float64. Shared by
 * `<gd-trajectory>` and `<gd-modes>` (the contours, the normal-equation estimate β̂, the stability limit of
 * gradient descent and the full-data loss at every point of a path).
 *
 *   L(β) = (1/n) Σᵢ (xᵢᵀβ − yᵢ)² = yᵀy/n − 2 βᵀ(Xᵀy/n) + βᵀ(XᵀX/n) β
 *   ∇L(β) = (2/n) Xᵀ(Xβ − y)            H = ∇²L = (2/n) XᵀX   (constant: L is a quadratic bowl)
 *   β̂ = (XᵀX)⁻¹ Xᵀy                    (the normal equation; L(β) = L(β̂) + (β − β̂)ᵀ (XᵀX/n) (β − β̂))
 *
 * Gradient descent β ← β − η ∇L contracts the error along each eigenvector of H by (1 − η λ), so it
 * converges iff η < 2/λmax, and the slowest direction (λmin) sets how far a small η gets in a step budget.
 */
import { makeRegression } from '../../../engine/data/regression.ts';
import { number, seed, wholeNumber, type NumberRange, type Parser } from '../runtime/parsers.ts';
import { formatNumber, JS_PLAIN } from '../views/format-number.ts';
import { columnList, dataPath } from '../data/data-parsers.ts';

/** A point (β₁, β₂). */
export type Beta = readonly [number, number];

/** What defines the data set (the generator's arguments). */
export interface ProblemSettings {
  /** n, rows of X. */
  samples: number;
  /** Standard deviation of the Gaussian noise added to y (make_regression's `noise`). */
  noise: number;
  /** Seeds X, the noise and (when not given) the true coefficients. */
  seed: number;
  /** The true β; undefined draws 100·U(0, 1) for each, as make_regression does. */
  coefficients: Beta | undefined;
  /** A CSV beside the deck to fit instead (`data`; '' or absent: make_regression), its two input columns and its target. */
  data?: string;
  features?: string;
  target?: string;
}

/** The data and every closed-form quantity the widgets draw. */
export interface RegressionProblem {
  /** X, one row (x₁, x₂) per sample. */
  inputs: number[][];
  /** y, one row [y] per sample (the shape the trainer takes). */
  targets: number[][];
  samples: number;
  /** The β that generated the data (y = Xβ + noise): drawn as +. */
  trueBeta: Beta;
  /** β̂ from the normal equation: the least-squares minimum, drawn green. */
  estimate: Beta;
  /** XᵀX/n as [g11, g12, g22]. */
  gram: [number, number, number];
  /** Xᵀy/n. */
  moment: [number, number];
  /** yᵀy/n. */
  meanSquare: number;
  /** L(β̂), the least loss any β reaches. */
  minimumLoss: number;
  /** Eigenvalues of the Hessian H = (2/n) XᵀX, largest first. */
  curvature: { max: number; min: number };
  /** For a CSV (`data`): the file and columns, and the means and s.d. that standardised them. No true β then. */
  table?: { file: string; inputNames: [string, string]; targetName: string; inputMean: [number, number]; inputDeviation: [number, number]; targetMean: number };
}

/** Generates the data (engine's seeded make_regression) and solves everything in closed form. */
export function regressionProblem(settings: ProblemSettings): RegressionProblem {
  const data = makeRegression({
    samples: settings.samples,
    features: 2,
    noise: settings.noise,
    random: settings.seed,
    coefficients: settings.coefficients ? [...settings.coefficients] : undefined,
  });
  return problemFromData(data.inputs, data.targets, [data.coefficients[0]!, data.coefficients[1]!]);
}

/** The closed-form quantities of given data (X with two columns, y). */
export function problemFromData(inputs: number[][], targets: number[][], trueBeta: Beta): RegressionProblem {
  const n = inputs.length;
  let g11 = 0;
  let g12 = 0;
  let g22 = 0;
  let m1 = 0;
  let m2 = 0;
  let yy = 0;
  inputs.forEach(([x1, x2], i) => {
    const y = targets[i]![0]!;
    g11 += x1! * x1!;
    g12 += x1! * x2!;
    g22 += x2! * x2!;
    m1 += x1! * y;
    m2 += x2! * y;
    yy += y * y;
  });
  const gram: [number, number, number] = [g11 / n, g12 / n, g22 / n];
  const moment: [number, number] = [m1 / n, m2 / n];
  const estimate = solve2x2(gram, moment);
  const problem: RegressionProblem = {
    inputs,
    targets,
    samples: n,
    trueBeta,
    estimate,
    gram,
    moment,
    meanSquare: yy / n,
    minimumLoss: Number.NaN,
    curvature: hessianEigenvalues(gram),
  };
  // The expanded form (no β̂-centred shortcut yet): the residual's mean square at β̂.
  problem.minimumLoss = lossAt({ gram, moment, meanSquare: yy / n, estimate }, estimate);
  return problem;
}

/**
 * A CSV's two columns and target as a problem through the origin: each input standardised and the target centred
 * (means and population s.d. of all rows), so ŷ = β₁x₁ + β₂x₂ is the neuron with its bias at the optimum, β is in
 * target units per s.d., and the bowl is round enough for one learning rate. No true β exists: β̂ stands in for it.
 */
export function problemFromTable(table: { inputs: number[][]; targets: number[][]; inputNames: string[]; targetNames: string[]; file: string }): RegressionProblem {
  const n = table.inputs.length;
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / n;
  const deviation = (values: number[], m: number) => Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / n) || 1;
  const columns = [0, 1].map((c) => table.inputs.map((row) => row[c]!));
  const inputMean = columns.map(mean) as [number, number];
  const inputDeviation = columns.map((column, c) => deviation(column, inputMean[c]!)) as [number, number];
  const targetMean = mean(table.targets.map(([y]) => y!));
  const inputs = table.inputs.map((row) => [0, 1].map((c) => (row[c]! - inputMean[c]!) / inputDeviation[c]!));
  const targets = table.targets.map(([y]) => [y! - targetMean]);
  const problem = problemFromData(inputs, targets, [0, 0]);
  problem.trueBeta = problem.estimate;
  problem.table = { file: table.file, inputNames: [table.inputNames[0]!, table.inputNames[1]!], targetName: table.targetNames[0]!, inputMean, inputDeviation, targetMean };
  return problem;
}

/** Solves [[a, b], [b, c]] β = m by Cramer's rule (the normal equation (XᵀX/n) β = Xᵀy/n). */
export function solve2x2([a, b, c]: readonly [number, number, number], [m1, m2]: readonly [number, number]): Beta {
  const det = a * c - b * b;
  if (!(Math.abs(det) > 1e-12 * Math.max(a * c, 1e-300))) return [Number.NaN, Number.NaN];
  return [(c * m1 - b * m2) / det, (a * m2 - b * m1) / det];
}

/** Eigenvalues of H = 2·[[a, b], [b, c]]: the bowl's curvatures along its axes. */
export function hessianEigenvalues([a, b, c]: readonly [number, number, number]): { max: number; min: number } {
  // G's eigenvalues are (a + c)/2 ± √(((a − c)/2)² + b²); H = 2G doubles them.
  const mean = a + c;
  const spread = Math.sqrt((a - c) ** 2 + 4 * b * b);
  return { max: mean + spread, min: mean - spread };
}

/** The full-data MSE at β, exactly (float64): yᵀy/n − 2βᵀ(Xᵀy/n) + βᵀ(XᵀX/n)β, never below L(β̂) by rounding. */
export function lossAt(problem: Pick<RegressionProblem, 'gram' | 'moment' | 'meanSquare' | 'estimate'> & { minimumLoss?: number }, [b1, b2]: Beta): number {
  const [g11, g12, g22] = problem.gram;
  // Written around β̂ (L = L(β̂) + dᵀGd, d = β − β̂) so that no large terms cancel near the minimum.
  if (problem.minimumLoss !== undefined && Number.isFinite(problem.minimumLoss) && Number.isFinite(problem.estimate[0])) {
    const d1 = b1 - problem.estimate[0];
    const d2 = b2 - problem.estimate[1];
    return problem.minimumLoss + g11 * d1 * d1 + 2 * g12 * d1 * d2 + g22 * d2 * d2;
  }
  const [m1, m2] = problem.moment;
  return problem.meanSquare - 2 * (b1 * m1 + b2 * m2) + g11 * b1 * b1 + 2 * g12 * b1 * b2 + g22 * b2 * b2;
}

/** ∇L(β) = 2 (XᵀX/n β − Xᵀy/n). */
export function gradientAt(problem: Pick<RegressionProblem, 'gram' | 'moment'>, [b1, b2]: Beta): Beta {
  const [g11, g12, g22] = problem.gram;
  const [m1, m2] = problem.moment;
  return [2 * (g11 * b1 + g12 * b2 - m1), 2 * (g12 * b1 + g22 * b2 - m2)];
}

/** 2/λmax: full-batch gradient descent converges for η below it and diverges above. */
export function stabilityLimit(problem: Pick<RegressionProblem, 'curvature'>): number {
  return 2 / problem.curvature.max;
}

/** How gradient descent at η behaves on this bowl in `steps` steps, in the lecture's words. */
export type Regime = 'diverges' | 'zigzags' | 'converges' | 'crawls';

/**
 * The regime of η: diverges (η > 2/λmax), zigzags in (1/λmax < η < 2/λmax: the steep direction
 * overshoots), crawls (less than half of the slowest direction's way covered in the budget), converges.
 * `progress` is that covered fraction of the slowest direction, 1 − (1 − ηλmin)^steps.
 */
export function regimeOf(problem: Pick<RegressionProblem, 'curvature'>, learningRate: number, steps: number): { regime: Regime; progress: number } {
  const { max, min } = problem.curvature;
  const progress = 1 - Math.abs(1 - learningRate * min) ** steps;
  if (learningRate * max > 2) return { regime: 'diverges', progress };
  if (learningRate * max > 1) return { regime: 'zigzags', progress };
  if (progress < 0.5) return { regime: 'crawls', progress };
  return { regime: 'converges', progress };
}

/** One line for the widget: the regime with the numbers behind it, e.g. "η = 1 > 2/λmax = 0.82: diverges". */
export function describeRegime(problem: Pick<RegressionProblem, 'curvature'>, learningRate: number, steps: number): string {
  const { regime, progress } = regimeOf(problem, learningRate, steps);
  const eta = `η = ${formatShort(learningRate)}`;
  const limit = formatShort(stabilityLimit(problem));
  switch (regime) {
    case 'diverges':
      return `${eta} > 2/λmax = ${limit}: diverges`;
    case 'zigzags':
      return `1/λmax < ${eta} < 2/λmax = ${limit}: zigzags in`;
    case 'crawls':
      return `${eta}: crawls, ${Math.round(progress * 100)} % of the way in ${steps} steps`;
    case 'converges':
      return `${eta} < 2/λmax = ${limit}: converges`;
  }
}

// ---- numbers ----------------------------------------------------------------------------------------------

/**
 * A number for the status: 5 significant figures, a true minus sign, a power of ten with a 4-figure
 * mantissa outside 10⁻⁴…10⁶ ("1.156 × 10⁶"), so a status read back matches the float64 run to 10⁻⁴.
 */
export function formatValue(value: number): string {
  return formatNumber(value, { digits: 5, powerDigits: 4, plain: [1e-4, 1e6] });
}

/** A short number for labels (η, 2/λmax): 2 significant digits below 10, 3 from 10 up, a true minus sign. */
export function formatShort(value: number): string {
  return formatNumber(value, { digits: Math.abs(value) >= 10 ? 3 : 2, plain: JS_PLAIN });
}

/** The coefficient pair as the lecture writes it, e.g. "(52.6, 12.26)": up to 4 significant digits. */
export function formatBeta([b1, b2]: Beta): string {
  return `(${formatNumber(b1, { plain: JS_PLAIN })}, ${formatNumber(b2, { plain: JS_PLAIN })})`;
}

// ---- parsing shared attributes ---------------------------------------------------------------------------

/**
 * The true coefficients "β1,β2", each within ±limit; `random` (written for "none given") draws them from
 * the seed, as make_regression does.
 */
export function coefficientPair(limit = 1000): Parser<Beta | undefined> {
  return {
    read(text) {
      const clean = text.trim();
      if (clean === '') return null;
      if (clean.toLowerCase() === 'random') return { value: undefined };
      const parts = clean.split(',').map((part) => part.trim());
      const values = parts.map(Number);
      if (parts.length !== 2 || parts.some((p) => p === '') || !values.every(Number.isFinite)) return { refusal: 'is not two numbers "β1,β2"' };
      if (values.some((v) => Math.abs(v) > limit)) return { refusal: `is outside −${limit}…${limit}` };
      return { value: [values[0]!, values[1]!] };
    },
    write: (beta) => (beta === undefined ? 'random' : beta.join(',')),
  };
}

/**
 * The rows of a settings table (runtime/settings.ts) that describe the data, shared by gd-trajectory and
 * gd-modes: `samples`, `noise`, `coefficients`, `seed`. problemOf() gathers their values.
 */
export function problemRows(limits: { samples: NumberRange; noise: NumberRange }, defaults: { samples: number; noise: number; seed: number }) {
  return {
    samples: { attribute: 'samples', parse: wholeNumber(limits.samples), default: defaults.samples },
    noise: { attribute: 'noise', parse: number(limits.noise), default: defaults.noise },
    coefficients: { attribute: 'coefficients', parse: coefficientPair(), default: undefined as Beta | undefined },
    seed: { attribute: 'seed', parse: seed(), default: defaults.seed },
    data: { attribute: 'data', parse: dataPath(), default: '' },
    features: { attribute: 'features', parse: columnList(), default: '' },
    target: { attribute: 'y', parse: columnList(), default: '' },
  };
}

/** Every data setting of `problem` as the settings table holds it (for writing them back: the URL state). */
export function problemValues(problem: ProblemSettings): Required<ProblemSettings> {
  return { ...problem, data: problem.data ?? '', features: problem.features ?? '', target: problem.target ?? '' };
}

/** The data's settings out of a table's values (see problemRows); the CSV's only when `data` is given. */
export function problemOf(values: ProblemSettings): ProblemSettings {
  const generated = { samples: values.samples, noise: values.noise, seed: values.seed, coefficients: values.coefficients };
  return values.data ? { ...generated, data: values.data, features: values.features ?? '', target: values.target ?? '' } : generated;
}

// ---- the learning-rate slider: log10 of η ------------------------------------------------------------

/** The slider moves in twentieths of a decade (×1.12 per arrow key). */
export const LEARNING_RATE_SLIDER_STEP = 0.05;

/** The learning rate at a slider position (log10 η), to two significant digits: what is shown is what is used. */
export function learningRateAt(position: number): number {
  return Number((10 ** position).toPrecision(2));
}

/** The slider position (log10 η) of a learning rate. */
export function sliderPosition(learningRate: number): number {
  return Math.log10(learningRate);
}

// ---- PyTorch ---------------------------------------------------------------------------------------------

/** The data lines of the PyTorch scripts: the same recipe (scikit-learn's generator draws other numbers). */
export function pytorchData(settings: ProblemSettings): string[] {
  if (settings.data) return pytorchTable(settings.data, settings.features ?? '', settings.target ?? '');
  const args = [`n_samples=${settings.samples}`, 'n_features=2', `noise=${settings.noise}`, 'coef=True', `random_state=${settings.seed}`];
  const lines = ['import torch', 'from torch import nn'];
  if (settings.coefficients) {
    lines.push(
      'import numpy as np',
      '',
      '# %% The data',
      '# The same recipe as the widget (make_regression with given coefficients); numpy draws other numbers.',
      `rng = np.random.default_rng(${settings.seed})`,
      `true_beta = np.array([${settings.coefficients.join(', ')}])`,
      `x = rng.normal(size=(${settings.samples}, 2))`,
      `y = x @ true_beta + ${settings.noise} * rng.normal(size=${settings.samples})`,
    );
  } else {
    const args = [`n_samples=${settings.samples}`, 'n_features=2', `noise=${settings.noise}`, 'coef=True', `random_state=${settings.seed}`];
    lines.push(
      'from sklearn.datasets import make_regression',
      '',
      '# %% The data',
      '# The same recipe as the widget; scikit-learn draws other numbers than its seeded generator.',
      `x, y, true_beta = make_regression(${args.join(', ')})`,
    );
  }
  lines.push(
    'x = torch.tensor(x, dtype=torch.float32)',
    'y = torch.tensor(y, dtype=torch.float32).unsqueeze(1)',
    'beta_hat = torch.linalg.solve(x.T @ x, x.T @ y)  # the normal equation',
  );
  return lines;
}

/** The data lines for a CSV: pandas reads it; inputs standardised and the target centred, as the widget does. */
function pytorchTable(file: string, features: string, target: string): string[] {
  return [
    'import torch',
    'from torch import nn',
    'import pandas as pd',
    '',
    '# %% The data',
    `# The widget's table, ${file} (put it beside this notebook, or give its path)`,
    `table = pd.read_csv(${JSON.stringify(file)})`,
    `x = torch.tensor(table[${JSON.stringify(features.split(','))}].values, dtype=torch.float64)`,
    `y = torch.tensor(table[${JSON.stringify(target)}].values, dtype=torch.float64).unsqueeze(1)`,
    '# Standardised inputs and a centred target (all rows): the fit through the origin keeps its bias at the optimum',
    'x = ((x - x.mean(0)) / x.std(0, unbiased=False)).float()',
    'y = (y - y.mean()).float()',
    'beta_hat = torch.linalg.solve(x.T @ x, x.T @ y)  # the normal equation',
  ];
}
