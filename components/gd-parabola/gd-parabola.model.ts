/**
 * Gradient descent on the parabola L(w) = (w − 3)², one step at a time: the smallest widget that advances in
 * time, written as the README's "Adding a widget" walkthrough builds it. A step is w ← w − η · 2(w − 3), so
 * w after t steps is 3 + (w₀ − 3)(1 − 2η)ᵗ: it creeps for a small η, lands in one step at η = ½, zigzags
 * above it and grows without bound above η = 1.
 */
import { defineSettings, number, wholeNumber } from '../shared/runtime/settings.ts';

/** Where the loss is smallest. */
export const MINIMUM = 3;

/** The attributes (README: Widgets): `lr` (alias `learning-rate`), `start`, `steps`. */
export const gdParabolaSettings = defineSettings({
  learningRate: { attribute: 'lr', aliases: ['learning-rate'], parse: number({ min: 0.001, max: 1.5 }), default: 0.1 },
  start: { attribute: 'start', parse: number({ min: -10, max: 10 }), default: -2 },
  steps: { attribute: 'steps', parse: wholeNumber({ min: 1, max: 1000 }), default: 30 },
});

/** L(w) = (w − 3)². */
export function loss(w: number): number {
  return (w - MINIMUM) ** 2;
}

/** One step of gradient descent: w − η L′(w), with L′(w) = 2(w − 3). */
export function descend(w: number, learningRate: number): number {
  return w - learningRate * 2 * (w - MINIMUM);
}

/** The closed form after `steps` steps from `start`: 3 + (start − 3)(1 − 2η)^steps. */
export function afterSteps(start: number, learningRate: number, steps: number): number {
  return MINIMUM + (start - MINIMUM) * (1 - 2 * learningRate) ** steps;
}
