/**
 * The maths of `<feature-scaling>`: one linear neuron predicting a house's price from its area (ft²) and its
 * number of rooms, trained by gradient descent on the raw features and on standardised ones, side by side.
 *
 * The model, stated once (the widget says it too): both panels fit
 *
 *     ŷ − ȳ = w1·(x1 − μ1)/s1 + w2·(x2 − μ2)/s2        (MSE loss, full-batch gradient descent)
 *
 * with μ, ȳ the training split's means. Raw: s = 1 (ft² and rooms as recorded, only centred);
 * standardised: s = the training split's standard deviations. Centring (features and price) puts the bias
 * at its optimum (b = ȳ) exactly and decouples it from w, so the loss is a function of (w1, w2) alone: the
 * contours drawn are the whole loss, the Hessian is the 2×2 matrix H = (2/n)·XᵀX, and both panels are the
 * same model in different units (the same minimum loss, the same predictions at the optimum). What differs
 * is the shape of the bowl — and so what gradient descent can do with one learning rate.
 *
 * Everything here is float64 and pure: the seeded houses, the split, the standardizer (fitted on the
 * training split only), H's eigenvalues in closed form, κ = λmax/λmin, the largest stable rate 2/λmax,
 * the loss and gradient, and the exact GD recursion the engine's run is checked against.
 */
import { fitStandardizer, trainTestSplit, type Dataset } from '../../engine/data/index.ts';
import { createRandom } from '../../engine/random.ts';
import type { TrainerSpec } from '../../engine/trainer.ts';
import { boolean, defineSettings, number, seed, wholeNumber, type NumberRange, type Parser } from '../shared/runtime/settings.ts';
import { pythonNumber, pythonRows } from '../shared/pytorch.ts';
import { ThinnedSeries } from '../shared/thinned-series.ts';
import { columnList, dataPath } from '../shared/data/data-parsers.ts';
import { formatNumber as formatShared } from '../shared/views/format-number.ts';

/** The two panels. */
export const SCALINGS = ['raw', 'standardised'] as const;
export type Scaling = (typeof SCALINGS)[number];

/** A weight vector (w1, w2). */
export type Weights = [number, number];

/** One panel's data: centred (and for `standardised`, scaled) features and the centred price. */
export interface ScaledData {
  scaling: Scaling;
  /** Training rows [x1, x2] as the neuron sees them. */
  train: number[][];
  /** Training targets: price − ȳ (k$). */
  trainTargets: number[];
  /** Test rows, transformed with the training statistics. */
  test: number[][];
  testTargets: number[];
  /** The per-feature shift and scale applied: x' = (x − shift) / scale. */
  shift: [number, number];
  scale: [number, number];
}

/** The houses, split, and both panels' data. */
export interface Houses {
  /** [area ft², rooms] and price k$, all samples. */
  all: Dataset;
  train: Dataset;
  test: Dataset;
  /** Training means of area and rooms, and their (population) standard deviations. */
  featureMean: [number, number];
  featureDeviation: [number, number];
  /** Training mean price ȳ (k$). */
  priceMean: number;
  /** The weights' units on each panel's axes: k$/ft² raw, k$/s.d. area standardised (a CSV: its column names). */
  units: Record<Scaling, [string, string]>;
  raw: ScaledData;
  standardised: ScaledData;
}

/** Everything a run depends on. */
export interface ScalingSettings {
  /** Houses generated (train + test). */
  points: number;
  /** Steps of full-batch gradient descent each panel takes (the handout state). */
  steps: number;
  /** η of the standardised panel, and of both when `rawLearningRate` is null. */
  learningRate: number;
  /** η of the raw panel when set apart; null: the same η as the standardised panel. */
  rawLearningRate: number | null;
  seed: number;
  /** A CSV beside the deck to fit instead of the houses ('' : the houses). */
  data: string;
  /** With `data`: the two input columns, comma-separated. */
  features: string;
  /** With `data`: the target column. */
  target: string;
}

export const SCALING_DEFAULTS: ScalingSettings = { points: 80, steps: 40, learningRate: 0.25, rawLearningRate: null, seed: 1, data: '', features: '', target: '' };

/** Allowed ranges (ends included). */
export const SCALING_LIMITS = {
  points: { min: 10, max: 1000 },
  steps: { min: 1, max: 1000 },
  lr: { min: 1e-9, max: 2 },
  seed: { min: -(2 ** 31), max: 2 ** 31 - 1 },
} as const satisfies Record<string, NumberRange>;

