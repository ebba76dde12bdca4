/**
 * SVG path data for the widgets' curves: a line through sampled values that breaks where a value is not a
 * finite number (a diverged output, a pole) rather than drawing a spike to nowhere. Pure: no DOM, tested in Node.
 */
import type { Scale } from './axes.ts';

/** Options of `linePath`. */
export interface LinePathOptions {
  /** Clamp the drawn y (SVG units) to this interval, so a far-off value still leaves the plot in the right direction. */
  clampY?: readonly [number, number];
}

/**
 * The SVG path through the points (xs[i], ys[i]) mapped by `x` and `y`, to 0.1 unit; a value whose mapped y
 * is not finite lifts the pen, and the line starts again at the next finite one.
 */
export function linePath(xs: ArrayLike<number>, ys: ArrayLike<number>, x: Scale, y: Scale, options: LinePathOptions = {}): string {
  const clamp = options.clampY;
  let d = '';
  let pen = false;
  for (let i = 0; i < xs.length; i += 1) {
    const mapped = y(ys[i]!);
    if (!Number.isFinite(mapped)) {
      pen = false;
      continue;
    }
    const py = clamp ? Math.max(clamp[0], Math.min(clamp[1], mapped)) : mapped;
    d += `${pen ? 'L' : 'M'}${x(xs[i]!).toFixed(1)},${py.toFixed(1)}`;
    pen = true;
  }
  return d;
}
