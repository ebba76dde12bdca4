/**
 * The chain rule, one step at a time, on the smallest network that has a hidden unit:
 *
 *   x → z₁ = w₁x + b₁ → v = f(z₁) → ŷ = w₂v + b₂ → L = (ŷ − y)²
 *
 * then one SGD step w ← w − η ∂L/∂w. This module holds what the walkthrough says and shows: the settings
 * and how the widget's attributes set them, the fifteen steps (forward pass, backward pass, update) with
 * their KaTeX formulas and the parts of the diagram each one lights up, number formatting, and the PyTorch
 * code for the same computation. The numbers themselves come from the engine (backprop-walkthrough.compute.ts).
 * No DOM: it runs under Vitest in Node.
 */
import { choice, defineSettings, number, type NumberRange } from '../shared/runtime/settings.ts';
import { pytorchLoss, pytorchModel, pytorchOptimizer } from '../shared/pytorch.ts';
import { formatNumber as formatShared } from '../shared/views/format-number.ts';

/** The hidden unit's activation f. */
export const ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'linear'] as const;
export type WalkthroughActivation = (typeof ACTIVATIONS)[number];

/** How each activation is named on the select and in formulas. */
export const ACTIVATION_LABELS: Record<WalkthroughActivation, string> = {
  relu: 'ReLU',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  linear: 'linear',
};

/** The starting point of one iteration: the sample, the weights, the learning rate and f. */
export interface WalkthroughSettings {
  x: number;
  y: number;
  w1: number;
  b1: number;
  w2: number;
  b2: number;
  /** η of the SGD step. */
  learningRate: number;
  activation: WalkthroughActivation;
}

/** The lecture's worked example. */
export const DEFAULT_SETTINGS: Readonly<WalkthroughSettings> = {
  x: 2,
  y: 1,
  w1: 0.5,
  b1: 0.1,
  w2: 0.8,
  b2: 0,
  learningRate: 0.1,
  activation: 'relu',
};

/** Range of x, y and every weight and bias (attributes and fields alike). */
export const VALUE_RANGE: NumberRange = { min: -100, max: 100 };
/** Range of the learning rate: positive (the engine refuses η ≤ 0) and at most 10. */
export const LEARNING_RATE_RANGE: NumberRange = { min: 0.0001, max: 10 };

/** The number fields: the setting each one edits, its accessible name (the attribute's name but for η). */
export const NUMBER_FIELDS = [
  { key: 'x', label: 'x', attribute: 'x' },
  { key: 'y', label: 'y', attribute: 'y' },
  { key: 'w1', label: 'w1', attribute: 'w1' },
  { key: 'b1', label: 'b1', attribute: 'b1' },
  { key: 'w2', label: 'w2', attribute: 'w2' },
  { key: 'b2', label: 'b2', attribute: 'b2' },
  { key: 'learningRate', label: 'learning rate', attribute: 'lr' },
] as const satisfies ReadonlyArray<{ key: keyof WalkthroughSettings; label: string; attribute: string }>;
export type NumberSetting = (typeof NUMBER_FIELDS)[number]['key'];

/** The allowed range of a numeric setting. */
export function rangeOf(key: NumberSetting): NumberRange {
  return key === 'learningRate' ? LEARNING_RATE_RANGE : VALUE_RANGE;
}

/** The widget's attributes, as written (null when absent). */
export type WalkthroughAttributes = Record<'x' | 'y' | 'w1' | 'b1' | 'w2' | 'b2' | 'lr' | 'activation', string | null>;

