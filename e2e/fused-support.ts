/**
 * The fused paths against the op-by-op path inside the page, through `window.axon.engine`: the same spec
 * and seed on two paths, step by step. The Node unit tests (engine/fused/fused.test.ts) do this for the CPU
 * kernels under Node; these runs check them in Chromium, and the WebGPU kernel, which only a browser has.
 */
import type { Page } from '@playwright/test';
import type { TrainingPath } from '../engine/fused/choose.ts';
import type { Case } from '../engine/fused/fused.cases.ts';

export interface PathRun {
  path: string;
  losses: number[];
  weights: number[];
  predictions: number[];
}

/** Runs a case (engine/fused/fused.cases.ts, handed to the page as JSON) on one path in the page: a readback after every step, then the weights and a few predictions. */
export async function runOnPath(page: Page, c: Case, path: TrainingPath): Promise<PathRun> {
  return page.evaluate(
    async ({ c, path }) => {
      const trainer = window.axon!.engine!.createTrainer({ ...c.spec, seed: 5, path }, c.data);
      const losses: number[] = [];
      for (let s = 0; s < c.steps; s += 1) {
        trainer.step(1);
        losses.push((await trainer.readBack())!.loss);
      }
      const weights = (await trainer.readWeights()).flatMap((layer) => [...layer.weights.flat(), ...layer.biases]);
      const inputs = c.data.inputs.slice(0, 3);
      const predictions = [...(await trainer.predictMany(Float32Array.from(inputs.flat()), inputs.length))];
      const taken = trainer.path;
      trainer.dispose();
      return { path: taken, losses, weights, predictions };
    },
    { c, path },
  );
}

/** Where two runs differ beyond float32 rounding (relative 1e-3, absolute 1e-4), or undefined. */
export function difference(fused: PathRun, reference: PathRun): string | undefined {
  for (const key of ['losses', 'weights', 'predictions'] as const) {
    const a = fused[key];
    const b = reference[key];
    if (a.length !== b.length) return `${key}: ${a.length} values against ${b.length}`;
    for (let i = 0; i < a.length; i += 1) {
      if (!(Math.abs(a[i]! - b[i]!) <= 1e-4 + 1e-3 * Math.abs(b[i]!))) return `${key}[${i}]: ${fused.path} ${a[i]}, ${reference.path} ${b[i]}`;
    }
  }
  return undefined;
}
