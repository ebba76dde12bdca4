/**
 * The maths of `<ua-fitter>`: a 1 → N → 1 network fitting a target curve from a few samples — universal
 * approximation made visible. Pure: the targets (the engine's sin, |x|, step and bump, plus x³ on an
 * interval and a sawtooth), the sample points, reading the attributes into settings, the trainer spec and
 * PyTorch settings built from them, and each hidden unit's contribution w₂ᵢ·σ(w₁ᵢx + b₁ᵢ) — the "bends"
 * that, with the output bias, add up to the network's curve.
 */
import type { HiddenActivation } from '../../engine/activations.ts';
import { curve1d, defaultInterval, targetFunction, type CurveTarget } from '../../engine/data/regression.ts';
import type { LayerWeights } from '../../engine/mlp.ts';
import type { OptimizerKind } from '../../engine/optimizers.ts';
import { createRandom } from '../../engine/random.ts';
import type { TrainerSpec, TrainingData } from '../../engine/trainer.ts';
import { boolean, choice, defineSettings, number, seed, wholeNumber, type NumberRange } from '../shared/runtime/settings.ts';
import { pythonNumber, type TrainingSettings } from '../shared/pytorch.ts';
import { formatNumber as formatShared } from '../shared/views/format-number.ts';
import { columnList, dataPath } from '../shared/data/data-parsers.ts';

/** The curves the widget fits, in menu order. */
export const FIT_TARGETS = ['sin', 'abs', 'step', 'cubic', 'bump', 'sawtooth'] as const;
export type FitTarget = (typeof FIT_TARGETS)[number];

/** How the menu and the plot name each target. */
export const TARGET_LABELS: Record<FitTarget, string> = {
  sin: 'sin x',
  abs: '|x|',
  step: 'step',
  cubic: 'x³',
  bump: 'bump',
  sawtooth: 'sawtooth',
};

/** The hidden activations a student can pick. */
export const FIT_ACTIVATIONS = ['sigmoid', 'tanh', 'relu'] as const;
export type FitActivation = (typeof FIT_ACTIVATIONS)[number] & HiddenActivation;

/** The optimizers a student can pick. */
export const FIT_OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const satisfies readonly OptimizerKind[];
export type FitOptimizer = (typeof FIT_OPTIMIZERS)[number];

/** The targets the engine's `curve1d` already knows; the rest are defined here. */
const ENGINE_CURVES: ReadonlySet<string> = new Set<CurveTarget>(['sin', 'abs', 'step', 'bump']);

/** Where x³ is sampled: wide enough that its flat middle and steep ends both show. */
export const CUBIC_INTERVAL: [number, number] = [-1.5, 1.5];

/**
 * The exact noiseless function behind a target: the engine's sin, |x|, step (1 for x ≥ 0) and bump
 * (exp(−x²/(2·0.3²))), plus cubic → x³ and sawtooth → x − ⌊x⌋ (two teeth rising 0 → 1 on [−1, 1), falling
 * back at x = 0 and at x = 1).
 */
export function targetCurve(target: FitTarget): (x: number) => number {
  if (ENGINE_CURVES.has(target)) return targetFunction(target as CurveTarget);
  if (target === 'cubic') return (x) => x ** 3;
  if (target === 'sawtooth') return (x) => x - Math.floor(x);
  throw new RangeError(`Unknown target "${String(target)}". Valid targets: ${FIT_TARGETS.join(', ')}`);
}

/** The x interval a target is sampled and drawn on: [−π, π] for sin, [−1.5, 1.5] for x³, else [−1, 1]. */
export function targetInterval(target: FitTarget): [number, number] {
  if (ENGINE_CURVES.has(target)) return defaultInterval(target as CurveTarget);
  return target === 'cubic' ? [...CUBIC_INTERVAL] : [-1, 1];
}

