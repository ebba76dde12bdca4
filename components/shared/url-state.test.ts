import { describe, expect, it } from 'vitest';
import { decodeUrlState, encodeUrlState, withUrlState } from './url-state.ts';

describe('URL state', () => {
  it('round-trips a state through one query parameter, keys sorted, undefined left out', () => {
    const value = encodeUrlState({ layers: '4,2', dataset: 'cubic', noise: 0.1, discretize: true, hidden: undefined });
    expect(value).toBe('dataset=cubic&discretize=true&layers=4%2C2&noise=0.1');
    expect(Object.fromEntries(decodeUrlState(value))).toEqual({ dataset: 'cubic', discretize: 'true', layers: '4,2', noise: '0.1' });
  });

  it('sets one widget parameter and keeps every other one', () => {
    const search = withUrlState('?backend=cpu&gd-modes=batch%3D8', 'nn-playground', { dataset: 'spiral' });
    const params = new URLSearchParams(search);
    expect(params.get('backend')).toBe('cpu');
    expect(params.get('gd-modes')).toBe('batch=8');
    expect(decodeUrlState(params.get('nn-playground')!).get('dataset')).toBe('spiral');
  });

  it('removes the parameter when the state is cleared or empty', () => {
    expect(withUrlState('?nn-playground=dataset%3Dxor', 'nn-playground', undefined)).toBe('');
    expect(withUrlState('?a=1&nn-playground=x%3D1', 'nn-playground', {})).toBe('?a=1');
  });
});
