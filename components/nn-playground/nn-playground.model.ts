/**
 * The maths and state of `<nn-playground>`, the TensorFlow neural-network playground inside a slide. Pure:
 * the settings and how attributes (and the URL) set them, the data (the engine's seeded datasets, split into
 * train and test), the input features (x₁², sin x₁, … — a transform of each point before the network sees
 * it), the trainer spec and the losses shown (nn-playground.losses.ts, re-exported); how dropout and early
 * stopping train, in nn-playground.training.ts. What the pictures show (the view grid, a float64 forward pass
 * for every neuron's thumbnail, the shades) is in nn-playground.picture.ts, the PyTorch script in
 * nn-playground.pytorch.ts. The element (nn-playground.ts) only wires and draws.
 */
import type { HiddenActivation } from '../../engine/activations.ts';
import { datasetByName, trainTestSplit, type Dataset } from '../../engine/data/index.ts';
import type { Regularization } from '../../engine/regularization.ts';
import type { TrainerSpec, TrainingData } from '../../engine/trainer.ts';
import { boolean, choice, defineSettings, number, seed, text, wholeNumber, type NumberRange, type Parser, type SettingValues } from '../shared/runtime/settings.ts';
import { dataPath } from '../shared/data/data-parsers.ts';
import { csvAttributeWarnings, csvProblem, usesCsv } from './nn-playground.csv-settings.ts';
import type { UrlState } from '../shared/url-state.ts';
export { accuracy, dataLoss, formatLoss, statusLoss } from './nn-playground.losses.ts';

/** The two kinds of problem, in menu order. */
export const PROBLEMS = ['classification', 'regression'] as const;
export type Problem = (typeof PROBLEMS)[number];

/** The datasets of each problem, in menu order (the playground's, plus the lectures' cubic). */
export const DATASETS = {
  classification: ['circle', 'xor', 'gauss', 'spiral'],
  regression: ['plane', 'cubic'],
} as const satisfies Record<Problem, readonly string[]>;
export type PlaygroundDataset = (typeof DATASETS)[Problem][number];
export const ALL_DATASETS: readonly PlaygroundDataset[] = [...DATASETS.classification, ...DATASETS.regression];

/** How the dataset menu names each dataset. */
export const DATASET_LABELS: Record<PlaygroundDataset, string> = {
  circle: 'circle',
  xor: 'exclusive or',
  gauss: 'two Gaussians',
  spiral: 'spiral',
  plane: 'plane',
  cubic: 'cubic y = x³',
};

/** The problem a dataset belongs to. */
export function problemOf(dataset: PlaygroundDataset): Problem {
  return (DATASETS.regression as readonly string[]).includes(dataset) ? 'regression' : 'classification';
}

/** True for the 1-D dataset (cubic): one input x₁, drawn as a curve rather than a heatmap. */
export function isOneDimensional(dataset: PlaygroundDataset): boolean {
  return dataset === 'cubic';
}

/** The input features a student can switch on, as attributes and the URL write them. */
export const FEATURES = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'] as const;
export type Feature = (typeof FEATURES)[number];

/** How the playground labels each feature. */
export const FEATURE_LABELS: Record<Feature, string> = {
  x1: 'x₁',
  x2: 'x₂',
  x1sq: 'x₁²',
  x2sq: 'x₂²',
  x1x2: 'x₁x₂',
  sinx1: 'sin x₁',
  sinx2: 'sin x₂',
};

/** Each feature as a function of the point (x₁, x₂). */
export const FEATURE_FUNCTIONS: Record<Feature, (x1: number, x2: number) => number> = {
  x1: (x1) => x1,
  x2: (_x1, x2) => x2,
  x1sq: (x1) => x1 * x1,
  x2sq: (_x1, x2) => x2 * x2,
  x1x2: (x1, x2) => x1 * x2,
  sinx1: (x1) => Math.sin(x1),
  sinx2: (_x1, x2) => Math.sin(x2),
};

