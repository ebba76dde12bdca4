/**
 * Training runs the engine browser tests perform inside the page, through `window.axon.engine`. They pin
 * the op-by-op path: what they check is TF.js on the backend under test (the fused paths have fused.spec.ts).
 */
import type { Page } from '@playwright/test';

export const DECK = 'problems/engine.html';

/**
 * A motif finder's data in miniature: 32 one-hot samples of 4 channels × 12 positions (channels first), the
 * even ones with a 4-letter motif at positions 4–7; built here and handed to the page.
 */
export function miniMotifData(): { inputs: number[][][]; targets: number[][] } {
  const inputs: number[][][] = [];
  const targets: number[][] = [];
  for (let i = 0; i < 32; i += 1) {
    const sample = Array.from({ length: 4 }, () => new Array<number>(12).fill(0));
    for (let p = 0; p < 12; p += 1) sample[(i * 7 + p * 3) % 4]![p] = 1;
    const planted = i % 2 === 0;
    if (planted) [0, 2, 1, 3].forEach((channel, k) => { for (let c = 0; c < 4; c += 1) sample[c]![4 + k] = c === channel ? 1 : 0; });
    inputs.push(sample);
    targets.push([planted ? 1 : 0]);
  }
  return { inputs, targets };
}

/**
 * A motif finder in miniature trained in the page, on the backend it was opened with: 4 channels × 12
 * positions, 3 filters of width 4, global max, one logit, full-batch Adam; the loss after every 10 steps.
 */
export async function cnnLosses(page: Page): Promise<number[]> {
  return page.evaluate(async (data) => {
    const engine = window.axon!.engine!;
    const trainer = engine.createLayeredTrainer(
      {
        model: { input: [4, 12], layers: [{ type: 'conv1d', filters: 3, kernelSize: 4, activation: 'relu' }, { type: 'global-max-pool1d' }, { type: 'flatten' }, { type: 'dense', units: 1 }], output: 'sigmoid' },
        loss: 'bce',
        optimizer: { kind: 'adam', learningRate: 0.05 },
        batching: { mode: 'full' },
        seed: 3,
      },
      data,
    );
    const seen: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      trainer.step(10);
      seen.push((await trainer.readBack())!.loss);
    }
    trainer.dispose();
    return seen;
  }, miniMotifData());
}

/** One SGD step of the worked example (1→1→1 ReLU, x = 2, y = 1) in the page; returns loss and weights. */
export async function workedExample(page: Page) {
  return page.evaluate(async () => {
    const engine = window.axon!.engine!;
    const trainer = engine.createTrainer(
      { network: { layers: [1, 1, 1], hidden: 'relu', output: 'linear' }, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 0.1 }, seed: 1, path: 'op-by-op' },
      { inputs: [[2]], targets: [[1]] },
    );
    trainer.writeWeights([
      { weights: [[0.5]], biases: [0.1] },
      { weights: [[0.8]], biases: [0] },
    ]);
    trainer.step();
    const readout = await trainer.readBack();
    const weights = await trainer.readWeights();
    trainer.dispose();
    return { loss: readout!.loss, w1: weights[0]!.weights[0]![0]!, w2: weights[1]!.weights[0]![0]! };
  });
}

/** 200 Adam steps of a 2-4-1 tanh net on XOR; returns the loss curve every 20 steps and the final weights. */
export async function xorRun(page: Page) {
  return page.evaluate(async () => {
    const engine = window.axon!.engine!;
    const trainer = engine.createTrainer(
      { network: { layers: [2, 4, 1], hidden: 'tanh', output: 'linear' }, loss: 'bce', optimizer: { kind: 'adam', learningRate: 0.05 }, seed: 7, path: 'op-by-op' },
      { inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [[0], [1], [1], [0]] },
    );
    const losses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      trainer.step(20);
      losses.push((await trainer.readBack())!.loss);
    }
    const weights = await trainer.readWeights();
    trainer.dispose();
    return { losses, weights };
  });
}


/**
 * Trains XOR for 50 steps, loses the GPU the way a driver reset or a sleeping laptop would (WebGPU: the
 * device destroyed; WebGL: the context lost), waits for the engine to move on, then trains 200 more steps.
 */
export async function loseGpuMidTraining(page: Page, how: 'destroy-webgpu-device' | 'lose-webgl-context') {
  return page.evaluate(async (how) => {
    const engine = window.axon!.engine!;
    const trainer = engine.createTrainer(
      { network: { layers: [2, 4, 1], hidden: 'tanh', output: 'linear' }, loss: 'bce', optimizer: { kind: 'sgd', learningRate: 0.5 }, seed: 3, path: 'op-by-op' },
      { inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [[0], [1], [1], [0]] },
    );
    trainer.step(50);
    const before = (await trainer.readBack())!.loss;
    const snapshot = await trainer.readWeights();
    const changed = new Promise((resolve) => engine.events.on('backend', resolve));
    const backend = engine.tf.backend() as unknown as { device?: { destroy(): void }; gpgpu?: { gl: WebGL2RenderingContext } };
    if (how === 'destroy-webgpu-device') backend.device!.destroy();
    else backend.gpgpu!.gl.getExtension('WEBGL_lose_context')!.loseContext();
    await changed;
    const restored = await trainer.readWeights();
    trainer.step(200);
    const after = (await trainer.readBack())!.loss;
    trainer.dispose();
    return { before, after, snapshot, restored, info: engine.info };
  }, how);
}
