/** The engine's seeded datasets: generators, the by-name catalogue, train/test split and standardisation. */
export * from './dataset.ts';
export * from './regression.ts';
export * from './classification.ts';
export * from './split.ts';
export * from './standardize.ts';
export * from './catalog.ts';
export * from './dna.ts';
// NOTE - MNIST is not re-exported: importing it from here would put its 1 MB lazy chunk in every built site.
// Import engine/data/mnist/index.ts where the digits are wanted.
