/**
 * The engine's numbers against independent computations: a hand derivation, finite differences of a
 * float64 reference, the normal equations, and hand-computed optimizer updates.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { HIDDEN_ACTIVATIONS, type HiddenActivation } from './activations.ts';
import { LOSSES, outputForLoss, type Loss } from './losses.ts';
import type { LayerWeights } from './mlp.ts';
import { makeRegression } from './data/index.ts';
import { createRandom } from './random.ts';
import { referenceLoss } from './reference.ts';
import { tf } from './tf.ts';
import { Trainer, type TrainerSpec } from './trainer.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** The lecture's worked example: 1→1→1, ReLU, x = 2, y = 1. */
function workedExample(): Trainer {
  const trainer = new Trainer(
    { network: { layers: [1, 1, 1], hidden: 'relu', output: 'linear' }, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 0.1 }, seed: 1 },
    { inputs: [[2]], targets: [[1]] },
  );
  trainer.writeWeights([
    { weights: [[0.5]], biases: [0.1] },
    { weights: [[0.8]], biases: [0] },
  ]);
  return trainer;
}

describe('the worked backpropagation example (1→1→1 ReLU, x = 2, y = 1, lr = 0.1)', () => {
  it('has L = 0.0144, ∂L/∂w1 = −0.384, ∂L/∂w2 = −0.264', async () => {
    const trainer = workedExample();
    const { loss, layers } = await trainer.gradients();
    expect(loss).toBeCloseTo(0.0144, 6);
    expect(layers[0]!.weights[0]![0]).toBeCloseTo(-0.384, 6);
    expect(layers[1]!.weights[0]![0]).toBeCloseTo(-0.264, 6);
    // And the biases: ∂L/∂b1 = 2(ŷ − y)·w2 = −0.192, ∂L/∂b2 = 2(ŷ − y) = −0.24.
    expect(layers[0]!.biases[0]).toBeCloseTo(-0.192, 6);
    expect(layers[1]!.biases[0]).toBeCloseTo(-0.24, 6);
    trainer.dispose();
  });

  it('moves w1 to 0.5384 and w2 to 0.8264 after one SGD step', async () => {
    const trainer = workedExample();
    trainer.step();
    const readout = await trainer.readBack();
    expect(readout?.loss).toBeCloseTo(0.0144, 6);
    expect(readout?.step).toBe(1);
    const [hidden, output] = await trainer.readWeights();
    expect(hidden!.weights[0]![0]).toBeCloseTo(0.5384, 6);
    expect(output!.weights[0]![0]).toBeCloseTo(0.8264, 6);
    // The readback also brought the weights along: widgets can draw them without another transfer.
    trainer.step();
    await trainer.readBack();
    expect(trainer.latestWeights).toEqual(await trainer.readWeights());
    trainer.dispose();
  });
});

/** A small random problem shaped for the loss. */
function problem(loss: Loss, seed: number) {
  const random = createRandom(seed);
  const outputs = loss === 'softmax-ce' ? 3 : loss === 'bce' ? 1 : 2;
  const inputs = Array.from({ length: 6 }, () => [random.normal(), random.normal()]);
  const targets = inputs.map(() => {
    if (loss === 'mse') return Array.from({ length: outputs }, () => random.normal());
    if (loss === 'bce') return [random.integer(2)];
    const hot = random.integer(outputs);
    return Array.from({ length: outputs }, (_, k) => (k === hot ? 1 : 0));
  });
  return { inputs, targets, outputs };
}