/** The attributes (README: Widgets): the lecture's worked example unless written otherwise. */
export const walkthroughSettings = defineSettings({
  x: { attribute: 'x', parse: number(VALUE_RANGE), default: DEFAULT_SETTINGS.x },
  y: { attribute: 'y', parse: number(VALUE_RANGE), default: DEFAULT_SETTINGS.y },
  w1: { attribute: 'w1', parse: number(VALUE_RANGE), default: DEFAULT_SETTINGS.w1 },
  b1: { attribute: 'b1', parse: number(VALUE_RANGE), default: DEFAULT_SETTINGS.b1 },
  w2: { attribute: 'w2', parse: number(VALUE_RANGE), default: DEFAULT_SETTINGS.w2 },
  b2: { attribute: 'b2', parse: number(VALUE_RANGE), default: DEFAULT_SETTINGS.b2 },
  learningRate: { attribute: 'lr', aliases: ['learning-rate'], parse: number(LEARNING_RATE_RANGE), default: DEFAULT_SETTINGS.learningRate },
  activation: { attribute: 'activation', parse: choice(ACTIVATIONS), default: DEFAULT_SETTINGS.activation },
});

/** Reads the attributes: each bad value falls back to its default with a warning naming the attribute. */
export function parseWalkthroughAttributes(attributes: Partial<WalkthroughAttributes>): { settings: WalkthroughSettings; warnings: string[] } {
  const { values, warnings } = walkthroughSettings.read({ attribute: (name) => attributes[name as keyof WalkthroughAttributes] });
  return { settings: values, warnings };
}

/**
 * What a number field holds, as a setting: the number, or why it cannot be used (the field keeps what the
 * student typed; the walkthrough keeps the last good value until the field is fixed).
 */
export function parseField(key: NumberSetting, text: string): { value: number } | { error: string } {
  const label = NUMBER_FIELDS.find((f) => f.key === key)!.label;
  const range = rangeOf(key);
  if (text.trim() === '') return { error: `${label} needs a number` };
  const value = Number(text);
  if (!Number.isFinite(value)) return { error: `${label} needs a number` };
  if (value < range.min || value > range.max) return { error: `${label} must be in ${formatNumber(range.min)}…${formatNumber(range.max)}` };
  return { value };
}

/** Every number the walkthrough shows, for one iteration. */
export interface WalkthroughValues {
  /** Forward pass. */
  z1: number;
  v: number;
  yhat: number;
  loss: number;
  /** Backward pass: ∂L/∂(·) for every node and parameter, and f'(z₁) = ∂v/∂z₁ (the local slope). */
  dLdyhat: number;
  dLdw2: number;
  dLdb2: number;
  dLdv: number;
  dvdz1: number;
  dLdz1: number;
  dLdw1: number;
  dLdb1: number;
  /** The weights after one SGD step. */
  w1Next: number;
  b1Next: number;
  w2Next: number;
  b2Next: number;
}

/** The parts of the diagram: nodes, parameter boxes and edges (named source-target). */
export type DiagramNode = 'x' | 'z1' | 'v' | 'yhat' | 'L' | 'y' | 'w1' | 'b1' | 'w2' | 'b2';
export type DiagramEdge = 'x-z1' | 'w1-z1' | 'b1-z1' | 'z1-v' | 'v-yhat' | 'w2-yhat' | 'b2-yhat' | 'yhat-L' | 'y-L';

/** Which pass a step belongs to (it sets the highlight's colour). */
export type Phase = 'forward' | 'backward' | 'update';

/** One step of the walkthrough: a quantity computed, its formula and where it sits on the diagram. */
export interface WalkthroughStep {
  /** The quantity, as the values name it. */
  quantity: keyof WalkthroughValues;
  /** Its name in the table (plain text, as in code: `dL/dw1`). */
  name: string;
  phase: Phase;
  /** What the step does, in words (read out by the status region). */
  caption: string;
  /** The element it computes: drawn strongest. */
  target: DiagramNode;
  /** The elements its formula reads. */
  sources: readonly DiagramNode[];
  /** The edges the computation flows along (backwards for the backward pass). */
  edges: readonly DiagramEdge[];
  /** The formula in KaTeX, symbols then the numbers substituted then the result. */
  formula(settings: WalkthroughSettings, values: WalkthroughValues): string;
}

