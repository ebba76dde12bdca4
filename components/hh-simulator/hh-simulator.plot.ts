/**
 * Plot arithmetic for the simulator's SVG views: linear scales, round tick values, and decimation of a
 * long trace to at most two points per pixel column. Pure: no DOM, tested in Node.
 */
import { formatNumber, JS_PLAIN } from '../shared/views/format-number.ts';

/** A linear map from a data interval onto a pixel interval (pixels may run backwards, as y does). */
export interface LinearScale {
  (value: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

/** A linear scale from `domain` onto `range`. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = (r1 - r0) / (d1 - d0 || 1);
  const scale = ((value: number) => r0 + (value - d0) * k) as LinearScale;
  scale.domain = domain;
  scale.range = range;
  return scale;
}

/** Round tick values (1, 2 or 5 × 10^k apart) covering [min, max], about `target` of them. */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  const first = Math.ceil(min / step - 1e-9);
  for (let i = first; i * step <= max + step * 1e-9; i += 1) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** A tick label: no trailing zeros, a true minus sign. */
export function formatTick(value: number): string {
  return formatNumber(value, { digits: 6, plain: JS_PLAIN });
}

/**
 * The points to draw for samples (x[i], y[i]) on `columns` pixel columns across [x0, x1]: in each column
 * the lowest and the highest sample, in the order they occur, so that every spike keeps its full height
 * while a 10,000-sample trace becomes at most 2 × columns points. Returns flat [x, y, x, y, …] in data units.
 */
export function decimate(x: ArrayLike<number>, y: ArrayLike<number>, x0: number, x1: number, columns: number): number[] {
  const points: number[] = [];
  const width = (x1 - x0) / columns;
  let column = -1;
  let lowIndex = -1;
  let highIndex = -1;
  const flush = () => {
    if (lowIndex < 0) return;
    const [a, b] = lowIndex <= highIndex ? [lowIndex, highIndex] : [highIndex, lowIndex];
    points.push(x[a]!, y[a]!);
    if (b !== a) points.push(x[b]!, y[b]!);
  };
  for (let i = 0; i < x.length; i += 1) {
    const value = y[i]!;
    if (!Number.isFinite(value)) continue;
    const c = Math.min(columns - 1, Math.max(0, Math.floor((x[i]! - x0) / width)));
    if (c !== column) {
      flush();
      column = c;
      lowIndex = i;
      highIndex = i;
    } else {
      if (value < y[lowIndex]!) lowIndex = i;
      if (value > y[highIndex]!) highIndex = i;
    }
  }
  flush();
  return points;
}

/** An SVG path through flat [x, y, …] data points, mapped by the two scales, to 0.1 px. */
export function pathThrough(points: readonly number[], sx: (v: number) => number, sy: (v: number) => number): string {
  let d = '';
  for (let i = 0; i < points.length; i += 2) {
    d += `${i ? 'L' : 'M'}${sx(points[i]!).toFixed(1)},${sy(points[i + 1]!).toFixed(1)}`;
  }
  return d;
}
