/**
 * The fused step, in WebAssembly SIMD and in JavaScript, against the op-by-op path (TF.js's own kernels
 * and autodiff), step by step: the same trainer spec and seed on either path must give the same losses
 * and the same weights, within float32 rounding, for every activation, loss, optimizer, regularisation
 * and batching the engine offers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.ts';
import { Trainer, type TrainerSpec } from '../trainer.ts';
import { choosePath, GPU_CROSSOVER_FLOPS, type TrainingPath } from './choose.ts';
import { CASES, curve, type Case } from './fused.cases.ts';
import { fusedRefusal, stepFlops, type FusedNetwork } from './network.ts';
import { FUSED_KERNELS } from './registry.ts';
import { loadWasmKernel } from './wasm.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  // Node has WebAssembly SIMD: the kernel must load here, or the WebAssembly half of these tests would not run.
  expect(await loadWasmKernel()).toBe(true);
});

const FUSED_PATHS = ['fused-wasm', 'fused-js'] as const;


/** Runs `steps` steps on one path, reading the loss back after each. */
async function run(c: Case, path: TrainingPath): Promise<{ trainer: Trainer; losses: number[] }> {
  const trainer = new Trainer({ ...c.spec, seed: 11, path }, c.data);
  expect(trainer.path).toBe(path);
  const losses: number[] = [];
  for (let s = 0; s < c.steps; s += 1) {
    trainer.step(1);
    losses.push((await trainer.readBack())!.loss);
  }
  return { trainer, losses };
}

function expectClose(actual: readonly number[], expected: readonly number[], what: string): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => {
    const tolerance = 2e-5 + 2e-4 * Math.abs(expected[i]!);
    if (!(Math.abs(value - expected[i]!) <= tolerance)) throw new Error(`${what}[${i}]: fused ${value}, op-by-op ${expected[i]} (tolerance ${tolerance.toExponential(1)})`);
  });
}

const flat = (trainer: Trainer) => trainer.latestWeights.flatMap((layer) => [...layer.weights.flat(), ...layer.biases]);

describe.each(FUSED_PATHS)('the fused step (%s) computes what the op-by-op path computes', (path) => {
  for (const c of CASES) {
    it(c.name, async () => {
      const fused = await run(c, path);
      const reference = await run(c, 'op-by-op');
      expectClose(fused.losses, reference.losses, 'loss');
      expectClose(flat(fused.trainer), flat(reference.trainer), 'weight');
      // The losses moved: the comparison is between runs that trained, not two frozen starts.
      if (c.spec.network.hidden !== 'threshold') expect(fused.losses.at(-1)!).toBeLessThan(fused.losses[0]!);
      expect(fused.trainer.epochs).toBe(reference.trainer.epochs);
      fused.trainer.dispose();
      reference.trainer.dispose();
    });
  }
});

