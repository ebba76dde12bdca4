/**
 * The bench's plain-JavaScript peer computes what the engine computes: the worked example by hand, and
 * the same loss curve as the engine's Trainer (TF.js CPU backend, float32) on small problems.
 */
import { describe, expect, it } from 'vitest';
import { Trainer } from '../engine/trainer.ts';
import { PlainTrainer } from './plain-trainer.ts';
import { workloadByName } from './workloads.ts';

describe('PlainTrainer', () => {
  it('takes the worked example step: 1→1→1 ReLU, x = 2, y = 1, lr 0.1, MSE', () => {
    const trainer = new PlainTrainer(
      { network: { layers: [1, 1, 1], hidden: 'relu', output: 'linear' }, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 0.1 }, seed: 1 },
      { inputs: [[2]], targets: [[1]] },
      [
        { weights: [[0.5]], biases: [0.1] },
        { weights: [[0.8]], biases: [0] },
      ],
    );
    // ŷ = 0.8 · relu(0.5 · 2 + 0.1) = 0.88; loss (0.88 − 1)² = 0.0144.
    expect(trainer.step()).toBeCloseTo(0.0144, 12);
    const [first, second] = trainer.readWeights();
    // dL/dŷ = −0.24: w2 ← 0.8 + 0.1 · 0.24 · 1.1, b2 ← 0 + 0.024; w1 ← 0.5 + 0.1 · 0.24 · 0.8 · 2, b1 ← 0.1 + 0.0192.
    expect(first!.weights[0]![0]).toBeCloseTo(0.5384, 12);
    expect(first!.biases[0]).toBeCloseTo(0.1192, 12);
    expect(second!.weights[0]![0]).toBeCloseTo(0.8264, 12);
    expect(second!.biases[0]).toBeCloseTo(0.024, 12);
  });

  it('starts from the engine’s initial weights for the same seed', () => {
    const workload = workloadByName('tanh-2-4-2-1-circle');
    const data = workload.data();
    const engine = new Trainer(workload.spec, data);
    const plain = new PlainTrainer(workload.spec, data);
    const fromEngine = engine.model.initial;
    plain.readWeights().forEach((layer, l) => {
      layer.weights.forEach((row, i) => row.forEach((w, j) => expect(w).toBe(fromEngine[l]!.weights[i]![j])));
    });
    engine.dispose();
  });

  for (const name of ['sigmoid-1-10-1', 'tanh-2-4-2-1-circle']) {
    it(`decreases its loss like the engine’s Trainer on ${name}`, async () => {
      const workload = workloadByName(name);
      const data = workload.data();
      const engine = new Trainer(workload.spec, data);
      const plain = new PlainTrainer(workload.spec, data);
      const engineLosses: number[] = [];
      const plainLosses: number[] = [];
      for (let chunk = 0; chunk < 10; chunk += 1) {
        engine.step(20);
        engineLosses.push((await engine.readBack())!.loss);
        plainLosses.push(plain.step(20));
      }
      engine.dispose();
      expect(plainLosses.at(-1)!).toBeLessThan(plainLosses[0]!);
      // float32 (TF.js) against float64 over 200 steps: the curves agree to well within 1e-3.
      plainLosses.forEach((loss, i) => expect(Math.abs(loss - engineLosses[i]!), `loss after ${(i + 1) * 20} steps`).toBeLessThan(1e-3));
    });
  }
});
