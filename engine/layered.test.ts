/**
 * Layered models against an independent computation: every layer written again as float64 loops over
 * PyTorch's layouts ([C, L], [C, H, W]; Conv1d weight [out, in, k], Conv2d [out, in, kh, kw], Linear
 * [out, in]). The engine's feature maps must match the reference layer by layer (so the layouts are
 * PyTorch's, not TF.js's), and its gradients must match central finite differences of the reference
 * loss. Also: seeded initial weights, seeded dropout masks that are off in evaluation, and the fused
 * paths' refusal.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hiddenActivation } from './reference.ts';
import { LayeredModel, type LayerParameters } from './layered.ts';
import { LayeredTrainer, type LayeredTrainerSpec } from './layered-trainer.ts';
import { pair, planLayers, sizeOf, type LayeredSpec, type Padding } from './layers.ts';
import type { Loss } from './losses.ts';
import { createRandom } from './random.ts';
import { tf } from './tf.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** A value of one sample in PyTorch's layout, row-major. */
interface Values {
  shape: number[];
  values: number[];
}

/** Zeros each side ('same' with stride 1: k − 1 in all, the extra one after, as PyTorch and TF agree). */
function paddingOf(padding: Padding | undefined, kernel: number): [number, number] {
  if (padding === undefined || padding === 'valid') return [0, 0];
  if (padding === 'same') return [Math.floor((kernel - 1) / 2), kernel - 1 - Math.floor((kernel - 1) / 2)];
  return [padding, padding];
}

/** One layer of `spec` on one sample, float64, in PyTorch's layout (dropout off). */
function referenceLayer(spec: LayeredSpec, index: number, x: Values, parameters: LayerParameters): Values {
  const layer = spec.layers[index]!;
  const w = parameters.weight?.values ?? [];
  const b = parameters.bias?.values;
  const act = (v: number) => ('activation' in layer && layer.activation ? hiddenActivation(layer.activation, v) : v);
  switch (layer.type) {
    case 'dense': {
      const [inputs] = x.shape as [number];
      const values = Array.from({ length: layer.units }, (_, o) => act(x.values.reduce((sum, xi, i) => sum + w[o * inputs + i]! * xi, b?.[o] ?? 0)));
      return { shape: [layer.units], values };
    }
    case 'conv1d': {
      const [channels, length] = x.shape as [number, number];
      const k = layer.kernelSize;
      const stride = layer.stride ?? 1;
      const [before, after] = paddingOf(layer.padding, k);
      const positions = Math.floor((length + before + after - k) / stride) + 1;
      const at = (c: number, l: number) => (l < 0 || l >= length ? 0 : x.values[c * length + l]!);
      const values: number[] = [];
      for (let o = 0; o < layer.filters; o += 1) {
        for (let p = 0; p < positions; p += 1) {
          let sum = b?.[o] ?? 0;
          for (let c = 0; c < channels; c += 1) for (let j = 0; j < k; j += 1) sum += w[(o * channels + c) * k + j]! * at(c, p * stride + j - before);
          values.push(act(sum));
        }
      }
      return { shape: [layer.filters, positions], values };
    }
    case 'conv2d': {
      const [channels, height, width] = x.shape as [number, number, number];
      const [kh, kw] = pair(layer.kernelSize);
      const [sh, sw] = pair(layer.stride ?? 1);
      const [top, bottom] = paddingOf(layer.padding, kh);
      const [left, right] = paddingOf(layer.padding, kw);
      const rows = Math.floor((height + top + bottom - kh) / sh) + 1;
      const columns = Math.floor((width + left + right - kw) / sw) + 1;
      const at = (c: number, i: number, j: number) => (i < 0 || i >= height || j < 0 || j >= width ? 0 : x.values[(c * height + i) * width + j]!);
      const values: number[] = [];
      for (let o = 0; o < layer.filters; o += 1) {
        for (let r = 0; r < rows; r += 1) {
          for (let q = 0; q < columns; q += 1) {
            let sum = b?.[o] ?? 0;
            for (let c = 0; c < channels; c += 1) {
              for (let i = 0; i < kh; i += 1) for (let j = 0; j < kw; j += 1) sum += w[((o * channels + c) * kh + i) * kw + j]! * at(c, r * sh + i - top, q * sw + j - left);
            }
            values.push(act(sum));
          }
        }
      }
      return { shape: [layer.filters, rows, columns], values };
    }
    case 'max-pool1d': {
      const [channels, length] = x.shape as [number, number];
      const stride = layer.stride ?? layer.size;
      const positions = Math.floor((length - layer.size) / stride) + 1;
      const values: number[] = [];
      for (let c = 0; c < channels; c += 1) {
        for (let p = 0; p < positions; p += 1) values.push(Math.max(...x.values.slice(c * length + p * stride, c * length + p * stride + layer.size)));
      }
      return { shape: [channels, positions], values };
    }
    case 'max-pool2d': {
      const [channels, height, width] = x.shape as [number, number, number];
      const [ph, pw] = pair(layer.size);
      const [sh, sw] = pair(layer.stride ?? layer.size);
      const rows = Math.floor((height - ph) / sh) + 1;
      const columns = Math.floor((width - pw) / sw) + 1;
      const values: number[] = [];
      for (let c = 0; c < channels; c += 1) {
        for (let r = 0; r < rows; r += 1) {
          for (let q = 0; q < columns; q += 1) {
            let largest = Number.NEGATIVE_INFINITY;
            for (let i = 0; i < ph; i += 1) for (let j = 0; j < pw; j += 1) largest = Math.max(largest, x.values[(c * height + r * sh + i) * width + q * sw + j]!);
            values.push(largest);
          }
        }
      }
      return { shape: [channels, rows, columns], values };
    }
    case 'global-max-pool1d': {
      const [channels, length] = x.shape as [number, number];
      return { shape: [channels, 1], values: Array.from({ length: channels }, (_, c) => Math.max(...x.values.slice(c * length, (c + 1) * length))) };
    }
    case 'flatten':
      return { shape: [sizeOf(x.shape)], values: x.values };
    case 'dropout':
      return x;
    case 'reshape':
      return { shape: [...layer.shape], values: x.values };
  }
}

