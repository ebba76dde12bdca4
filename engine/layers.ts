/**
 * A layered model's spec: a list of layers as a PyTorch `nn.Sequential` lists them (dense, conv1d,
 * conv2d, max-pool, flatten, dropout, reshape), beside `MlpSpec`, which stays the shorthand for a dense
 * stack. Shapes are PyTorch's, without the batch: [features] for a flat vector, [channels, length] for a
 * 1-D feature map (a DNA sequence one-hot: [4, L]), [channels, height, width] for an image. Pure: what
 * each layer makes of its input's shape, what parameters it has, and what is wrong with a spec, in the
 * lecture's words. The maths is in layered.ts.
 */
import { HIDDEN_ACTIVATIONS, type HiddenActivation, type OutputActivation } from './activation-names.ts';

/** How far a convolution's window pads its input: none, enough to keep the length (stride 1), or this many zeros each side. */
export type Padding = 'valid' | 'same' | number;

/** One layer of a layered model. Layers with weights take an `activation` (default linear), as today's hidden units do. */
export type LayerSpec =
  /** `nn.Linear(in, units)` on a flat input. */
  | { type: 'dense'; units: number; activation?: HiddenActivation; bias?: boolean }
  /** `nn.Conv1d(in, filters, kernelSize)`: filters slide along the positions of a [channels, length] map. */
  | { type: 'conv1d'; filters: number; kernelSize: number; stride?: number; padding?: Padding; activation?: HiddenActivation; bias?: boolean }
  /** `nn.Conv2d(in, filters, kernelSize)` on a [channels, height, width] image. */
  | { type: 'conv2d'; filters: number; kernelSize: number | readonly [number, number]; stride?: number | readonly [number, number]; padding?: Padding; activation?: HiddenActivation; bias?: boolean }
  /** `nn.MaxPool1d(size, stride)`: the largest value of each window of positions (stride defaults to size). */
  | { type: 'max-pool1d'; size: number; stride?: number }
  /** `nn.MaxPool2d(size, stride)`. */
  | { type: 'max-pool2d'; size: number | readonly [number, number]; stride?: number | readonly [number, number] }
  /** `nn.AdaptiveMaxPool1d(1)`: the largest value over all positions, per channel ("is the motif anywhere?"); [C, L] → [C, 1]. */
  | { type: 'global-max-pool1d' }
  /** `nn.Flatten()`: a feature map to one vector, channel by channel as PyTorch orders it. */
  | { type: 'flatten' }
  /** `nn.Dropout(rate)`: in training, zeroes each value with probability `rate` and scales the rest by 1/(1 − rate); off in evaluation. */
  | { type: 'dropout'; rate: number }
  /** `x.view(N, *shape)`: the same values in another shape (e.g. 784 pixels → [1, 28, 28]). */
  | { type: 'reshape'; shape: readonly number[] };

export type LayerType = LayerSpec['type'];

/** A sequential model. */
export interface LayeredSpec {
  /** One sample's shape in PyTorch's layout: [features], [channels, length] or [channels, height, width]. */
  input: readonly number[];
  layers: readonly LayerSpec[];
  /** What the last layer's outputs (the logits) go through; the loss may impose it (bce → sigmoid, softmax-ce → softmax). */
  output: OutputActivation;
}

/** A layer's weight and bias shapes as PyTorch holds them: Linear [out, in], Conv1d [out, in, k], Conv2d [out, in, kh, kw]. */
export interface ParameterShapes {
  weight: number[];
  /** Absent for a layer without a bias. */
  bias?: number[];
}

/** What one layer does to a shape: its output shape and its parameters (none for pooling, flatten, dropout, reshape). */
export interface LayerPlan {
  layer: LayerSpec;
  /** The shape it takes (PyTorch's, without the batch). */
  inputShape: number[];
  outputShape: number[];
  parameters: ParameterShapes | undefined;
}

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** A number-or-pair option as [height, width]. */
export function pair(value: number | readonly [number, number]): [number, number] {
  return typeof value === 'number' ? [value, value] : [value[0], value[1]];
}

/** Positions left after a window of `size` slides with `stride` over `length` positions padded by `padding`. */
function windows(length: number, size: number, stride: number, padding: Padding): number {
  if (padding === 'same') return length;
  const padded = length + 2 * (padding === 'valid' ? 0 : padding);
  return Math.floor((padded - size) / stride) + 1;
}

