/**
 * How `<nn-playground>` trains when the lecture's overfitting remedies are on. With no dropout and no early
 * stopping the run is the engine's MLP `Trainer` (nn-playground.model.ts's `trainerSpec`, the fused fast path:
 * nothing changes for a slide without them). The MLP trainer has neither dropout nor a validation split, so
 * with either the same network is a layered model (`LayeredTrainer`): `nn.Linear` → activation → `nn.Dropout`
 * per hidden layer, and early stopping on a validation set held out of the training samples by the seed
 * (engine/early-stopping.ts). Also: which training samples that set is (to show the losses the trainer sees),
 * the one-line description, the hidden-space view's warning, and reading a picture from either trainer.
 */
import type { LayeredTrainer, LayeredTrainerSpec } from '../../engine/layered-trainer.ts';
import type { LayerParameters } from '../../engine/layered.ts';
import type { LayerSpec } from '../../engine/layers.ts';
import type { LayerWeights } from '../../engine/mlp.ts';
import { createRandom } from '../../engine/random.ts';
import type { Trainer } from '../../engine/trainer.ts';
import { pythonNumber } from '../shared/pytorch.ts';
import { REGULARIZATION_LABELS, activeFeatures, effectiveBatchSize, trainerSpec, type PlaygroundSettings } from './nn-playground.model.ts';

/** The trainer of a run: the MLP `Trainer`, or a `LayeredTrainer` when dropout or early stopping is on. */
export type PlaygroundTrainer = Trainer | LayeredTrainer;

/** True when the run needs the layered trainer: dropout, or early stopping (the MLP trainer has neither). */
export function usesLayeredTrainer(settings: Pick<PlaygroundSettings, 'dropout' | 'earlyStopping'>): boolean {
  return settings.dropout > 0 || settings.earlyStopping;
}

/**
 * The same network, loss, SGD, penalty and minibatches as `trainerSpec`, as a layered model: each hidden layer a
 * dense layer with the hidden activation, then dropout at `dropout` (when above 0); one output unit. With early
 * stopping, `validation` of the `trainCount` training samples is held out and `patience` epochs without a lower
 * validation loss stop the run.
 */
export function layeredSpec(settings: PlaygroundSettings, trainCount: number): LayeredTrainerSpec {
  const mlp = trainerSpec(settings, trainCount);
  const layers: LayerSpec[] = [];
  for (const units of settings.hiddenLayers) {
    layers.push({ type: 'dense', units, activation: settings.activation });
    if (settings.dropout > 0) layers.push({ type: 'dropout', rate: settings.dropout });
  }
  layers.push({ type: 'dense', units: 1 });
  return {
    model: { input: [activeFeatures(settings).length], layers, output: mlp.network.output },
    loss: mlp.loss,
    optimizer: mlp.optimizer,
    regularization: mlp.regularization,
    batching: { mode: 'minibatch', size: effectiveBatchSize(settings, trainCount) },
    ...(settings.earlyStopping ? { validation: { fraction: settings.validation, patience: settings.patience } } : {}),
    seed: settings.seed,
    name: 'nn-playground',
  };
}

/** Which training samples (by index) the trainer trains on and which it holds out for validation. */
export interface ValidationSplit {
  train: number[];
  validation: number[];
}

/**
 * The layered trainer's validation split of `count` training samples, as engine/layered-trainer.ts draws it
 * from its seed (the model's generator forked first, then the split's): the status and the loss chart show
 * the loss on the samples it trained on and on those it held out. A unit test checks it against the trainer's
 * own count and validation loss.
 */
export function validationSplit(count: number, fraction: number, seed: number): ValidationSplit {
  const random = createRandom(seed);
  random.fork(); // the initial weights' generator
  const split = random.fork();
  const order = Array.from({ length: count }, (_, i) => i);
  const held = Math.min(count - 1, Math.max(1, Math.round(count * fraction)));
  split.shuffle(order);
  return { validation: order.slice(0, held).sort((a, b) => a - b), train: order.slice(held).sort((a, b) => a - b) };
}

