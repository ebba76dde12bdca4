/**
 * The architectures lecture's workloads for `npm run bench` (issue 18): a dense autoencoder on MNIST digits, a
 * motif-finding 1-D CNN on DNA and a small 2-D CNN on digits, each with its data from the engine's shipped
 * sets. Pure (no TF.js, no DOM): the bench page builds the engine's trainer and TF.js Layers' model from the same
 * spec and the same rows. A row's step is one minibatch update; an epoch is `stepsPerEpoch` of them.
 */
import { REFERENCE_TRAINING, autoencoderSpec, cnnDigitsSpec, motifCnnSpec } from '../engine/architectures.ts';
import { dnaMotifs } from '../engine/data/dna.ts';
import { mnistDigits } from '../engine/data/mnist/digits.ts';
import type { LayeredData, LayeredTrainerSpec } from '../engine/layered-trainer.ts';
import { stepMultiplyAdds } from '../engine/worker/heavy.ts';

export interface LayeredWorkload {
  /** Row name, e.g. `cnn-motif`. */
  name: string;
  /** One line for the table's legend. */
  description: string;
  spec: LayeredTrainerSpec;
  /** Samples (PyTorch's layout, channels first) and their targets, seeded. */
  data: () => Promise<LayeredData>;
  /** Samples per epoch (every sample once). */
  samples: number;
}

const SEED = 42;
const SAMPLES = 2000;
const BATCH = REFERENCE_TRAINING.batching.size;

/** The digits as flat rows of 784 pixels in [0, 1] and one-hot labels of 10. */
async function digitRows(): Promise<{ pixels: number[][]; oneHot: number[][] }> {
  const digits = await mnistDigits({ count: SAMPLES, seed: SEED });
  const size = digits.rows * digits.cols;
  const pixels = Array.from({ length: digits.count }, (_, i) => Array.from(digits.images.subarray(i * size, (i + 1) * size)));
  const oneHot = Array.from(digits.labels, (label) => Array.from({ length: 10 }, (_, k) => (k === label ? 1 : 0)));
  return { pixels, oneHot };
}

export const LAYERED_WORKLOADS: readonly LayeredWorkload[] = [
  {
    name: 'autoencoder-mnist',
    description: `784→128→2→128→784 ReLU autoencoder, sigmoid output, binary cross-entropy on the pixels, ${SAMPLES} MNIST digits, minibatch ${BATCH}, Adam 1e-3`,
    spec: autoencoderSpec({ seed: SEED, name: 'bench autoencoder-mnist' }),
    data: async () => {
      const { pixels } = await digitRows();
      return { inputs: pixels, targets: pixels };
    },
    samples: SAMPLES,
  },
  {
    name: 'cnn-motif',
    description: `one-hot DNA of length 100 (${SAMPLES} sequences, half with NF-κB's motif planted) → conv1d 16 filters of width 12 → ReLU → global max-pool → dense 1, binary cross-entropy, minibatch ${BATCH}, Adam 1e-3`,
    spec: motifCnnSpec({ length: 100, seed: SEED, name: 'bench cnn-motif' }),
    data: async () => {
      const set = dnaMotifs({ count: SAMPLES, length: 100, seed: SEED });
      const length = 100;
      // dnaMotifs gives position-major rows (one-hot per position); the model takes channels first, [4][100].
      const inputs = Array.from({ length: SAMPLES }, (_, i) => Array.from({ length: 4 * length }, (_, k) => set.oneHot[(i * length + (k % length)) * 4 + Math.floor(k / length)]!));
      return { inputs, targets: Array.from(set.labels, (label) => [label]) };
    },
    samples: SAMPLES,
  },
  {
    name: 'cnn-digits',
    description: `28×28 digits → conv2d 8@3×3 → ReLU → max-pool 2 → conv2d 16@3×3 → ReLU → max-pool 2 → flatten → dense 10, softmax cross-entropy, ${SAMPLES} MNIST digits, minibatch ${BATCH}, Adam 1e-3`,
    spec: cnnDigitsSpec({ seed: SEED, name: 'bench cnn-digits' }),
    data: async () => {
      const { pixels, oneHot } = await digitRows();
      return { inputs: pixels, targets: oneHot };
    },
    samples: SAMPLES,
  },
];

/** The layered workload of this name, or undefined. */
export function layeredWorkloadByName(name: string): LayeredWorkload | undefined {
  return LAYERED_WORKLOADS.find((w) => w.name === name);
}

/** Minibatch updates in one epoch of a workload. */
export function layeredStepsPerEpoch(workload: LayeredWorkload): number {
  const batching = workload.spec.batching ?? { mode: 'full' };
  const size = batching.mode === 'minibatch' ? batching.size : batching.mode === 'sgd' ? 1 : workload.samples;
  return Math.ceil(workload.samples / size);
}

/** Multiply-adds of one epoch of a workload by name (forward + backward ≈ 3 × forward), for the GFLOP/s lines. */
export function layeredEpochMultiplyAdds(name: string): number | undefined {
  const workload = layeredWorkloadByName(name);
  if (!workload) return undefined;
  const batching = workload.spec.batching ?? { mode: 'full' };
  const batch = batching.mode === 'minibatch' ? batching.size : batching.mode === 'sgd' ? 1 : workload.samples;
  // Every step but the last is a full batch; the last takes what is left.
  const full = Math.floor(workload.samples / batch);
  const rest = workload.samples - full * batch;
  return full * stepMultiplyAdds(workload.spec, batch) + (rest ? stepMultiplyAdds(workload.spec, rest) : 0);
}
