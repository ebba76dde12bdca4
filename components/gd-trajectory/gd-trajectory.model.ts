/**
 * The settings and words of `<gd-trajectory>` that need no DOM: reading its attributes, the three learning
 * rates compared, each run's colours, and the PyTorch script. The regression itself (data, β̂, the
 * Hessian's eigenvalues, the loss) is in regression-problem.ts.
 */
import { boolean, defineSettings, number, numberList, wholeNumber, type Parser, type SettingValues } from '../shared/runtime/settings.ts';
import { pytorchLoss, pytorchModel, pytorchOptimizer, pythonNumber } from '../shared/pytorch.ts';
import { PROBLEM_DEFAULTS, PROBLEM_LIMITS, readAttributeRecord, type ProblemAttributes } from '../shared/regression/regression-attributes.ts';
import { problemOf, problemRows, pytorchData, type ProblemSettings } from '../shared/regression/regression-problem.ts';

export const TRAJECTORY_LIMITS = {
  ...PROBLEM_LIMITS,
  lr: { min: 1e-4, max: 3 },
  steps: { min: 1, max: 1000 },
  stepsPerSecond: { min: 1, max: 120 },
} as const;

/**
 * The defaults. X ~ N(0, 1) makes H = (2/n)XᵀX ≈ 2I, so 2/λmax is near 0.8 on most seeds (0.82 on the
 * default data: λmax = 2.43, λmin = 1.50). In 100 steps η = 0.001 covers a fifth of the way, η = 0.1 reaches
 * β̂, and η = 0.9 overshoots by a factor |1 − ηλmax| = 1.19 per step: a few zigzags on the map, then off it,
 * diverged (|β| > 10⁶) at step 59. (The lecture's 1e-4 / 3e-3 / 0.1 suit data with much larger features;
 * on make_regression's standard-normal X they would all crawl.)
 */
export const TRAJECTORY_DEFAULTS = {
  ...PROBLEM_DEFAULTS,
  learningRate: 0.1,
  steps: 100,
  stepsPerSecond: 10,
  compareRates: [0.001, 0.1, 0.9] as [number, number, number],
} as const;

/** The compared runs' headings, in order. */
export const COMPARE_LABELS = ['too small', 'just right', 'too large'] as const;

/** Colours (Okabe & Ito, colour-blind safe) and markers, so colour is not the only cue. */
export const RUN_STYLES = [
  { colour: '#E69F00', marker: 'circle' },
  { colour: '#D55E00', marker: 'square' },
  { colour: '#CC79A7', marker: 'diamond' },
] as const;

/** The attributes as written (null when absent). */
export interface TrajectoryAttributes extends ProblemAttributes {
  steps: string | null;
  stepsPerSecond: string | null;
  compareLr: string | null;
}

export interface TrajectorySettings {
  problem: ProblemSettings;
  /** η of the single run. */
  learningRate: number;
  /** The step budget: the handout state. */
  steps: number;
  stepsPerSecond: number;
  /** η of the three compared runs: too small, just right, too large. */
  compareRates: [number, number, number];
}

/** `compare-lr`: three learning rates, each in the `lr` range. */
export const COMPARE_RATES = numberList({ range: TRAJECTORY_LIMITS.lr, length: 3 }) as Parser<[number, number, number]>;

/**
 * The attributes (README: Widgets). The URL holds what a student changes: `lr` and `compare` (the keys links
 * have always had). `autoplay` is the element's alone: nothing changes it, so it never goes into the URL.
 */
