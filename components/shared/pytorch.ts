/**
 * The PyTorch code a student would write for what a widget is doing: every training widget has a
 * `Show code` panel, and lectures pair each widget with the code. Generated from the same settings the
 * engine trains with, so the two never disagree.
 */
import type { HiddenActivation, OutputActivation } from '../../engine/activations.ts';
import type { Loss } from '../../engine/losses.ts';
import type { OptimizerSpec } from '../../engine/optimizers.ts';
import type { Regularization } from '../../engine/regularization.ts';
import type { Batching } from '../../engine/trainer.ts';

/** What a training run is, in the engine's terms. */
export interface TrainingSettings {
  layers: readonly number[];
  hidden: HiddenActivation;
  output: OutputActivation;
  loss: Loss;
  /** False for layers without a bias (`nn.Linear(…, bias=False)`); default true. */
  bias?: boolean;
  optimizer: OptimizerSpec;
  epochs: number;
  batching?: Batching;
  regularization?: Regularization;
}

const ACTIVATION_MODULES: Record<HiddenActivation, string | undefined> = {
  relu: 'nn.ReLU()',
  tanh: 'nn.Tanh()',
  sigmoid: 'nn.Sigmoid()',
  linear: undefined,
  threshold: undefined,
};

/** A number as Python writes it, short: 0.005, 1e-05, 800. */
export function pythonNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const short = Number(value.toPrecision(6));
  // Python's repr switches to exponent form below 1e-4.
  return Math.abs(short) < 1e-4 ? short.toExponential().replace(/e([+-])(\d)$/, 'e$10$2') : String(short);
}

/** `nn.Sequential(…)` for the layer sizes and activations. */
export function pytorchModel(settings: Pick<TrainingSettings, 'layers' | 'hidden' | 'output' | 'loss' | 'bias'>): string {
  const lines: string[] = [];
  for (let i = 1; i < settings.layers.length; i += 1) {
    const linear = `nn.Linear(${settings.layers[i - 1]}, ${settings.layers[i]}${settings.bias === false ? ', bias=False' : ''})`;
    const last = i === settings.layers.length - 1;
    const activation = last ? outputModule(settings) : ACTIVATION_MODULES[settings.hidden];
    lines.push(`    ${activation ? `${linear}, ${activation}` : linear},`);
  }
  const note = settings.hidden === 'threshold' ? '# a threshold unit has zero gradient: it is shown, not trained\n' : '';
  return `${note}model = nn.Sequential(\n${lines.join('\n')}\n)`;
}

function outputModule(settings: Pick<TrainingSettings, 'output' | 'loss'>): string | undefined {
  // The cross-entropy losses take logits: their output activation lives inside the loss.
  if (settings.loss !== 'mse') return undefined;
  if (settings.output === 'sigmoid') return 'nn.Sigmoid()';
  if (settings.output === 'softmax') return 'nn.Softmax(dim=1)';
  return undefined;
}

/** The loss module. */
export function pytorchLoss(loss: Loss): string {
  return { mse: 'nn.MSELoss()', bce: 'nn.BCEWithLogitsLoss()', 'softmax-ce': 'nn.CrossEntropyLoss()' }[loss];
}

/** The optimizer constructor for `params` (e.g. `model.parameters()`). */
export function pytorchOptimizer(optimizer: OptimizerSpec, params = 'model.parameters()'): string {
  const args = [params, `lr=${pythonNumber(optimizer.learningRate)}`];
  if (optimizer.kind === 'momentum') args.push(`momentum=${pythonNumber(optimizer.momentum ?? 0.9)}`);
  if (optimizer.kind === 'adam' && (optimizer.beta1 !== undefined || optimizer.beta2 !== undefined)) {
    args.push(`betas=(${pythonNumber(optimizer.beta1 ?? 0.9)}, ${pythonNumber(optimizer.beta2 ?? 0.999)})`);
  }
  if (optimizer.weightDecay) args.push(`weight_decay=${pythonNumber(optimizer.weightDecay)}`);
  return `torch.optim.${optimizer.kind === 'adam' ? 'Adam' : 'SGD'}(${args.join(', ')})`;
}

function penaltyLine(regularization: Regularization | undefined): string[] {
  if (!regularization || regularization.kind === 'none' || regularization.rate === 0) return [];
  const term = regularization.kind === 'l1' ? 'p.abs().sum()' : 'p.pow(2).sum()';
  return [
    `        # ${regularization.kind.toUpperCase()} penalty on the weights (not the biases)`,
    `        loss = loss + ${pythonNumber(regularization.rate)} * sum(${term} for name, p in model.named_parameters() if "weight" in name)`,
  ];
}

/** The whole script: model, loss, optimizer and the training loop, for tensors `x` and `y`. */
export function pytorchTrainingLoop(settings: TrainingSettings): string {
  const batching = settings.batching ?? { mode: 'full' };
  const head = ['import torch', 'from torch import nn', '', '# x: inputs, one row per sample; y: targets', pytorchModel(settings), `loss_fn = ${pytorchLoss(settings.loss)}`, `optimizer = ${pytorchOptimizer(settings.optimizer)}`, ''];
  const step = ['optimizer.zero_grad()', 'loss = loss_fn(model(xb), yb)', ...penaltyLine(settings.regularization).map((l) => l.trim()), 'loss.backward()', 'optimizer.step()'];
  if (batching.mode === 'full') {
    const body = step.map((line) => `    ${line.replace('(xb)', '(x)').replace('yb)', 'y)')}`);
    return [...head, `for epoch in range(${settings.epochs}):`, ...body].join('\n');
  }
  const size = batching.mode === 'sgd' ? 1 : batching.size;
  return [
    ...head,
    'from torch.utils.data import DataLoader, TensorDataset',
    `loader = DataLoader(TensorDataset(x, y), batch_size=${size}, shuffle=True)`,
    '',
    `for epoch in range(${settings.epochs}):`,
    '    for xb, yb in loader:',
    ...step.map((line) => `        ${line}`),
  ].join('\n');
}
