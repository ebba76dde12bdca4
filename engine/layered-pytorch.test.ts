/**
 * Layered models against PyTorch itself: fixed numbers that torch computed once for four small models
 * (fixtures/layered-pytorch.json, made by fixtures/make_layered_fixtures.py; its `made` field says how, with
 * which torch, when). The models use every layer type of layers.ts between them, start from the engine's own
 * seeded weights (written back here with `writeWeights`, so the comparison does not depend on how weights are
 * drawn), and run on TF.js's CPU backend. Where layered.test.ts checks the engine against a float64 rewrite of
 * the same maths, this checks it against the library the lectures' code panels show: its layouts
 * (Conv1d [out, in, k], Conv2d [out, in, kh, kw], Linear [out, in], samples [C, L] / [C, H, W], flatten's
 * order, view's order), its losses and its optimizers' update rules.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FeatureMap, LayerParameters } from './layered.ts';
import { LayeredTrainer } from './layered-trainer.ts';
import type { FixtureModel as EngineSide } from './fixtures/dump-layered-weights.run.ts';
import type { LayeredSpec } from './layers.ts';
import type { OptimizerSpec } from './optimizers.ts';
import { tf } from './tf.ts';

/** Weights after some optimizer steps from the model's `weights`. */
interface Trained {
  learningRate: number;
  steps: number;
  weights: LayerParameters[];
}

/** One model of the fixture: what the engine gave PyTorch (fixtures/dump-layered-weights.run.ts), and what PyTorch computed (float32). */
interface FixtureModel extends EngineSide {
  pytorch: {
    /** Sample 0's output of every layer, the last after the output activation, dropout off. */
    activations: FeatureMap[];
    loss: number;
    gradients: LayerParameters[];
    adam: Trained;
    sgd: Trained;
    /** The largest change, per quantity, had PyTorch computed in float64: float32's own rounding. */
    float64Gaps: Record<'activations' | 'loss' | 'gradients' | 'adam' | 'sgd', number>;
  };
}

const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/layered-pytorch.json', import.meta.url), 'utf8')) as { made: Record<string, string>; models: FixtureModel[] };

/**
 * Float32 agreement: |engine − PyTorch| ≤ 1e-6 + 1e-5·|PyTorch|. Two float32 computations that sum in other
 * orders differ by a few units in the last place (~1e-7 here; float64Gaps records how far float32 itself is
 * from exact); a wrong layout, loss or update rule moves values by orders of magnitude more.
 */
const ABSOLUTE = 1e-6;
const RELATIVE = 1e-5;

/** One number to compare, with where it is, for the failure message. */
interface Pair {
  where: string;
  engine: number;
  pytorch: number;
}

/** How far the worst pair is outside the tolerance (≤ 0: all agree), and which pair that is. */
function worst(pairs: readonly Pair[]): { excess: number; pair: Pair | undefined } {
  let result: { excess: number; pair: Pair | undefined } = { excess: Number.NEGATIVE_INFINITY, pair: undefined };
  for (const pair of pairs) {
    const excess = Math.abs(pair.engine - pair.pytorch) - (ABSOLUTE + RELATIVE * Math.abs(pair.pytorch));
    if (!(excess <= result.excess)) result = { excess, pair };
  }
  return result;
}

function expectAgreement(pairs: readonly Pair[]): void {
  expect(pairs.length).toBeGreaterThan(0);
  const { excess, pair } = worst(pairs);
  expect(excess, `${pair?.where}: engine ${pair?.engine}, PyTorch ${pair?.pytorch}`).toBeLessThanOrEqual(0);
}

/** Feature maps side by side; their shapes must be equal. */
function mapPairs(engine: readonly FeatureMap[], pytorch: readonly FeatureMap[]): Pair[] {
  expect(engine.map((m) => m.shape)).toEqual(pytorch.map((m) => m.shape));
  return engine.flatMap((map, l) => map.values.map((value, i) => ({ where: `layer ${l + 1} output [${i}]`, engine: value, pytorch: pytorch[l]!.values[i]! })));
}

/** Parameters (or gradients) side by side, layer by layer; the same parts with the same shapes on both sides. */
function parameterPairs(engine: readonly LayerParameters[], pytorch: readonly LayerParameters[]): Pair[] {
  const shapes = (layers: readonly LayerParameters[]) => layers.map((l) => [l.type, l.weight?.shape, l.bias?.shape]);
  expect(shapes(engine)).toEqual(shapes(pytorch));
  return engine.flatMap((layer, l) =>
    (['weight', 'bias'] as const).flatMap((part) =>
      (layer[part]?.values ?? []).map((value, i) => ({ where: `layer ${l + 1} (${layer.type}) ${part} [${i}]`, engine: value, pytorch: pytorch[l]![part]!.values[i]! })),
    ),
  );
}

/**
 * The spec the optimizer steps run on: dropout's rate 0. PyTorch cannot repeat the engine's seeded dropout
 * masks, so the fixture's steps ran in eval(); a rate of 0 is the same here (steps always train).
 */
function withoutDropout(spec: LayeredSpec): LayeredSpec {
  return { ...spec, layers: spec.layers.map((l) => (l.type === 'dropout' ? { ...l, rate: 0 } : l)) };
}

