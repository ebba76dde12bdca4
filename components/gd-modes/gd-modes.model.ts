/**
 * The settings and words of `<gd-modes>` that need no DOM: its attributes, the three runs (batch GD, SGD,
 * minibatch) and their looks, and the PyTorch script. The regression itself is shared with
 * `<gd-trajectory>` (components/shared/regression/regression-problem.ts).
 */
import type { Batching } from '../../engine/trainer.ts';
import { boolean, choice, defineSettings, number, wholeNumber, type SettingValues } from '../shared/runtime/settings.ts';
import { pytorchLoss, pytorchModel, pytorchOptimizer, pythonNumber } from '../shared/pytorch.ts';
import { PROBLEM_DEFAULTS, PROBLEM_LIMITS, readAttributeRecord, type ProblemAttributes } from '../shared/regression/regression-attributes.ts';
import { problemOf, problemRows, pytorchData, type ProblemSettings } from '../shared/regression/regression-problem.ts';

export const MODES_LIMITS = {
  ...PROBLEM_LIMITS,
  lr: { min: 1e-4, max: 1 },
  epochs: { min: 1, max: 200 },
  epochsPerSecond: { min: 0.1, max: 20 },
} as const;

/**
 * The defaults, measured on the default data (n = 50, noise 10, seed 1; L(β̂) = 101.35, L(0) = 3463): at
 * η = 0.05, after 20 epochs batch GD is still on its way (L = 125.9), minibatches of 10 have reached β̂
 * (101.44), and SGD got near first (L < 150 after one epoch) but keeps jumping about it (146 at epoch 20).
 */
export const MODES_DEFAULTS = {
  ...PROBLEM_DEFAULTS,
  learningRate: 0.05,
  batchSize: 10,
  epochs: 20,
  epochsPerSecond: 2,
  xAxis: 'epochs' as XAxis,
} as const;

/** The loss curves' x-axis: epochs (the same examples seen: a fair comparison) or updates (log scale). */
export type XAxis = 'epochs' | 'updates';
export const X_AXES: readonly XAxis[] = ['epochs', 'updates'];

/** The three ways of batching, in legend order. */
export type Mode = 'batch' | 'sgd' | 'minibatch';
export const MODES: readonly Mode[] = ['batch', 'sgd', 'minibatch'];

/** Names, colours (Okabe & Ito), markers and dashes, so colour is not the only cue. */
export const MODE_STYLES: Record<Mode, { label: string; colour: string; marker: 'circle' | 'square' | 'diamond'; dash?: string }> = {
  batch: { label: 'Batch GD', colour: '#0072B2', marker: 'square' },
  sgd: { label: 'SGD', colour: '#D55E00', marker: 'circle', dash: '2 3' },
  minibatch: { label: 'Minibatch', colour: '#CC79A7', marker: 'diamond', dash: '9 5' },
};

/** The engine's batching of a mode. */
export function batchingOf(mode: Mode, batchSize: number): Batching {
  if (mode === 'batch') return { mode: 'full' };
  if (mode === 'sgd') return { mode: 'sgd' };
  return { mode: 'minibatch', size: batchSize };
}

/** A mode's legend label, e.g. "Minibatch (B = 10)". */
export function modeLabel(mode: Mode, batchSize: number, samples: number): string {
  if (mode === 'batch') return `${MODE_STYLES.batch.label} (B = n = ${samples})`;
  if (mode === 'sgd') return `${MODE_STYLES.sgd.label} (B = 1)`;
  return `${MODE_STYLES.minibatch.label} (B = ${batchSize})`;
}

/** The attributes as written (null when absent). */
export interface ModesAttributes extends ProblemAttributes {
  batchSize: string | null;
  epochs: string | null;
  epochsPerSecond: string | null;
  xAxis: string | null;
}

export interface ModesSettings {
  problem: ProblemSettings;
  learningRate: number;
  /** B of the minibatch run, 1…n. */
  batchSize: number;
  /** The epoch budget: the handout state. */
  epochs: number;
  epochsPerSecond: number;
  xAxis: XAxis;
}

/**
 * The attributes (README: Widgets). B's range and default follow n (`samples`, above it). The URL holds what
 * a student changes: `lr`, `batch-size` and `x-axis` (the keys links have always had). `autoplay` is the
 * element's alone: nothing changes it, so it never goes into the URL.
 */
