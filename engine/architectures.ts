/**
 * The architectures lecture's reference networks, defined once: `npm run bench` times them (bench/
 * layered-workloads.ts) and the widgets train them (`<autoencoder-latent>`, `<conv-explorer>`), so what the
 * bench measures is what the room sees. Each is a layered trainer spec in PyTorch's layouts; the training
 * settings are the issue's: Adam at 1e-3 on minibatches of 64.
 */
import type { LayeredTrainerSpec } from './layered-spec.ts';

/** Adam's step and the minibatch every reference network trains with. */
export const REFERENCE_TRAINING = { optimizer: { kind: 'adam', learningRate: 0.001 }, batching: { mode: 'minibatch', size: 64 } } as const;

/** The denoising autoencoder: 784 → `hidden` → 2 → `hidden` → 784, ReLU, a linear 2-D code, sigmoid output, BCE. */
export function autoencoderSpec({ hidden = 128, seed, name = 'autoencoder' }: { hidden?: number; seed: number | string; name?: string }): LayeredTrainerSpec {
  return {
    model: {
      input: [784],
      layers: [
        { type: 'dense', units: hidden, activation: 'relu' },
        { type: 'dense', units: 2 },
        { type: 'dense', units: hidden, activation: 'relu' },
        { type: 'dense', units: 784 },
      ],
      output: 'sigmoid',
    },
    loss: 'bce',
    ...REFERENCE_TRAINING,
    seed,
    name,
  };
}

/** The digit CNN: 28×28 → conv2d 8@3×3 → ReLU → max-pool 2 → conv2d 16@3×3 → ReLU → max-pool 2 → flatten → dense 10, softmax CE. */
export function cnnDigitsSpec({ seed, name = 'cnn-digits' }: { seed: number | string; name?: string }): LayeredTrainerSpec {
  return {
    model: {
      input: [1, 28, 28],
      layers: [
        { type: 'conv2d', filters: 8, kernelSize: 3, activation: 'relu' },
        { type: 'max-pool2d', size: 2 },
        { type: 'conv2d', filters: 16, kernelSize: 3, activation: 'relu' },
        { type: 'max-pool2d', size: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 10 },
      ],
      output: 'softmax',
    },
    loss: 'softmax-ce',
    ...REFERENCE_TRAINING,
    seed,
    name,
  };
}

/** The motif finder: one-hot DNA [4, length] → conv1d `filters` of `width` → ReLU → global max-pool → dense 1, BCE. */
export function motifCnnSpec({ length, filters = 16, width = 12, seed, name = 'cnn-motif' }: { length: number; filters?: number; width?: number; seed: number | string; name?: string }): LayeredTrainerSpec {
  return {
    model: {
      input: [4, length],
      layers: [{ type: 'conv1d', filters, kernelSize: width, activation: 'relu' }, { type: 'global-max-pool1d' }, { type: 'flatten' }, { type: 'dense', units: 1 }],
      output: 'sigmoid',
    },
    loss: 'bce',
    ...REFERENCE_TRAINING,
    seed,
    name,
  };
}