/** A number for a formula: 4 significant digits, in parentheses when negative (it follows an operator). */
function n(value: number): string {
  const text = formatNumber(value, '-');
  return value < 0 && text !== '0' ? `(${text})` : text;
}
/** A factor of a product: always in parentheses, so (0.5)(2) reads as a product. */
function f(value: number): string {
  return `(${formatNumber(value, '-')})`;
}

const d = (of: string) => `\\frac{\\partial L}{\\partial ${of}}`;
const YHAT = '\\hat{y}';

/** f(z₁) written out for the activation, with z₁'s value in it. */
function activationFormula(activation: WalkthroughActivation, z1: number): string {
  switch (activation) {
    case 'relu':
      return `\\operatorname{ReLU}(z_1) = \\max(0, ${formatNumber(z1, '-')})`;
    case 'sigmoid':
      return `\\sigma(z_1) = \\frac{1}{1 + e^{-${n(z1)}}}`;
    case 'tanh':
      return `\\tanh(z_1) = \\tanh ${f(z1)}`;
    case 'linear':
      return `z_1`;
  }
}

/** f'(z₁) written out: the local slope the backward pass multiplies by. */
function slopeFormula(activation: WalkthroughActivation, values: WalkthroughValues): string {
  switch (activation) {
    case 'relu':
      return `\\operatorname{ReLU}'(z_1) = ${formatNumber(values.dvdz1, '-')} \\text{ since } z_1 ${values.z1 > 0 ? '> 0' : '\\le 0'}`;
    case 'sigmoid':
      return `\\sigma'(z_1) = v(1 - v) = ${f(values.v)}(1 - ${n(values.v)}) = ${formatNumber(values.dvdz1, '-')}`;
    case 'tanh':
      return `\\tanh'(z_1) = 1 - v^2 = 1 - ${n(values.v)}^2 = ${formatNumber(values.dvdz1, '-')}`;
    case 'linear':
      return `f'(z_1) = 1`;
  }
}

