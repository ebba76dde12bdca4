/**
 * Axes for the widgets' SVG plots, on d3-scale: linear and log scales, round tick values, tick labels with a
 * true minus sign, and decade labels (10⁻³) for log axes. Pure: no DOM, no Lit, tested in Node.
 * Used by `<nn-playground>`, `<ua-fitter>`, the contour map (components/shared/contour-map.ts) and the loss
 * chart (loss-chart.ts).
 */
import { scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3-scale';

/** A map from data values to SVG units (a d3 linear scale is one). */
export type Scale = (value: number) => number;

/** The linear map from `domain` onto `range` (y runs backwards: give the range bottom first). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): ScaleLinear<number, number> {
  return scaleLinear().domain(domain).range(range);
}

/**
 * Round tick values 1, 2 or 5 × 10ⁿ apart inside [low, high], at most about `count` intervals: the step is the
 * smallest round one at least (high − low) / count. (d3's `ticks` takes the nearest round step instead, which
 * can give more labels than a small plot has room for.)
 */
export function roundTicks(low: number, high: number, count = 5): number[] {
  if (!(high > low)) return [low];
  const raw = (high - low) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * (1 - 1e-12)) ?? 10 * power;
  const ticks: number[] = [];
  for (let i = Math.ceil(low / step - 1e-9); i * step <= high + step * 1e-9; i += 1) ticks.push(clean(i * step));
  return ticks;
}

/** Tick values and labels for a linear axis (d3's nice ticks), minus signs typeset as "−". */
export function axisTicks(scale: ScaleLinear<number, number>, count: number): Array<{ value: number; label: string; at: number }> {
  const format = scale.tickFormat(count);
  return scale.ticks(count).map((value) => ({ value, label: format(value).replace(/-/g, '−'), at: scale(value) }));
}

/** A tick label: round numbers as written, a true minus sign, exponents for large and small ones. */
export function tickLabel(value: number): string {
  if (value !== 0 && (Math.abs(value) >= 1e4 || Math.abs(value) < 1e-3)) {
    const [mantissa, exponent] = value.toExponential().split('e');
    return `${mantissa === '1' ? '' : `${mantissa}·`}10${superscript(Number(exponent))}`.replaceAll('-', '−');
  }
  return String(clean(value)).replaceAll('-', '−');
}

/** A short label for an axis end: 2 significant digits, a true minus sign. */
export function shortNumber(value: number): string {
  return String(Number(value.toPrecision(2))).replace('-', '−');
}

/** "⁻³" for −3. */
export function superscript(exponent: number): string {
  const digits: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
  return String(exponent)
    .split('')
    .map((c) => digits[c] ?? c)
    .join('');
}

/** "10⁻³" for −3: a decade's label on a log axis. */
export function decadeLabel(exponent: number): string {
  return `10${superscript(exponent)}`;
}

/** The decade exponents from `low` to `high` (both included) and which of them carry a label: about `labels` of them. */
export function decadeTicks([low, high]: readonly [number, number], labels: number): Array<{ exponent: number; labelled: boolean }> {
  const count = high - low + 1;
  const every = Math.ceil(count / labels);
  return Array.from({ length: count }, (_, i) => ({ exponent: low + i, labelled: i % every === 0 }));
}

/** A log-scaled loss axis from `low` to `high` (rounded out to 1, 2 or 5 × 10ⁿ). */
export function lossScale(low: number, high: number, range: readonly [number, number]): ScaleLogarithmic<number, number> {
  const bottom = roundLog(Math.max(low, 1e-12), 'down');
  const top = Math.max(roundLog(Math.max(high, bottom * 2), 'up'), bottom * 2);
  return scaleLog().domain([bottom, top]).range(range);
}

function roundLog(value: number, direction: 'up' | 'down'): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const steps = [1, 2, 5, 10];
  const mantissa = value / power;
  const chosen = direction === 'down' ? [...steps].reverse().find((s) => s <= mantissa * (1 + 1e-9))! : steps.find((s) => s >= mantissa * (1 - 1e-9))!;
  return clean(chosen * power);
}

/** Tick values of a log axis: powers of ten, and 2 and 5 times them when the axis spans few decades. */
export function logTicks(scale: ScaleLogarithmic<number, number>): number[] {
  const [low, high] = scale.domain() as [number, number];
  const decades = Math.log10(high / low);
  const mantissas = decades <= 1.2 ? [1, 2, 5] : decades <= 2.5 ? [1, 3] : [1];
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(low)); e <= Math.ceil(Math.log10(high)); e += 1) {
    for (const m of mantissas) {
      const value = clean(m * 10 ** e);
      if (value >= low * (1 - 1e-9) && value <= high * (1 + 1e-9)) ticks.push(value);
    }
  }
  const every = Math.ceil(ticks.length / 6);
  return ticks.filter((_, i) => i % every === 0);
}

/** A number without float noise (12 significant digits) and without a negative zero. */
export function clean(value: number): number {
  return Number(value.toPrecision(12)) + 0;
}