describe.each(FUSED_PATHS)('a trainer on the %s path behaves as one on the op-by-op path', (path) => {
  const c = CASES[3]!;

  it('keeps its TF.js variables in step for whatever reads them: predictions, gradients, model', async () => {
    const fused = await run(c, path);
    const reference = await run(c, 'op-by-op');
    const grid = new Float32Array([0, 0, 0.5, -0.5, -1, 1]);
    expectClose([...(await fused.trainer.predictMany(grid, 3))], [...(await reference.trainer.predictMany(grid, 3))], 'prediction');
    const [g1, g2] = [await fused.trainer.gradients(), await reference.trainer.gradients()];
    expectClose([g1.loss, ...g1.layers.flatMap((l) => l.weights.flat())], [g2.loss, ...g2.layers.flatMap((l) => l.weights.flat())], 'gradient');
    expectClose([...(await fused.trainer.model.weights[0]!.data())], [...(await reference.trainer.model.weights[0]!.data())], 'model weight');
    fused.trainer.dispose();
    reference.trainer.dispose();
  });

  it('carries on exactly after suspend() and resume(), and after writeWeights()', async () => {
    const straight = await run(c, path);
    const paused = new Trainer({ ...c.spec, seed: 11, path }, c.data);
    paused.step(c.steps / 2);
    expect(await paused.suspend()).toBe(true);
    expect(paused.isSuspended).toBe(true);
    paused.step(c.steps / 2);
    await paused.readBack();
    expectClose(flat(paused), flat(straight.trainer), 'weight after a suspend');

    const start = new Trainer({ ...c.spec, seed: 11, path }, c.data).latestWeights;
    const rewound = new Trainer({ ...c.spec, seed: 99, path }, c.data);
    rewound.writeWeights(start);
    const opByOp = new Trainer({ ...c.spec, seed: 99, path: 'op-by-op' }, c.data);
    opByOp.writeWeights(start);
    rewound.step(5);
    opByOp.step(5);
    expectClose([(await rewound.readBack())!.loss], [(await opByOp.readBack())!.loss], 'loss after writeWeights');
    for (const trainer of [straight.trainer, paused, rewound, opByOp]) trainer.dispose();
  });

  it('reports divergence as the op-by-op path does', async () => {
    const spec: TrainerSpec = { network: { layers: [1, 16, 1], hidden: 'relu', output: 'linear' }, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 50 }, seed: 2, path };
    const trainer = new Trainer(spec, curve);
    for (let s = 0; s < 50 && !trainer.divergence; s += 1) {
      trainer.step(1);
      await trainer.readBack();
    }
    expect(trainer.divergence?.reason).toMatch(/loss became|weights exploded/);
    trainer.dispose();
  });

  it('holds no more tensors than the op-by-op path, and frees them all', async () => {
    const before = tf.memory().numTensors;
    const trainer = new Trainer({ ...c.spec, seed: 11, path }, c.data);
    trainer.step(20);
    await trainer.readBack();
    await trainer.predictMany(new Float32Array([0, 0]), 1);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('choosing the path', () => {
  /** The registry's kernels, each answering as it would on such a runtime (true: it runs; else why not). */
  const runtime = (answers: { wasm: true | string; webgpu: true | string }) =>
    FUSED_KERNELS.map((kernel) => {
      const answer: true | string = { 'fused-wasm': answers.wasm, 'fused-js': true as const, 'fused-webgpu': answers.webgpu }[kernel.path];
      return { ...kernel, refusal: () => (answer === true ? undefined : answer) };
    });
  const CPU_ONLY = runtime({ wasm: true, webgpu: 'TF.js is not on WebGPU' });
  const NO_SIMD = runtime({ wasm: 'no SIMD', webgpu: 'TF.js is not on WebGPU' });
  const GPU = runtime({ wasm: true, webgpu: true });
  const small: FusedNetwork = {
    sizes: [2, 8, 1],
    hidden: 'tanh',
    output: 'sigmoid',
    bias: true,
    loss: 'bce',
    optimizer: { kind: 'sgd', learningRate: 0.1 },
    regularization: { kind: 'none', rate: 0 },
  };
  const notebook: FusedNetwork = { ...small, sizes: [1, 1024, 1], hidden: 'relu', output: 'linear', loss: 'mse' };

  it('counts a step’s work: 6 flops per parameter per sample', () => {
    expect(stepFlops(notebook, 1000)).toBe(6 * (1024 + 1024 + 1024 + 1) * 1000);
  });

  it('takes the fused step on the CPU backends, and for small work on a GPU backend', () => {
    expect(choosePath('auto', 'cpu', notebook, 1000, 1000, CPU_ONLY)).toEqual({ path: 'fused-wasm', reason: 'the fused step (WebAssembly SIMD) outruns TF.js cpu op by op' });
    expect(choosePath('auto', 'wasm', notebook, 1000, 1000, NO_SIMD)).toEqual({ path: 'fused-js', reason: 'the fused step (JavaScript: no SIMD) outruns TF.js wasm op by op' });
    // 2→8→1 has 33 parameters: 6 × 33 × 200 samples.
    expect(choosePath('auto', 'webgl', small, 200, 200, CPU_ONLY)).toEqual({ path: 'fused-wasm', reason: "40 kFLOP per step: the fused step (WebAssembly SIMD) beats webgl's kernel launches" });
    expect(stepFlops(notebook, 1000)).toBeGreaterThan(GPU_CROSSOVER_FLOPS);
    expect(choosePath('auto', 'webgl', notebook, 1000, 1000, CPU_ONLY)).toEqual({ path: 'op-by-op', reason: '18.4 MFLOP per step: enough work for webgl' });
    expect(choosePath('auto', 'webgpu', notebook, 1000, 1000, GPU)).toEqual({ path: 'fused-webgpu', reason: '18.4 MFLOP per step: the fused step on WebGPU, two dispatches a step' });
    expect(choosePath('auto', 'webgpu', small, 200, 200, GPU).path).toBe('fused-wasm');
  });

  it('takes what a trainer asks for, and says so when it cannot', () => {
    expect(choosePath('fused', 'webgpu', notebook, 1000, 1000, CPU_ONLY).path).toBe('fused-wasm');
    expect(choosePath('fused', 'webgpu', notebook, 1000, 1000, NO_SIMD).path).toBe('fused-js');
    expect(choosePath('fused-js', 'cpu', small, 10, 10, CPU_ONLY).path).toBe('fused-js');
    expect(() => choosePath('fused-wasm', 'cpu', small, 10, 10, NO_SIMD)).toThrow(/cannot run here: no SIMD/);
    expect(choosePath('op-by-op', 'cpu', small, 10, 10, CPU_ONLY).path).toBe('op-by-op');
    expect(() => choosePath('fast' as never, 'cpu', small, 10, 10, CPU_ONLY)).toThrow('unknown training path "fast": use one of auto, fused, fused-wasm, fused-js, fused-webgpu, op-by-op');
    expect(choosePath('fused-webgpu', 'webgpu', small, 10, 10, GPU).path).toBe('fused-webgpu');
    expect(() => choosePath('fused-webgpu', 'cpu', small, 10, 10, CPU_ONLY)).toThrow(/cannot run here: TF.js is not on WebGPU/);
  });

  it('keeps networks beyond the size class on the op-by-op path, and says why', () => {
    expect(fusedRefusal({ ...small, sizes: [2, 2048, 1] }, 10)).toMatch(/2048 units/);
    expect(fusedRefusal({ ...small, sizes: [2, 4, 4, 4, 4, 1] }, 10)).toMatch(/more than 4 weight layers/);
    expect(fusedRefusal(small, 5000)).toMatch(/5000 samples/);
    expect(choosePath('fused', 'cpu', small, 5000, 5000, CPU_ONLY)).toEqual({ path: 'op-by-op', reason: 'too big for the fused step: 5000 samples (the fused step takes up to 4096)' });
  });
});
