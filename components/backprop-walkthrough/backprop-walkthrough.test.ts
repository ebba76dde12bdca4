/**
 * The walkthrough's numbers come from the engine's autodiff; here they are checked against the chain rule
 * derived by hand (float64, written out below), for every activation and at several points, and against
 * the lecture's worked example digit for digit. Then the model: steps, formulas, attributes, formatting,
 * the PyTorch code.
 */
import katex from 'katex';
import { beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../engine/runtime.ts';
import { tf } from '../../engine/tf.ts';
import { computeWalkthrough } from './backprop-walkthrough.compute.ts';
import {
  ACTIVATIONS,
  DEFAULT_SETTINGS,
  STEPS,
  STEP_COUNT,
  appendHistory,
  formatField,
  formatNumber,
  nextIteration,
  parseField,
  parseWalkthroughAttributes,
  pytorchCode,
  stepAt,
  type WalkthroughActivation,
  type WalkthroughAttributes,
  type WalkthroughSettings,
  type WalkthroughValues,
} from './backprop-walkthrough.model.ts';
import { expectLines } from '../shared/test-support.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await startEngine({ request: 'cpu' });
});

/** f and f′ written out by hand. */
const HAND: Record<WalkthroughActivation, { f: (z: number) => number; slope: (z: number) => number }> = {
  relu: { f: (z) => Math.max(0, z), slope: (z) => (z > 0 ? 1 : 0) },
  sigmoid: { f: (z) => 1 / (1 + Math.exp(-z)), slope: (z) => Math.exp(-z) / (1 + Math.exp(-z)) ** 2 },
  tanh: { f: (z) => Math.tanh(z), slope: (z) => 1 / Math.cosh(z) ** 2 },
  linear: { f: (z) => z, slope: () => 1 },
};

/** The chain rule by hand, in float64. */
function byHand(s: WalkthroughSettings): WalkthroughValues {
  const { f, slope } = HAND[s.activation];
  const z1 = s.w1 * s.x + s.b1;
  const v = f(z1);
  const yhat = s.w2 * v + s.b2;
  const loss = (yhat - s.y) ** 2;
  const dLdyhat = 2 * (yhat - s.y);
  const dLdw2 = dLdyhat * v;
  const dLdb2 = dLdyhat;
  const dLdv = dLdyhat * s.w2;
  const dvdz1 = slope(z1);
  const dLdz1 = dLdv * dvdz1;
  const dLdw1 = dLdz1 * s.x;
  const dLdb1 = dLdz1;
  const eta = s.learningRate;
  return {
    z1, v, yhat, loss, dLdyhat, dLdw2, dLdb2, dLdv, dvdz1, dLdz1, dLdw1, dLdb1,
    w1Next: s.w1 - eta * dLdw1, b1Next: s.b1 - eta * dLdb1, w2Next: s.w2 - eta * dLdw2, b2Next: s.b2 - eta * dLdb2,
  };
}

/** Float32 arithmetic: equal to a relative 1e-5 (absolute 1e-6 near zero). */
function expectClose(actual: WalkthroughValues, expected: WalkthroughValues): void {
  for (const key of Object.keys(expected) as Array<keyof WalkthroughValues>) {
    const tolerance = 1e-6 + 1e-5 * Math.abs(expected[key]);
    expect(Math.abs(actual[key] - expected[key]), `${key}: engine ${actual[key]}, by hand ${expected[key]}`).toBeLessThanOrEqual(tolerance);
  }
}

/** Points off the worked example: z₁ < 0 (ReLU's dead side), large |z₁|, negative weights, other η. */
const OTHER_POINTS: Array<Partial<WalkthroughSettings>> = [
  { x: -1, y: 0.5 }, // z₁ = −0.4
  { x: 1.5, y: -2, w1: -1.2, b1: 0.3, w2: 2, b2: -0.5, learningRate: 0.05 },
  { x: 3, y: 2, w1: 1, b1: 1, w2: -0.7, b2: 0.2, learningRate: 0.5 }, // z₁ = 4: sigmoid and tanh saturate
];

