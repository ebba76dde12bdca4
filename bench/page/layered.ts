/**
 * The bench page's contenders for the layered workloads (bench/layered-workloads.ts): the engine's layered
 * trainer (op by op: the fused kernels take dense MLP specs only) and TF.js Layers on the same backend, the
 * same model in its channels-last layout, trained with `fit` on minibatches of the same size.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import type { Engine } from '../../engine/runtime.ts';
import { tf } from '../../engine/tf.ts';
import type { LayeredData } from '../../engine/layered-trainer.ts';
import type { LayerSpec } from '../../engine/layers.ts';
import type { LayeredWorkload } from '../layered-workloads.ts';

/** Runs `count` optimizer steps and resolves, after an awaited readback, to the latest loss. */
export type Chunk = (count: number) => Promise<number>;

export interface LayeredContender {
  chunk: Chunk;
  dispose(): void;
  diverged?: () => string | undefined;
  /** The path the engine's trainer took, and why. */
  path?: { path: string; reason: string };
}

/** The engine's layered trainer, pinned to its op-by-op path. */
export function engineLayered(engine: Engine, workload: LayeredWorkload, data: LayeredData): LayeredContender {
  // A layered trainer always steps op by op (engine/fused/layered.ts says why): that is also the engine's pick.
  const trainer = engine.createLayeredTrainer(workload.spec, data);
  return {
    path: { path: trainer.path, reason: trainer.pathReason },
    async chunk(count) {
      trainer.step(count);
      return (await trainer.readBack())!.loss;
    },
    dispose: () => trainer.dispose(),
    diverged: () => trainer.divergence?.reason,
  };
}

/** One engine layer as a Layers layer (channels last); `first` carries the input shape. */
function layersLayer(layer: LayerSpec, last: boolean, output: string, first?: number[]): tfl.layers.Layer {
  const activation = (name: string | undefined) => (last ? output : name ?? 'linear') as 'relu';
  const inputShape = first ? { inputShape: first } : {};
  switch (layer.type) {
    case 'dense':
      return tfl.layers.dense({ units: layer.units, activation: activation(layer.activation), ...inputShape });
    case 'conv1d':
      return tfl.layers.conv1d({ filters: layer.filters, kernelSize: layer.kernelSize, activation: activation(layer.activation), ...inputShape });
    case 'conv2d':
      return tfl.layers.conv2d({ filters: layer.filters, kernelSize: layer.kernelSize as number, activation: activation(layer.activation), ...inputShape });
    case 'max-pool1d':
      return tfl.layers.maxPooling1d({ poolSize: layer.size, ...inputShape });
    case 'max-pool2d':
      return tfl.layers.maxPooling2d({ poolSize: layer.size as number, ...inputShape });
    case 'global-max-pool1d':
      return tfl.layers.globalMaxPooling1d({ ...inputShape });
    case 'flatten':
      return tfl.layers.flatten({ ...inputShape });
    case 'dropout':
      return tfl.layers.dropout({ rate: layer.rate, ...inputShape });
    case 'reshape':
      throw new Error('the bench translates no reshape to Layers');
  }
}

/** TF.js Layers on the current backend: the same model, channels last, `fit` on minibatches. */
export function layersLayered(workload: LayeredWorkload, data: LayeredData): LayeredContender {
  const { model: spec, loss } = workload.spec;
  const [channels, ...extent] = spec.input as number[];
  // Layers takes channels last: [C, L] → [L, C], [C, H, W] → [H, W, C]; a flat input stays as it is.
  const shape = extent.length ? [...extent, channels!] : [channels!];
  const model = tfl.sequential();
  // Layers' flatten refuses an input that is already flat (the engine's passes it through): leave it out there.
  let flat = shape.length === 1;
  spec.layers.forEach((layer, i) => {
    if (layer.type === 'flatten' && flat) return;
    model.add(layersLayer(layer, i === spec.layers.length - 1, spec.output, i === 0 ? shape : undefined));
    flat ||= layer.type === 'flatten' || layer.type === 'global-max-pool1d' || layer.type === 'dense';
  });
  const optimizer = tf.train.adam(workload.spec.optimizer.learningRate);
  model.compile({ optimizer, loss: loss === 'bce' ? 'binaryCrossentropy' : loss === 'softmax-ce' ? 'categoricalCrossentropy' : 'meanSquaredError' });
  const values = Float32Array.from(data.inputs.flat(Infinity as 1) as number[]);
  const x = tf.tidy(() => {
    const firstLayout = tf.tensor(values, [data.inputs.length, ...(spec.input as number[])]);
    return extent.length === 1 ? tf.transpose(firstLayout, [0, 2, 1]) : extent.length === 2 ? tf.transpose(firstLayout, [0, 2, 3, 1]) : firstLayout;
  });
  const y = tf.tensor2d(data.targets as number[][], undefined, 'float32');
  const batch = workload.spec.batching?.mode === 'minibatch' ? workload.spec.batching.size : data.inputs.length;
  let offset = 0;
  return {
    async chunk(count) {
      // `count` minibatch updates: fit once over the next count·batch samples (wrapping round), one epoch.
      const take = Math.min(count * batch, data.inputs.length);
      const start = offset + take <= data.inputs.length ? offset : 0;
      offset = (start + take) % data.inputs.length;
      const [xs, ys] = [tf.slice(x, [start], [take]), tf.slice(y, [start], [take])];
      try {
        let last = Number.NaN;
        for (let done = 0; done < count; done += Math.ceil(take / batch)) {
          const history = await model.fit(xs, ys, { epochs: 1, batchSize: batch, shuffle: false, verbose: 0, yieldEvery: 'never' });
          last = Number(history.history.loss!.at(-1));
        }
        return last;
      } finally {
        xs.dispose();
        ys.dispose();
      }
    },
    dispose() {
      model.dispose();
      optimizer.dispose();
      x.dispose();
      y.dispose();
    },
  };
}
