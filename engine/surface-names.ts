/**
 * What a loss surface is called and where a descent on it starts, with no TF.js: the names, the default
 * condition number and each surface's default learning rate. engine/surfaces.ts builds the surfaces from these;
 * `<loss-landscape>`'s settings table reads them too, so a deck's attributes are checked in plain Node when it
 * is built (components/widget-settings.ts), where TF.js does not load.
 */

export const SURFACES = ['quadratic', 'rosenbrock', 'himmelblau', 'saddle', 'six-hump-camel', 'regression'] as const;
export type SurfaceName = (typeof SURFACES)[number];

/** κ of the quadratic bowl when none is given. */
export const DEFAULT_CONDITION = 10;

/**
 * The learning rate a surface's descent starts with. The quadratic bowl's is 0.9 of its stability limit 2/κ (the
 * steep direction's), so plain gradient descent zigzags across the valley visibly without diverging.
 */
export function defaultLearningRate(name: SurfaceName, condition: number = DEFAULT_CONDITION): number {
  switch (name) {
    case 'quadratic':
      return Number((1.8 / condition).toPrecision(2));
    case 'rosenbrock':
      return 0.001;
    case 'himmelblau':
      return 0.01;
    case 'saddle':
      return 0.05;
    case 'six-hump-camel':
      return 0.02;
    case 'regression':
      return 0.05;
  }
}