/** The one-line statement of how it trains, e.g. "SGD, lr 0.03, batch 10, dropout 0.5 · 80 train / 20 validation / 100 test · 300 epochs, patience 10". */
export function describeTraining(settings: PlaygroundSettings, trainCount: number, testCount: number): string {
  const reg = settings.regularization === 'none' ? '' : `, ${REGULARIZATION_LABELS[settings.regularization]} ${pythonNumber(settings.regularizationRate)}`;
  const dropout = settings.dropout > 0 ? `, dropout ${pythonNumber(settings.dropout)}` : '';
  const held = settings.earlyStopping && trainCount > 1 ? validationSplit(trainCount, settings.validation, settings.seed).validation.length : 0;
  const split = held ? `${trainCount - held} train / ${held} validation / ${testCount} test` : `${trainCount} train / ${testCount} test`;
  const stopping = settings.earlyStopping ? `, early stopping (patience ${settings.patience})` : '';
  return `SGD, lr ${pythonNumber(settings.learningRate)}, batch ${effectiveBatchSize(settings, trainCount)}${reg}${dropout} · ${split} · ${settings.epochs} epochs${stopping}`;
}

/**
 * What the inline warning says when the hidden-space view is asked for but the last hidden layer does not have
 * two units; undefined when it has (or the view is off).
 */
export function hiddenSpaceWarning(settings: Pick<PlaygroundSettings, 'hiddenSpace' | 'hiddenLayers'>): string | undefined {
  if (!settings.hiddenSpace) return undefined;
  const layers = settings.hiddenLayers;
  const last = layers.at(-1);
  if (last === 2) return undefined;
  const suggestion = [...layers.slice(0, -1), 2].join(',');
  const now = last === undefined ? 'there is no hidden layer' : `the last hidden layer has ${last} ${last === 1 ? 'unit' : 'units'}`;
  return `hidden-space: the hidden-space view plots the last hidden layer's 2 units, but ${now} — set layers="${suggestion}" (a last hidden layer of 2 units)`;
}

/** True when the hidden-space view can be drawn: asked for, and a last hidden layer of 2 units. */
export function showsHiddenSpace(settings: Pick<PlaygroundSettings, 'hiddenSpace' | 'hiddenLayers'>): boolean {
  return settings.hiddenSpace && settings.hiddenLayers.at(-1) === 2;
}

/** A layered model's dense layers (PyTorch's `[out, in]` weights) as the MLP's `LayerWeights` (`weights[input][unit]`). */
export function mlpWeightsOf(layers: readonly LayerParameters[]): LayerWeights[] {
  return layers
    .filter((layer) => layer.type === 'dense' && layer.weight)
    .map(({ weight, bias }) => {
      const [units, inputs] = weight!.shape as [number, number];
      const weights = Array.from({ length: inputs }, (_, input) => Array.from({ length: units }, (_, unit) => weight!.values[unit * inputs + input]!));
      return { weights, biases: bias ? Array.from(bias.values) : new Array<number>(units).fill(0) };
    });
}

/** Is it the layered trainer (dropout, early stopping)? */
export function isLayered(trainer: PlaygroundTrainer): trainer is LayeredTrainer {
  return 'stoppedEarly' in trainer;
}

/**
 * The network's outputs on `count` input rows (`rows`, `width` features each, back to back) and its weights, of
 * one moment of the run: both reads are queued before either is awaited.
 */
export function readOutputsAndWeights(trainer: PlaygroundTrainer, rows: Float32Array, count: number): Promise<[Float32Array, LayerWeights[]]> {
  if (!isLayered(trainer)) return Promise.all([trainer.predictMany(rows, count), trainer.readWeights()]);
  const width = rows.length / count;
  const samples = Array.from({ length: count }, (_, i) => Array.from(rows.subarray(i * width, (i + 1) * width)));
  return Promise.all([trainer.predict(samples).then((out) => Float32Array.from(out, ([p]) => p!)), trainer.readWeights().then(mlpWeightsOf)]);
}
