/**
 * `runLayers(from, to, samples)`: a run of a layered model's layers alone — an autoencoder's encoder and
 * decoder (components/autoencoder-latent). Checked against float64 loops over the weights the trainer reads
 * back (written out here, not the engine's forward pass), on this thread and through the worker proxy.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LayerParameters } from './layered.ts';
import type { LayeredTrainerSpec } from './layered-trainer.ts';
import { tf } from './tf.ts';
import { MAIN_THREAD, workerPath, type AnyRun } from './worker/harness.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** A 6 → 4 → 2 → 4 → 6 autoencoder: ReLU hidden layers, a linear code, sigmoid outputs. */
const SPEC: LayeredTrainerSpec = {
  model: {
    input: [6],
    layers: [
      { type: 'dense', units: 4, activation: 'relu' },
      { type: 'dense', units: 2 },
      { type: 'dense', units: 4, activation: 'relu' },
      { type: 'dense', units: 6 },
    ],
    output: 'sigmoid',
  },
  loss: 'bce',
  optimizer: { kind: 'adam', learningRate: 0.01 },
  batching: { mode: 'minibatch', size: 4 },
  seed: 11,
};

const ROWS = [
  [0, 0.2, 0.9, 1, 0.1, 0],
  [1, 0.8, 0, 0.3, 0.5, 0.6],
  [0.4, 0.4, 0.4, 0.7, 0.9, 0.1],
  [0.2, 1, 0.6, 0, 0, 0.8],
];

/** y = act(W x + b) in float64, W [out, in] as PyTorch stores it. */
function dense(layer: LayerParameters, x: number[], act: (z: number) => number): number[] {
  const [out, inputs] = layer.weight!.shape as [number, number];
  return Array.from({ length: out }, (_, o) => {
    let z = layer.bias!.values[o]!;
    for (let i = 0; i < inputs; i += 1) z += layer.weight!.values[o * inputs + i]! * x[i]!;
    return act(z);
  });
}

const relu = (z: number) => Math.max(0, z);
const linear = (z: number) => z;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe.each([MAIN_THREAD, workerPath()])('runLayers ($name)', (path) => {
  it('runs the encoder and the decoder alone, as the weights say, and together they are predict()', async () => {
    const trainer: AnyRun = await path.create(SPEC, { inputs: ROWS, targets: ROWS });
    await trainer.step(5);
    const weights = await trainer.readWeights();
    const codes = await trainer.runLayers(0, 2, ROWS);
    const expectedCodes = ROWS.map((x) => dense(weights[1]!, dense(weights[0]!, x, relu), linear));
    expect(codes).toHaveLength(ROWS.length);
    codes.forEach((code, i) => code.forEach((value, j) => expect(value).toBeCloseTo(expectedCodes[i]![j]!, 5)));

    // The decoder from a code of our own choosing, given flat in a Float32Array.
    const point = [0.7, -1.3];
    const [decoded] = await trainer.runLayers(2, 4, Float32Array.from(point));
    const expected = dense(weights[3]!, dense(weights[2]!, point, relu), sigmoid);
    decoded!.forEach((value, j) => expect(value).toBeCloseTo(expected[j]!, 5));

    const whole = await trainer.predict(ROWS);
    const halves = await trainer.runLayers(2, 4, codes);
    halves.forEach((row, i) => row.forEach((value, j) => expect(value).toBeCloseTo(whole[i]![j]!, 5)));
    trainer.dispose();
  });

  it('refuses a run that is not one of the model’s layers, and samples of the wrong size', async () => {
    const trainer = await path.create(SPEC, { inputs: ROWS, targets: ROWS });
    await expect(trainer.runLayers(2, 2, [[1, 2]])).rejects.toThrow(/not a run/);
    await expect(trainer.runLayers(0, 5, ROWS)).rejects.toThrow(/not a run/);
    await expect(trainer.runLayers(2, 4, [[1, 2, 3]])).rejects.toThrow(/\[4\]|= 2 values/);
    trainer.dispose();
  });
});
