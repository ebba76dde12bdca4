/**
 * The maths of `<perceptron-boundary>`: a linear classifier ŷ = sign(wᵀx + b) over labelled 2-D points.
 * Pure and float64: the seeded data sets, predictions, accuracy, the boundary line clipped to the plot,
 * Rosenblatt's perceptron rule one update at a time (exact in float64), its margin and Novikoff's bound,
 * the logistic-regression loss and gradient (the float64 reference for the engine's run), and attributes.
 */
import { createRandom } from '../../engine/random.ts';
import type { TrainerSpec } from '../../engine/trainer.ts';
import { choice, defineSettings, number, seed, text, wholeNumber, type NumberRange, type Parser } from '../shared/runtime/settings.ts';
import { dataPath } from '../shared/data/data-parsers.ts';
import { pythonNumber, pythonRows, pytorchTrainingLoop } from '../shared/pytorch.ts';
import { formatNumber } from '../shared/views/format-number.ts';

/** A point of the plane. */
export type Vector = [number, number];

/** A labelled point: y ∈ {−1, +1}. */
export interface LabelledPoint {
  x: Vector;
  y: 1 | -1;
}

export const DATASETS = ['separable', 'overlap', 'xor'] as const;
export type DatasetName = (typeof DATASETS)[number];

export const RULES = ['perceptron', 'logistic'] as const;
export type LearningRule = (typeof RULES)[number];

/** What the menu calls each rule. */
export const RULE_LABELS: Record<LearningRule, string> = { perceptron: 'perceptron rule', logistic: 'logistic regression' };

/** The plot shows x1, x2 ∈ [−PLOT_RADIUS, PLOT_RADIUS]; points lie within ±3. */
export const PLOT_RADIUS = 4;

/** The line that labels the separable set: w* = (2, −1), b* = 0.5 — not one of the lecture's exercises. */
export const SEPARATOR: { w: Vector; b: number } = { w: [2, -1], b: 0.5 };

/** Points of the separable set closer than this to the separator are dropped: a margin γ ≥ 0.35. */
export const MIN_DISTANCE = 0.35;

/**
 * Seeded points in [−3, 3]²:
 * - `separable`: uniform, labelled by the side of `SEPARATOR`, none within `MIN_DISTANCE` of it;
 * - `overlap`: two Gaussian clouds (s.d. 1.1) around ±(1, 1): no line gets every point right;
 * - `xor`: uniform, labelled sign(x1·x2), points within 0.3 of an axis dropped: no line gets much over ¾.
 */
export function makePoints(dataset: DatasetName, count: number, seed: number): LabelledPoint[] {
  const random = createRandom(`perceptron-boundary:${dataset}:${seed}`);
  const points: LabelledPoint[] = [];
  const norm = Math.hypot(...SEPARATOR.w);
  let guard = 0;
  while (points.length < count && guard++ < 100_000) {
    if (dataset === 'overlap') {
      const y = points.length % 2 === 0 ? 1 : -1;
      const x: Vector = [y + 1.1 * random.normal(), y + 1.1 * random.normal()];
      if (Math.abs(x[0]) <= 3.5 && Math.abs(x[1]) <= 3.5) points.push({ x, y });
      continue;
    }
    const x: Vector = [random.between(-3, 3), random.between(-3, 3)];
    if (dataset === 'separable') {
      const distance = (SEPARATOR.w[0] * x[0] + SEPARATOR.w[1] * x[1] + SEPARATOR.b) / norm;
      if (Math.abs(distance) >= MIN_DISTANCE) points.push({ x, y: distance > 0 ? 1 : -1 });
    } else if (Math.abs(x[0]) > 0.3 && Math.abs(x[1]) > 0.3) {
      points.push({ x, y: x[0] * x[1] > 0 ? 1 : -1 });
    }
  }
  return points.map(({ x, y }) => ({ x: [round(x[0]), round(x[1])], y }));
}

/** Two decimals: the points read the same on the widget, in the code and in tests. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** wᵀx + b. */
export function score(w: Vector, b: number, x: Vector): number {
  return w[0] * x[0] + w[1] * x[1] + b;
}

/** The predicted class: +1 where wᵀx + b ≥ 0… except that on the line itself the perceptron counts a mistake. */
export function predict(w: Vector, b: number, x: Vector): 1 | -1 {
  return score(w, b, x) >= 0 ? 1 : -1;
}

/** A point is misclassified when y·(wᵀx + b) ≤ 0 (on the line counts as wrong, as in the perceptron rule). */
export function isMisclassified(w: Vector, b: number, point: LabelledPoint): boolean {
  return point.y * score(w, b, point.x) <= 0;
}