/** The fifteen steps, in the order Next step reveals them (and the table lists them). */
export const STEPS: readonly WalkthroughStep[] = [
  {
    quantity: 'z1',
    name: 'z1',
    phase: 'forward',
    caption: 'Forward pass: the hidden unit weighs the input and adds its bias',
    target: 'z1',
    sources: ['x', 'w1', 'b1'],
    edges: ['x-z1', 'w1-z1', 'b1-z1'],
    formula: (s, v) => `z_1 = w_1 x + b_1 = ${f(s.w1)}${f(s.x)} + ${n(s.b1)} = ${formatNumber(v.z1, '-')}`,
  },
  {
    quantity: 'v',
    name: 'v',
    phase: 'forward',
    caption: 'Forward pass: the activation f turns z1 into the hidden output v',
    target: 'v',
    sources: ['z1'],
    edges: ['z1-v'],
    formula: (s, v) => `v = ${activationFormula(s.activation, v.z1)} = ${formatNumber(v.v, '-')}`,
  },
  {
    quantity: 'yhat',
    name: 'yhat',
    phase: 'forward',
    caption: 'Forward pass: the output unit weighs v and adds its bias',
    target: 'yhat',
    sources: ['v', 'w2', 'b2'],
    edges: ['v-yhat', 'w2-yhat', 'b2-yhat'],
    formula: (s, v) => `${YHAT} = w_2 v + b_2 = ${f(s.w2)}${f(v.v)} + ${n(s.b2)} = ${formatNumber(v.yhat, '-')}`,
  },
  {
    quantity: 'loss',
    name: 'L',
    phase: 'forward',
    caption: 'Forward pass: the squared error against the target y',
    target: 'L',
    sources: ['yhat', 'y'],
    edges: ['yhat-L', 'y-L'],
    formula: (s, v) => `L = (${YHAT} - y)^2 = (${formatNumber(v.yhat, '-')} - ${n(s.y)})^2 = ${formatNumber(v.loss, '-')}`,
  },
  {
    quantity: 'dLdyhat',
    name: 'dL/dyhat',
    phase: 'backward',
    caption: 'Backward pass: how the loss changes with the output',
    target: 'yhat',
    sources: ['L', 'y'],
    edges: ['yhat-L'],
    formula: (s, v) => `${d(YHAT)} = 2(${YHAT} - y) = 2(${formatNumber(v.yhat, '-')} - ${n(s.y)}) = ${formatNumber(v.dLdyhat, '-')}`,
  },
  {
    quantity: 'dLdw2',
    name: 'dL/dw2',
    phase: 'backward',
    caption: 'Backward pass: the output weight’s gradient, the upstream gradient times its input v',
    target: 'w2',
    sources: ['yhat', 'v'],
    edges: ['w2-yhat'],
    formula: (_, v) => `${d('w_2')} = ${d(YHAT)} \\cdot v = ${f(v.dLdyhat)}${f(v.v)} = ${formatNumber(v.dLdw2, '-')}`,
  },
  {
    quantity: 'dLdb2',
    name: 'dL/db2',
    phase: 'backward',
    caption: 'Backward pass: the output bias’s gradient, the upstream gradient times 1',
    target: 'b2',
    sources: ['yhat'],
    edges: ['b2-yhat'],
    formula: (_, v) => `${d('b_2')} = ${d(YHAT)} \\cdot 1 = ${formatNumber(v.dLdb2, '-')}`,
  },
  {
    quantity: 'dLdv',
    name: 'dL/dv',
    phase: 'backward',
    caption: 'Backward pass: the gradient flows back through the weight w2 to the hidden output v',
    target: 'v',
    sources: ['yhat', 'w2'],
    edges: ['v-yhat'],
    formula: (s, v) => `${d('v')} = ${d(YHAT)} \\cdot w_2 = ${f(v.dLdyhat)}${f(s.w2)} = ${formatNumber(v.dLdv, '-')}`,
  },
  {
    quantity: 'dLdz1',
    name: 'dL/dz1',
    phase: 'backward',
    caption: 'Backward pass: through the activation, times its slope at z1',
    target: 'z1',
    sources: ['v'],
    edges: ['z1-v'],
    formula: (s, v) =>
      // The slope on a line of its own (\\): the two together are wider than the formula's column.
      `${d('z_1')} = ${d('v')} \\cdot f'(z_1) = ${f(v.dLdv)}${f(v.dvdz1)} = ${formatNumber(v.dLdz1, '-')} \\\\ \\text{where } ${slopeFormula(s.activation, v)}`,
  },
  {
    quantity: 'dLdw1',
    name: 'dL/dw1',
    phase: 'backward',
    caption: 'Backward pass: the hidden weight’s gradient, the upstream gradient times its input x',
    target: 'w1',
    sources: ['z1', 'x'],
    edges: ['w1-z1'],
    formula: (s, v) => `${d('w_1')} = ${d('z_1')} \\cdot x = ${f(v.dLdz1)}${f(s.x)} = ${formatNumber(v.dLdw1, '-')}`,
  },
  {
    quantity: 'dLdb1',
    name: 'dL/db1',
    phase: 'backward',
    caption: 'Backward pass: the hidden bias’s gradient, the upstream gradient times 1',
    target: 'b1',
    sources: ['z1'],
    edges: ['b1-z1'],
    formula: (_, v) => `${d('b_1')} = ${d('z_1')} \\cdot 1 = ${formatNumber(v.dLdb1, '-')}`,
  },
  ...(
    [
      ['w1Next', "w1'", 'w1', 'w_1', 'dLdw1'],
      ['b1Next', "b1'", 'b1', 'b_1', 'dLdb1'],
      ['w2Next', "w2'", 'w2', 'w_2', 'dLdw2'],
      ['b2Next', "b2'", 'b2', 'b_2', 'dLdb2'],
    ] as const
  ).map(
    ([quantity, name, parameter, symbol, gradient]): WalkthroughStep => ({
      quantity,
      name,
      phase: 'update',
      caption: `Update: one SGD step moves ${parameter} against its gradient`,
      target: parameter,
      sources: [],
      edges: [],
      formula: (s, v) =>
        `${symbol}' = ${symbol} - \\eta ${d(symbol)} = ${formatNumber(s[parameter], '-')} - ${f(s.learningRate)}${f(v[gradient])} = ${formatNumber(v[quantity], '-')}`,
    }),
  ),
];

