/** The PyTorch peer of the layered workloads: the job it is given, the rows made of what it prints, and one real run where torch is here. */
import { describe, expect, it } from 'vitest';
import { layeredWorkloadByName, type LayeredWorkload } from './layered-workloads.ts';
import { findPython } from './pytorch.ts';
import { layeredPytorchJob, layeredPytorchRows, pytorchBackend, pytorchVersion, runPytorchLayered } from './pytorch-layered.ts';

const workload = (name: string): LayeredWorkload => layeredWorkloadByName(name)!;

describe('the PyTorch job for a layered workload', () => {
  it('runs the "Show code" model, loss and optimizer, channels first, on float32 files', async () => {
    const digits = workload('cnn-digits');
    const data = await digits.data();
    const { job, inputs, targets } = layeredPytorchJob(digits, data, { budgetMs: 500, minEpochs: 2, dir: '/tmp/job' });
    expect(job.model).toContain('nn.Conv2d(1, 8, kernel_size=3), nn.ReLU()');
    expect(job.model).toContain('nn.Conv2d(8, 16, kernel_size=3), nn.ReLU()');
    expect(job.model).toContain('nn.Linear(400, 10)');
    expect(job).toMatchObject({
      loss: 'nn.CrossEntropyLoss()',
      optimizer: 'torch.optim.Adam(model.parameters(), lr=0.001)',
      classes: true,
      inputShape: [1, 28, 28],
      samples: 2000,
      targetWidth: 10,
      batch: 64,
      seed: 42,
      inputs: '/tmp/job/x.f32',
      targets: '/tmp/job/y.f32',
      budgetMs: 500,
      minEpochs: 2,
      threads: ['default', 1, 'cores'],
    });
    expect(inputs).toHaveLength(2000 * 784);
    expect(targets).toHaveLength(2000 * 10);
    // Row-major: sample 1's pixels follow sample 0's, its one-hot label likewise.
    expect(Array.from(inputs.subarray(784, 784 + 784))).toEqual((data.inputs[1] as number[]).map(Math.fround));
    expect(Array.from(targets.subarray(10, 20))).toEqual(data.targets[1]);
  });

  it('flattens nested samples in the channels-first order the engine takes', async () => {
    const motif = workload('cnn-motif');
    const sample = [Array.from({ length: 100 }, (_, k) => (k === 3 ? 1 : 0)), ...Array.from({ length: 3 }, () => Array.from({ length: 100 }, () => 0))];
    const { job, inputs } = layeredPytorchJob(motif, { inputs: [sample], targets: [[1]] }, { budgetMs: 1, minEpochs: 1, dir: '.' });
    expect(job).toMatchObject({ inputShape: [4, 100], samples: 1, targetWidth: 1, classes: false, loss: 'nn.BCEWithLogitsLoss()' });
    expect(job.model).toContain('nn.AdaptiveMaxPool1d(1)');
    expect(inputs.indexOf(1)).toBe(3);
    expect(() => layeredPytorchJob(motif, { inputs: [[1, 2, 3]], targets: [[1]] }, { budgetMs: 1, minEpochs: 1, dir: '.' })).toThrow(/takes 400/);
  });
});

describe('the PyTorch rows', () => {
  it('name the default threads `cpu` and the others by their count, per epoch and per step, and the build by its threads and BLAS', () => {
    expect(pytorchBackend({ threads: 2, default: true })).toBe('cpu');
    expect(pytorchBackend({ threads: 1, default: false })).toBe('cpu-1-thread');
    expect(pytorchBackend({ threads: 2, default: false })).toBe('cpu-2-threads');
    const rows = layeredPytorchRows(workload('autoencoder-mnist'), {
      torch: '1.13.0',
      defaultThreads: 1,
      cores: 2,
      runs: [
        { threads: 1, default: true, msPerEpoch: 320, msPerStep: 10, epochs: 4, steps: 128, loss: 0.25 },
        { threads: 1, default: false, msPerEpoch: 160, msPerStep: 5, epochs: 8, steps: 256, loss: 0.24 },
      ],
    });
    expect(pytorchVersion({ torch: '1.13.0', blas: ['libblas.so.3.11.0'], defaultThreads: 1, cores: 2 })).toBe('1.13.0 (default 1 thread of 2 cores; BLAS libblas.so.3.11.0)');
    expect(rows).toEqual([
      { workload: 'autoencoder-mnist', backend: 'cpu', implementation: 'pytorch', msPerStep: 10, msPerEpoch: 320, stepsPerSecond: 100, steps: 128, loss: 0.25, note: 'torch 1.13.0, 1 thread (its default), 4 epochs timed' },
      { workload: 'autoencoder-mnist', backend: 'cpu-1-thread', implementation: 'pytorch', msPerStep: 5, msPerEpoch: 160, stepsPerSecond: 200, steps: 256, loss: 0.24, note: 'torch 1.13.0, 1 thread, 8 epochs timed' },
    ]);
  });
});

describe.skipIf(!findPython().python)('bench/pytorch_layered.py, where a python3 here imports torch', () => {
  it('trains each workload’s model on a few rows and reports every thread setting', async () => {
    for (const name of ['autoencoder-mnist', 'cnn-motif', 'cnn-digits']) {
      const full = workload(name);
      // 128 samples: two minibatches an epoch, a second or so per workload.
      const small: LayeredWorkload = {
        ...full,
        samples: 128,
        data: async () => {
          const data = await full.data();
          return { inputs: data.inputs.slice(0, 128), targets: data.targets.slice(0, 128) };
        },
      };
      const { rows, reason } = await runPytorchLayered(small, { budgetMs: 1, minEpochs: 1 });
      expect(reason, name).toBeUndefined();
      expect(rows!.map((r) => r.backend).slice(0, 2), name).toEqual(['cpu', 'cpu-1-thread']);
      for (const row of rows!) {
        expect(row.msPerEpoch! > 0 && Number.isFinite(row.loss), name).toBe(true);
        expect(row.msPerStep).toBeCloseTo(row.msPerEpoch! / 2);
      }
    }
  }, 120_000);
});
