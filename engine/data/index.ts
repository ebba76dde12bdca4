/** The engine's seeded datasets: generators, the by-name catalogue, train/test split and standardisation. */
export * from './dataset.ts';
export * from './regression.ts';
export * from './classification.ts';
export * from './split.ts';
export * from './standardize.ts';
export * from './catalog.ts';