/** Fraction of the houses the neuron trains on; the rest is the test split. */
export const TRAIN_FRACTION = 0.75;

/** Standard deviation of the rooms around the count the area suggests: area and rooms correlate (r ≈ 0.65), as in listings. */
export const ROOMS_SPREAD = 1.2;

/** The price rule behind the synthetic houses: k$ = 40 + 0.12·area + 9·rooms + N(0, 20²). */
export const PRICE_RULE = { intercept: 40, perSquareFoot: 0.12, perRoom: 25, noise: 25 } as const;

/**
 * Seeded synthetic houses: area ~ U(500, 3500) ft²; rooms = round(1.5 + 3.5·(area − 500)/3000 + N(0, 1.2²)),
 * clamped to 1…6 (so rooms follow area, as in real listings: the features are correlated); price from
 * `PRICE_RULE`. Split 75 / 25 with the same seed; the standardizer is fitted on the training split only.
 */
export function makeHouses(points: number, seed: number): Houses {
  const random = createRandom(`feature-scaling:${seed}`);
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let i = 0; i < points; i += 1) {
    const area = Math.round(random.between(500, 3500));
    const rooms = Math.min(6, Math.max(1, Math.round(1.5 + (3.5 * (area - 500)) / 3000 + ROOMS_SPREAD * random.normal())));
    const price = PRICE_RULE.intercept + PRICE_RULE.perSquareFoot * area + PRICE_RULE.perRoom * rooms + PRICE_RULE.noise * random.normal();
    inputs.push([area, rooms]);
    targets.push([price]);
  }
  const all: Dataset = { inputs, targets, inputNames: ['area (ft²)', 'rooms'], targetNames: ['price (k$)'], kind: 'regression' };
  return splitScaled(all, random.fork(), { raw: ['k$/ft²', 'k$/room'], standardised: ['k$/s.d. area', 'k$/s.d. rooms'] });
}

/**
 * The instructor's own table (two input columns and a target, `data=`): every row is used (`points` is the
 * houses' alone), split 75 / 25 with the seed, and both panels built exactly as for the houses.
 */
export function tableHouses(all: { inputs: number[][]; targets: number[][]; inputNames: string[]; targetNames: string[] }, seed: number): Houses {
  const [first, second] = all.inputNames as [string, string];
  const target = all.targetNames[0]!;
  const units: Houses['units'] = { raw: [`${target}/${first}`, `${target}/${second}`], standardised: [`${target}/s.d. ${first}`, `${target}/s.d. ${second}`] };
  return splitScaled({ ...all, kind: 'regression' }, tableSplitRandom(seed), units);
}

/** The generator that splits a table: a function of the seed alone, so the notebook can name the same rows. */
function tableSplitRandom(seed: number) {
  return createRandom(`feature-scaling:table:${seed}`);
}

/** Which rows of a table of `rows` rows the split trains on (0-based, in file order), for the notebook. */
export function tableTrainRows(rows: number, seed: number): number[] {
  const index: Dataset = { inputs: Array.from({ length: rows }, (_, i) => [i]), targets: Array.from({ length: rows }, () => [0]), inputNames: ['row'], targetNames: [''], kind: 'regression' };
  return trainTestSplit(index, { trainFraction: TRAIN_FRACTION, random: tableSplitRandom(seed) }).train.inputs.map(([i]) => i!);
}

