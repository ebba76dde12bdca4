import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  MAX_LAYERS,
  countParameters,
  describeProgress,
  drawnSlots,
  formatCount,
  parseCounterAttributes,
  parseLayerSizes,
  revealedLayers,
  stepCount,
  totalRevealed,
  type ParamCounterAttributes,
} from './param-counter.model.ts';

const attributes = (given: Partial<ParamCounterAttributes>): ParamCounterAttributes => ({ layers: null, bias: null, reveal: null, ...given });

/**
 * An independent count: one weight per edge of the complete bipartite graph between adjacent layers (counted
 * edge by edge, not by multiplying) and one bias per unit outside the input layer.
 */
function countByEnumeration(sizes: number[], bias = true): number {
  let edges = 0;
  for (let k = 1; k < sizes.length; k += 1) for (let i = 0; i < sizes[k - 1]!; i += 1) for (let j = 0; j < sizes[k]!; j += 1) edges += 1;
  const biasedUnits = bias ? sizes.slice(1).reduce((a, b) => a + b, 0) : 0;
  return edges + biasedUnits;
}

describe('counting parameters', () => {
  it('2 → 3 → 1 has 9 weights and 4 biases, 13 in all (the lecture)', () => {
    const count = countParameters([2, 3, 1]);
    expect(count.weights).toBe(9);
    expect(count.biases).toBe(4);
    expect(count.total).toBe(13);
    expect(count.layers.map((l) => [l.fanIn, l.fanOut, l.weights, l.biases, l.parameters])).toEqual([
      [2, 3, 6, 3, 9],
      [3, 1, 3, 1, 4],
    ]);
  });

  it('matches the totals worked by hand', () => {
    // 784·128 + 128 + 128·10 + 10 = 100,352 + 128 + 1,280 + 10
    expect(countParameters([784, 128, 10]).total).toBe(101_770);
    // 1·1024 + 1024 + 1024·1 + 1
    expect(countParameters([1, 1024, 1]).total).toBe(3_073);
    // 2·20+20 + 20·20+20 + 20·20+20 + 20·2+2 = 60 + 420 + 420 + 42
    expect(countParameters([2, 20, 20, 20, 2]).total).toBe(942);
    // Without biases 2 → 3 → 1 keeps its 9 weights only.
    expect(countParameters([2, 3, 1], false).total).toBe(9);
    expect(countParameters([2, 3, 1], false).biases).toBe(0);
  });

  it('agrees with counting edge by edge on small networks', () => {
    for (const sizes of [[1, 1], [3, 5], [4, 2, 7, 1], [5, 5, 5, 5, 5, 5, 5, 5], [9, 1, 9]]) {
      expect(countParameters(sizes).total, sizes.join(',')).toBe(countByEnumeration(sizes));
      expect(countParameters(sizes, false).total, `${sizes.join(',')} no bias`).toBe(countByEnumeration(sizes, false));
    }
  });

  it('writes counts the lecture’s way, with thousands separators', () => {
    expect(formatCount(101_770)).toBe('101,770');
    expect(formatCount(3_073)).toBe('3,073');
    expect(formatCount(13)).toBe('13');
  });
});

describe('the layer-size field', () => {
  it('reads commas, spaces and arrows', () => {
    expect(parseLayerSizes('2,3,1').sizes).toEqual([2, 3, 1]);
    expect(parseLayerSizes(' 784, 128 ,10 ').sizes).toEqual([784, 128, 10]);
    expect(parseLayerSizes('2 3 1').sizes).toEqual([2, 3, 1]);
    expect(parseLayerSizes('2 → 20 -> 2').sizes).toEqual([2, 20, 2]);
  });

  it('refuses what is not a network, saying why', () => {
    expect(parseLayerSizes('').error).toMatch(/at least 2/);
    expect(parseLayerSizes('5').error).toMatch(/at least 2 layer sizes/);
    expect(parseLayerSizes('2,0,1').error).toBe('"0" is not a positive whole number');
    expect(parseLayerSizes('2,-3,1').error).toBe('"-3" is not a positive whole number');
    expect(parseLayerSizes('2,2.5,1').error).toBe('"2.5" is not a positive whole number');
    expect(parseLayerSizes('2,x,1').error).toBe('"x" is not a positive whole number');
    expect(parseLayerSizes('2,,1').error).toMatch(/empty entry/);
    expect(parseLayerSizes('2,3,').error).toMatch(/empty entry/);
    expect(parseLayerSizes('2,2000000').error).toMatch(/more than 1,000,000/);
    expect(parseLayerSizes(Array(MAX_LAYERS + 1).fill('2').join(',')).error).toMatch(/at most 8/);
    expect(parseLayerSizes(Array(MAX_LAYERS).fill('2').join(',')).sizes).toHaveLength(MAX_LAYERS);
  });
});