/** How many steps a full walk has (Next step from the start reveals one row each). */
export const STEP_COUNT = STEPS.length;

/** The step shown at a position (0 = before the first step), or undefined at 0. */
export function stepAt(position: number): WalkthroughStep | undefined {
  return position >= 1 ? STEPS[Math.min(position, STEP_COUNT) - 1] : undefined;
}

/** Clamps a step position into 0…STEP_COUNT. */
export function clampPosition(position: number): number {
  return Math.max(0, Math.min(STEP_COUNT, Math.round(position)));
}

/** The position at which a quantity is first revealed (1-based), or 0 when it belongs to no step. */
export function revealPosition(quantity: keyof WalkthroughValues): number {
  return STEPS.findIndex((s) => s.quantity === quantity) + 1;
}

/**
 * A number with 4 significant digits: 0.0144, −0.384, 0.5384, 1.1, 0.5240. Trailing zeros are dropped only
 * where the number is exactly that short (up to float32 noise: 0.53839999 is 0.5384, 1.10000002 is 1.1), so
 * 0.52397 shows as 0.5240, not as a falsely exact 0.524. Magnitudes outside 10⁻⁴…10⁵ take a power of ten
 * (1.235 × 10⁻⁵). `minus` is the sign written for negatives: the true minus sign for text, '-' for a KaTeX
 * formula (which typesets it as a minus, and the power as 1.235 \times 10^{-5}).
 */
export function formatNumber(value: number, minus: '−' | '-' = '−'): string {
  return formatShared(value, { digits: 4, powerDigits: 4, plain: [1e-4, 1e5], zeros: 'significant', tex: minus === '-' });
}

