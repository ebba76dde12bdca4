/** Datasets by the names a widget attribute uses, e.g. `<axon-playground dataset="spiral">`. */
import type { Dataset, GeneratorOptions } from './dataset.ts';
import { circle, spiral, twoGaussians, xor } from './classification.ts';
import { cubic, curve1d, makeRegression, regressionPlane, type Spacing } from './regression.ts';

/** Every dataset name `datasetByName` accepts, regression first. */
export const datasetNames = ['plane', 'cubic', 'regression', 'sin', 'abs', 'step', 'bump', 'circle', 'xor', 'gauss', 'spiral'] as const;

/** A name from `datasetNames`. */
export type DatasetName = (typeof datasetNames)[number];

/** Options for `datasetByName`: the common ones plus extras that only some datasets read. */
export interface DatasetByNameOptions extends GeneratorOptions {
  /** 'regression' only: number of features (default 1, a scatter plot). */
  features?: number;
  /** 'regression' only: how many features carry signal (default all). */
  informative?: number;
  /** 'regression' only: the true coefficients (default drawn as 100·U(0, 1)). */
  coefficients?: number[];
  /** 'regression' only: the true intercept (default 0). */
  bias?: number;
  /** 'sin' | 'abs' | 'step' | 'bump' only: the x interval (default per curve). */
  interval?: [number, number];
  /** 'sin' | 'abs' | 'step' | 'bump' only: grid or random x (default 'random'). */
  spacing?: Spacing;
}

/** True when `name` is one of `datasetNames` (e.g. to validate a widget attribute before use). */
export function isDatasetName(name: string): name is DatasetName {
  return (datasetNames as readonly string[]).includes(name);
}

/** The dataset called `name`, generated with `options`; throws an Error listing the valid names otherwise. */
export function datasetByName(name: string, options: DatasetByNameOptions): Dataset {
  if (!isDatasetName(name)) {
    throw new Error(`Unknown dataset "${name}". Valid names: ${datasetNames.join(', ')}`);
  }
  const { samples, noise, random } = options;
  switch (name) {
    case 'plane':
      return regressionPlane({ samples, noise, random });
    case 'cubic':
      return cubic({ samples, noise, random });
    case 'regression':
      return makeRegression({ ...options, features: options.features ?? 1 });
    case 'sin':
    case 'abs':
    case 'step':
    case 'bump':
      return curve1d({ ...options, target: name });
    case 'circle':
      return circle({ samples, noise, random });
    case 'xor':
      return xor({ samples, noise, random });
    case 'gauss':
      return twoGaussians({ samples, noise, random });
    case 'spiral':
      return spiral({ samples, noise, random });
  }
}