describe('gradients match central finite differences of an independent float64 loss', () => {
  const cases = LOSSES.flatMap((loss) => HIDDEN_ACTIVATIONS.filter((a) => a !== 'threshold').map((hidden) => [loss, hidden] as const));
  it.each(cases)('%s loss with %s hidden units', async (loss: Loss, hidden: HiddenActivation) => {
    const { inputs, targets, outputs } = problem(loss, 7);
    const regularization = { kind: 'l2' as const, rate: 0.01 };
    const spec: TrainerSpec = {
      network: { layers: [2, 3, outputs], hidden, output: 'linear' },
      loss,
      optimizer: { kind: 'sgd', learningRate: 0.1 },
      regularization,
      seed: 3,
    };
    const trainer = new Trainer(spec, { inputs, targets });
    const weights = await trainer.readWeights();
    const { loss: value, layers: gradients } = await trainer.gradients();
    const output = outputForLoss(loss, 'linear');
    const lossAt = (layers: LayerWeights[]) => referenceLoss({ layers, hidden, output, loss, regularization, inputs, targets });
    expect(value).toBeCloseTo(lossAt(weights), 5);

    const h = 1e-5;
    const copy = (): LayerWeights[] => structuredClone(weights);
    weights.forEach((layer, l) => {
      layer.weights.forEach((row, i) =>
        row.forEach((_, j) => {
          const plus = copy();
          const minus = copy();
          plus[l]!.weights[i]![j]! += h;
          minus[l]!.weights[i]![j]! -= h;
          const numeric = (lossAt(plus) - lossAt(minus)) / (2 * h);
          expect(gradients[l]!.weights[i]![j]!, `∂L/∂W${l + 1}[${i}][${j}]`).toBeCloseTo(numeric, 4);
        }),
      );
      layer.biases.forEach((_, j) => {
        const plus = copy();
        const minus = copy();
        plus[l]!.biases[j]! += h;
        minus[l]!.biases[j]! -= h;
        const numeric = (lossAt(plus) - lossAt(minus)) / (2 * h);
        expect(gradients[l]!.biases[j]!, `∂L/∂b${l + 1}[${j}]`).toBeCloseTo(numeric, 4);
      });
    });
    trainer.dispose();
  });

  it('L1 regularisation adds λ·sign(w) to each weight gradient', async () => {
    const data = { inputs: [[1, 2]], targets: [[0.5]] };
    const spec = (kind: 'none' | 'l1'): TrainerSpec => ({
      network: { layers: [2, 1], hidden: 'linear', output: 'linear' },
      loss: 'mse',
      optimizer: { kind: 'sgd', learningRate: 0.1 },
      regularization: { kind, rate: 0.3 },
      seed: 5,
    });
    const plain = new Trainer(spec('none'), data);
    const penalised = new Trainer(spec('l1'), data);
    const w = (await plain.readWeights())[0]!.weights;
    const g0 = (await plain.gradients()).layers[0]!.weights;
    const g1 = (await penalised.gradients()).layers[0]!.weights;
    w.forEach((row, i) => expect(g1[i]![0]! - g0[i]![0]!).toBeCloseTo(0.3 * Math.sign(row[0]!), 5));
    plain.dispose();
    penalised.dispose();
  });
});

/** Least squares with an intercept, by the normal equations (XᵀX) θ = Xᵀy solved with Gaussian elimination. */
function normalEquation(inputs: number[][], targets: number[][]): number[] {
  const rows = inputs.map((x) => [...x, 1]);
  const n = rows[0]!.length;
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => rows.reduce((s, r) => s + r[i]! * r[j]!, 0)));
  const b = Array.from({ length: n }, (_, i) => rows.reduce((s, r, k) => s + r[i]! * targets[k]![0]!, 0));
  for (let col = 0; col < n; col += 1) {
    const pivot = a.slice(col).reduce((best, row, k) => (Math.abs(row[col]!) > Math.abs(a[best]![col]!) ? k + col : best), col);
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    for (let r = col + 1; r < n; r += 1) {
      const f = a[r]![col]! / a[col]![col]!;
      for (let c = col; c < n; c += 1) a[r]![c]! -= f * a[col]![c]!;
      b[r]! -= f * b[col]!;
    }
  }
  const theta = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r -= 1) theta[r] = (b[r]! - a[r]!.slice(r + 1).reduce((s, v, k) => s + v * theta[r + 1 + k]!, 0)) / a[r]![r]!;
  return theta;
}

