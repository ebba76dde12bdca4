/**
 * The numbers `<nn-playground>`'s status and loss chart show: the data loss of a set (as the playground shows
 * it, without the penalty), the accuracy, and how a loss is written for the room. Pure; the model re-exports
 * them (nn-playground.model.ts).
 */
import { formatNumber } from '../shared/views/format-number.ts';
import type { Problem } from './nn-playground.model.ts';

/** Probabilities are clipped this far from 0 and 1 so the cross-entropy of a confident mistake stays finite. */
const PROBABILITY_FLOOR = 1e-7;

/**
 * The loss shown for a set (without the regularisation penalty, as the playground shows it): mean squared
 * error for regression, mean binary cross-entropy of P(class 1) for classification. NaN if any output is.
 */
export function dataLoss(problem: Problem, outputs: ArrayLike<number>, targets: readonly (readonly number[])[]): number {
  if (targets.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < targets.length; i += 1) {
    const y = targets[i]![0]!;
    const out = outputs[i]!;
    if (problem === 'regression') sum += (out - y) ** 2;
    else {
      const p = Math.min(Math.max(out, PROBABILITY_FLOOR), 1 - PROBABILITY_FLOOR);
      sum += -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
    }
  }
  return sum / targets.length;
}

/** Fraction of points whose class (P ≥ 0.5 → 1) matches the label. */
export function accuracy(outputs: ArrayLike<number>, targets: readonly (readonly number[])[]): number {
  if (targets.length === 0) return Number.NaN;
  let right = 0;
  for (let i = 0; i < targets.length; i += 1) if ((outputs[i]! >= 0.5 ? 1 : 0) === targets[i]![0]) right += 1;
  return right / targets.length;
}

/** A loss as the loss plot's label gives it: 3 significant digits, zeros kept, "diverged" when it is not a finite number. */
export function formatLoss(loss: number): string {
  return Number.isFinite(loss) ? formatNumber(loss, { digits: 3, zeros: 'keep', plain: [1e-3, 1e3] }) : 'diverged';
}

/**
 * A loss as the status line writes it for the room (issue 17): 3 significant figures, a power of ten
 * (`2.5×10⁻⁵`) rather than `e-5` notation, and `<10⁻⁶` below 10⁻⁶ — no space inside, so the status reads as
 * `train loss <one word>`; not a number reads `diverged`.
 */
export function statusLoss(loss: number): string {
  if (!Number.isFinite(loss)) return 'diverged';
  return formatNumber(loss, { digits: 3, floor: 1e-6 }).replace(/\u00a0/g, '');
}