/** Works out every layer's shapes and parameters, and throws saying which layer is wrong and why. */
export function planLayers(spec: LayeredSpec): LayerPlan[] {
  const where = (index: number, layer: LayerSpec) => `layer ${index + 1} (${layer.type})`;
  if (spec.input.length < 1 || spec.input.length > 3 || !spec.input.every(isCount)) {
    throw new Error(`the input shape must be [features], [channels, length] or [channels, height, width] in whole numbers ≥ 1, got [${spec.input.join(', ')}]`);
  }
  if (spec.layers.length === 0) throw new Error('a layered model needs at least one layer');
  let shape = [...spec.input];
  return spec.layers.map((layer, index) => {
    const at = where(index, layer);
    const fail = (why: string): never => {
      throw new Error(`${at}: ${why}`);
    };
    const needs = (rank: number, what: string) => {
      if (shape.length !== rank) fail(`takes ${what}, but its input is [${shape.join(', ')}]${rank === 1 ? ' (put a flatten layer before it)' : ''}`);
    };
    if ('activation' in layer && layer.activation !== undefined && !HIDDEN_ACTIVATIONS.includes(layer.activation)) {
      fail(`unknown activation "${layer.activation}": use one of ${HIDDEN_ACTIVATIONS.join(', ')}`);
    }
    const inputShape = shape;
    let parameters: ParameterShapes | undefined;
    const withBias = (weight: number[], bias: boolean | undefined, units: number): ParameterShapes => (bias === false ? { weight } : { weight, bias: [units] });
    switch (layer.type) {
      case 'dense': {
        needs(1, 'a flat vector');
        if (!isCount(layer.units)) fail(`units must be a whole number ≥ 1, got ${layer.units}`);
        parameters = withBias([layer.units, shape[0]!], layer.bias, layer.units);
        shape = [layer.units];
        break;
      }
      case 'conv1d': {
        needs(2, 'a [channels, length] map');
        const [channels, length] = shape as [number, number];
        const stride = layer.stride ?? 1;
        const padding = layer.padding ?? 'valid';
        if (!isCount(layer.filters) || !isCount(layer.kernelSize) || !isCount(stride)) fail('filters, kernelSize and stride must be whole numbers ≥ 1');
        checkPadding(padding, stride, fail);
        const positions = windows(length, layer.kernelSize, stride, padding);
        if (positions < 1) fail(`a kernel of ${layer.kernelSize} does not fit ${length} positions`);
        parameters = withBias([layer.filters, channels, layer.kernelSize], layer.bias, layer.filters);
        shape = [layer.filters, positions];
        break;
      }
      case 'conv2d': {
        needs(3, 'a [channels, height, width] image');
        const [channels, height, width] = shape as [number, number, number];
        const [kh, kw] = pair(layer.kernelSize);
        const [sh, sw] = pair(layer.stride ?? 1);
        const padding = layer.padding ?? 'valid';
        if (!isCount(layer.filters) || ![kh, kw, sh, sw].every(isCount)) fail('filters, kernelSize and stride must be whole numbers ≥ 1');
        checkPadding(padding, Math.max(sh, sw), fail);
        const rows = windows(height, kh, sh, padding);
        const columns = windows(width, kw, sw, padding);
        if (rows < 1 || columns < 1) fail(`a ${kh}×${kw} kernel does not fit a ${height}×${width} image`);
        parameters = withBias([layer.filters, channels, kh, kw], layer.bias, layer.filters);
        shape = [layer.filters, rows, columns];
        break;
      }
      case 'max-pool1d': {
        needs(2, 'a [channels, length] map');
        const stride = layer.stride ?? layer.size;
        if (!isCount(layer.size) || !isCount(stride)) fail('size and stride must be whole numbers ≥ 1');
        const positions = windows(shape[1]!, layer.size, stride, 'valid');
        if (positions < 1) fail(`a window of ${layer.size} does not fit ${shape[1]} positions`);
        shape = [shape[0]!, positions];
        break;
      }
      case 'max-pool2d': {
        needs(3, 'a [channels, height, width] map');
        const [ph, pw] = pair(layer.size);
        const [sh, sw] = pair(layer.stride ?? layer.size);
        if (![ph, pw, sh, sw].every(isCount)) fail('size and stride must be whole numbers ≥ 1');
        const rows = windows(shape[1]!, ph, sh, 'valid');
        const columns = windows(shape[2]!, pw, sw, 'valid');
        if (rows < 1 || columns < 1) fail(`a ${ph}×${pw} window does not fit a ${shape[1]}×${shape[2]} map`);
        shape = [shape[0]!, rows, columns];
        break;
      }
      case 'global-max-pool1d':
        needs(2, 'a [channels, length] map');
        shape = [shape[0]!, 1];
        break;
      case 'flatten':
        shape = [sizeOf(shape)];
        break;
      case 'dropout':
        if (!(layer.rate >= 0 && layer.rate < 1)) fail(`the rate must be in [0, 1), got ${layer.rate}`);
        break;
      case 'reshape': {
        if (layer.shape.length < 1 || layer.shape.length > 3 || !layer.shape.every(isCount)) fail(`the shape must be 1 to 3 whole numbers ≥ 1, got [${layer.shape.join(', ')}]`);
        if (sizeOf(layer.shape) !== sizeOf(shape)) fail(`[${shape.join(', ')}] has ${sizeOf(shape)} values, [${layer.shape.join(', ')}] would need ${sizeOf(layer.shape)}`);
        shape = [...layer.shape];
        break;
      }
      default:
        fail(`unknown layer type: use one of dense, conv1d, conv2d, max-pool1d, max-pool2d, global-max-pool1d, flatten, dropout, reshape`);
    }
    return { layer, inputShape, outputShape: shape, parameters };
  });
}

/** Checks a whole spec: the layers, and that the last one gives flat logits with no activation of its own. */
export function validateLayeredSpec(spec: LayeredSpec): LayerPlan[] {
  const plans = planLayers(spec);
  const last = plans.at(-1)!;
  if (last.outputShape.length !== 1) throw new Error(`the last layer must give a flat vector of outputs (add flatten and dense layers), got [${last.outputShape.join(', ')}]`);
  if ('activation' in last.layer && last.layer.activation && last.layer.activation !== 'linear') {
    throw new Error(`the last layer gives the logits: leave out its activation ("${last.layer.activation}") and set the model's output instead`);
  }
  return plans;
}

/** The model's number of outputs. */
export function outputUnits(spec: LayeredSpec): number {
  return planLayers(spec).at(-1)!.outputShape[0]!;
}

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 1;
}

function checkPadding(padding: Padding, stride: number, fail: (why: string) => never): void {
  if (padding === 'same' && stride !== 1) fail("padding 'same' needs stride 1 (as in PyTorch)");
  if (typeof padding === 'number' && !(Number.isInteger(padding) && padding >= 0)) fail(`padding must be 'valid', 'same' or a whole number ≥ 0, got ${padding}`);
  if (typeof padding === 'string' && padding !== 'valid' && padding !== 'same') fail(`padding must be 'valid', 'same' or a whole number ≥ 0, got "${padding}"`);
}
