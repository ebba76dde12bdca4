/** MNIST digits shipped with the engine (the asset itself loads only when `mnistDigits` is first called). */
export { mnistDigits, corrupt, loadPackedDigits, MNIST_SOURCE, type DigitNoise, type MnistDigits, type MnistOptions } from './digits.ts';
export type { PackedDigits } from './format.ts';