/** Everything a run depends on, in the lecture's words. */
export interface FitSettings {
  /** N, the hidden units. */
  hiddenUnits: number;
  target: FitTarget;
  /** How many sample points the network sees. */
  points: number;
  /** The epoch budget (full batch: one optimizer step per epoch). */
  epochs: number;
  learningRate: number;
  optimizer: FitOptimizer;
  activation: FitActivation;
  /** Standard deviation of the Gaussian noise added to each sample's y. */
  noise: number;
  /** Seeds the initial weights and the noise (and, with `data`, the train/test split). */
  seed: number;
  /** A CSV beside the deck to fit instead of the target ('' : the target), its input column and its target column. */
  data: string;
  xColumn: string;
  yColumn: string;
}

/**
 * The lecture trains with full-batch SGD at lr 0.005 for 800 epochs, but measured on these targets that
 * barely moves off a straight line (sin, N = 3: MSE 0.13 of a variance 0.48; |x|, bump: no better than
 * the mean). Adam at lr 0.05 fits visibly within the same 800 epochs, so it is the default; with
 * `optimizer="sgd"` or `"momentum"` the lecture's lr 0.005 is the default again.
 */
export const DEFAULT_LEARNING_RATE: Record<FitOptimizer, number> = { sgd: 0.005, momentum: 0.005, adam: 0.05 };

/** Defaults of every attribute. */
export const FIT_DEFAULTS: FitSettings = {
  hiddenUnits: 3,
  target: 'sin',
  points: 30,
  epochs: 800,
  learningRate: DEFAULT_LEARNING_RATE.adam,
  optimizer: 'adam',
  activation: 'sigmoid',
  noise: 0,
  seed: 1,
  data: '',
  xColumn: '',
  yColumn: '',
};

/** Allowed ranges of the numeric attributes (ends included). */
export const FIT_LIMITS = {
  neurons: { min: 1, max: 64 },
  points: { min: 2, max: 500 },
  epochs: { min: 1, max: 100_000 },
  lr: { min: 1e-6, max: 10 },
  noise: { min: 0, max: 2 },
} as const satisfies Record<string, NumberRange>;

/** The attributes as written on the element (null when absent). */
export type FitAttributes = Partial<Record<'neurons' | 'target' | 'points' | 'epochs' | 'lr' | 'learning-rate' | 'optimizer' | 'activation' | 'noise' | 'seed' | 'data' | 'x' | 'y' | 'autoplay', string | null>>;

/**
 * The attributes (README: Widgets). The optimizer comes before the learning rate: its default follows it.
 * `autoplay` is read here too but is the element's alone (it never goes into the URL: nothing changes it).
 */
export const fitSettings = defineSettings({
  hiddenUnits: { attribute: 'neurons', parse: wholeNumber(FIT_LIMITS.neurons), default: FIT_DEFAULTS.hiddenUnits },
  target: { attribute: 'target', parse: choice(FIT_TARGETS), default: FIT_DEFAULTS.target },
  points: { attribute: 'points', parse: wholeNumber(FIT_LIMITS.points), default: FIT_DEFAULTS.points },
  epochs: { attribute: 'epochs', parse: wholeNumber(FIT_LIMITS.epochs), default: FIT_DEFAULTS.epochs },
  optimizer: { attribute: 'optimizer', aliases: ['optimiser'], parse: choice(FIT_OPTIMIZERS), default: FIT_DEFAULTS.optimizer },
  learningRate: {
    attribute: 'lr',
    aliases: ['learning-rate'],
    parse: number(FIT_LIMITS.lr),
    default: (above: Record<string, unknown>) => DEFAULT_LEARNING_RATE[above.optimizer as FitOptimizer],
  },
  activation: { attribute: 'activation', parse: choice(FIT_ACTIVATIONS), default: FIT_DEFAULTS.activation },
  noise: { attribute: 'noise', parse: number(FIT_LIMITS.noise), default: FIT_DEFAULTS.noise },
  seed: { attribute: 'seed', parse: seed(), default: FIT_DEFAULTS.seed },
  data: { attribute: 'data', parse: dataPath(), default: FIT_DEFAULTS.data },
  xColumn: { attribute: 'x', parse: columnList(), default: FIT_DEFAULTS.xColumn },
  yColumn: { attribute: 'y', parse: columnList(), default: FIT_DEFAULTS.yColumn },
  autoplay: { attribute: 'autoplay', parse: boolean(), default: false },
});

