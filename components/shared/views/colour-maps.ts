/**
 * The two colour maps every widget draws its data with (issue 17, "one visual system"), both safe for the common
 * colour-vision deficiencies:
 *
 * - `sequential` — viridis, dark (t = 0, low) to light yellow (t = 1, high): loss surfaces and contour bands
 *   (loss-landscape, feature-scaling, gd-modes, gd-trajectory through components/shared/contour-map.ts);
 * - `diverging` — ColorBrewer's PuOr, orange (t = −1: negative, class 0) through a near-white grey (0) to purple
 *   (t = +1: positive, class 1): nn-playground's output heatmap, its points and its weights.
 *
 * Both come from d3-scale-chromatic and are sampled once into a lookup table, so colouring a heatmap's pixels
 * costs an array read each. Pure: no DOM, so models and Node tests may use them.
 *
 * Categorical colours (one per run, class or series, named in a legend) are not maps and stay with each widget.
 */
import { interpolatePuOr, interpolateViridis } from 'd3-scale-chromatic';

/** An [r, g, b] colour, each 0…255. */
export type Rgb = [number, number, number];

/** How many colours the diverging table holds: an odd count, so its middle (0) is a colour of its own. */
const DIVERGING_SAMPLES = 257;

/**
 * PuOr's ends are nearly black (d3's t = 0 is rgb(45 0 75)): the diverging map uses its 15 %…85 % stretch, so a
 * point filled at an end still shows its dark outline and a weight line still reads as a hue, not as ink.
 */
const DIVERGING_REACH = 0.35;

/** d3's colour strings: '#rrggbb' (viridis) or 'rgb(r, g, b)' (PuOr). */
function parseColour(colour: string): Rgb {
  if (colour.startsWith('#')) return [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as Rgb;
  const parts = colour.match(/\d+/g) ?? ['0', '0', '0'];
  return parts.slice(0, 3).map(Number) as Rgb;
}

// d3's viridis is itself a ramp of 256 colours, picked by ⌊256 t⌋: the same colours, read straight from a copy.
const VIRIDIS: readonly Rgb[] = Array.from({ length: 256 }, (_, i) => parseColour(interpolateViridis((i + 0.5) / 256)));
// PuOr runs purple (0) to orange (1) in d3: reversed here (entry 0 is t = −1), so that negative is orange.
const PU_OR: readonly Rgb[] = Array.from({ length: DIVERGING_SAMPLES }, (_, i) =>
  parseColour(interpolatePuOr(0.5 + DIVERGING_REACH * (1 - (2 * i) / (DIVERGING_SAMPLES - 1)))),
);

/** The grey a value that is not a number is drawn in, on either map. */
export const NOT_A_NUMBER: Rgb = [128, 128, 128];

/** The sequential map (viridis, exactly d3's `interpolateViridis`) at t ∈ [0, 1] (clamped; NaN is grey): dark = low. */
export function sequential(t: number): Rgb {
  if (!Number.isFinite(t)) return [...NOT_A_NUMBER];
  return [...VIRIDIS[Math.min(255, Math.max(0, Math.floor(t * 256)))]!];
}

/** The diverging map (PuOr) at t ∈ [−1, 1] (clamped; NaN is grey): orange for negative, purple for positive. */
export function diverging(t: number): Rgb {
  if (!Number.isFinite(t)) return [...NOT_A_NUMBER];
  const s = Math.min(1, Math.max(-1, t));
  return [...PU_OR[Math.round(((s + 1) / 2) * (DIVERGING_SAMPLES - 1))]!];
}

/** A colour as CSS: `rgb(r g b)`. */
export function cssRgb([r, g, b]: Rgb): string {
  return `rgb(${r} ${g} ${b})`;
}

/** A CSS `linear-gradient` (left to right) through `stops` + 1 evenly spaced colours of a map over [from, to]. */
export function cssGradient(map: (t: number) => Rgb, from: number, to: number, stops = 8): string {
  const colours = Array.from({ length: stops + 1 }, (_, i) => cssRgb(map(from + ((to - from) * i) / stops)));
  return `linear-gradient(90deg, ${colours.join(', ')})`;
}