/** A number for an input field: up to 6 significant digits (float32 noise such as 0.53839999 dropped). */
export function formatField(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/** The weights after an SGD step become the next iteration's starting point; the rest stays. */
export function nextIteration(settings: WalkthroughSettings, values: WalkthroughValues): WalkthroughSettings {
  return { ...settings, w1: values.w1Next, b1: values.b1Next, w2: values.w2Next, b2: values.b2Next };
}

/** The loss of each iteration the student has run (one entry per Apply update, plus the start). */
export interface LossHistoryEntry {
  iteration: number;
  loss: number;
}

/** How many iterations the history keeps (the latest ones). */
export const HISTORY_LENGTH = 8;

/** Adds an iteration's loss, keeping the latest HISTORY_LENGTH. */
export function appendHistory(history: readonly LossHistoryEntry[], loss: number): LossHistoryEntry[] {
  const iteration = (history.at(-1)?.iteration ?? 0) + 1;
  return [...history, { iteration, loss }].slice(-HISTORY_LENGTH);
}

/**
 * The losses the history may show at a position: the current iteration's (the last entry) only once its
 * forward pass has reached L, so the loss is not given away before the student computes it; the iterations
 * already applied keep theirs.
 */
export function shownHistory(history: readonly LossHistoryEntry[], position: number): readonly LossHistoryEntry[] {
  return position >= revealPosition('loss') ? history : history.slice(0, -1);
}

/** A quantity as the diagram and the table show it at a position: its number once revealed, "?" before. */
export function shownValue(values: WalkthroughValues | undefined, position: number, quantity: keyof WalkthroughValues): { text: string; revealed: boolean } {
  const revealed = values !== undefined && revealPosition(quantity) <= position;
  return { text: revealed ? formatNumber(values[quantity]) : '?', revealed };
}

/** A float literal for Python: always with a decimal point (torch.tensor(2) would be an integer tensor). */
export function pythonFloat(value: number): string {
  const short = Number(value.toPrecision(6));
  if (Number.isInteger(short) && Math.abs(short) < 1e15) return `${short}.0`;
  return String(short);
}

const TORCH_ACTIVATION: Record<WalkthroughActivation, (z: string) => string> = {
  relu: (z) => `torch.relu(${z})`,
  sigmoid: (z) => `torch.sigmoid(${z})`,
  tanh: (z) => `torch.tanh(${z})`,
  linear: (z) => z,
};

/**
 * The same iteration in PyTorch: scalar tensors with requires_grad, the forward pass, loss.backward(),
 * every gradient printed, and the SGD step by hand; then the same step with torch.nn and torch.optim.
 */
export function pytorchCode(settings: WalkthroughSettings): string {
  const { x, y, w1, b1, w2, b2, learningRate, activation } = settings;
  const network = { layers: [1, 1, 1], hidden: activation, output: 'linear', loss: 'mse' } as const;
  return [
    'import torch',
    'from torch import nn',
    '',
    '# %% The values',
    `# x → z1 = w1·x + b1 → v = ${ACTIVATION_LABELS[activation]}(z1) → ŷ = w2·v + b2 → L = (ŷ − y)²`,
    `x = torch.tensor(${pythonFloat(x)})`,
    `y = torch.tensor(${pythonFloat(y)})`,
    `w1 = torch.tensor(${pythonFloat(w1)}, requires_grad=True)`,
    `b1 = torch.tensor(${pythonFloat(b1)}, requires_grad=True)`,
    `w2 = torch.tensor(${pythonFloat(w2)}, requires_grad=True)`,
    `b2 = torch.tensor(${pythonFloat(b2)}, requires_grad=True)`,
    `lr = ${pythonFloat(learningRate)}`,
    '',
    '# %%',
    '# Forward pass (retain_grad keeps the gradients of the intermediate values too)',
    'z1 = w1 * x + b1',
    `v = ${TORCH_ACTIVATION[activation]('z1')}${activation === 'linear' ? '  # linear: f(z) = z' : ''}`,
    'y_hat = w2 * v + b2',
    'loss = (y_hat - y) ** 2',
    'for t in (z1, v, y_hat):',
    '    t.retain_grad()',
    '',
    '# %%',
    '# Backward pass: autograd applies the chain rule from L back to every tensor',
    'loss.backward()',
    'print(f"L = {loss.item():.4f}")',
    'for name, t in [("yhat", y_hat), ("w2", w2), ("b2", b2), ("v", v), ("z1", z1), ("w1", w1), ("b1", b1)]:',
    '    print(f"dL/d{name} = {t.grad.item():.4f}")',
    '',
    '# %%',
    '# One SGD step by hand: w ← w − lr · dL/dw',
    'with torch.no_grad():',
    '    for p in (w1, b1, w2, b2):',
    '        p -= lr * p.grad',
    '        p.grad.zero_()',
    'print(f"w1\' = {w1.item():.4f}, b1\' = {b1.item():.4f}, w2\' = {w2.item():.4f}, b2\' = {b2.item():.4f}")',
    '',
    '# %%',
    '# The same step with torch.nn and torch.optim',
    pytorchModel(network),
    'with torch.no_grad():',
    `    model[0].weight.fill_(${pythonFloat(w1)}); model[0].bias.fill_(${pythonFloat(b1)})`,
    `    model[-1].weight.fill_(${pythonFloat(w2)}); model[-1].bias.fill_(${pythonFloat(b2)})`,
    `loss_fn = ${pytorchLoss('mse')}`,
    `optimizer = ${pytorchOptimizer({ kind: 'sgd', learningRate })}`,
    'optimizer.zero_grad()',
    'loss = loss_fn(model(x.view(1, 1)), y.view(1, 1))',
    'loss.backward()',
    'optimizer.step()',
  ].join('\n');
}
