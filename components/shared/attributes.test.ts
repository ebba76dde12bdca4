import { describe, expect, it } from 'vitest';
import { parseChoiceAttribute, parseNumberAttribute } from './attributes.ts';

describe('attribute parsing', () => {
  it('accepts a number in range', () => {
    expect(parseNumberAttribute('value', '1.5', 0, { min: -6, max: 6 })).toEqual({ value: 1.5 });
  });

  it('falls back with a message naming the attribute for junk and out-of-range values', () => {
    const junk = parseNumberAttribute('value', 'abc', 0, { min: -6, max: 6 });
    expect(junk.value).toBe(0);
    expect(junk.warning).toMatch(/value="abc" is not a number/);
    const far = parseNumberAttribute('value', '40', 0, { min: -6, max: 6 });
    expect(far.warning).toMatch(/outside -6…6/);
  });
});

describe('choice attributes', () => {
  it('accepts a listed word in any case and refuses others, naming the choices', () => {
    expect(parseChoiceAttribute('method', 'RK4', ['rk4', 'euler'] as const, 'rk4')).toEqual({ value: 'rk4' });
    const bad = parseChoiceAttribute('method', 'midpoint', ['rk4', 'euler'] as const, 'rk4');
    expect(bad).toEqual({ value: 'rk4', warning: 'method="midpoint" is not one of rk4, euler — using rk4' });
  });
});
