import { describe, expect, it } from 'vitest';
import { withPowersOfTen } from './regression-views.ts';

describe('withPowersOfTen', () => {
  it('writes e-notation in a status line as a power of ten, 4 significant figures, and leaves other numbers alone', () => {
    expect(withPowersOfTen('step 59 · β₁ = 1.1562e+6, β₂ = −78033 · loss = 1.6301e+12')).toBe('step 59 · β₁ = 1.156\u00a0×\u00a010⁶, β₂ = −78033 · loss = 1.63\u00a0×\u00a010¹²');
    expect(withPowersOfTen('loss = 2.2737e−13')).toBe('loss = 2.274\u00a0×\u00a010⁻¹³');
    expect(withPowersOfTen('w = (−3.4e−5, 0.12)')).toBe('w = (−3.4\u00a0×\u00a010⁻⁵, 0.12)');
    expect(withPowersOfTen('step 3 · w1 = −1.5, w2 = 0.25 · loss = 1.4375')).toBe('step 3 · w1 = −1.5, w2 = 0.25 · loss = 1.4375');
  });
});
