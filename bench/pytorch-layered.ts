/**
 * PyTorch on the CPU for the architectures lecture's workloads (issue 18): bench/pytorch_layered.py trains the
 * model "Show code" prints (components/shared/pytorch.ts, PyTorch's channels-first layouts) on the same rows, with
 * the same loss, Adam 1e-3 and minibatch 64, and times whole epochs with PyTorch's default threads, one thread and,
 * where neither is every core, every core. The job building and the rows are pure (pytorch-layered.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pytorchLayeredModel, pytorchLoss, pytorchOptimizer } from '../components/shared/pytorch.ts';
import type { LayeredData } from '../engine/layered-trainer.ts';
import { layeredStepsPerEpoch, type LayeredWorkload } from './layered-workloads.ts';
import { findPython } from './pytorch.ts';
import type { Row, RowBackend } from './report.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What bench/pytorch_layered.py reads on stdin (its docstring has an example). */
export interface LayeredPytorchJob {
  workload: string;
  /** `model = nn.Sequential(…)`: the generator's code, executed as it stands. */
  model: string;
  /** The loss and optimizer constructors, as the generator writes them (the optimizer over `model.parameters()`). */
  loss: string;
  optimizer: string;
  /** Targets are one-hot rows that nn.CrossEntropyLoss takes as class indices. */
  classes: boolean;
  /** One sample's shape, channels first. */
  inputShape: number[];
  samples: number;
  targetWidth: number;
  batch: number;
  seed: number;
  /** Raw float32 files, samples × features, row-major: 2,000 digits are 6 MB as numbers in JSON. */
  inputs: string;
  targets: string;
  budgetMs: number;
  minEpochs: number;
  threads: ('default' | 'cores' | number)[];
}

/** The job for one workload, and the float32 bodies of the files it names (`dir`/x.f32, `dir`/y.f32). */
export function layeredPytorchJob(
  workload: LayeredWorkload,
  data: LayeredData,
  settings: { budgetMs: number; minEpochs: number; dir: string },
): { job: LayeredPytorchJob; inputs: Float32Array; targets: Float32Array } {
  const { spec } = workload;
  const samples = data.inputs.length;
  const inputShape = [...spec.model.input];
  const features = inputShape.reduce((a, b) => a * b, 1);
  const targetWidth = data.targets[0]!.length;
  const inputs = new Float32Array(samples * features);
  const targets = new Float32Array(samples * targetWidth);
  data.inputs.forEach((sample, i) => {
    // A sample may be nested ([4][100]) or flat (784 for [1, 28, 28]): either way, channels first, row-major.
    const flat = (sample as unknown[]).flat(Infinity) as number[];
    if (flat.length !== features) throw new Error(`${workload.name}: sample ${i} has ${flat.length} values, the model takes ${features}`);
    inputs.set(flat, i * features);
  });
  data.targets.forEach((target, i) => targets.set(target, i * targetWidth));
  const batching = spec.batching ?? { mode: 'full' };
  const batch = batching.mode === 'minibatch' ? batching.size : batching.mode === 'sgd' ? 1 : samples;
  return {
    job: {
      workload: workload.name,
      model: pytorchLayeredModel(spec.model, spec.loss),
      loss: pytorchLoss(spec.loss),
      optimizer: pytorchOptimizer(spec.optimizer),
      classes: spec.loss === 'softmax-ce',
      inputShape,
      samples,
      targetWidth,
      batch,
      seed: typeof spec.seed === 'number' ? spec.seed : 42,
      inputs: join(settings.dir, 'x.f32'),
      targets: join(settings.dir, 'y.f32'),
      budgetMs: settings.budgetMs,
      minEpochs: settings.minEpochs,
      threads: ['default', 1, 'cores'],
    },
    inputs,
    targets,
  };
}

/** What bench/pytorch_layered.py prints. */
export interface LayeredPytorchOutput {
  torch: string;
  /** The BLAS libraries torch had loaded, e.g. `libblas.so.3.11.0` (Debian's reference BLAS) or `libopenblasp-r0.3.21.so`. */
  blas?: string[];
  defaultThreads: number;
  cores: number;
  runs: { threads: number; default: boolean; msPerEpoch: number; msPerStep: number; epochs: number; steps: number; loss: number }[];
}

/**
 * A row's backend for a PyTorch run: `cpu` for PyTorch's default threads (as the MLP's PyTorch row), `cpu-1-thread`
 * and `cpu-N-threads` for the others, so each (workload, implementation, backend) names one row.
 */
export function pytorchBackend(run: { threads: number; default: boolean }): RowBackend {
  return run.default ? 'cpu' : `cpu-${run.threads}-thread${run.threads === 1 ? '' : 's'}`;
}

/** The rows of one workload's PyTorch runs. */
export function layeredPytorchRows(workload: LayeredWorkload, out: LayeredPytorchOutput): Row[] {
  const perEpoch = layeredStepsPerEpoch(workload);
  return out.runs.map((run) => ({
    workload: workload.name,
    backend: pytorchBackend(run),
    implementation: 'pytorch',
    msPerStep: run.msPerEpoch / perEpoch,
    msPerEpoch: run.msPerEpoch,
    stepsPerSecond: (1000 * perEpoch) / run.msPerEpoch,
    steps: run.steps,
    loss: run.loss,
    note: `torch ${out.torch}, ${run.threads} thread${run.threads === 1 ? '' : 's'}${run.default ? ' (its default)' : ''}, ${run.epochs} epochs timed`,
  }));
}

/** The PyTorch build as the bench's header and JSON name it: version, default threads, BLAS. */
export function pytorchVersion(out: Pick<LayeredPytorchOutput, 'torch' | 'blas' | 'defaultThreads' | 'cores'>): string {
  return `${out.torch} (default ${out.defaultThreads} thread${out.defaultThreads === 1 ? '' : 's'} of ${out.cores} cores${out.blas?.length ? `; BLAS ${out.blas.join(', ')}` : ''})`;
}

/** Trains one workload in PyTorch: its rows, or why there are none. */
export async function runPytorchLayered(workload: LayeredWorkload, settings: { budgetMs: number; minEpochs: number }): Promise<{ rows?: Row[]; version?: string; reason?: string }> {
  const { python, reason } = findPython();
  if (!python) return { reason };
  const data = await workload.data();
  const dir = mkdtempSync(join(tmpdir(), 'axon-bench-torch-'));
  try {
    const { job, inputs, targets } = layeredPytorchJob(workload, data, { ...settings, dir });
    writeFileSync(job.inputs, new Uint8Array(inputs.buffer, inputs.byteOffset, inputs.byteLength));
    writeFileSync(job.targets, new Uint8Array(targets.buffer, targets.byteOffset, targets.byteLength));
    const result = spawnSync(python, [join(ROOT, 'bench/pytorch_layered.py')], { input: JSON.stringify(job), encoding: 'utf8', timeout: 300_000 });
    if (result.status !== 0) return { reason: `bench/pytorch_layered.py failed: ${(result.stderr || String(result.error)).trim().split('\n').at(-1)}` };
    const out = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as LayeredPytorchOutput;
    return { rows: layeredPytorchRows(workload, out), version: pytorchVersion(out) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