describe('full-batch gradient descent on linear data', () => {
  it('converges to the normal-equation solution within 1e-3', async () => {
    // scikit-learn-style data: 200 samples, 3 features, coefficients up to 100, a bias and Gaussian noise.
    const { inputs, targets } = makeRegression({ samples: 200, features: 3, bias: 4, noise: 5, random: 11 });
    const exact = normalEquation(inputs, targets);
    const trainer = new Trainer(
      { network: { layers: [3, 1], hidden: 'linear', output: 'linear' }, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 0.2 }, seed: 2 },
      { inputs, targets },
    );
    trainer.step(1000);
    const [layer] = await trainer.readWeights();
    const learned = [...layer!.weights.map((row) => row[0]!), layer!.biases[0]!];
    learned.forEach((value, i) => expect(Math.abs(value - exact[i]!), `θ${i}`).toBeLessThan(1e-3));
    trainer.dispose();
  });
});

describe('optimizer updates match the rules written out by hand', () => {
  /** 1→1 linear model, one sample x = 1, y = 0, w = 1, b = 0: L = w², g = 2w (bias g = 2w too). */
  async function weightsAfter(optimizer: TrainerSpec['optimizer'], steps: number): Promise<number[]> {
    const trainer = new Trainer(
      { network: { layers: [1, 1], hidden: 'linear', output: 'linear' }, loss: 'mse', optimizer, seed: 1 },
      { inputs: [[1]], targets: [[0]] },
    );
    trainer.writeWeights([{ weights: [[1]], biases: [0] }]);
    const history: number[] = [];
    for (let i = 0; i < steps; i += 1) {
      trainer.step();
      history.push((await trainer.readWeights())[0]!.weights[0]![0]!);
    }
    trainer.dispose();
    return history;
  }

  /** The same rules in plain JavaScript for a model whose prediction is w + b. */
  function byHand(kind: 'sgd' | 'momentum' | 'adam', lr: number, steps: number, weightDecay = 0): number[] {
    let w = 1;
    let b = 0;
    let vw = 0, vb = 0, mw = 0, mb = 0, sw = 0, sb = 0;
    const out: number[] = [];
    for (let t = 1; t <= steps; t += 1) {
      const gw = 2 * (w + b) + weightDecay * w;
      const gb = 2 * (w + b) + weightDecay * b;
      if (kind === 'sgd') {
        w -= lr * gw;
        b -= lr * gb;
      } else if (kind === 'momentum') {
        vw = 0.9 * vw + gw;
        vb = 0.9 * vb + gb;
        w -= lr * vw;
        b -= lr * vb;
      } else {
        mw = 0.9 * mw + 0.1 * gw;
        mb = 0.9 * mb + 0.1 * gb;
        sw = 0.999 * sw + 0.001 * gw * gw;
        sb = 0.999 * sb + 0.001 * gb * gb;
        w -= (lr * (mw / (1 - 0.9 ** t))) / (Math.sqrt(sw / (1 - 0.999 ** t)) + 1e-8);
        b -= (lr * (mb / (1 - 0.9 ** t))) / (Math.sqrt(sb / (1 - 0.999 ** t)) + 1e-8);
      }
      out.push(w);
    }
    return out;
  }

  it.each([
    ['sgd', 0.1, 0],
    ['momentum', 0.05, 0],
    ['adam', 0.1, 0],
    ['sgd', 0.1, 0.5],
    ['momentum', 0.05, 0.5],
    ['adam', 0.1, 0.5],
  ] as const)('%s (lr %s, weight decay %s)', async (kind, learningRate, weightDecay) => {
    const engine = await weightsAfter({ kind, learningRate, weightDecay }, 4);
    const hand = byHand(kind, learningRate, 4, weightDecay);
    engine.forEach((w, i) => expect(w, `step ${i + 1}`).toBeCloseTo(hand[i]!, 5));
  });
});

