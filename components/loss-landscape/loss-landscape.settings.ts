/**
 * `<loss-landscape>`'s settings table and the ranges it checks, apart from the model so that it loads without
 * TF.js: a deck's attributes are checked against it in plain Node when the deck is built
 * (components/widget-settings.ts). The model re-exports all of it.
 */
import { OPTIMIZERS, type OptimizerKind } from '../../engine/optimizer-names.ts';
import { DEFAULT_CONDITION, SURFACES, defaultLearningRate, type SurfaceName } from '../../engine/surface-names.ts';
import { boolean, choice, defineSettings, number, text, wholeNumber, type SettingValues } from '../shared/runtime/settings.ts';

/** The learning-rate slider's range (and the `lr` attribute's). */
export const LEARNING_RATE_RANGE = { min: 1e-4, max: 1 } as const;
/** The slider moves in twentieths of a decade (×1.12 per arrow key). */
export const LEARNING_RATE_SLIDER_STEP = 0.05;
export const MOMENTUM_RANGE = { min: 0, max: 0.99 } as const;
export const DEFAULT_MOMENTUM = 0.9;
export const CONDITION_RANGE = { min: 1, max: 1000 } as const;
export const STEPS_PER_SECOND_RANGE = { min: 1, max: 120 } as const;
export const DEFAULT_STEPS_PER_SECOND = 10;
/**
 * The attributes (README: Widgets). Order matters: the learning rate's default follows the surface, and the
 * start and the comparison are read as text here and checked against the surface in landscapeConfig.
 */
export const landscapeSettings = defineSettings({
  surface: { attribute: 'surface', parse: choice(SURFACES), default: 'quadratic' as SurfaceName },
  condition: { attribute: 'condition', parse: number(CONDITION_RANGE), default: DEFAULT_CONDITION },
  seed: { attribute: 'seed', parse: wholeNumber(), default: 1 },
  start: { attribute: 'start', parse: text(), default: '' },
  learningRate: {
    attribute: 'lr',
    aliases: ['learning-rate'],
    parse: number(LEARNING_RATE_RANGE),
    default: (above: Record<string, unknown>) => defaultLearningRate(above.surface as SurfaceName, above.condition as number),
  },
  optimizer: { attribute: 'optimizer', aliases: ['optimiser'], parse: choice(OPTIMIZERS), default: 'sgd' as OptimizerKind },
  momentum: { attribute: 'momentum', parse: number(MOMENTUM_RANGE), default: DEFAULT_MOMENTUM },
  stepsPerSecond: { attribute: 'steps-per-second', parse: number(STEPS_PER_SECOND_RANGE), default: DEFAULT_STEPS_PER_SECOND },
  compare: { attribute: 'compare', parse: text(), default: '' },
  autoplay: { attribute: 'autoplay', parse: boolean(), default: false },
});

export type LandscapeSettings = SettingValues<typeof landscapeSettings.table>;
