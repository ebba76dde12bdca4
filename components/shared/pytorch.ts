/**
 * The PyTorch code a student would write for what a widget is doing: every training widget has a
 * `Show code` panel, and lectures pair each widget with the code. Generated from the same settings the
 * engine trains with, so the two never disagree.
 */
import type { HiddenActivation, OutputActivation } from '../../engine/activations.ts';
import { pair, planLayers, type LayeredSpec, type Padding } from '../../engine/layers.ts';
import type { Loss } from '../../engine/losses.ts';
import type { OptimizerSpec } from '../../engine/optimizers.ts';
import type { Regularization } from '../../engine/regularization.ts';
import type { LayeredTrainerSpec } from '../../engine/layered-trainer.ts';
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
  /**
   * Python lines that make the tensors `x` and `y` (the widget's data, e.g. its target curve sampled), put in
   * their own `# %% The data` cell so the script runs as it is (and as a notebook, components/shared/notebook.ts);
   * without them the script says what `x` and `y` are and leaves them to the reader.
   */
  data?: readonly string[];
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

/**
 * Rows of numbers as a Python list literal, `perLine` rows to a line (continuation lines indented 4), so a
 * widget's own data can be written into its script: `[[1, 2], [3, 4],\n    [5, 6]]`.
 */
export function pythonRows(rows: readonly (readonly number[])[] | readonly number[], perLine = 6): string {
  const items = rows.map((row) => (typeof row === 'number' ? pythonNumber(row) : `[${row.map(pythonNumber).join(', ')}]`));
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
  return `[${lines.join(',\n    ')}]`;
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

/**
 * `nn.Sequential(…)` for a layered model (engine/layers.ts): one module per layer, in channels-first
 * shapes as the engine takes them, so `model(x)` with x of shape [N, *spec.input] runs as the widget's does.
 */
export function pytorchLayeredModel(spec: LayeredSpec, loss: Loss): string {
  const plans = planLayers(spec);
  const lines: string[] = [];
  plans.forEach(({ layer, inputShape }, index) => {
    const modules: string[] = [];
    const bias = 'bias' in layer && layer.bias === false ? ', bias=False' : '';
    const size = (value: number | readonly [number, number]) => (typeof value === 'number' ? String(value) : `(${pair(value).join(', ')})`);
    const padding = (value: Padding | undefined) => (value === undefined || value === 'valid' ? '' : `, padding=${typeof value === 'number' ? value : "'same'"}`);
    switch (layer.type) {
      case 'dense':
        modules.push(`nn.Linear(${inputShape[0]}, ${layer.units}${bias})`);
        break;
      case 'conv1d':
        modules.push(`nn.Conv1d(${inputShape[0]}, ${layer.filters}, kernel_size=${layer.kernelSize}${layer.stride && layer.stride !== 1 ? `, stride=${layer.stride}` : ''}${padding(layer.padding)}${bias})`);
        break;
      case 'conv2d': {
        const stride = layer.stride === undefined || pair(layer.stride).every((s) => s === 1) ? '' : `, stride=${size(layer.stride)}`;
        modules.push(`nn.Conv2d(${inputShape[0]}, ${layer.filters}, kernel_size=${size(layer.kernelSize)}${stride}${padding(layer.padding)}${bias})`);
        break;
      }
      case 'max-pool1d':
        modules.push(`nn.MaxPool1d(${layer.size}${layer.stride !== undefined && layer.stride !== layer.size ? `, stride=${layer.stride}` : ''})`);
        break;
      case 'max-pool2d':
        modules.push(`nn.MaxPool2d(${size(layer.size)}${layer.stride !== undefined ? `, stride=${size(layer.stride)}` : ''})`);
        break;
      case 'global-max-pool1d':
        modules.push('nn.AdaptiveMaxPool1d(1)');
        break;
      case 'flatten':
        modules.push('nn.Flatten()');
        break;
      case 'dropout':
        modules.push(`nn.Dropout(${pythonNumber(layer.rate)})`);
        break;
      case 'reshape':
        // nn.Unflatten reshapes a flat vector; a feature map is flattened first (the engine reshapes channels first too).
        if (inputShape.length > 1) modules.push('nn.Flatten()');
        if (layer.shape.length > 1) modules.push(`nn.Unflatten(1, (${layer.shape.join(', ')}))`);
        break;
    }
    const last = index === plans.length - 1;
    const activation = last ? outputModule({ output: spec.output, loss }) : 'activation' in layer && layer.activation ? ACTIVATION_MODULES[layer.activation] : undefined;
    if (activation) modules.push(activation);
    lines.push(`    ${modules.join(', ')},`);
  });
  const thresholds = spec.layers.some((layer) => 'activation' in layer && layer.activation === 'threshold');
  const note = thresholds ? '# a threshold unit has zero gradient: it is shown, not trained\n' : '';
  return `${note}# x: [N, ${spec.input.join(', ')}] (channels first, as PyTorch takes it)\nmodel = nn.Sequential(\n${lines.join('\n')}\n)`;
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
  const data = settings.data?.length ? ['# %% The data', ...settings.data, ''] : [];
  const about = settings.data?.length ? [] : ['# x: inputs, one row per sample; y: targets'];
  const head = ['import torch', 'from torch import nn', '', ...data, '# %% The model', ...about, pytorchModel(settings), `loss_fn = ${pytorchLoss(settings.loss)}`, `optimizer = ${pytorchOptimizer(settings.optimizer)}`, ''];
  const step = ['optimizer.zero_grad()', 'loss = loss_fn(model(xb), yb)', ...penaltyLine(settings.regularization).map((l) => l.trim()), 'loss.backward()', 'optimizer.step()'];
  if (batching.mode === 'full') {
    const body = step.map((line) => `    ${line.replace('(xb)', '(x)').replace('yb)', 'y)')}`);
    return [...head, '# %% Training', 'losses = []  # the loss after every epoch', `for epoch in range(${settings.epochs}):`, ...body, '    losses.append(loss.item())'].join('\n');
  }
  const size = batching.mode === 'sgd' ? 1 : batching.size;
  return [
    ...head,
    '# %% Training',
    'from torch.utils.data import DataLoader, TensorDataset',
    `loader = DataLoader(TensorDataset(x, y), batch_size=${size}, shuffle=True)`,
    'losses = []  # the loss on all the data after every epoch',
    '',
    `for epoch in range(${settings.epochs}):`,
    '    for xb, yb in loader:',
    ...step.map((line) => `        ${line}`),
    '    with torch.no_grad():',
    '        losses.append(loss_fn(model(x), y).item())',
  ].join('\n');
}

/** What the targets are, in the comment above the script, per loss (the engine's rows, as PyTorch takes them). */
const TARGETS: Record<Loss, string> = {
  mse: 'y: targets, one row per sample (float)',
  bce: 'y: 0/1 labels, shape [N, 1] (float)',
  'softmax-ce': 'y: class indices 0…K−1, shape [N] (long): the engine’s one-hot rows, y = rows.argmax(1)',
};

/**
 * The whole script for a layered trainer (engine/layered-trainer.ts) trained for `epochs`: the model, loss and
 * optimizer, minibatches, and — when the spec holds a validation split — the held-out set, the validation
 * loss after every epoch with dropout off (`model.eval()`), the best epoch's weights kept and, with a patience,
 * early stopping that brings them back, as the engine does (engine/early-stopping.ts).
 */
export function pytorchLayeredTrainingLoop(
  spec: Pick<LayeredTrainerSpec, 'model' | 'loss' | 'optimizer' | 'batching' | 'regularization' | 'validation' | 'seed'>,
  epochs: number,
  /** A `# %%` data cell that makes `x` and `y` (the loop assumes them otherwise). */
  data: readonly string[] = [],
): string {
  const batching = spec.batching ?? { mode: 'full' };
  const validation = spec.validation;
  const lines = [...(validation ? ['import copy'] : []), 'import torch', 'from torch import nn', 'from torch.utils.data import DataLoader, TensorDataset', ''];
  if (typeof spec.seed === 'number') lines.push(`torch.manual_seed(${spec.seed})`);
  if (data.length > 0) lines.push('', ...data);
  lines.push('', '# %% The model', `# ${TARGETS[spec.loss]}`, pytorchLayeredModel(spec.model, spec.loss), `loss_fn = ${pytorchLoss(spec.loss)}`, `optimizer = ${pytorchOptimizer(spec.optimizer)}`, '');
  let train = 'x, y';
  lines.push('# %% Training');
  if (validation) {
    lines.push(
      `# ${pythonNumber(Math.round(validation.fraction * 1000) / 10)} % of the samples held out for validation, never trained on`,
      'order = torch.randperm(len(x))',
      `held = int(${pythonNumber(validation.fraction)} * len(x))`,
      'x_val, y_val = x[order[:held]], y[order[:held]]',
      'x_train, y_train = x[order[held:]], y[order[held:]]',
    );
    train = 'x_train, y_train';
  }
  const size = batching.mode === 'full' ? undefined : batching.mode === 'sgd' ? 1 : batching.size;
  lines.push(`loader = DataLoader(TensorDataset(${train}), batch_size=${size ?? `len(${train.split(',')[0]})`}, shuffle=${size ? 'True' : 'False'})`);
  if (validation) lines.push('best_loss, best_state, since_best = float("inf"), copy.deepcopy(model.state_dict()), 0');
  lines.push(
    `losses = []  # the ${validation ? 'validation loss' : 'loss on all the training data'} after every epoch`,
    '',
    `for epoch in range(1, ${epochs + 1}):`,
    '    model.train()  # dropout on',
    '    for xb, yb in loader:',
    '        optimizer.zero_grad()',
    '        loss = loss_fn(model(xb), yb)',
    ...penaltyLine(spec.regularization),
    '        loss.backward()',
    '        optimizer.step()',
  );
  if (!validation) lines.push('    with torch.no_grad():', `        losses.append(loss_fn(model(${train.replace(', ', '), ')}).item())`);
  if (validation) {
    lines.push(
      '    model.eval()  # dropout off',
      '    with torch.no_grad():',
      '        val_loss = loss_fn(model(x_val), y_val).item()',
      '    losses.append(val_loss)',
      '    if val_loss < best_loss:',
      '        best_loss, best_state, since_best = val_loss, copy.deepcopy(model.state_dict()), 0',
      '    else:',
      '        since_best += 1',
    );
    if (validation.patience !== undefined && Number.isFinite(validation.patience)) {
      lines.push(
        `        if since_best >= ${validation.patience}:  # patience ran out: stop`,
        '            print(f"stopped after epoch {epoch}; the best was epoch {epoch - since_best}")',
        '            break',
      );
    }
    lines.push('model.load_state_dict(best_state)  # the best epoch’s weights');
  }
  return lines.join('\n');
}