describe('the engine’s numbers against the chain rule by hand', () => {
  it('reproduces the lecture’s worked example exactly (to 1e-6)', async () => {
    const values = await computeWalkthrough(engine, DEFAULT_SETTINGS);
    const lecture: Partial<WalkthroughValues> = {
      z1: 1.1, v: 1.1, yhat: 0.88, loss: 0.0144,
      dLdyhat: -0.24, dLdw2: -0.264, dLdb2: -0.24, dLdv: -0.192, dLdz1: -0.192, dLdw1: -0.384, dLdb1: -0.192,
      w1Next: 0.5384, b1Next: 0.1192, w2Next: 0.8264, b2Next: 0.024,
    };
    for (const [key, expected] of Object.entries(lecture)) {
      expect(Math.abs(values[key as keyof WalkthroughValues] - expected), key).toBeLessThan(1e-6);
    }
  });

  const cases = ACTIVATIONS.flatMap((activation) =>
    [{}, ...OTHER_POINTS].map((point, i) => [activation, i === 0 ? 'the defaults' : `point ${i}`, { ...DEFAULT_SETTINGS, ...point, activation }] as const),
  );
  it.each(cases)('%s at %s', async (_activation, _where, settings) => {
    expectClose(await computeWalkthrough(engine, settings), byHand(settings));
  });

  it('stops the gradient at a dead ReLU (z1 < 0): the first layer’s gradients are 0, the output bias still learns', async () => {
    const values = await computeWalkthrough(engine, { ...DEFAULT_SETTINGS, x: -1 });
    expect(values.z1).toBeCloseTo(-0.4, 6);
    // Exactly zero (the sign of a zero product is float noise: −0 counts as 0).
    for (const key of ['v', 'dvdz1', 'dLdz1', 'dLdw1', 'dLdb1'] as const) expect(Math.abs(values[key]), key).toBe(0);
    expect(values.dLdb2).toBeCloseTo(-2, 6); // 2(ŷ − y) with ŷ = b₂ = 0, y = 1
  });

  it('lowers the loss with one Apply update, for every activation', async () => {
    for (const activation of ACTIVATIONS) {
      const settings = { ...DEFAULT_SETTINGS, activation };
      const first = await computeWalkthrough(engine, settings);
      const second = await computeWalkthrough(engine, nextIteration(settings, first));
      expect(second.loss, activation).toBeLessThan(first.loss);
    }
    // The worked example: L goes from 0.0144 to (0.8264·1.1768 + 0.024 − 1)² = 0.0010…
    const first = await computeWalkthrough(engine, DEFAULT_SETTINGS);
    const second = await computeWalkthrough(engine, nextIteration(DEFAULT_SETTINGS, first));
    expect(second.loss).toBeCloseTo((0.8264 * (0.5384 * 2 + 0.1192) + 0.024 - 1) ** 2, 6);
  });

  it('leaves no tensor behind', async () => {
    await computeWalkthrough(engine, DEFAULT_SETTINGS);
    const before = tf.memory().numTensors;
    for (const activation of ACTIVATIONS) await computeWalkthrough(engine, { ...DEFAULT_SETTINGS, activation });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the steps', () => {
  it('walk forward, backward, then update, in the table’s order', () => {
    expect(STEPS.map((s) => s.name)).toEqual([
      'z1', 'v', 'yhat', 'L', 'dL/dyhat', 'dL/dw2', 'dL/db2', 'dL/dv', 'dL/dz1', 'dL/dw1', 'dL/db1', "w1'", "b1'", "w2'", "b2'",
    ]);
    expect(STEPS.map((s) => s.phase).join(',')).toBe(`${'forward,'.repeat(4)}${'backward,'.repeat(7)}${'update,'.repeat(4)}`.slice(0, -1));
    expect(STEP_COUNT).toBe(15);
    expect(stepAt(0)).toBeUndefined();
    expect(stepAt(1)!.name).toBe('z1');
    expect(stepAt(15)!.name).toBe("b2'");
  });

  it('light up the element each computes: the weight for its gradient, the node for its value', () => {
    const byName = Object.fromEntries(STEPS.map((s) => [s.name, s]));
    expect(byName['z1']!.target).toBe('z1');
    expect(byName['dL/dw1']!.target).toBe('w1');
    expect(byName['dL/dw1']!.sources).toContain('x');
    expect(byName['dL/dv']!.sources).toContain('w2');
    expect(byName["w2'"]!.target).toBe('w2');
  });

  it('write the worked example’s formulas with the numbers substituted', async () => {
    const values = byHand(DEFAULT_SETTINGS);
    const formula = (name: string) => STEPS.find((s) => s.name === name)!.formula(DEFAULT_SETTINGS, values);
    expect(formula('z1')).toContain('= (0.5)(2) + 0.1 = 1.1');
    expect(formula('v')).toContain('\\max(0, 1.1) = 1.1');
    expect(formula('L')).toContain('(0.88 - 1)^2 = 0.0144');
    expect(formula('dL/dw2')).toContain('= (-0.24)(1.1) = -0.264');
    expect(formula('dL/dz1')).toContain('= (-0.192)(1) = -0.192');
    expect(formula('dL/dw1')).toContain('= (-0.192)(2) = -0.384');
    expect(formula("w1'")).toContain('= 0.5 - (0.1)(-0.384) = 0.5384');
    expect(formula("b2'")).toContain('= 0 - (0.1)(-0.24) = 0.024');
  });

  it('typeset without a KaTeX error for every activation, including negative values', () => {
    for (const activation of ACTIVATIONS) {
      for (const point of [{}, ...OTHER_POINTS]) {
        const settings = { ...DEFAULT_SETTINGS, ...point, activation };
        const values = byHand(settings);
        for (const step of STEPS) expect(() => katex.renderToString(step.formula(settings, values), { throwOnError: true })).not.toThrow();
      }
    }
  });

  it('show the slope the activation contributes: σ′ = v(1 − v), tanh′ = 1 − v², ReLU′ = 0 on the dead side', () => {
    const slope = (settings: WalkthroughSettings) => STEPS.find((s) => s.name === 'dL/dz1')!.formula(settings, byHand(settings));
    expect(slope({ ...DEFAULT_SETTINGS, activation: 'sigmoid' })).toContain('v(1 - v) = (0.7503)(1 - 0.7503) = 0.1874');
    expect(slope({ ...DEFAULT_SETTINGS, activation: 'tanh' })).toContain('1 - v^2 = 1 - 0.8005^2 = 0.3592');
    expect(slope({ ...DEFAULT_SETTINGS, x: -1 })).toContain("\\operatorname{ReLU}'(z_1) = 0 \\text{ since } z_1 \\le 0");
  });
});

describe('attributes and fields', () => {
  const none: WalkthroughAttributes = { x: null, y: null, w1: null, b1: null, w2: null, b2: null, lr: null, activation: null };

  it('default to the worked example', () => {
    expect(parseWalkthroughAttributes(none)).toEqual({ settings: DEFAULT_SETTINGS, warnings: [] });
  });

  it('read every setting', () => {
    const { settings, warnings } = parseWalkthroughAttributes({ x: '-1', y: '0.5', w1: '2', b1: '-0.3', w2: '1.5', b2: '0.2', lr: '0.01', activation: 'Sigmoid' });
    expect(warnings).toEqual([]);
    expect(settings).toEqual({ x: -1, y: 0.5, w1: 2, b1: -0.3, w2: 1.5, b2: 0.2, learningRate: 0.01, activation: 'sigmoid' });
  });

  it('fall back to the default on a bad value, with a warning naming the attribute', () => {
    const { settings, warnings } = parseWalkthroughAttributes({ ...none, w1: 'abc', lr: '0', activation: 'softmax', x: '1e9' });
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toMatch(/^x="1e9" is outside/);
    expect(warnings[1]).toMatch(/^w1="abc" is not a number — using 0.5/);
    expect(warnings[2]).toMatch(/^lr="0" is outside/);
    expect(warnings[3]).toMatch(/^activation="softmax" is not one of relu, sigmoid, tanh, linear/);
  });

  it('refuse an empty, non-numeric or out-of-range field, naming it', () => {
    expect(parseField('x', '2.5')).toEqual({ value: 2.5 });
    expect(parseField('x', '')).toEqual({ error: 'x needs a number' });
    expect(parseField('learningRate', '0')).toEqual({ error: 'learning rate must be in 0.0001…10' });
    expect(parseField('w2', '1000')).toEqual({ error: 'w2 must be in −100…100' });
  });
});

describe('numbers as shown', () => {
  it('have 4 significant digits, trailing zeros dropped only where exact, with a true minus sign', () => {
    expect(formatNumber(0.0144)).toBe('0.0144');
    expect(formatNumber(-0.384)).toBe('−0.384');
    expect(formatNumber(0.53839999)).toBe('0.5384');
    expect(formatNumber(1.10000002)).toBe('1.1');
    expect(formatNumber(0.7502601)).toBe('0.7503');
    expect(formatNumber(-0.0106372)).toBe('−0.01064');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-1e-9)).toBe('−10⁻⁹');
    expect(formatNumber(123456)).toBe('1.235\u00a0×\u00a010⁵');
    expect(formatNumber(1234.56)).toBe('1235');
    expect(formatNumber(-0.24, '-')).toBe('-0.24');
    expect(formatNumber(0.52397)).toBe('0.5240');
    expect(formatNumber(0.0799584)).toBe('0.07996');
    expect(formatNumber(0.86)).toBe('0.86');
    expect(formatNumber(2.0000004)).toBe('2');
    expect(formatNumber(1.99996)).toBe('2.000');
  });

  it('in a field keep 6 significant digits and drop float32 noise', () => {
    expect(formatField(0.53839999)).toBe('0.5384');
    expect(formatField(0.8264000415)).toBe('0.8264');
    expect(formatField(0.123456789)).toBe('0.123457');
  });

  it('build a history of the latest iterations’ losses', () => {
    let history = appendHistory([], 0.0144);
    history = appendHistory(history, 0.001);
    expect(history).toEqual([{ iteration: 1, loss: 0.0144 }, { iteration: 2, loss: 0.001 }]);
    for (let i = 0; i < 20; i += 1) history = appendHistory(history, 0.001);
    expect(history).toHaveLength(8);
    expect(history.at(-1)!.iteration).toBe(22);
  });
});

describe('the PyTorch code', () => {
  it('writes this network with the current values as float tensors, backward, the grads and the SGD step', () => {
    const code = pytorchCode({ ...DEFAULT_SETTINGS, activation: 'sigmoid', w1: 0.53839999 });
    expectLines(code, [
      'x = torch.tensor(2.0)',
      'w1 = torch.tensor(0.5384, requires_grad=True)',
      'b2 = torch.tensor(0.0, requires_grad=True)',
      'v = torch.sigmoid(z1)',
      'loss.backward()',
      'p -= lr * p.grad',
      'nn.Linear(1, 1), nn.Sigmoid()',
      'torch.optim.SGD(model.parameters(), lr=0.1)',
    ]);
    expect(pytorchCode(DEFAULT_SETTINGS)).toContain('v = torch.relu(z1)');
    expect(pytorchCode({ ...DEFAULT_SETTINGS, activation: 'linear' })).toContain('v = z1  # linear');
  });
});
