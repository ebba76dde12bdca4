/**
 * A kernel is its registry entry: a toy one, listed in this test's registry only (no other file knows
 * it), is offered by choose.ts, picked by the rule, driven by a run through the one stepping interface,
 * and, where it refuses, reported with its reason.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LayerWeights } from '../mlp.ts';
import { tf } from '../tf.ts';
import { askKernels, choosePath } from './choose.ts';
import { jsKernel } from './js.ts';
import type { FusedKernel, FusedProblem } from './kernel.ts';
import type { FusedNetwork } from './network.ts';
import { FUSED_KERNELS, prepareFusedKernels } from './registry.ts';
import { FusedRun } from './run.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  await prepareFusedKernels();
});

const tanhNet: FusedNetwork = {
  sizes: [2, 3, 1],
  hidden: 'tanh',
  output: 'linear',
  bias: true,
  loss: 'mse',
  optimizer: { kind: 'sgd', learningRate: 0.1 },
  regularization: { kind: 'none', rate: 0 },
};
const reluNet: FusedNetwork = { ...tanhNet, hidden: 'relu' };

/** A CPU kernel that takes tanh networks only; its steps are the JavaScript kernel's. */
const toy: FusedKernel<'fused-toy'> = {
  path: 'fused-toy',
  runsOn: 'cpu',
  name: 'the toy fused step',
  label: 'toy',
  refusal: ({ network }) => (network.hidden === 'tanh' ? undefined : `the toy step knows tanh only, not ${network.hidden}`),
  create: (problem, initial) => jsKernel.create(problem, initial),
};
/** The registry with the toy ahead of every other kernel. */
const registry = [toy, ...FUSED_KERNELS];

const problem = (network: FusedNetwork): FusedProblem => ({
  network,
  inputs: Float32Array.from([0, 0, 0, 1, 1, 0, 1, 1]),
  targets: Float32Array.from([0, 1, 1, 0]),
  samples: 4,
  maxBatch: 4,
});
const initial: LayerWeights[] = [
  { weights: [[0.5, -0.3, 0.2], [0.1, 0.4, -0.6]], biases: [0, 0.1, -0.1] },
  { weights: [[0.7], [-0.2], [0.3]], biases: [0.05] },
];

describe('a kernel registered in a registry', () => {
  it('is chosen by the rule when it takes the trainer, and can be asked for by its path', () => {
    expect(choosePath('auto', 'cpu', tanhNet, 4, 4, registry)).toEqual({ path: 'fused-toy', reason: 'the fused step (toy) outruns TF.js cpu op by op' });
    expect(choosePath('fused', 'webgl', tanhNet, 4, 4, registry)).toEqual({ path: 'fused-toy', reason: 'asked for the fused step (toy)' });
    expect(choosePath('fused-toy', 'cpu', tanhNet, 4, 4, registry)).toEqual({ path: 'fused-toy', reason: 'asked for the toy fused step' });
    expect(() => choosePath('fused-toy' as never, 'cpu', tanhNet, 4, 4, FUSED_KERNELS)).toThrow('unknown training path "fused-toy": use one of auto, fused, fused-wasm, fused-js, fused-webgpu, op-by-op');
  });

  it('reports its refusal with the reason, wherever it refuses', () => {
    expect(askKernels(registry, { network: reluNet, samples: 4, maxBatch: 4 }, 'cpu').map(({ kernel, refusal }) => [kernel.path, refusal])).toEqual([
      ['fused-toy', 'the toy step knows tanh only, not relu'],
      ['fused-wasm', undefined],
      ['fused-js', undefined],
      ['fused-webgpu', 'TF.js runs on cpu, not WebGPU'],
    ]);
    // The next kernel takes over, and its reason says why the toy did not.
    expect(choosePath('auto', 'cpu', reluNet, 4, 4, registry)).toEqual({ path: 'fused-wasm', reason: 'the fused step (WebAssembly SIMD: the toy step knows tanh only, not relu) outruns TF.js cpu op by op' });
    expect(() => choosePath('fused-toy', 'cpu', reluNet, 4, 4, registry)).toThrow('the toy fused step cannot run here: the toy step knows tanh only, not relu');
    // With no kernel left, the steps go op by op and the reason lists every refusal.
    expect(choosePath('auto', 'cpu', reluNet, 4, 4, [toy])).toEqual({ path: 'op-by-op', reason: 'no fused kernel runs here: fused-toy: the toy step knows tanh only, not relu' });
  });

  it('trains through the same stepping interface as the others: the toy run matches the JavaScript one', async () => {
    const runs = (['fused-toy', 'fused-js'] as const).map((path) => new FusedRun(path, 'a test', problem(tanhNet), initial, registry));
    for (const run of runs) run.step([undefined, [0, 2], [1, 3]]);
    const [toyValues, jsValues] = await Promise.all(runs.map((run) => run.readBack()));
    expect(runs[0]!.path).toBe('fused-toy');
    expect(toyValues!.length).toBe(1 + 13);
    expect([...toyValues!]).toEqual([...jsValues!]);
    for (const run of runs) run.dispose();
  });

  it('on the GPU, hands its run to the best CPU kernel when the device is lost', async () => {
    const gpuToy: FusedKernel<'fused-gpu-toy'> = { ...toy, path: 'fused-gpu-toy', runsOn: 'gpu', refusal: () => undefined };
    const run = new FusedRun<string>('fused-gpu-toy', 'a test', problem(tanhNet), initial, [gpuToy, ...FUSED_KERNELS]);
    run.step([undefined]);
    run.leaveGpu('the GPU was lost: the fused step goes on on the CPU', initial);
    expect({ path: run.path, reason: run.reason, stale: run.stale }).toEqual({ path: 'fused-wasm', reason: 'the GPU was lost: the fused step goes on on the CPU', stale: true });
    expect(await run.readBack()).toBeUndefined();
    expect(run.weightsNow()).toEqual(initial.map((layer) => ({ weights: layer.weights.map((row) => row.map(Math.fround)), biases: layer.biases.map(Math.fround) })));
    run.dispose();
  });
});
