/** Training runs the engine browser tests perform inside the page, through `window.axon.engine`. */
import type { Page } from '@playwright/test';

export const DECK = 'problems/engine.html';

/** One SGD step of the worked example (1→1→1 ReLU, x = 2, y = 1) in the page; returns loss and weights. */
export async function workedExample(page: Page) {
  return page.evaluate(async () => {
    const engine = window.axon!.engine!;
    const trainer = engine.createTrainer(
      { network: { layers: [1, 1, 1], hidden: 'relu', output: 'linear' }, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 0.1 }, seed: 1 },
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
      { network: { layers: [2, 4, 1], hidden: 'tanh', output: 'linear' }, loss: 'bce', optimizer: { kind: 'adam', learningRate: 0.05 }, seed: 7 },
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