/** Runs `work` on a trainer on the fixture's batch, started from `weights` (the fixture's), and disposes it even if `work` throws. */
async function withTrainer<T>(
  model: FixtureModel,
  options: { optimizer?: OptimizerSpec; spec?: LayeredSpec; weights?: LayerParameters[] },
  work: (trainer: LayeredTrainer) => Promise<T>,
): Promise<T> {
  const { optimizer = { kind: 'sgd', learningRate: 0.1 }, spec = model.spec, weights = model.weights } = options;
  const trainer = new LayeredTrainer({ model: spec, loss: model.loss, optimizer, seed: model.seed }, { inputs: model.inputs, targets: model.targets });
  try {
    trainer.writeWeights(weights);
    return await work(trainer);
  } finally {
    trainer.dispose();
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('the fixture', () => {
  it('says how it was made, and its models use every layer type', () => {
    expect(FIXTURE.made.command).toContain('make_layered_fixtures.py');
    expect(FIXTURE.made.torch).toMatch(/^\d+\.\d+/);
    expect(FIXTURE.made.dtype).toContain('float32');
    const types = new Set(FIXTURE.models.flatMap((m) => m.spec.layers.map((l) => l.type)));
    expect([...types].sort()).toEqual(['conv1d', 'conv2d', 'dense', 'dropout', 'flatten', 'global-max-pool1d', 'max-pool1d', 'max-pool2d', 'reshape']);
    expect(new Set(FIXTURE.models.map((m) => m.loss))).toEqual(new Set(['bce', 'softmax-ce', 'mse']));
  });

  it("the tolerance is well above float32's own rounding (float64Gaps), so it cannot hide a real difference", () => {
    for (const model of FIXTURE.models) for (const gap of Object.values(model.pytorch.float64Gaps)) expect(gap).toBeLessThan(ABSOLUTE);
  });
});

describe.each(FIXTURE.models)('$name', (model) => {
  // Model (d), a padded conv2d with a 2×3 kernel and strides 1×2, caught a real bug: TF.js sized such an
  // output's width from the kernel's height (engine/layered.ts now pads explicitly).

  it("every layer's output for sample 0 is PyTorch's, in PyTorch's layout", async () => {
    await withTrainer(model, {}, async (trainer) => expectAgreement(mapPairs(await trainer.activations(model.inputs[0]!), model.pytorch.activations)));
  });

  it("the loss and every parameter's gradient are PyTorch's", async () => {
    const { loss, layers } = await withTrainer(model, {}, (trainer) => trainer.gradients());
    expectAgreement([{ where: 'loss', engine: loss, pytorch: model.pytorch.loss }, ...parameterPairs(layers, model.pytorch.gradients)]);
  });

  it("the weights after one Adam step are torch.optim.Adam's (dropout off, as in the fixture's steps)", async () => {
    const { learningRate, steps, weights } = model.pytorch.adam;
    const trained = await withTrainer(model, { optimizer: { kind: 'adam', learningRate }, spec: withoutDropout(model.spec) }, async (trainer) => {
      trainer.step(steps);
      return trainer.readWeights();
    });
    expectAgreement(parameterPairs(trained, weights));
  });

  it("the weights after five full-batch SGD steps are torch.optim.SGD's (dropout off, as in the fixture's steps)", async () => {
    const { learningRate, steps, weights } = model.pytorch.sgd;
    const trained = await withTrainer(model, { optimizer: { kind: 'sgd', learningRate }, spec: withoutDropout(model.spec) }, async (trainer) => {
      trainer.step(steps);
      return trainer.readWeights();
    });
    expectAgreement(parameterPairs(trained, weights));
  });
});

describe('the comparison catches a wrong layout', () => {
  /** The fixture's weights with one layer's weight values permuted (a layout mistake), everything else kept. */
  function misplaced(model: FixtureModel, layer: number, index: (i: number) => number): LayerParameters[] {
    const weights = structuredClone(model.weights);
    const weight = weights[layer]!.weight!;
    weight.values = weight.values.map((_, i) => model.weights[layer]!.weight!.values[index(i)]!);
    return weights;
  }

  async function excessWith(model: FixtureModel, weights: LayerParameters[]): Promise<number> {
    return withTrainer(model, { weights }, async (trainer) => worst(mapPairs(await trainer.activations(model.inputs[0]!), model.pytorch.activations)).excess);
  }

  it("a conv2d kernel read as [out, in, kw, kh] (each 3×3 transposed) misses PyTorch's feature maps", async () => {
    const digits = FIXTURE.models.find((m) => m.spec.layers[0]!.type === 'conv2d')!;
    // Index i = ((o·in + c)·3 + r)·3 + q takes the value at (q, r).
    const transposed = misplaced(digits, 0, (i) => i - (i % 9) + (i % 3) * 3 + Math.floor((i % 9) / 3));
    expect(await excessWith(digits, transposed)).toBeGreaterThan(0);
    expect(await excessWith(digits, digits.weights)).toBeLessThanOrEqual(0);
  });

  it("a dense layer after flatten whose inputs are ordered position by position (TF.js's channels-last) misses PyTorch's outputs", async () => {
    const motif = FIXTURE.models.find((m) => m.spec.layers[0]!.type === 'conv1d')!;
    const dense = motif.spec.layers.findIndex((l) => l.type === 'dense');
    const [units, inputs] = motif.weights[dense]!.weight!.shape as [number, number];
    const channels = (motif.spec.layers[0] as { filters: number }).filters;
    const positions = inputs / channels;
    expect(units).toBe(1);
    // Input i = c·positions + p (PyTorch's flatten) takes the weight of p·channels + c (channels last).
    const reordered = misplaced(motif, dense, (i) => (i % positions) * channels + Math.floor(i / positions));
    expect(await excessWith(motif, reordered)).toBeGreaterThan(0);
  });
});