describe('revealing step by step', () => {
  it('has one step per layer of weights, then the total', () => {
    expect(stepCount([2, 3, 1])).toBe(3);
    expect([0, 1, 2, 3].map((s) => revealedLayers([2, 3, 1], s))).toEqual([0, 1, 2, 2]);
    expect([0, 1, 2, 3].map((s) => totalRevealed([2, 3, 1], s))).toEqual([false, false, false, true]);
  });

  it('states the formula revealed so far', () => {
    expect(describeProgress([2, 3, 1], 0)).toMatch(/^Press Next/);
    expect(describeProgress([2, 3, 1], 1)).toBe('Layer 1 (2 → 3): 2 × 3 = 6 weights + 3 biases = 9. So far: (2·3 + 3) = 9.');
    expect(describeProgress([2, 3, 1], 2)).toBe('Layer 2 (3 → 1): 3 × 1 = 3 weights + 1 bias = 4. So far: (2·3 + 3) + (3·1 + 1) = 9 + 4 = 13.');
    expect(describeProgress([2, 3, 1], 3)).toBe('Total: 9 weights + 4 biases = 13 parameters. (2·3 + 3) + (3·1 + 1) = 9 + 4 = 13.');
    expect(describeProgress([784, 128, 10], 3)).toContain('= 101,770 parameters');
    expect(describeProgress([784, 128, 10], 3)).toContain('100,480 + 1,290 = 101,770');
    expect(describeProgress([2, 3, 1], 3, false)).toBe('Total: 9 weights = 9 parameters. (2·3) + (3·1) = 6 + 3 = 9.');
  });
});

describe('drawing large layers', () => {
  it('draws every unit of a small layer', () => {
    expect(drawnSlots(3)).toEqual([{ kind: 'unit', unit: 0 }, { kind: 'unit', unit: 1 }, { kind: 'unit', unit: 2 }]);
    expect(drawnSlots(7)).toHaveLength(7);
  });

  it('draws the first and last units of a large one with ⋮ for the rest, accounting for every unit', () => {
    const slots = drawnSlots(784);
    expect(slots).toHaveLength(7);
    const units = slots.filter((s) => s.kind === 'unit').map((s) => (s.kind === 'unit' ? s.unit : -1));
    expect(units).toEqual([0, 1, 2, 781, 782, 783]);
    const more = slots.find((s) => s.kind === 'more');
    expect(more).toEqual({ kind: 'more', hidden: 778 });
    expect(units.length + 778).toBe(784);
    expect(drawnSlots(8).filter((s) => s.kind === 'unit')).toHaveLength(6);
  });
});

describe('attributes', () => {
  it('uses the defaults when nothing is given', () => {
    expect(parseCounterAttributes(attributes({}))).toEqual({ config: DEFAULT_CONFIG, warnings: [] });
  });

  it('reads layers, bias and reveal', () => {
    const { config, warnings } = parseCounterAttributes(attributes({ layers: '784,128,10', bias: 'false', reveal: 'ALL' }));
    expect(warnings).toEqual([]);
    expect(config).toEqual({ sizes: [784, 128, 10], bias: false, reveal: 'all' });
    expect(parseCounterAttributes(attributes({ bias: '' })).config.bias).toBe(true);
  });

  it('falls back with a warning naming the attribute and the value used', () => {
    expect(parseCounterAttributes(attributes({ layers: '2,0,1', bias: 'maybe', reveal: 'slowly' }))).toEqual({
      config: DEFAULT_CONFIG,
      warnings: [
        'layers="2,0,1": "0" is not a positive whole number — using 2,3,1',
        'bias="maybe" is not true or false — using true',
        'reveal="slowly" is not one of step, all — using step',
      ],
    });
  });

  it('lays the URL over the attributes, keeping the attributes’ value when the URL’s is bad', () => {
    const url = new Map([['layers', 'oops'], ['bias', 'false']]);
    const fromUrl = parseCounterAttributes(attributes({ layers: '4,4,2' }), url);
    expect(fromUrl.config).toEqual({ sizes: [4, 4, 2], bias: false, reveal: 'step' });
    expect(fromUrl.warnings).toEqual(['layers="oops" (from the URL): "oops" is not a positive whole number — using 4,4,2']);
  });
});
