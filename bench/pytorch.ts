/**
 * The PyTorch peer of `npm run bench`: bench/pytorch_mlp.py times the lecture notebook's MLP on the CPU,
 * with the same data and learning rate as the browser rows, when a python3 here can import torch.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Row } from './report.ts';
import { MLP_WORKLOAD, workloadByName } from './workloads.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

let found: { python?: string; reason?: string } | undefined;

/**
 * The first of $AXON_BENCH_PYTHON, python3, /usr/bin/python3 that can import torch (and numpy, which Debian's
 * python3-torch depends on), or why none can. Probed once per run: each probe imports torch, a second or two.
 */
export function findPython(): { python?: string; reason?: string } {
  if (found) return found;
  // python3 on PATH may be a pyenv shim that cannot see Debian's packages; /usr/bin/python3 can.
  const pythons = [process.env.AXON_BENCH_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => Boolean(p));
  const python = pythons.find((p) => {
    const probe = spawnSync(p, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
    return !probe.error && probe.status === 0;
  });
  found = python ? { python } : { reason: `no python3 here can import torch (tried ${pythons.join(', ')}; Debian: apt-get install python3-torch, or set AXON_BENCH_PYTHON)` };
  return found;
}

/** PyTorch on the CPU, for the MLP workload only; undefined (with a line said) when torch is absent. */
export function runPytorch(settings: { budgetMs: number; warmupMs: number }): { row?: Row; version?: string; reason?: string } {
  const { python, reason } = findPython();
  if (!python) return { reason };
  const workload = workloadByName(MLP_WORKLOAD);
  const data = workload.data();
  const job = {
    layers: workload.spec.network.layers,
    hidden: workload.spec.network.hidden,
    lr: workload.spec.optimizer.learningRate,
    inputs: data.inputs,
    targets: data.targets,
    budgetMs: settings.budgetMs,
    warmupMs: settings.warmupMs,
    minSteps: 3,
  };
  const result = spawnSync(python, [join(ROOT, 'bench/pytorch_mlp.py')], { input: JSON.stringify(job), encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) return { reason: `bench/pytorch_mlp.py failed: ${(result.stderr || String(result.error)).trim().split('\n').at(-1)}` };
  const out = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { msPerStep: number; stepsPerSecond: number; steps: number; loss: number; torch: string; threads: number };
  return {
    version: `${out.torch} (${out.threads} threads)`,
    row: {
      workload: MLP_WORKLOAD,
      backend: 'cpu',
      implementation: 'pytorch',
      msPerStep: out.msPerStep,
      stepsPerSecond: out.stepsPerSecond,
      steps: out.steps,
      loss: out.loss,
      note: `torch ${out.torch}, ${out.threads} threads`,
    },
  };
}
