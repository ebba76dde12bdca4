import { describe, expect, it } from 'vitest';
import { TEXT_PX, svgTextSize } from './type-scale.ts';

describe('svgTextSize', () => {
  it('gives the user-unit size that draws at the floor, rounded up', () => {
    // A 480-unit viewBox drawn 400 px wide scales text by 5/6: 21 px needs 25.2 units.
    expect(svgTextSize(480, 400)).toBe(25.2);
    expect((svgTextSize(480, 400) * 400) / 480).toBeGreaterThanOrEqual(TEXT_PX);
    // Drawn at its own width, a unit is a pixel.
    expect(svgTextSize(600, 600)).toBe(21);
    expect(svgTextSize(600, 600, 24)).toBe(24);
  });

  it('falls back to the CSS size when a width is unknown', () => {
    expect(svgTextSize(0, 400)).toBe(TEXT_PX);
    expect(svgTextSize(480, Number.NaN)).toBe(TEXT_PX);
  });
});