/**
 * Reads the attributes into settings. A bad value falls back to its default, with one warning naming
 * the attribute (shown on the widget).
 */
export function parseFitAttributes(attributes: FitAttributes): { settings: FitSettings; warnings: string[] } {
  const { values, warnings } = fitSettings.read({ attribute: (name) => attributes[name as keyof FitAttributes] });
  const { autoplay: _autoplay, ...settings } = values;
  return { settings, warnings };
}

/**
 * The samples the network trains on: `points` x's evenly spaced over the target's interval (both ends
 * included), y = f(x) + N(0, noise²) with the noise drawn from `seed`. Rows are sorted by x.
 */
export function samplePoints(settings: Pick<FitSettings, 'target' | 'points' | 'noise' | 'seed'>): TrainingData & { inputs: number[][]; targets: number[][] } {
  const { target, points, noise, seed } = settings;
  if (ENGINE_CURVES.has(target)) {
    const { inputs, targets } = curve1d({ target: target as CurveTarget, samples: points, noise, random: seed, spacing: 'uniform' });
    return { inputs, targets };
  }
  // The same rule as the engine's curve1d(spacing: 'uniform'), for the targets defined here.
  const f = targetCurve(target);
  const [low, high] = targetInterval(target);
  const random = createRandom(seed);
  const xs = points === 1 ? [(low + high) / 2] : Array.from({ length: points }, (_, i) => (i === points - 1 ? high : low + ((high - low) * i) / (points - 1)));
  return { inputs: xs.map((x) => [x]), targets: xs.map((x) => [noise > 0 ? f(x) + noise * random.normal() : f(x)]) };
}

/** The engine's spec for a run: 1 → N → 1, linear output, MSE, full batch. */
export function trainerSpec(settings: FitSettings): TrainerSpec {
  return {
    network: { layers: [1, settings.hiddenUnits, 1], hidden: settings.activation, output: 'linear' },
    loss: 'mse',
    optimizer: { kind: settings.optimizer, learningRate: settings.learningRate },
    batching: { mode: 'full' },
    seed: settings.seed,
    name: 'ua-fitter',
  };
}

/** The same run as PyTorch settings (for the `Show code` panel). */
export function pytorchSettings(settings: FitSettings, data: readonly string[] = pytorchData(settings)): TrainingSettings {
  const spec = trainerSpec(settings);
  return { layers: spec.network.layers, hidden: spec.network.hidden, output: 'linear', loss: 'mse', optimizer: spec.optimizer, epochs: settings.epochs, batching: spec.batching, data };
}

/** Each target as a torch expression of the tensor `x` (the same functions as targetCurve). */
const TORCH_TARGETS: Record<FitTarget, string> = {
  sin: 'torch.sin(x)',
  abs: 'x.abs()',
  step: '(x >= 0).float()',
  bump: 'torch.exp(-x**2 / (2 * 0.3**2))',
  cubic: 'x**3',
  sawtooth: 'x - torch.floor(x)',
};

/** The samples as PyTorch: `points` evenly spaced x's on the target's interval, y = f(x) (+ seeded noise). */
function pytorchData(settings: Pick<FitSettings, 'target' | 'points' | 'noise' | 'seed'>): string[] {
  const [low, high] = targetInterval(settings.target);
  const end = (value: number) => (Math.abs(Math.abs(value) - Math.PI) < 1e-12 ? `${value < 0 ? '-' : ''}torch.pi` : pythonNumber(value));
  const lines = [`x = torch.linspace(${end(low)}, ${end(high)}, ${settings.points}).unsqueeze(1)  # ${settings.points} samples, one per row`, `y = ${TORCH_TARGETS[settings.target]}`];
  if (settings.noise > 0) {
    lines.push(`torch.manual_seed(${settings.seed})  # the noise: the widget's generator draws other numbers`, `y = y + ${pythonNumber(settings.noise)} * torch.randn_like(y)`);
  }
  return lines;
}