/** Splits, fits the standardizer on the training split, and builds both panels. */
function splitScaled(all: Dataset, random: ReturnType<typeof createRandom>, units: Houses['units']): Houses {
  const { train, test } = trainTestSplit(all, { trainFraction: TRAIN_FRACTION, random });
  const standardizer = fitStandardizer(train);
  const featureMean = standardizer.mean as [number, number];
  const featureDeviation = standardizer.deviation as [number, number];
  const priceMean = mean(train.targets.map(([y]) => y!));
  const panel = (scaling: Scaling, scale: [number, number]): ScaledData => {
    const transform = (rows: readonly (readonly number[])[]) => rows.map((row) => [(row[0]! - featureMean[0]) / scale[0], (row[1]! - featureMean[1]) / scale[1]]);
    return {
      scaling,
      train: transform(train.inputs),
      trainTargets: train.targets.map(([y]) => y! - priceMean),
      test: transform(test.inputs),
      testTargets: test.targets.map(([y]) => y! - priceMean),
      shift: [...featureMean],
      scale,
    };
  };
  return { all, train, test, featureMean, featureDeviation, priceMean, units, raw: panel('raw', [1, 1]), standardised: panel('standardised', [...featureDeviation]) };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** A symmetric 2×2 matrix [[a, b], [b, c]]. */
export interface Symmetric2 {
  a: number;
  b: number;
  c: number;
}

/** The Hessian of the MSE, H = (2/n)·XᵀX, for rows [x1, x2]. */
export function hessian(rows: readonly (readonly number[])[]): Symmetric2 {
  let a = 0;
  let b = 0;
  let c = 0;
  for (const [x1, x2] of rows) {
    a += x1! * x1!;
    b += x1! * x2!;
    c += x2! * x2!;
  }
  const k = 2 / rows.length;
  return { a: k * a, b: k * b, c: k * c };
}

/**
 * Eigenvalues of a symmetric 2×2 matrix, largest first, from its trace T and determinant D:
 * λ = T/2 ± √((a − c)²/4 + b²). The root is written without T² − 4D, which cancels badly when κ is huge;
 * the small one is taken as D/λmax for the same reason.
 */
export function eigenvalues2({ a, b, c }: Symmetric2): [number, number] {
  const half = (a + c) / 2;
  const radius = Math.hypot((a - c) / 2, b);
  const large = half + radius;
  const small = large === 0 ? 0 : (a * c - b * b) / large;
  return [large, small];
}

/** One panel's curvature: H, its eigenvalues, κ = λmax/λmin, and the largest stable rate 2/λmax. */
export interface Curvature {
  hessian: Symmetric2;
  lambdaMax: number;
  lambdaMin: number;
  condition: number;
  stableRate: number;
}

export function curvature(rows: readonly (readonly number[])[]): Curvature {
  const h = hessian(rows);
  const [lambdaMax, lambdaMin] = eigenvalues2(h);
  return { hessian: h, lambdaMax, lambdaMin, condition: lambdaMax / lambdaMin, stableRate: 2 / lambdaMax };
}

/** The MSE of the neuron ŷ = w·x on rows and targets (float64). */
export function meanSquaredError(w: readonly number[], rows: readonly (readonly number[])[], targets: readonly number[]): number {
  let sum = 0;
  rows.forEach(([x1, x2], i) => (sum += (w[0]! * x1! + w[1]! * x2! - targets[i]!) ** 2));
  return sum / rows.length;
}

/** ∇MSE = (2/n)·Xᵀ(Xw − y). */
export function gradient(w: readonly number[], rows: readonly (readonly number[])[], targets: readonly number[]): Weights {
  let g1 = 0;
  let g2 = 0;
  rows.forEach(([x1, x2], i) => {
    const residual = w[0]! * x1! + w[1]! * x2! - targets[i]!;
    g1 += residual * x1!;
    g2 += residual * x2!;
  });
  return [(2 * g1) / rows.length, (2 * g2) / rows.length];
}

/** The least-squares weights: solves H w = (2/n)·Xᵀy. */
export function optimum(rows: readonly (readonly number[])[], targets: readonly number[]): Weights {
  const { a, b, c } = hessian(rows);
  const [r1, r2] = gradient([0, 0], rows, targets).map((g) => -g) as Weights;
  const det = a * c - b * b;
  return [(c * r1 - b * r2) / det, (a * r2 - b * r1) / det];
}

/** One step of a run as drawn: its weights and the training MSE there. */
export interface DescentStep {
  step: number;
  w: Weights;
  loss: number;
}

/** A run's steps as the widget keeps them: every one (a run has at most 1,000), thinned past 2,000 (thinned-series.ts). */
export function descentHistory(): ThinnedSeries<DescentStep> {
  return new ThinnedSeries<DescentStep>({ value: (p) => p.loss });
}

/** The float64 gradient-descent path w₀ = start, w_{t+1} = w_t − η ∇L(w_t): `steps + 1` points. */
export function descentPath(data: Pick<ScaledData, 'train' | 'trainTargets'>, learningRate: number, steps: number, start: Weights = [0, 0]): Weights[] {
  const path: Weights[] = [[...start]];
  let w: Weights = [...start];
  for (let t = 0; t < steps; t += 1) {
    const [g1, g2] = gradient(w, data.train, data.trainTargets);
    w = [w[0] - learningRate * g1, w[1] - learningRate * g2];
    path.push(w);
  }
  return path;
}

/** What happens to GD at rate η on a bowl with these eigenvalues, in one phrase. */
export type Verdict = 'diverges' | 'oscillates' | 'converges' | 'crawls';

/**
 * The verdict on η: |1 − ηλ| is each eigen-direction's factor per step. Above 2/λmax the steepest direction
 * grows (diverges); above 1/λmax it flips sign each step (oscillates); if the flattest direction would take
 * more than `steps` steps to shrink its error tenfold, GD crawls.
 */
export function verdict(c: Pick<Curvature, 'lambdaMax' | 'lambdaMin'>, learningRate: number, steps: number): Verdict {
  if (Math.abs(1 - learningRate * c.lambdaMax) > 1) return 'diverges';
  const slowest = Math.max(Math.abs(1 - learningRate * c.lambdaMin), Math.abs(1 - learningRate * c.lambdaMax));
  if (slowest ** steps > 0.1) return 'crawls';
  if (learningRate * c.lambdaMax > 1) return 'oscillates';
  return 'converges';
}

/** The engine's spec for one panel: 2 → 1 linear neuron with no bias, MSE, full-batch SGD. */
export function trainerSpec(learningRate: number, seed: number, scaling: Scaling): TrainerSpec {
  return {
    network: { layers: [2, 1], hidden: 'linear', output: 'linear', bias: false },
    loss: 'mse',
    optimizer: { kind: 'sgd', learningRate },
    batching: { mode: 'full' },
    seed,
    name: `feature-scaling ${scaling}`,
  };
}

/** The attributes as written on the element (null when absent). */
export type ScalingAttributes = Partial<Record<'points' | 'steps' | 'lr' | 'rawLr' | 'seed' | 'data' | 'features' | 'y', string | null>>;

/** The raw panel's own η, or `none` (null): one η for both panels. */
function separateRate(): Parser<number | null> {
  const rate = number(SCALING_LIMITS.lr);
  return {
    range: rate.range,
    read: (text) => (text.trim().toLowerCase() === 'none' ? { value: null } : rate.read(text)),
    write: (value) => (value === null ? 'none' : String(value)),
  };
}

/**
 * The attributes (README: Widgets), also the URL's keys (`lr`, `raw-lr`, as links have always held them).
 * `autoplay` is the element's alone: nothing changes it, so it never goes into the URL.
 */
export const scalingSettings = defineSettings({
  points: { attribute: 'points', parse: wholeNumber(SCALING_LIMITS.points), default: SCALING_DEFAULTS.points },
  steps: { attribute: 'steps', parse: wholeNumber(SCALING_LIMITS.steps), default: SCALING_DEFAULTS.steps },
  learningRate: { attribute: 'lr', aliases: ['learning-rate'], parse: number(SCALING_LIMITS.lr), default: SCALING_DEFAULTS.learningRate },
  rawLearningRate: { attribute: 'raw-lr', parse: separateRate(), default: SCALING_DEFAULTS.rawLearningRate },
  seed: { attribute: 'seed', parse: seed(), default: SCALING_DEFAULTS.seed },
  data: { attribute: 'data', parse: dataPath(), default: SCALING_DEFAULTS.data },
  features: { attribute: 'features', parse: columnList(), default: SCALING_DEFAULTS.features },
  target: { attribute: 'y', parse: columnList(), default: SCALING_DEFAULTS.target },
  autoplay: { attribute: 'autoplay', parse: boolean(), default: false },
});

/** Reads the attributes into settings; a bad value falls back to its default with a warning naming it. */
export function parseScalingAttributes(attributes: ScalingAttributes): { settings: ScalingSettings; warnings: string[] } {
  const fields: Record<string, keyof ScalingAttributes> = { points: 'points', steps: 'steps', lr: 'lr', 'raw-lr': 'rawLr', seed: 'seed', data: 'data', features: 'features', y: 'y' };
  const { values, warnings } = scalingSettings.read({ attribute: (name) => (fields[name] ? attributes[fields[name]] : null) });
  const { autoplay: _autoplay, ...settings } = values;
  return { settings, warnings };
}

/** A number for the widget: `digits` significant figures (3 unless told), a power of ten outside 0.001…99 999 ("1.23 × 10⁻⁷"). */
export function formatNumber(value: number, digits = 3): string {
  return formatShared(value, { digits, powerDigits: digits });
}

/** Log-scale slider positions for η: position = log10 η. */
export const LEARNING_RATE_SLIDER = { min: -8, max: 0, step: 0.01 } as const;

/** The PyTorch of one panel (the standardisation with training statistics, then the neuron and its GD loop). */
export function pytorchCode(settings: ScalingSettings, tableRows?: number): string {
  const rawRate = settings.rawLearningRate ?? settings.learningRate;
  return [
    'import torch',
    'from torch import nn',
    ...(settings.data !== '' && tableRows !== undefined ? tableCode(settings, tableRows) : housesCode(settings)),
    '',
    '# %% Both runs: raw and standardised features',
    'mu, sd = X_train.mean(0), X_train.std(0, unbiased=False)  # training split only',
    'y_mean = y_train.mean()',
    'runs = {',
    `    "raw": ((X_train - mu), ${pythonNumber(rawRate)}),            # centred, not scaled`,
    `    "standardised": ((X_train - mu) / sd, ${pythonNumber(settings.learningRate)}),`,
    '}',
    'losses = {}',
    'for name, (x, lr) in runs.items():',
    '    losses[name] = []',
    '    model = nn.Linear(2, 1, bias=False)  # the bias sits at its optimum: y is centred',
    '    nn.init.zeros_(model.weight)',
    '    loss_fn = nn.MSELoss()',
    '    optimizer = torch.optim.SGD(model.parameters(), lr=lr)',
    `    for step in range(${settings.steps}):`,
    '        optimizer.zero_grad()',
    '        loss = loss_fn(model(x), y_train - y_mean)',
    '        loss.backward()',
    '        optimizer.step()',
    '        losses[name].append(loss.item())',
    '    H = 2 * x.T @ x / len(x)  # the Hessian of the MSE',
    '    eig = torch.linalg.eigvalsh(H.double())',
    '    print(name, "kappa", (eig[-1] / eig[0]).item(), "largest stable lr", (2 / eig[-1]).item())',
  ].join('\n');
}

/** The notebook's data cell for the houses: the widget's own numbers, written out. */
function housesCode(settings: ScalingSettings): string[] {
  const houses = makeHouses(settings.points, settings.seed);
  const prices = (rows: readonly (readonly number[])[]) => pythonRows(rows.map(([y]) => Math.round(y! * 10) / 10), 10);
  return [
    '',
    '# %% The data',
    `# The widget's ${settings.points} houses (seed ${settings.seed}), split ${TRAIN_FRACTION * 100} / ${100 - TRAIN_FRACTION * 100} as it splits them`,
    '# X_train, X_test: [area_ft2, rooms] per house; y_train, y_test: price in k$ (column vectors)',
    `X_train = torch.tensor(${pythonRows(houses.train.inputs, 8)}, dtype=torch.float32)`,
    `y_train = torch.tensor(${prices(houses.train.targets)}).unsqueeze(1)`,
    `X_test = torch.tensor(${pythonRows(houses.test.inputs, 8)}, dtype=torch.float32)`,
    `y_test = torch.tensor(${prices(houses.test.targets)}).unsqueeze(1)`,
  ];
}

/** The notebook's data cell for a CSV: pandas reads the file, and the rows the widget trains on are listed. */
function tableCode(settings: ScalingSettings, rows: number): string[] {
  const features = settings.features.split(',');
  return [
    'import pandas as pd',
    '',
    '# %% The data',
    `# The widget's table, ${settings.data} (put it beside this notebook, or give its path): ${rows} rows`,
    `table = pd.read_csv(${JSON.stringify(settings.data)})`,
    `X_all = torch.tensor(table[${JSON.stringify(features)}].values, dtype=torch.float64).float()`,
    `y_all = torch.tensor(table[${JSON.stringify(settings.target)}].values, dtype=torch.float64).float().unsqueeze(1)`,
    `# The rows the widget trains on (seed ${settings.seed}, ${TRAIN_FRACTION * 100} %; 0-based, in file order); the rest are the test split`,
    `train_rows = ${pythonRows(tableTrainRows(rows, settings.seed), 20)}`,
    'test_rows = sorted(set(range(len(table))) - set(train_rows))',
    'X_train, y_train = X_all[train_rows], y_all[train_rows]',
    'X_test, y_test = X_all[test_rows], y_all[test_rows]',
  ];
}