export const modesSettings = defineSettings({
  ...problemRows(MODES_LIMITS, MODES_DEFAULTS),
  learningRate: { attribute: 'lr', aliases: ['learning-rate'], parse: number(MODES_LIMITS.lr), default: MODES_DEFAULTS.learningRate },
  batchSize: {
    attribute: 'batch-size',
    parse: (above: Record<string, unknown>) => wholeNumber({ min: 1, max: above.samples as number }),
    default: (above: Record<string, unknown>) => Math.min(MODES_DEFAULTS.batchSize, above.samples as number),
  },
  epochs: { attribute: 'epochs', parse: wholeNumber(MODES_LIMITS.epochs), default: MODES_DEFAULTS.epochs },
  epochsPerSecond: { attribute: 'epochs-per-second', parse: number(MODES_LIMITS.epochsPerSecond), default: MODES_DEFAULTS.epochsPerSecond },
  xAxis: { attribute: 'x-axis', parse: choice(X_AXES), default: MODES_DEFAULTS.xAxis },
  autoplay: { attribute: 'autoplay', parse: boolean(), default: false },
});

/** Each field of ModesAttributes and the attribute it holds. */
const FIELDS: Record<string, keyof ModesAttributes> = { 'batch-size': 'batchSize', 'epochs-per-second': 'epochsPerSecond', 'x-axis': 'xAxis' };

/** Reads the attributes; a bad value becomes a warning naming the attribute, and its default is used. */
export function parseModesAttributes(raw: ModesAttributes): { settings: ModesSettings; warnings: string[] } {
  const { values, warnings } = readAttributeRecord(modesSettings, raw, FIELDS);
  return { settings: settingsOf(values), warnings };
}

/** The runs' settings out of the table's values. */
export function settingsOf(values: SettingValues<typeof modesSettings.table>): ModesSettings {
  const { learningRate, batchSize, epochs, epochsPerSecond, xAxis } = values;
  return { problem: problemOf(values), learningRate, batchSize, epochs, epochsPerSecond, xAxis };
}

/** The epoch a point is at, as shown: whole epochs plainly, part-way ones to two decimals. */
export function formatEpoch(examples: number, samples: number): string {
  const epoch = examples / samples;
  return Number.isInteger(epoch) ? String(epoch) : epoch.toFixed(2);
}

/** The PyTorch script: one training function, called with B = n, 1 and the minibatch size. */
export function pytorchScript(problem: ProblemSettings, settings: { learningRate: number; batchSize: number; epochs: number; seed: number }): string {
  const model = pytorchModel({ layers: [2, 1], hidden: 'linear', output: 'linear', loss: 'mse', bias: false });
  return [
    ...pytorchData(problem),
    'from torch.utils.data import DataLoader, TensorDataset',
    '',
    '# %% The model and its training, for a batch size',
    'def train(batch_size):',
    `    torch.manual_seed(${settings.seed})  # the same shuffling seed for every run`,
    ...model.split('\n').map((line) => `    ${line}`),
    '    nn.init.zeros_(model[0].weight)  # every run starts at β = (0, 0)',
    `    loss_fn = ${pytorchLoss('mse')}`,
    `    optimizer = ${pytorchOptimizer({ kind: 'sgd', learningRate: settings.learningRate })}`,
    '    # shuffle=True: a new order every epoch, each example once per epoch (no replacement)',
    '    loader = DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=True)',
    '    losses = [loss_fn(model(x), y).item()]',
    `    for epoch in range(${settings.epochs}):`,
    '        for xb, yb in loader:',
    '            optimizer.zero_grad()',
    '            loss_fn(model(xb), yb).backward()',
    '            optimizer.step()',
    '            losses.append(loss_fn(model(x), y).item())  # the loss on all the data, per update',
    '    return model[0].weight, losses',
    '',
    '# %% Training',
    `batch_gd = train(len(x))  # B = n: one update per epoch`,
    'sgd = train(1)  # B = 1: n updates per epoch',
    `minibatch = train(${pythonNumber(settings.batchSize)})`,
    `losses = {"B = n": batch_gd[1], "B = 1": sgd[1], "B = ${pythonNumber(settings.batchSize)}": minibatch[1]}`,
  ].join('\n');
}