/** Every layer's output for one sample; the last after the output activation. */
function referenceActivations(spec: LayeredSpec, layers: readonly LayerParameters[], sample: number[]): Values[] {
  const outputs: Values[] = [];
  let x: Values = { shape: [...spec.input], values: sample };
  spec.layers.forEach((_, index) => {
    x = referenceLayer(spec, index, x, layers[index]!);
    outputs.push(x);
  });
  const logits = outputs.at(-1)!;
  outputs[outputs.length - 1] = { shape: logits.shape, values: outputOf(spec.output, logits.values) };
  return outputs;
}

function outputOf(output: LayeredSpec['output'], logits: number[]): number[] {
  if (output === 'sigmoid') return logits.map((z) => 1 / (1 + Math.exp(-z)));
  if (output !== 'softmax') return logits;
  const top = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** The mean loss over the samples, float64, as losses.ts defines it. */
function referenceLoss(spec: LayeredSpec, loss: Loss, layers: readonly LayerParameters[], inputs: number[][], targets: number[][]): number {
  let total = 0;
  inputs.forEach((sample, n) => {
    let x: Values = { shape: [...spec.input], values: sample };
    spec.layers.forEach((_, index) => (x = referenceLayer(spec, index, x, layers[index]!)));
    const z = x.values;
    const y = targets[n]!;
    if (loss === 'mse') total += outputOf(spec.output, z).reduce((sum, p, k) => sum + (p - y[k]!) ** 2, 0) / z.length;
    else if (loss === 'bce') total += z.reduce((sum, v, k) => sum + Math.max(v, 0) - v * y[k]! + Math.log1p(Math.exp(-Math.abs(v))), 0) / z.length;
    else total -= outputOf('softmax', z).reduce((sum, p, k) => sum + y[k]! * Math.log(p), 0);
  });
  return total / inputs.length;
}

interface Case {
  name: string;
  model: LayeredSpec;
  loss: Loss;
}

/** Every new layer at least once, with strides, paddings, no-bias and each loss. */
const CASES: Case[] = [
  {
    name: 'conv1d (valid) → max-pool1d → flatten → dense',
    loss: 'mse',
    model: { input: [2, 9], output: 'linear', layers: [{ type: 'conv1d', filters: 3, kernelSize: 3, activation: 'tanh' }, { type: 'max-pool1d', size: 2 }, { type: 'flatten' }, { type: 'dense', units: 2 }] },
  },
  {
    name: "conv1d ('same', even kernel, ReLU) → global max over positions → dense",
    loss: 'bce',
    model: { input: [3, 7], output: 'sigmoid', layers: [{ type: 'conv1d', filters: 4, kernelSize: 4, padding: 'same', activation: 'relu' }, { type: 'global-max-pool1d' }, { type: 'flatten' }, { type: 'dense', units: 1 }] },
  },
  {
    name: 'conv1d (stride 2, padding 1, no bias) → overlapping max-pool1d → dense',
    loss: 'softmax-ce',
    model: {
      input: [2, 11],
      output: 'softmax',
      layers: [{ type: 'conv1d', filters: 3, kernelSize: 3, stride: 2, padding: 1, bias: false, activation: 'sigmoid' }, { type: 'max-pool1d', size: 2, stride: 1 }, { type: 'flatten' }, { type: 'dense', units: 3 }],
    },
  },
  {
    name: 'reshape to an image → conv2d (2×3 kernel) → max-pool2d → dense',
    loss: 'mse',
    model: { input: [40], output: 'linear', layers: [{ type: 'reshape', shape: [2, 4, 5] }, { type: 'conv2d', filters: 3, kernelSize: [2, 3], activation: 'tanh' }, { type: 'max-pool2d', size: 2 }, { type: 'flatten' }, { type: 'dense', units: 2 }] },
  },
  {
    name: "conv2d (stride 2, padding 1) and conv2d ('same') → dropout → dense (tanh) → dense",
    loss: 'softmax-ce',
    model: {
      input: [1, 5, 6],
      output: 'softmax',
      layers: [
        { type: 'conv2d', filters: 2, kernelSize: 3, stride: 2, padding: 1, activation: 'tanh' },
        { type: 'conv2d', filters: 2, kernelSize: 2, padding: 'same', bias: false, activation: 'sigmoid' },
        { type: 'flatten' },
        { type: 'dropout', rate: 0.5 },
        { type: 'dense', units: 4, activation: 'tanh' },
        { type: 'dense', units: 2 },
      ],
    },
  },
  {
    name: 'a feature map reshaped flat → dense',
    loss: 'mse',
    model: { input: [2, 3], output: 'linear', layers: [{ type: 'reshape', shape: [6] }, { type: 'dense', units: 3, activation: 'sigmoid' }, { type: 'dense', units: 1 }] },
  },
];

function problem(model: LayeredSpec, loss: Loss, seed: number) {
  const random = createRandom(seed);
  const outputs = planLayers(model).at(-1)!.outputShape[0]!;
  const inputs = Array.from({ length: 3 }, () => Array.from({ length: sizeOf(model.input) }, () => random.normal()));
  const targets = inputs.map(() => {
    if (loss === 'mse') return Array.from({ length: outputs }, () => random.normal());
    if (loss === 'bce') return Array.from({ length: outputs }, () => random.integer(2));
    const hot = random.integer(outputs);
    return Array.from({ length: outputs }, (_, k) => (k === hot ? 1 : 0));
  });
  return { inputs, targets };
}

function trainer(model: LayeredSpec, loss: Loss, data: { inputs: number[][]; targets: number[][] }, seed: number | string = 4): LayeredTrainer {
  return new LayeredTrainer({ model, loss, optimizer: { kind: 'sgd', learningRate: 0.1 }, seed }, data);
}

describe('every layer against a float64 reference in PyTorch layouts', () => {
  it.each(CASES)('$name: every feature map matches', async ({ model, loss }) => {
    const data = problem(model, loss, 11);
    const run = trainer(model, loss, data);
    const layers = await run.readWeights();
    for (const sample of data.inputs) {
      const engine = await run.activations(sample);
      const reference = referenceActivations(run.model.spec, layers, sample);
      expect(engine.map((m) => m.shape)).toEqual(reference.map((m) => m.shape));
      engine.forEach((map, l) => map.values.forEach((v, i) => expect(v).toBeCloseTo(reference[l]!.values[i]!, 5)));
    }
    run.dispose();
  });

  it.each(CASES)('$name: gradients match central finite differences of the reference loss', async ({ model, loss }) => {
    const data = problem(model, loss, 12);
    const run = trainer(model, loss, data);
    const { loss: value, layers: gradients } = await run.gradients();
    const layers = await run.readWeights();
    const spec = run.model.spec;
    expect(value).toBeCloseTo(referenceLoss(spec, loss, layers, data.inputs, data.targets), 5);
    const h = 1e-5;
    let checked = 0;
    layers.forEach((layer, l) => {
      for (const part of ['weight', 'bias'] as const) {
        const values = layer[part]?.values;
        if (!values) continue;
        expect(gradients[l]![part]!.shape).toEqual(layer[part]!.shape);
        values.forEach((original, i) => {
          values[i] = original + h;
          const up = referenceLoss(spec, loss, layers, data.inputs, data.targets);
          values[i] = original - h;
          const down = referenceLoss(spec, loss, layers, data.inputs, data.targets);
          values[i] = original;
          const numeric = (up - down) / (2 * h);
          expect(Math.abs(gradients[l]![part]!.values[i]! - numeric)).toBeLessThan(1e-4 + 1e-3 * Math.abs(numeric));
          checked += 1;
        });
      }
    });
    expect(checked).toBeGreaterThan(10);
    run.dispose();
  });

  it('weights read in PyTorch layouts: Conv1d [out, in, k], Conv2d [out, in, kh, kw], Linear [out, in]', async () => {
    const run = trainer(CASES[4]!.model, 'softmax-ce', problem(CASES[4]!.model, 'softmax-ce', 1));
    const shapes = (await run.readWeights()).map((l) => [l.type, l.weight?.shape, l.bias?.shape]);
    expect(shapes).toEqual([
      ['conv2d', [2, 1, 3, 3], [2]],
      ['conv2d', [2, 2, 2, 2], undefined],
      ['flatten', undefined, undefined],
      ['dropout', undefined, undefined],
      ['dense', [4, 18], [4]],
      ['dense', [2, 4], [2]],
    ]);
    // Written and read back unchanged, through TF.js's layouts and back.
    const layers = await run.readWeights();
    layers[0]!.weight!.values = layers[0]!.weight!.values.map((_, i) => i / 10);
    run.writeWeights(layers);
    expect((await run.readWeights())[0]!.weight!.values).toEqual(layers[0]!.weight!.values.map(Math.fround));
    run.dispose();
  });
});

describe('seeds', () => {
  const model = CASES[0]!.model;
  const data = problem(model, 'mse', 3);

  it('the same seed gives the same initial weights (drawn in JavaScript); another seed others', async () => {
    const [a, b, c] = [trainer(model, 'mse', data, 'lecture'), trainer(model, 'mse', data, 'lecture'), trainer(model, 'mse', data, 'other')];
    const first = await a.readWeights();
    expect(await b.readWeights()).toEqual(first);
    expect(await c.readWeights()).not.toEqual(first);
    // What the GPU holds is exactly what was drawn in JavaScript, so no backend can differ.
    expect(first).toEqual(a.model.initial);
    for (const run of [a, b, c]) run.dispose();
  });
});

describe('dropout', () => {
  it('masks are seeded, drop about the rate, scale the rest by 1/(1 − rate), and are off in evaluation', () => {
    const spec: LayeredSpec = { input: [2000], output: 'linear', layers: [{ type: 'dropout', rate: 0.3 }] };
    const model = new LayeredModel(spec, createRandom(1));
    const ones = tf.ones([1, 2000]);
    const masked = (seed: number) => tf.tidy(() => Array.from(model.logits(ones, { training: true, random: createRandom(seed) }).dataSync()));
    const first = masked(5);
    expect(masked(5)).toEqual(first);
    expect(masked(6)).not.toEqual(first);
    const dropped = first.filter((v) => v === 0).length / first.length;
    expect(dropped).toBeGreaterThan(0.25);
    expect(dropped).toBeLessThan(0.35);
    expect(first.filter((v) => v !== 0).every((v) => Math.abs(v - 1 / 0.7) < 1e-6)).toBe(true);
    expect(tf.tidy(() => Array.from(model.predict(ones).dataSync())).every((v) => v === 1)).toBe(true);
    ones.dispose();
    model.dispose();
  });

  it("a model's activations in evaluation equal those of the same model without its dropout layers", async () => {
    const withDropout = CASES[4]!.model;
    const without: LayeredSpec = { ...withDropout, layers: withDropout.layers.filter((l) => l.type !== 'dropout') };
    const data = problem(withDropout, 'softmax-ce', 8);
    const [a, b] = [trainer(withDropout, 'softmax-ce', data, 9), trainer(without, 'softmax-ce', data, 9)];
    const kept = (await a.activations(data.inputs[0]!)).filter((_, i) => withDropout.layers[i]!.type !== 'dropout');
    expect(kept).toEqual(await b.activations(data.inputs[0]!));
    expect(await a.predict(data.inputs)).toEqual(await b.predict(data.inputs));
    a.dispose();
    b.dispose();
  });

  it('is on in training: seeded runs repeat exactly, and differ from the run without dropout', async () => {
    const withDropout = CASES[4]!.model;
    const without: LayeredSpec = { ...withDropout, layers: withDropout.layers.filter((l) => l.type !== 'dropout') };
    const data = problem(withDropout, 'softmax-ce', 8);
    const runs = [trainer(withDropout, 'softmax-ce', data, 9), trainer(withDropout, 'softmax-ce', data, 9), trainer(without, 'softmax-ce', data, 9)];
    for (const run of runs) run.step(5);
    const [a, b, c] = await Promise.all(runs.map((run) => run.readWeights()));
    expect(b).toEqual(a);
    expect(c!.filter((l) => l.weight)).not.toEqual(a!.filter((l) => l.weight));
    for (const run of runs) run.dispose();
  });
});

describe('the training path', () => {
  const spec = (path: LayeredTrainerSpec['path']): LayeredTrainerSpec => ({ model: CASES[0]!.model, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 0.1 }, seed: 1, path });
  const data = problem(CASES[0]!.model, 'mse', 1);

  it('is op by op, and says the fused kernels take dense stacks only', () => {
    const run = new LayeredTrainer(spec('auto'), data);
    expect(run.path).toBe('op-by-op');
    expect(run.pathReason).toBe('the fused kernels train dense stacks only, and this model has conv1d (layer 1), max-pool1d (layer 2), flatten (layer 3)');
    run.dispose();
  });

  it('refuses a fused kernel asked for by name, saying why, before any tensor exists', () => {
    const before = tf.memory().numTensors;
    expect(() => new LayeredTrainer(spec('fused-wasm'), data)).toThrow(/fused-wasm cannot train this model: the fused kernels train dense stacks only, and this model has conv1d/);
    expect(() => new LayeredTrainer(spec('fused'), data)).toThrow(/the fused step cannot train this model/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('says which layer of a spec is wrong', () => {
    const bad = (layers: LayeredSpec['layers'], input = [4, 10]) => () => planLayers({ input, layers, output: 'linear' });
    expect(bad([{ type: 'dense', units: 2 }])).toThrow('layer 1 (dense): takes a flat vector, but its input is [4, 10]');
    expect(bad([{ type: 'conv2d', filters: 2, kernelSize: 3 }])).toThrow('layer 1 (conv2d): takes a [channels, height, width] image');
    expect(bad([{ type: 'conv1d', filters: 2, kernelSize: 11 }])).toThrow('layer 1 (conv1d): a kernel of 11 does not fit 10 positions');
    expect(bad([{ type: 'conv1d', filters: 2, kernelSize: 3, stride: 2, padding: 'same' }])).toThrow("padding 'same' needs stride 1");
    expect(bad([{ type: 'reshape', shape: [3, 10] }])).toThrow('layer 1 (reshape): [4, 10] has 40 values, [3, 10] would need 30');
    expect(bad([{ type: 'dropout', rate: 1 }])).toThrow('layer 1 (dropout): the rate must be in [0, 1)');
  });
});
