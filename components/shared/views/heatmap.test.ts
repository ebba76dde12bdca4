/** The diverging colour scale and the heatmap pixels (the PNG itself needs a page: e2e checks it). */
import { describe, expect, it } from 'vitest';
import { colourPixels, cssColour, divergingColour, pngDataUrl, shadePixels } from './heatmap.ts';

describe('the diverging colour scale', () => {
  it('runs orange (−1) through grey (0) to blue (+1), clamped, grey for NaN', () => {
    expect(divergingColour(-1)).toEqual([245, 147, 34]);
    expect(divergingColour(0)).toEqual([232, 234, 235]);
    expect(divergingColour(1)).toEqual([8, 119, 189]);
    expect(divergingColour(7)).toEqual([8, 119, 189]);
    expect(divergingColour(Number.NaN)).toEqual([128, 128, 128]);
    expect(cssColour(-1)).toBe('rgb(245 147 34)');
  });

  it('gives opaque RGBA pixels, one per value, in order', () => {
    expect(Array.from(shadePixels([-1, 1]))).toEqual([245, 147, 34, 255, 8, 119, 189, 255]);
    expect(Array.from(colourPixels([3], (v) => [v, v, v]))).toEqual([3, 3, 3, 255]);
  });

  it('encodes nothing outside a page', () => {
    expect(pngDataUrl(shadePixels([0]), 1, 1)).toBe('');
  });
});
