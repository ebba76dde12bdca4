/**
 * Heatmaps as pictures an SVG can hold: RGBA pixels encoded as a PNG data URL for an SVG `<image>`, and the
 * playground's diverging colour scale (orange for negative / class 0, a light grey at 0, blue for positive /
 * class 1) that colours them.
 *
 * NOTE - reveal clones slides for print and canvas pixels are lost, so a canvas only encodes the PNG here: the
 * picture itself is the data URL, which survives cloning and printing.
 */

/** An [r, g, b] colour, each 0…255. */
export type Rgb = [number, number, number];

/**
 * A PNG data URL of `width`×`height` RGBA pixels (row-major, row 0 at the top). Outside a page (Node: tests,
 * the benchmark) there is no canvas to encode with, and the picture is '' (nothing to draw).
 */
export function pngDataUrl(pixels: Uint8ClampedArray<ArrayBuffer>, width: number, height: number): string {
  if (typeof document === 'undefined') return '';
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')?.putImageData(new ImageData(pixels, width, height), 0, 0);
  return canvas.toDataURL('image/png');
}

/** RGBA pixels (row-major, opaque) of values coloured by `colour`. */
export function colourPixels(values: ArrayLike<number>, colour: (value: number) => Rgb): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i += 1) {
    const [r, g, b] = colour(values[i]!);
    pixels.set([r, g, b, 255], i * 4);
  }
  return pixels;
}

/** The playground's colours: orange for negative / class 0, a light grey at 0, blue for positive / class 1. */
const NEGATIVE = [245, 147, 34] as const;
const MIDDLE = [232, 234, 235] as const;
const POSITIVE = [8, 119, 189] as const;

/** The colour of t ∈ [−1, 1] on the diverging scale (clamped; NaN is a mid grey), as [r, g, b]. */
export function divergingColour(t: number): Rgb {
  if (!Number.isFinite(t)) return [128, 128, 128];
  const s = Math.max(-1, Math.min(1, t));
  const [from, to, u] = s < 0 ? [MIDDLE, NEGATIVE, -s] : [MIDDLE, POSITIVE, s];
  return [0, 1, 2].map((i) => Math.round(from[i]! + (to[i]! - from[i]!) * u)) as Rgb;
}

/** CSS colour of t ∈ [−1, 1] on the diverging scale. */
export function cssColour(t: number): string {
  const [r, g, b] = divergingColour(t);
  return `rgb(${r} ${g} ${b})`;
}

/** RGBA pixels (row-major) of shades t ∈ [−1, 1] on the diverging scale, for a heatmap PNG. */
export function shadePixels(shades: ArrayLike<number>): Uint8ClampedArray<ArrayBuffer> {
  return colourPixels(shades, divergingColour);
}

/** A PNG data URL of a square heatmap: `cells`×`cells` shades t ∈ [−1, 1] on the diverging scale, row 0 at the top. */
export function shadesToPng(shades: ArrayLike<number>, cells: number): string {
  return pngDataUrl(shadePixels(shades), cells, cells);
}
