/** The diverging colour scale and the heatmap pixels (the PNG itself needs a page: e2e checks it). */
import { describe, expect, it } from 'vitest';
import { colourPixels, cssColour, divergingColour, pngDataUrl, shadePixels } from './heatmap.ts';

describe('the diverging colour scale', () => {
  it('runs orange (−1) through a near-white grey (0) to purple (+1) on PuOr, clamped, grey for NaN', () => {
    expect(divergingColour(-1)).toEqual([201, 110, 15]);
    expect(divergingColour(0)).toEqual([243, 238, 234]);
    expect(divergingColour(1)).toEqual([106, 77, 154]);
    expect(divergingColour(7)).toEqual([106, 77, 154]);
    expect(divergingColour(Number.NaN)).toEqual([128, 128, 128]);
    expect(cssColour(-1)).toBe('rgb(201 110 15)');
  });

  it('gives opaque RGBA pixels, one per value, in order', () => {
    expect(Array.from(shadePixels([-1, 1]))).toEqual([201, 110, 15, 255, 106, 77, 154, 255]);
    expect(Array.from(colourPixels([3], (v) => [v, v, v]))).toEqual([3, 3, 3, 255]);
  });

  it('encodes nothing outside a page', () => {
    expect(pngDataUrl(shadePixels([0]), 1, 1)).toBe('');
  });
});