describe('a network without biases (bias: false)', () => {
  // y = 2 x1 − 3 x2 exactly, on four points: regression through the origin.
  const data = { inputs: [[1, 0], [0, 1], [1, 1], [2, -1]], targets: [[2], [-3], [-1], [7]] };
  const spec: TrainerSpec = {
    network: { layers: [2, 1], hidden: 'linear', output: 'linear', bias: false },
    loss: 'mse',
    optimizer: { kind: 'sgd', learningRate: 0.05 },
    seed: 3,
  };

  it('trains only the weights: the gradient is 2/n Xᵀ(Xw − y) and the bias stays 0', async () => {
    const trainer = new Trainer(spec, data);
    trainer.writeWeights([{ weights: [[0], [0]], biases: [0] }]);
    const { layers } = await trainer.gradients();
    // By hand at w = 0: 2/4 · Xᵀ(−y) = −½ [2·1 + 0 − 1 + 14, 0 − 3 − 1 − 7] = [−7.5, 5.5].
    expect(layers[0]!.weights.map((row) => row[0])).toEqual([-7.5, 5.5]);
    expect(layers[0]!.biases).toEqual([0]);
    trainer.step(400);
    await trainer.readBack();
    const [layer] = await trainer.readWeights();
    expect(layer!.weights[0]![0]).toBeCloseTo(2, 4);
    expect(layer!.weights[1]![0]).toBeCloseTo(-3, 4);
    expect(layer!.biases).toEqual([0]);
    expect(trainer.latestWeights[0]!.biases).toEqual([0]);
    trainer.dispose();
  });

  it('refuses a nonzero bias and frees every tensor on dispose', () => {
    const before = tf.memory().numTensors;
    const trainer = new Trainer(spec, data);
    expect(() => trainer.writeWeights([{ weights: [[0], [0]], biases: [1] }])).toThrow(/no bias/);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('suspending a trainer while its slide is hidden', () => {
  const data = makeRegression({ samples: 40, features: 2, noise: 5, random: 4 });
  const spec = (optimizer: TrainerSpec['optimizer']): TrainerSpec => ({
    network: { layers: [2, 6, 1], hidden: 'tanh', output: 'linear' },
    loss: 'mse',
    optimizer,
    batching: { mode: 'minibatch', size: 8 },
    seed: 11,
  });

  it.each([
    ['Adam', { kind: 'adam', learningRate: 0.01 }],
    ['momentum', { kind: 'momentum', learningRate: 0.001 }],
  ] as const)('frees every tensor and then carries on exactly where it stopped (%s, shuffled minibatches)', async (_, optimizer) => {
    const before = tf.memory().numTensors;
    const straight = new Trainer(spec(optimizer), data);
    const paused = new Trainer(spec(optimizer), data);
    straight.step(13);
    paused.step(13);
    await paused.readBack();
    const alive = tf.memory().numTensors;
    expect(await paused.suspend()).toBe(true);
    expect(paused.isSuspended).toBe(true);
    // Only the straight run's tensors are left.
    expect(tf.memory().numTensors).toBe(before + (alive - before) / 2);
    paused.step(17); // any use brings it back
    straight.step(17);
    expect(paused.isSuspended).toBe(false);
    expect(await paused.readWeights()).toEqual(await straight.readWeights());
    expect((await paused.readBack())?.loss).toBe((await straight.readBack())?.loss);
    expect(paused.epochs).toBe(straight.epochs);
    paused.dispose();
    straight.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('backs off when a step runs while the weights are being copied out, and disposes cleanly when suspended', async () => {
    const before = tf.memory().numTensors;
    const trainer = new Trainer(spec({ kind: 'sgd', learningRate: 0.001 }), data);
    const suspending = trainer.suspend();
    trainer.step();
    expect(await suspending).toBe(false);
    expect(trainer.isSuspended).toBe(false);
    expect(await trainer.suspend()).toBe(true);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
