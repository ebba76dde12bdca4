/** The shared colour maps against d3-scale-chromatic itself, and the properties the widgets' legends rely on. */
import { interpolatePuOr, interpolateViridis } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { cssGradient, cssRgb, diverging, sequential } from './colour-maps.ts';

const hex = ([r, g, b]: number[]) => `#${[r, g, b].map((v) => v!.toString(16).padStart(2, '0')).join('')}`;
/** Relative luminance's ordering is enough here: the Rec. 709 weights on the 0…255 values. */
const luminance = ([r, g, b]: number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;

describe('the sequential map', () => {
  it('is d3’s viridis, dark (low) to light (high), clamped, grey for NaN', () => {
    for (const t of [0, 0.05, 0.33, 0.5, 0.77, 0.999, 1]) expect(hex(sequential(t))).toBe(interpolateViridis(t));
    expect(sequential(-3)).toEqual(sequential(0));
    expect(sequential(4)).toEqual([0xfd, 0xe7, 0x25]);
    expect(sequential(Number.NaN)).toEqual([128, 128, 128]);
    for (let t = 0; t < 0.95; t += 0.05) expect(luminance(sequential(t + 0.05))).toBeGreaterThan(luminance(sequential(t)));
  });
});

describe('the diverging map', () => {
  it('is PuOr from orange (−1) through its light middle (0) to purple (+1), its darkest ends left out', () => {
    expect(cssRgb(diverging(0))).toBe(interpolatePuOr(0.5).replace(/,/g, ''));
    expect(cssRgb(diverging(-1))).toBe(interpolatePuOr(0.85).replace(/,/g, ''));
    expect(cssRgb(diverging(1))).toBe(interpolatePuOr(0.15).replace(/,/g, ''));
    const [r0, , b0] = diverging(-1);
    const [r1, , b1] = diverging(1);
    expect(r0).toBeGreaterThan(b0); // orange: more red than blue
    expect(b1).toBeGreaterThan(r1); // purple: more blue than red
    expect(diverging(-9)).toEqual(diverging(-1));
    expect(diverging(Number.NaN)).toEqual([128, 128, 128]);
  });

  it('darkens from the middle out on both sides, so |t| reads as strength whatever the hue', () => {
    for (const side of [-1, 1]) {
      for (let u = 0.1; u <= 1.0001; u += 0.1) expect(luminance(diverging(side * u))).toBeLessThan(luminance(diverging(side * (u - 0.1))));
    }
  });

  it('writes a legend bar as a CSS gradient of the map', () => {
    expect(cssGradient(diverging, -1, 1, 2)).toBe(`linear-gradient(90deg, ${cssRgb(diverging(-1))}, ${cssRgb(diverging(0))}, ${cssRgb(diverging(1))})`);
  });
});
