/**
 * Heatmaps as pictures an SVG can hold: RGBA pixels encoded as a PNG data URL for an SVG `<image>`, coloured on
 * the shared diverging map (colour-maps.ts: orange for negative / class 0, a near-white grey at 0, purple for
 * positive / class 1).
 *
 * NOTE - reveal clones slides for print and canvas pixels are lost, so a canvas only encodes the PNG here: the
 * picture itself is the data URL, which survives cloning and printing.
 */
import { cssRgb, diverging, type Rgb } from './colour-maps.ts';

export type { Rgb } from './colour-maps.ts';

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

/** The colour of t ∈ [−1, 1] on the diverging map (clamped; NaN is a mid grey), as [r, g, b]. */
export function divergingColour(t: number): Rgb {
  return diverging(t);
}

/** CSS colour of t ∈ [−1, 1] on the diverging scale. */
export function cssColour(t: number): string {
  return cssRgb(diverging(t));
}

/** RGBA pixels (row-major) of shades t ∈ [−1, 1] on the diverging scale, for a heatmap PNG. */
export function shadePixels(shades: ArrayLike<number>): Uint8ClampedArray<ArrayBuffer> {
  return colourPixels(shades, divergingColour);
}

/** A PNG data URL of a square heatmap: `cells`×`cells` shades t ∈ [−1, 1] on the diverging scale, row 0 at the top. */
export function shadesToPng(shades: ArrayLike<number>, cells: number): string {
  return pngDataUrl(shadePixels(shades), cells, cells);
}