/** Accuracy and the misclassified count. */
export function evaluate(w: Vector, b: number, points: readonly LabelledPoint[]): { accuracy: number; misclassified: number } {
  const misclassified = points.filter((p) => isMisclassified(w, b, p)).length;
  return { accuracy: points.length ? (points.length - misclassified) / points.length : 1, misclassified };
}

/**
 * The segment of the line w1·x1 + w2·x2 + b = 0 inside the square [−r, r]², or undefined when it misses the
 * square (or w = 0, when there is no line).
 */
export function boundarySegment(w: Vector, b: number, r = PLOT_RADIUS): [Vector, Vector] | undefined {
  const norm = Math.hypot(w[0], w[1]);
  if (norm === 0) return undefined;
  // The point of the line nearest the origin, and the line's direction (w turned a quarter).
  const foot: Vector = [(-b * w[0]) / norm ** 2, (-b * w[1]) / norm ** 2];
  const direction: Vector = [-w[1] / norm, w[0] / norm];
  // Liang–Barsky clipping of foot + t·direction to the square.
  let low = -Infinity;
  let high = Infinity;
  for (const axis of [0, 1] as const) {
    const d = direction[axis];
    const p = foot[axis];
    if (Math.abs(d) < 1e-12) {
      if (Math.abs(p) > r) return undefined;
      continue;
    }
    const t1 = (-r - p) / d;
    const t2 = (r - p) / d;
    low = Math.max(low, Math.min(t1, t2));
    high = Math.min(high, Math.max(t1, t2));
  }
  if (!(low < high)) return undefined;
  return [
    [foot[0] + low * direction[0], foot[1] + low * direction[1]],
    [foot[0] + high * direction[0], foot[1] + high * direction[1]],
  ];
}

/**
 * The half-plane wᵀx + b ≥ 0 inside the square [−r, r]², as a polygon (for shading the +1 region):
 * the square's corners on that side plus the boundary's two ends, in order around the region.
 */