const OPTIMIZER_NAMES: Record<FitOptimizer, string> = { sgd: 'SGD', momentum: 'SGD + momentum 0.9', adam: 'Adam' };

/** The one-line statement of how the widget trains, e.g. "sigmoid units · Adam, lr 0.05, full batch, 800 epochs". */
export function describeTraining(settings: FitSettings): string {
  return `${settings.activation} units · ${OPTIMIZER_NAMES[settings.optimizer]}, lr ${pythonNumber(settings.learningRate)}, full batch, ${settings.epochs} epochs`;
}

/** A hidden activation as a plain function of the pre-activation z. */
export function activationFunction(activation: FitActivation): (z: number) => number {
  switch (activation) {
    case 'sigmoid':
      return (z) => 1 / (1 + Math.exp(-z));
    case 'tanh':
      return Math.tanh;
    case 'relu':
      return (z) => (z > 0 ? z : 0);
  }
}

/** What each hidden unit adds to the output along x, and the output bias they all sit on. */
export interface Contributions {
  /** `units[i][k]` = w₂ᵢ · act(w₁ᵢ · xs[k] + b₁ᵢ). */
  units: Float64Array[];
  /** b₂: the network's output is Σᵢ units[i] + outputBias. */
  outputBias: number;
}

/**
 * Each hidden unit's scaled contribution w₂ᵢ·act(w₁ᵢx + b₁ᵢ) at every x, from a 1 → N → 1 network's
 * weights as `Trainer.readWeights()` gives them ([hidden, output] layers, `weights[input][unit]`).
 */
export function hiddenContributions(layers: readonly LayerWeights[], activation: FitActivation, xs: ArrayLike<number>): Contributions {
  const [hidden, output] = layers;
  if (!hidden || !output || layers.length !== 2 || hidden.weights.length !== 1 || output.biases.length !== 1) {
    throw new Error('hiddenContributions needs the weights of a 1 → N → 1 network');
  }
  const act = activationFunction(activation);
  const units = hidden.biases.map((bias, i) => {
    const inWeight = hidden.weights[0]![i]!;
    const outWeight = output.weights[i]![0]!;
    const values = new Float64Array(xs.length);
    for (let k = 0; k < xs.length; k += 1) values[k] = outWeight * act(inWeight * xs[k]! + bias);
    return values;
  });
  return { units, outputBias: output.biases[0]! };
}

/** `count` x's evenly spaced over the target's interval, both ends included (the drawn curves' grid). */
export function plotGrid(target: FitTarget, count = 200): Float32Array {
  const [low, high] = targetInterval(target);
  return Float32Array.from({ length: count }, (_, i) => low + ((high - low) * i) / (count - 1));
}

/** The y range the fit plot shows: the target and the samples, padded by a tenth. Fixed for a run. */
export function plotRange(target: FitTarget, samples: readonly (readonly number[])[]): [number, number] {
  const f = targetCurve(target);
  let low = Infinity;
  let high = -Infinity;
  for (const x of plotGrid(target, 400)) {
    const y = f(x);
    low = Math.min(low, y);
    high = Math.max(high, y);
  }
  for (const [y] of samples) {
    low = Math.min(low, y!);
    high = Math.max(high, y!);
  }
  const pad = 0.1 * (high - low || 1);
  return [low - pad, high + pad];
}

/** A mean squared error to 4 significant digits, zeros kept: 0.001234, 0.08100, 1.235 × 10⁴, < 10⁻⁶. */
export function formatMse(loss: number): string {
  return formatShared(loss, { digits: 4, powerDigits: 4, zeros: 'keep', plain: [1e-6, 1e4], floor: 1e-6 });
}

/** The mean squared error of predictions against targets, in float64 (tests and status cross-checks). */
export function meanSquaredError(predictions: ArrayLike<number>, targets: readonly (readonly number[])[]): number {
  let sum = 0;
  for (let i = 0; i < targets.length; i += 1) sum += (predictions[i]! - targets[i]![0]!) ** 2;
  return sum / targets.length;
}
