/**
 * Stroke geometry, pure: the outline of a stroke as an SVG path (perfect-freehand smooths it and widens it
 * with the pen's pressure), and the eraser's hit test (which whole strokes a rub touches).
 */
import { getStroke } from 'perfect-freehand';
import type { Stroke, StrokePoint } from './format.ts';

/** How each tool looks: a pen follows pressure; a highlighter is an even band with square-ish ends. */
const OUTLINE_OPTIONS = {
  pen: { thinning: 0.5, smoothing: 0.5, streamline: 0.4, simulatePressure: false },
  highlighter: { thinning: 0, smoothing: 0.6, streamline: 0.5, simulatePressure: false, start: { cap: false }, end: { cap: false } },
} as const;

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The stroke's outline as an SVG path (`d`), filled with the stroke's colour. `live` for a stroke still
 * being drawn (its end is not tapered yet). Quadratic curves through the outline's midpoints keep it smooth
 * at any zoom: crisp on a projector and on paper.
 */
export function strokePath(stroke: Stroke, live = false): string {
  const outline = getStroke(stroke.points, { size: stroke.size, last: !live, ...OUTLINE_OPTIONS[stroke.tool] });
  if (outline.length < 2) return '';
  const first = outline[0]!;
  let d = `M${round(first[0]!)},${round(first[1]!)} Q`;
  for (let i = 0; i < outline.length; i += 1) {
    const [x0, y0] = outline[i]!;
    const [x1, y1] = outline[(i + 1) % outline.length]!;
    d += `${round(x0!)},${round(y0!)} ${round((x0! + x1!) / 2)},${round((y0! + y1!) / 2)} `;
  }
  return `${d}Z`;
}

/** Distance from point p to the segment a–b. */
export function distanceToSegment(p: readonly [number, number], a: StrokePoint | readonly [number, number], b: StrokePoint | readonly [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** True when an eraser of `radius` (slide pixels) at `at` touches the stroke's line (its width counted). */
export function touchesStroke(stroke: Stroke, at: readonly [number, number], radius: number): boolean {
  const reach = radius + stroke.size / 2;
  const { points } = stroke;
  if (points.length === 1) return Math.hypot(at[0] - points[0]![0], at[1] - points[0]![1]) <= reach;
  for (let i = 1; i < points.length; i += 1) {
    if (distanceToSegment(at, points[i - 1]!, points[i]!) <= reach) return true;
  }
  return false;
}

/**
 * The indices of the strokes an eraser rub touches: the rub is the path from `from` to `to` (one pointer
 * move), so a quick rub across a stroke catches it even when no sampled position lands on it.
 */
export function strokesTouched(strokes: readonly Stroke[], from: readonly [number, number], to: readonly [number, number], radius: number): number[] {
  const steps = Math.max(1, Math.ceil(Math.hypot(to[0] - from[0], to[1] - from[1]) / Math.max(1, radius)));
  const touched: number[] = [];
  strokes.forEach((stroke, index) => {
    for (let s = 0; s <= steps; s += 1) {
      const at: [number, number] = [from[0] + ((to[0] - from[0]) * s) / steps, from[1] + ((to[1] - from[1]) * s) / steps];
      if (touchesStroke(stroke, at, radius)) {
        touched.push(index);
        return;
      }
    }
  });
  return touched;
}