export function positiveRegion(w: Vector, b: number, r = PLOT_RADIUS): Vector[] {
  const corners: Vector[] = [[-r, -r], [r, -r], [r, r], [-r, r]];
  const polygon: Vector[] = [];
  for (let i = 0; i < 4; i += 1) {
    const p = corners[i]!;
    const q = corners[(i + 1) % 4]!;
    const sp = score(w, b, p);
    const sq = score(w, b, q);
    if (sp >= 0) polygon.push(p);
    if ((sp >= 0) !== (sq >= 0)) {
      const t = sp / (sp - sq);
      polygon.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return polygon;
}

/** The perceptron's state: weights, bias and where it is in its pass over the points. */
export interface PerceptronState {
  w: Vector;
  b: number;
  /** Updates made so far. */
  updates: number;
  /** Full passes over the points completed. */
  epochs: number;
  /** The next point to look at. */
  cursor: number;
  /** Points in a row found correct (a whole pass of them: converged). */
  correctStreak: number;
  /** The point of the last update, for the widget to highlight. */
  lastUpdated: number | undefined;
}

export function startPerceptron(w: Vector, b: number): PerceptronState {
  return { w: [...w], b, updates: 0, epochs: 0, cursor: 0, correctStreak: 0, lastUpdated: undefined };
}

/** True once a whole pass found no mistake. */
export function hasConverged(state: PerceptronState, points: readonly LabelledPoint[]): boolean {
  return state.correctStreak >= points.length;
}

/**
 * One update of Rosenblatt's rule: go through the points in order from the cursor (cyclically) to the next
 * misclassified one (x, y) and set w ← w + η·y·x, b ← b + η·y. Returns the same state when a whole pass finds
 * no mistake (converged) or `maxEpochs` passes are used up.
 */
export function perceptronUpdate(state: PerceptronState, points: readonly LabelledPoint[], learningRate: number, maxEpochs = Infinity): PerceptronState {
  let { cursor, epochs, correctStreak } = state;
  while (correctStreak < points.length && epochs < maxEpochs) {
    const index = cursor;
    const point = points[index]!;
    cursor += 1;
    if (cursor === points.length) {
      cursor = 0;
      epochs += 1;
    }
    if (isMisclassified(state.w, state.b, point)) {
      return {
        w: [state.w[0] + learningRate * point.y * point.x[0], state.w[1] + learningRate * point.y * point.x[1]],
        b: state.b + learningRate * point.y,
        updates: state.updates + 1,
        epochs,
        cursor,
        correctStreak: 0,
        lastUpdated: index,
      };
    }
    correctStreak += 1;
  }
  return { ...state, cursor, epochs, correctStreak };
}

/** Runs updates until converged or `maxEpochs` passes (at most `maxUpdates` updates). */
export function runPerceptron(state: PerceptronState, points: readonly LabelledPoint[], learningRate: number, maxEpochs: number, maxUpdates = 100_000): PerceptronState {
  let current = state;
  for (let i = 0; i < maxUpdates; i += 1) {
    const next = perceptronUpdate(current, points, learningRate, maxEpochs);
    if (next.updates === current.updates) return next;
    current = next;
  }
  return current;
}

/**
 * Novikoff's bound for the rule started at w = 0, b = 0 (any η): at most (R/γ)² updates, with points
 * augmented x̃ = (x1, x2, 1), R = max‖x̃‖ and γ = min y·(w̃ᵀx̃)/‖w̃‖ the margin of a separating (w, b).
 */
export function novikoffBound(points: readonly LabelledPoint[], separator: { w: Vector; b: number }): { radius: number; margin: number; bound: number } {
  const norm = Math.hypot(separator.w[0], separator.w[1], separator.b);
  const radius = Math.max(...points.map((p) => Math.hypot(p.x[0], p.x[1], 1)));
  const margin = Math.min(...points.map((p) => (p.y * score(separator.w, separator.b, p.x)) / norm));
  return { radius, margin, bound: (radius / margin) ** 2 };
}

/** σ(z) = 1/(1 + e^−z). */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Mean binary cross-entropy of σ(wᵀx + b) against the labels (y = +1 → 1, −1 → 0), stable for large |z|. */
export function logisticLoss(w: Vector, b: number, points: readonly LabelledPoint[]): number {
  let total = 0;
  for (const p of points) {
    const z = score(w, b, p.x);
    const t = p.y === 1 ? 1 : 0;
    total += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
  }
  return total / points.length;
}

/** Its gradient, (1/n)·Σ (σ(z) − t)·(x, 1). */
export function logisticGradient(w: Vector, b: number, points: readonly LabelledPoint[]): { w: Vector; b: number } {
  let g1 = 0;
  let g2 = 0;
  let gb = 0;
  for (const p of points) {
    const error = sigmoid(score(w, b, p.x)) - (p.y === 1 ? 1 : 0);
    g1 += error * p.x[0];
    g2 += error * p.x[1];
    gb += error;
  }
  const n = points.length;
  return { w: [g1 / n, g2 / n], b: gb / n };
}

/** Everything the widget's run depends on. */
export interface BoundarySettings {
  dataset: DatasetName;
  points: number;
  /** The starting weights and bias (the lecture's exercise w = [1, 1], b = −1 by default). */
  w: Vector;
  b: number;
  rule: LearningRule;
  learningRate: number;
  /** Passes over the data: the perceptron's limit on a set it cannot separate; logistic regression's epochs. */
  epochs: number;
  seed: number;
  /** The instructor's CSV (a path relative to the deck), or '' for the generated `dataset`. */
  data: string;
  /** Its two numeric columns, x₁ then x₂ (standardised: perceptron-boundary.data.ts). */
  features: string[];
  /** Its class column. */
  label: string;
  /** The class drawn +1, and the one drawn −1 ('' when not written: see components/shared/data/labelled.ts). */
  positive: string;
  negative: string;
}

/** η per rule: the perceptron's 0.1 keeps w on the plot; logistic regression takes full-batch steps of 0.5. */
export const DEFAULT_LEARNING_RATE: Record<LearningRule, number> = { perceptron: 0.1, logistic: 0.5 };
/** Epoch budget per rule. */
export const DEFAULT_EPOCHS: Record<LearningRule, number> = { perceptron: 50, logistic: 200 };

export const BOUNDARY_DEFAULTS: BoundarySettings = {
  dataset: 'separable',
  points: 40,
  w: [1, 1],
  b: -1,
  rule: 'perceptron',
  learningRate: DEFAULT_LEARNING_RATE.perceptron,
  epochs: DEFAULT_EPOCHS.perceptron,
  seed: 1,
  data: '',
  features: [],
  label: '',
  positive: '',
  negative: '',
};

export const BOUNDARY_LIMITS = {
  points: { min: 4, max: 200 },
  weight: { min: -PLOT_RADIUS, max: PLOT_RADIUS },
  bias: { min: -6, max: 6 },
  lr: { min: 1e-4, max: 10 },
  epochs: { min: 1, max: 10_000 },
  seed: { min: -(2 ** 31), max: 2 ** 31 - 1 },
} as const satisfies Record<string, NumberRange>;

export type BoundaryAttributes = Partial<
  Record<'dataset' | 'points' | 'w' | 'b' | 'rule' | 'lr' | 'learning-rate' | 'epochs' | 'seed' | 'data' | 'features' | 'label' | 'positive' | 'negative', string | null>
>;

/** "w1,w2" within `range`, not both 0 (a zero w has no boundary line). */
export function vector(range: NumberRange): Parser<Vector> {
  return {
    read(text) {
      if (text.trim() === '') return null;
      const parts = text.split(',').map((part) => Number(part.trim()));
      const ok = parts.length === 2 && parts.every((v) => Number.isFinite(v) && v >= range.min && v <= range.max) && parts.some((v) => v !== 0);
      return ok ? { value: parts as Vector } : { refusal: `is not "w1,w2", two numbers in ${range.min}…${range.max} (not both 0)` };
    },
    write: (value) => value.join(','),
  };
}

/** `features="bill_length_mm,flipper_length_mm"`: the CSV's two columns on x₁ and x₂. */
const twoColumns: Parser<string[]> = {
  read(written) {
    const names = written.split(',').map((name) => name.trim()).filter(Boolean);
    if (!names.length) return null;
    if (names.length !== 2) return { refusal: 'needs 2 column names of the CSV, separated by commas' };
    if (names[0] === names[1]) return { refusal: 'names a column twice' };
    return { value: names };
  },
  write: (names) => names.join(','),
  show: (names) => (names.length ? `"${names.join(',')}"` : 'none'),
};

/**
 * The attributes (README: Widgets). The rule comes before η and the epochs: their defaults follow it, also
 * when the URL changes it. The URL holds w, b and the rule a student set (the keys it has always had).
 */
export const boundarySettings = defineSettings({
  dataset: { attribute: 'dataset', property: 'datasetName', parse: choice(DATASETS), default: BOUNDARY_DEFAULTS.dataset },
  points: { attribute: 'points', parse: wholeNumber(BOUNDARY_LIMITS.points), default: BOUNDARY_DEFAULTS.points },
  w: { attribute: 'w', parse: vector(BOUNDARY_LIMITS.weight), default: BOUNDARY_DEFAULTS.w },
  b: { attribute: 'b', parse: number(BOUNDARY_LIMITS.bias), default: BOUNDARY_DEFAULTS.b },
  rule: { attribute: 'rule', parse: choice(RULES), default: BOUNDARY_DEFAULTS.rule },
  learningRate: {
    attribute: 'lr',
    aliases: ['learning-rate'],
    parse: number(BOUNDARY_LIMITS.lr),
    default: (above: Record<string, unknown>) => DEFAULT_LEARNING_RATE[above.rule as LearningRule],
  },
  epochs: {
    attribute: 'epochs',
    parse: wholeNumber(BOUNDARY_LIMITS.epochs),
    default: (above: Record<string, unknown>) => DEFAULT_EPOCHS[above.rule as LearningRule],
  },
  seed: { attribute: 'seed', parse: seed(), default: BOUNDARY_DEFAULTS.seed },
  // The instructor's own data (components/shared/data/data-attributes.ts): read in the page, checked at build time.
  // `property`: the element's own `data` field holds its points.
  data: { attribute: 'data', property: 'dataFile', parse: dataPath(), default: BOUNDARY_DEFAULTS.data },
  features: { attribute: 'features', parse: twoColumns, default: BOUNDARY_DEFAULTS.features },
  label: { attribute: 'label', parse: text(), default: BOUNDARY_DEFAULTS.label },
  positive: { attribute: 'positive', parse: text(), default: BOUNDARY_DEFAULTS.positive },
  negative: { attribute: 'negative', parse: text(), default: BOUNDARY_DEFAULTS.negative },
});

/** Reads the attributes into settings; a bad value falls back to its default with a warning naming it. */
export function parseBoundaryAttributes(attributes: BoundaryAttributes): { settings: BoundarySettings; warnings: string[] } {
  const { values, warnings } = boundarySettings.read({ attribute: (name) => attributes[name as keyof BoundaryAttributes] });
  return { settings: values, warnings: [...warnings, ...dataAttributeWarnings(values)] };
}

/** What is missing beside `data` (or written without it): the widget then uses the generated `dataset`. */
export function dataAttributeWarnings(settings: Pick<BoundarySettings, 'data' | 'features' | 'label' | 'positive' | 'negative'>): string[] {
  const { data, features, label, positive, negative } = settings;
  if (data) {
    const missing = [features.length ? '' : 'features="column1,column2"', label ? '' : 'label="class column"'].filter(Boolean);
    return missing.length ? [`data="${data}" needs ${missing.join(' and ')} — using dataset="${BOUNDARY_DEFAULTS.dataset}" until then`] : [];
  }
  const stray = [features.length ? 'features' : '', label ? 'label' : '', positive ? 'positive' : '', negative ? 'negative' : ''].filter(Boolean);
  return stray.length ? [`${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} read from a CSV, but there is no data="file.csv" — ignored`] : [];
}

/** True when the settings name a CSV to learn from, with its columns (else the generated `dataset`). */
export function usesCsv(settings: Pick<BoundarySettings, 'data' | 'features' | 'label'>): boolean {
  return Boolean(settings.data && settings.features.length === 2 && settings.label);
}

/** The engine's spec for logistic regression: 2 → 1, sigmoid output, binary cross-entropy, full-batch SGD. */
export function logisticSpec(settings: Pick<BoundarySettings, 'learningRate' | 'seed'>): TrainerSpec {
  return {
    network: { layers: [2, 1], hidden: 'linear', output: 'sigmoid' },
    loss: 'bce',
    optimizer: { kind: 'sgd', learningRate: settings.learningRate },
    batching: { mode: 'full' },
    seed: settings.seed,
    name: 'perceptron-boundary',
  };
}

/**
 * The code behind `Show code`: PyTorch for logistic regression, a NumPy loop for the perceptron rule. `csvData`:
 * the lines that read the instructor's CSV with pandas instead of the generated points (perceptron-boundary.data.ts).
 */
export function codeFor(settings: BoundarySettings, start: { w: Vector; b: number }, csvData?: readonly string[]): string {
  const init = `w, b = np.array([${pythonNumber(start.w[0])}, ${pythonNumber(start.w[1])}]), ${pythonNumber(start.b)}`;
  const points = csvData ? [] : makePoints(settings.dataset, settings.points, settings.seed);
  const data = csvData
    ? [...csvData]
    : [
        `# The widget's ${points.length} points (${settings.dataset}, seed ${settings.seed}): X, one row (x1, x2) each; y, labels in {-1, +1}`,
        `X = np.array(${pythonRows(points.map((p) => p.x))})`,
        `y = np.array(${pythonRows(points.map((p) => p.y), 20)})`,
      ];
  const imports = csvData ? 'import numpy as np\nimport pandas as pd' : 'import numpy as np';
  if (settings.rule === 'perceptron') {
    return [
      imports,
      '',
      '# %% The data',
      ...data,
      '',
      '# %% The perceptron rule',
      init,
      `lr = ${pythonNumber(settings.learningRate)}`,
      `for epoch in range(${settings.epochs}):`,
      '    mistakes = 0',
      '    for x_i, y_i in zip(X, y):',
      '        if y_i * (w @ x_i + b) <= 0:   # misclassified (or on the line)',
      '            w = w + lr * y_i * x_i',
      '            b = b + lr * y_i',
      '            mistakes += 1',
      '    if mistakes == 0:',
      '        break   # a whole pass without a mistake: converged',
      'print(f"w = {w}, b = {b}: {mistakes} mistakes in the last pass")',
    ].join('\n');
  }
  const tensors = ['# x: points (n, 2), float; y: labels as 0/1, shape (n, 1)', 'x = torch.tensor(X, dtype=torch.float32)', 'y = torch.tensor((y + 1) / 2, dtype=torch.float32).unsqueeze(1)'];
  const loop = pytorchTrainingLoop({ layers: [2, 1], hidden: 'linear', output: 'sigmoid', loss: 'bce', optimizer: { kind: 'sgd', learningRate: settings.learningRate }, epochs: settings.epochs, data: [...data, ...tensors] });
  return loop
    .replace('from torch import nn\n', `from torch import nn\n${imports}\n`)
    .replace(
      'loss_fn =',
      `with torch.no_grad():  # start from the widget's w and b\n    model[0].weight.copy_(torch.tensor([[${pythonNumber(start.w[0])}, ${pythonNumber(start.w[1])}]]))\n    model[0].bias.fill_(${pythonNumber(start.b)})\nloss_fn =`,
    );
}

/** A number for the status: two decimals, "−" for minus. */
export function formatValue(value: number): string {
  return formatNumber(value, { decimals: 2 });
}
