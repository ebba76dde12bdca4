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

/**
 * Small images for a 2-D CNN: 24 samples of 1 × 12 × 12 (channels first), a bright vertical bar in the even
 * ones, a horizontal one in the odd ones, on a seeded speckled background; built here, handed to the page.
 */
export function miniBarsData(): { inputs: number[][][][]; targets: number[][] } {
  const inputs: number[][][][] = [];
  const targets: number[][] = [];
  let seed = 5;
  const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < 24; i += 1) {
    const image = Array.from({ length: 12 }, () => Array.from({ length: 12 }, () => 0.4 * next()));
    const vertical = i % 2 === 0;
    const at = 2 + (i % 8);
    for (let k = 0; k < 12; k += 1) image[vertical ? k : at]![vertical ? at : k] = 1;
    inputs.push([image]);
    targets.push([vertical ? 1 : 0]);
  }
  return { inputs, targets };
}

/**
 * Two 2-D CNNs in miniature trained in the page, on the backend it was opened with; for each, every parameter's
 * gradient at its initial weights (a misrouted pooling gradient shows there at once, where losses drift apart
 * slowly) and the loss after every 5 full-batch Adam steps.
 * - `bars`: conv2d 4@3×3 → ReLU → 2×2 max-pool (10×10 → 5×5) → conv2d 4@3×3 → ReLU → max-pool 2 (3×3 → 1×1, a
 *   row and a column dropped) → dense 1, on `miniBarsData`.
 * - `pooled`: a linear 1×1 conv2d of 2 filters → 2×2 max-pool (6×6 → 3×3) → dense 1 on four 6×6 images of
 *   sin values — the case where TF.js 4.22's WASM MaxPoolGrad gave the second filter no gradient at all.
 */
export async function cnn2dRuns(page: Page): Promise<Record<'bars' | 'pooled', { gradient: number[]; losses: number[] }>> {
  const pooledInputs = Array.from({ length: 4 }, (_, n) => [Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => Math.sin((n * 36 + i * 6 + j) * 7.31 + 0.1)))]);
  return page.evaluate(
    async ({ bars, pooled }) => {
      const engine = window.axon!.engine!;
      const run = async (spec: Parameters<typeof engine.createLayeredTrainer>[0], data: Parameters<typeof engine.createLayeredTrainer>[1]) => {
        const trainer = engine.createLayeredTrainer(spec, data);
        const gradient = (await trainer.gradients()).layers.flatMap((layer) => [...(layer.weight?.values ?? []), ...(layer.bias?.values ?? [])]);
        const losses: number[] = [];
        for (let round = 0; round < 4; round += 1) {
          trainer.step(5);
          losses.push((await trainer.readBack())!.loss);
        }
        trainer.dispose();
        return { gradient, losses };
      };
      const training = { optimizer: { kind: 'adam', learningRate: 0.02 }, batching: { mode: 'full' }, seed: 4 } as const;
      return {
        bars: await run(
          {
            model: {
              input: [1, 12, 12],
              layers: [
                { type: 'conv2d', filters: 4, kernelSize: 3, activation: 'relu' },
                { type: 'max-pool2d', size: 2 },
                { type: 'conv2d', filters: 4, kernelSize: 3, activation: 'relu' },
                { type: 'max-pool2d', size: 2 },
                { type: 'flatten' },
                { type: 'dense', units: 1 },
              ],
              output: 'sigmoid',
            },
            loss: 'bce',
            ...training,
          },
          bars,
        ),
        pooled: await run(
          {
            model: { input: [1, 6, 6], layers: [{ type: 'conv2d', filters: 2, kernelSize: 1 }, { type: 'max-pool2d', size: 2 }, { type: 'flatten' }, { type: 'dense', units: 1 }], output: 'linear' },
            loss: 'mse',
            ...training,
          },
          { inputs: pooled, targets: [[1], [0], [1], [0]] },
        ),
      };
    },
    { bars: miniBarsData(), pooled: pooledInputs },
  );
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