/** The features that need x₂: they do not apply to a 1-D dataset. */
export const X2_FEATURES: ReadonlySet<Feature> = new Set(['x2', 'x2sq', 'x1x2', 'sinx2']);

/** The hidden activations a student can pick, in menu order. */
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const satisfies readonly HiddenActivation[];
export type PlaygroundActivation = (typeof ACTIVATIONS)[number];
export const ACTIVATION_LABELS: Record<PlaygroundActivation, string> = { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid', linear: 'linear' };

/** Regularisation of the weights. */
export const REGULARIZATIONS = ['none', 'l1', 'l2'] as const;
export type RegularizationKind = (typeof REGULARIZATIONS)[number];
export const REGULARIZATION_LABELS: Record<RegularizationKind, string> = { none: 'none', l1: 'L1', l2: 'L2' };

/** The learning-rate slider's stops (the playground's menu, 1e-5 … 10); an attribute may add its own value. */
export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;
/** The regularisation-rate menu (the playground's); an attribute may add its own value. */
export const REGULARIZATION_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;

/** Controls `hide` can hide, by the attribute's names. */
export const HIDEABLE = [
  'problem',
  'dataset',
  'noise',
  'train-ratio',
  'batch-size',
  'regenerate',
  'learning-rate',
  'activation',
  'regularization',
  'regularization-rate',
  'features',
  'layers',
  'show-test',
  'discretize',
  'code',
  'loss',
  'pred-vs-true',
  'dropout',
  'early-stopping',
  'patience',
  'validation',
  'hidden-space',
] as const;
export type Hideable = (typeof HIDEABLE)[number];

/** Everything a run depends on, in the lecture's words. */
export interface PlaygroundSettings {
  problem: Problem;
  dataset: PlaygroundDataset;
  /** The playground's noise as a fraction, 0 … 0.5 (the slider shows 0–50 %). */
  noise: number;
  /** Fraction of the samples the network trains on, 0.1 … 0.9; the rest are the test set. */
  trainRatio: number;
  /** The input features switched on (those that apply to the dataset are used). */
  features: Feature[];
  /** Units per hidden layer, first layer first; empty for a linear model. */
  hiddenLayers: number[];
  activation: PlaygroundActivation;
  learningRate: number;
  /** Samples per optimizer step (SGD on minibatches, reshuffled every epoch). */
  batchSize: number;
  regularization: RegularizationKind;
  regularizationRate: number;
  /** The epoch budget: training stops there (the handout state). */
  epochs: number;
  /** Seeds the data, the split and the initial weights; `Regenerate` moves to the next seed. */
  seed: number;
  /** Samples generated (train + test). */
  samples: number;
  showTest: boolean;
  discretize: boolean;
  /** Dropout rate after every hidden layer, 0 … 0.9: units zeroed at random in training steps, none in evaluation. */
  dropout: number;
  /** Hold out `validation` of the training samples; stop once `patience` epochs bring no lower validation loss, the best epoch's weights back. */
  earlyStopping: boolean;
  patience: number;
  /** Fraction of the training samples held out for early stopping's validation loss, 0.05 … 0.5. */
  validation: number;
  /** Show the data in the last hidden layer's two units (when it has two). */
  hiddenSpace: boolean;
  /**
   * The instructor's CSV instead of the generated dataset ('' for none), its columns on x₁ and x₂, and its
   * target: `label` (classes; `positive` / `negative` pick them) or `y` (a number). See nn-playground.csv.ts.
   */
  data: string;
  x1: string;
  x2: string;
  label: string;
  y: string;
  positive: string;
  negative: string;
}

/** The playground's defaults, with an epoch budget that shows the fit. */
export const PLAYGROUND_DEFAULTS: PlaygroundSettings = {
  problem: 'classification',
  dataset: 'circle',
  noise: 0,
  trainRatio: 0.5,
  features: ['x1', 'x2'],
  hiddenLayers: [4, 2],
  activation: 'tanh',
  learningRate: 0.03,
  batchSize: 10,
  regularization: 'none',
  regularizationRate: 0,
  epochs: 300,
  seed: 1,
  samples: 200,
  showTest: false,
  discretize: false,
  dropout: 0,
  earlyStopping: false,
  patience: 10,
  validation: 0.2,
  hiddenSpace: false,
  data: '',
  x1: '',
  x2: '',
  label: '',
  y: '',
  positive: '',
  negative: '',
};

/** Ranges of the numeric attributes (ends included) and of the controls. */
export const PLAYGROUND_LIMITS = {
  noise: { min: 0, max: 0.5 },
  trainRatio: { min: 0.1, max: 0.9 },
  learningRate: { min: 0.00001, max: 10 },
  batchSize: { min: 1, max: 1000 },
  /** The batch-size slider (the playground's 1–30); an attribute may set more. */
  batchSlider: { min: 1, max: 30 },
  regularizationRate: { min: 0, max: 10 },
  epochs: { min: 1, max: 100_000 },
  samples: { min: 20, max: 1000 },
  /** Hidden layers: the controls and attributes alike. */
  layers: { min: 0, max: 6 },
  /** Neurons per layer from an attribute; the `Add neuron` buttons stop at 8. */
  neurons: { min: 1, max: 32 },
  neuronsControl: { min: 1, max: 8 },
  seed: { min: -(2 ** 31), max: 2 ** 31 - 1 },
  dropout: { min: 0, max: 0.9 },
  patience: { min: 1, max: 200 },
  validation: { min: 0.05, max: 0.5 },
} as const satisfies Record<string, NumberRange>;

/** The attributes (or URL keys) as written; null or absent when not given. */
export type PlaygroundAttributes = Partial<Record<string, string | null>>;

/** "4,2" → [4, 2]; "" / "none" / "0" → [] (a linear model: unlike most settings, a blank text is a value here). */
export const layersParser: Parser<number[]> = {
  read(text) {
    const clean = text.trim().toLowerCase();
    if (clean === '' || clean === 'none' || clean === '0') return { value: [] };
    const sizes = clean.split(/[\s,]+/).filter(Boolean).map(Number);
    const { min, max } = PLAYGROUND_LIMITS.neurons;
    const fits = sizes.length <= PLAYGROUND_LIMITS.layers.max && sizes.every((n) => Number.isInteger(n) && n >= min && n <= max);
    return fits ? { value: sizes } : { refusal: `must be up to ${PLAYGROUND_LIMITS.layers.max} whole numbers ${min}…${max}, e.g. "4,2" (or "" for none)` };
  },
  write: (sizes) => sizes.join(','),
  show: (sizes) => `"${sizes.join(',')}"`,
};

/** "x1,x2,x1sq" → those features, in menu order; an unknown name refuses the whole list. */
export const featuresParser: Parser<Feature[]> = {
  read(text) {
    const names = text.toLowerCase().split(/[\s,]+/).filter(Boolean);
    if (!names.length) return null;
    const unknown = names.filter((name) => !(FEATURES as readonly string[]).includes(name));
    if (unknown.length) return { refusal: `: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not one of ${FEATURES.join(', ')}` };
    return { value: FEATURES.filter((f) => names.includes(f)) };
  },
  write: (features) => features.join(','),
  show: (features) => `"${features.join(',')}"`,
};

/**
 * "noise,batch-size" → the controls to hide. An unknown name is ignored with a warning and the known ones are
 * still hidden: a slide that hides too little is better than one whose `hide` is dropped whole.
 */
export const hideParser: Parser<Set<Hideable>> = {
  read(text) {
    const names = text.toLowerCase().split(/[\s,]+/).filter(Boolean);
    if (!names.length) return null;
    const known = new Set(names.filter((n): n is Hideable => (HIDEABLE as readonly string[]).includes(n)));
    const unknown = names.filter((n) => !(HIDEABLE as readonly string[]).includes(n));
    if (!unknown.length) return { value: known };
    return { value: known, note: `: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not one of ${HIDEABLE.join(', ')} — ignored` };
  },
  write: (hidden) => HIDEABLE.filter((name) => hidden.has(name)).join(','),
};

const d = PLAYGROUND_DEFAULTS;
const L = PLAYGROUND_LIMITS;

/**
 * The attributes (README: Widgets). The problem comes before the dataset, whose default follows it (plane
 * for regression); a dataset of the other problem is sorted out after reading (see `matchProblem`).
 * `always`: the settings the controls change go into the URL whole, under the keys shared links have always
 * used, so an old link opens the same configuration and a new one survives an edit of the slide.
 */
export const playgroundSettings = defineSettings({
  problem: { attribute: 'problem', parse: choice(PROBLEMS), default: d.problem, always: true },
  dataset: {
    attribute: 'dataset',
    // `dataset` is HTMLElement's data-* map: the attribute's text lives in `datasetName`.
    property: 'datasetName',
    parse: choice(ALL_DATASETS),
    default: (above: Record<string, unknown>) => DATASETS[above.problem as Problem][0],
    always: true,
  },
  noise: { attribute: 'noise', parse: number(L.noise), default: d.noise, always: true },
  trainRatio: { attribute: 'train-ratio', parse: number(L.trainRatio), default: d.trainRatio, always: true },
  features: { attribute: 'features', parse: featuresParser, default: d.features, always: true },
  hiddenLayers: { attribute: 'layers', parse: layersParser, default: d.hiddenLayers, always: true },
  activation: { attribute: 'activation', parse: choice(ACTIVATIONS), default: d.activation, always: true },
  learningRate: { attribute: 'learning-rate', aliases: ['lr'], parse: number(L.learningRate), default: d.learningRate, always: true },
  batchSize: { attribute: 'batch-size', parse: wholeNumber(L.batchSize), default: d.batchSize, always: true },
  regularization: { attribute: 'regularization', aliases: ['regularisation'], parse: choice(REGULARIZATIONS), default: d.regularization, always: true },
  regularizationRate: {
    attribute: 'regularization-rate',
    aliases: ['regularisation-rate'],
    parse: number(L.regularizationRate),
    default: d.regularizationRate,
    always: true,
  },
  epochs: { attribute: 'epochs', parse: wholeNumber(L.epochs), default: d.epochs },
  seed: { attribute: 'seed', parse: seed(), default: d.seed, always: true },
  samples: { attribute: 'samples', parse: wholeNumber(L.samples), default: d.samples },
  showTest: { attribute: 'show-test', parse: boolean(), default: d.showTest, always: true },
  discretize: { attribute: 'discretize', aliases: ['discretise'], parse: boolean(), default: d.discretize, always: true },
  // Not `always`: a link holds them only where a student changed them, so the links shared before them read the same.
  dropout: { attribute: 'dropout', parse: number(L.dropout), default: d.dropout },
  earlyStopping: { attribute: 'early-stopping', parse: boolean(), default: d.earlyStopping },
  patience: { attribute: 'patience', parse: wholeNumber(L.patience), default: d.patience },
  validation: { attribute: 'validation', parse: number(L.validation), default: d.validation },
  hiddenSpace: { attribute: 'hidden-space', parse: boolean(), default: d.hiddenSpace },
  // The instructor's own data (components/shared/data/data-attributes.ts), checked at build time; no control changes them.
  data: { attribute: 'data', property: 'dataFile', parse: dataPath(), default: d.data },
  x1: { attribute: 'x1', parse: text(), default: d.x1 },
  x2: { attribute: 'x2', parse: text(), default: d.x2 },
  label: { attribute: 'label', parse: text(), default: d.label },
  y: { attribute: 'y', parse: text(), default: d.y },
  positive: { attribute: 'positive', parse: text(), default: d.positive },
  negative: { attribute: 'negative', parse: text(), default: d.negative },
  autoplay: { attribute: 'autoplay', parse: boolean(), default: false },
  hide: { attribute: 'hide', parse: hideParser, default: new Set<Hideable>() },
});

/** Everything the table reads: the run's settings, and how the slide shows it (autoplay, hidden controls). */
export type PlaygroundValues = SettingValues<typeof playgroundSettings.table>;

/** The keys a configuration is written with, in attributes and in the URL (no row has a URL key of its own). */
export const STATE_KEYS: readonly string[] = Object.values(playgroundSettings.table).map((row) => row.attribute);

/**
 * A dataset decides the problem when `problem` is not written; a dataset of the other problem than a written
 * `problem` is refused (the problem's first dataset is used). `problemWritten`: an attribute or the URL gave
 * a problem (only then can a dataset clash: otherwise the dataset's default follows the problem).
 */
export function matchProblem<Values extends PlaygroundSettings>(values: Values, problemWritten: boolean): { values: Values; warning?: string } {
  const { problem, dataset } = values;
  if (problemOf(dataset) === problem) return { values };
  if (!problemWritten) return { values: { ...values, problem: problemOf(dataset) } };
  const fallback = DATASETS[problem][0];
  return { values: { ...values, dataset: fallback }, warning: `dataset="${dataset}" is a ${problemOf(dataset)} dataset, not ${problem} (${DATASETS[problem].join(', ')}) — using ${fallback}` };
}

/** The table's values, the problem matched to the dataset; `problemWritten` as for `matchProblem`. */
export function matchedValues(resolved: { values: PlaygroundValues; warnings: string[] }, problemWritten: boolean): { values: PlaygroundValues; warnings: string[] } {
  // A CSV poses its own problem (label: classification, y: regression); the generated datasets do not apply.
  const csvWarnings = csvAttributeWarnings(resolved.values);
  if (usesCsv(resolved.values)) {
    const problem = csvProblem(resolved.values);
    return { values: { ...resolved.values, problem, dataset: DATASETS[problem][0] }, warnings: [...resolved.warnings, ...csvWarnings] };
  }
  const { values, warning } = matchProblem(resolved.values, problemWritten);
  return { values, warnings: [...resolved.warnings, ...csvWarnings, ...(warning ? [warning] : [])] };
}

/** The run's settings out of everything the table reads. */
export function runSettings({ autoplay: _autoplay, hide: _hide, ...settings }: PlaygroundValues): PlaygroundSettings {
  return settings;
}

/**
 * Reads attributes (Node: tests, the benchmark) into settings: defaults < `attributes` < `url`. A bad value
 * falls back to its default with one warning naming the attribute.
 */
export function parsePlaygroundAttributes(attributes: PlaygroundAttributes, url?: Map<string, string>): { settings: PlaygroundSettings; warnings: string[] } {
  const resolved = playgroundSettings.read({ attribute: (name) => attributes[name], url });
  const problemWritten = 'problem' in resolved.written || Boolean(url?.has('problem'));
  const { values, warnings } = matchedValues(resolved, problemWritten);
  return { settings: runSettings(values), warnings };
}

/** The URL state of a run's settings: what a link holds so a classmate opens the same configuration. */
export function urlStateOf(settings: PlaygroundSettings): UrlState {
  return playgroundSettings.urlState({ ...settings, autoplay: false, hide: new Set() }, {});
}

/** The features the network is fed: those switched on that apply to the dataset (x₁ if none would be left). */
export function activeFeatures(settings: Pick<PlaygroundSettings, 'features' | 'dataset'>): Feature[] {
  const usable = settings.features.filter((f) => !(isOneDimensional(settings.dataset) && X2_FEATURES.has(f)));
  return usable.length ? usable : ['x1'];
}

/** One point (x₁, x₂) — or (x₁) for a 1-D dataset — as the network's input row. */
export function featureRow(point: readonly number[], features: readonly Feature[]): number[] {
  const x1 = point[0]!;
  const x2 = point[1] ?? 0;
  return features.map((f) => FEATURE_FUNCTIONS[f](x1, x2));
}

/** The dataset's noise as the engine's generators take it: the playground's fraction, or σ = 2·noise for cubic. */
export function generatorNoise(dataset: PlaygroundDataset, noise: number): number {
  return dataset === 'cubic' ? 2 * noise : noise;
}

/** A run's data: the points and targets, split in train and test. */
export interface PlaygroundData {
  /** All samples, as generated (points, not features). */
  dataset: Dataset;
  train: Dataset;
  test: Dataset;
}

/**
 * The samples of a run: `samples` points of the dataset (noise per the playground), shuffled with the seed
 * and cut at `trainRatio` (the engine's trainTestSplit). The same settings give the same data.
 */
export function makeData(settings: Pick<PlaygroundSettings, 'dataset' | 'samples' | 'noise' | 'trainRatio' | 'seed'>): PlaygroundData {
  const dataset = datasetByName(settings.dataset, { samples: settings.samples, noise: generatorNoise(settings.dataset, settings.noise), random: settings.seed });
  const { train, test } = trainTestSplit(dataset, { trainFraction: settings.trainRatio, random: `${settings.seed}:split` });
  return { dataset, train, test };
}

/** The network's input rows for a set of points. */
export function featureRows(points: readonly (readonly number[])[], features: readonly Feature[]): number[][] {
  return points.map((p) => featureRow(p, features));
}

/** What the trainer learns from: the training points as feature rows, and their targets. */
export function trainingData(data: PlaygroundData, features: readonly Feature[]): TrainingData {
  return { inputs: featureRows(data.train.inputs, features), targets: data.train.targets };
}

/** Layer sizes: the features, the hidden layers, one output. */
export function layerSizes(settings: PlaygroundSettings): number[] {
  return [activeFeatures(settings).length, ...settings.hiddenLayers, 1];
}

/** The regularisation the engine adds to the loss. */
export function regularizationOf(settings: PlaygroundSettings): Regularization {
  return settings.regularization === 'none' ? { kind: 'none', rate: 0 } : { kind: settings.regularization, rate: settings.regularizationRate };
}

/** Minibatch size, at most the training set. */
export function effectiveBatchSize(settings: PlaygroundSettings, trainCount: number): number {
  return Math.max(1, Math.min(settings.batchSize, trainCount));
}

/**
 * The engine's spec: SGD on minibatches, as the playground trains. Regression: linear output, mean squared
 * error. Classification: a sigmoid output read as P(class 1), binary cross-entropy.
 */
export function trainerSpec(settings: PlaygroundSettings, trainCount: number): TrainerSpec {
  const classification = settings.problem === 'classification';
  return {
    network: { layers: layerSizes(settings), hidden: settings.activation, output: classification ? 'sigmoid' : 'linear' },
    loss: classification ? 'bce' : 'mse',
    optimizer: { kind: 'sgd', learningRate: settings.learningRate },
    regularization: regularizationOf(settings),
    batching: { mode: 'minibatch', size: effectiveBatchSize(settings, trainCount) },
    seed: settings.seed,
    name: 'nn-playground',
  };
}

/** Optimizer steps per epoch (one pass over the training set). */
export function stepsPerEpoch(settings: PlaygroundSettings, trainCount: number): number {
  return Math.ceil(trainCount / effectiveBatchSize(settings, trainCount));
}

/** The learning-rate slider's stops, with `value` added in order if it is not one of them. */
export function learningRateStops(value: number): number[] {
  return stopsWith(LEARNING_RATES, value);
}

/** The regularisation-rate menu, with `value` added in order if it is not one of them. */
export function regularizationRateStops(value: number): number[] {
  return stopsWith(REGULARIZATION_RATES, value);
}

function stopsWith(stops: readonly number[], value: number): number[] {
  return stops.includes(value) ? [...stops] : [...stops, value].sort((a, b) => a - b);
}