export const trajectorySettings = defineSettings({
  ...problemRows(TRAJECTORY_LIMITS, TRAJECTORY_DEFAULTS),
  learningRate: { attribute: 'lr', aliases: ['learning-rate'], parse: number(TRAJECTORY_LIMITS.lr), default: TRAJECTORY_DEFAULTS.learningRate },
  steps: { attribute: 'steps', parse: wholeNumber(TRAJECTORY_LIMITS.steps), default: TRAJECTORY_DEFAULTS.steps },
  stepsPerSecond: { attribute: 'steps-per-second', parse: number(TRAJECTORY_LIMITS.stepsPerSecond), default: TRAJECTORY_DEFAULTS.stepsPerSecond },
  compare: { attribute: 'compare', parse: boolean(), default: false },
  compareRates: { attribute: 'compare-lr', parse: COMPARE_RATES, default: TRAJECTORY_DEFAULTS.compareRates },
  autoplay: { attribute: 'autoplay', parse: boolean(), default: false },
});

/** Each field of TrajectoryAttributes and the attribute it holds. */
const FIELDS: Record<string, keyof TrajectoryAttributes> = { 'steps-per-second': 'stepsPerSecond', 'compare-lr': 'compareLr' };

/** Reads the attributes; a bad value becomes a warning naming the attribute, and its default is used. */
export function parseTrajectoryAttributes(raw: TrajectoryAttributes): { settings: TrajectorySettings; warnings: string[] } {
  const { values, warnings } = readAttributeRecord(trajectorySettings, raw, FIELDS);
  return { settings: settingsOf(values), warnings };
}

/** The run's settings out of the table's values. */
export function settingsOf(values: SettingValues<typeof trajectorySettings.table>): TrajectorySettings {
  const { learningRate, steps, stepsPerSecond, compareRates } = values;
  return { problem: problemOf(values), learningRate, steps, stepsPerSecond, compareRates: [...compareRates] };
}

/** The PyTorch script: the data, the model from β = (0, 0), and full-batch gradient descent at each η. */
export function pytorchScript(problem: ProblemSettings, learningRates: readonly number[], steps: number): string {
  const model = pytorchModel({ layers: [2, 1], hidden: 'linear', output: 'linear', loss: 'mse', bias: false });
  const lines = [...pytorchData(problem), ''];
  if (learningRates.length === 1) {
    return [
      ...lines,
      '# %% The model',
      model,
      'nn.init.zeros_(model[0].weight)  # start at β = (0, 0)',
      `loss_fn = ${pytorchLoss('mse')}`,
      `optimizer = ${pytorchOptimizer({ kind: 'sgd', learningRate: learningRates[0]! })}`,
      '',
      '# %% Training',
      'losses = []',
      `for step in range(${steps}):  # full batch: one step is one epoch`,
      '    optimizer.zero_grad()',
      '    loss = loss_fn(model(x), y)',
      '    loss.backward()',
      '    optimizer.step()',
      '    losses.append(loss.item())',
      '    print(step + 1, model[0].weight.tolist(), loss.item())',
    ].join('\n');
  }
  return [
    ...lines,
    '# %% The model and the training, at each learning rate',
    'def descend(lr):',
    ...model.split('\n').map((line) => `    ${line}`),
    '    nn.init.zeros_(model[0].weight)  # start at β = (0, 0)',
    `    loss_fn = ${pytorchLoss('mse')}`,
    `    optimizer = ${pytorchOptimizer({ kind: 'sgd', learningRate: 1 }).replace('lr=1', 'lr=lr')}`,
    '    path, curve = [model[0].weight.flatten().tolist()], []',
    `    for step in range(${steps}):`,
    '        optimizer.zero_grad()',
    '        loss = loss_fn(model(x), y)',
    '        loss.backward()',
    '        optimizer.step()',
    '        path.append(model[0].weight.flatten().tolist())',
    '        curve.append(loss.item())',
    '    return path, curve',
    '',
    '# %% Training',
    `runs = {lr: descend(lr) for lr in (${learningRates.map(pythonNumber).join(', ')})}`,
    'paths = {lr: path for lr, (path, curve) in runs.items()}',
    'losses = {f"lr={lr}": curve for lr, (path, curve) in runs.items()}',
  ].join('\n');
}
