/** The layered network diagram's layout: columns, stacked nodes, links coloured and sized by their weight. */
import { describe, expect, it } from 'vitest';
import { columnCentres, curvedLink, stackCentres, stackNodeSide, weightStroke, weightedLinks } from './network-diagram.ts';

describe('layout', () => {
  it('spreads columns evenly, ends included', () => {
    expect(columnCentres(4, 100, 400)).toEqual([100, 200, 300, 400]);
    expect(columnCentres(1, 100, 400)).toEqual([250]);
    expect(columnCentres(0, 100, 400)).toEqual([]);
  });

  it('stacks nodes in equal bands and shrinks them in a crowded column', () => {
    expect(stackCentres(2, 0, 100)).toEqual([25, 75]);
    expect(stackNodeSide(2, 0, 100, 34)).toBe(34);
    expect(stackNodeSide(8, 0, 100, 34)).toBe(6.5);
  });

  it('draws a link as a level S-curve', () => {
    expect(curvedLink(0, 10, 100, 50)).toBe('M0,10C50,10 50,50 100,50');
  });
});

describe('links', () => {
  it('colours a weight by its sign and widens it with its size, up to |w| = 4', () => {
    expect(weightStroke(2)).toEqual({ colour: 'rgb(106 77 154)', width: 0.6 + 3.2 });
    expect(weightStroke(-9).colour).toBe('rgb(201 110 15)');
    expect(weightStroke(-9).width).toBeCloseTo(7);
    expect(weightStroke(Number.NaN)).toEqual({ colour: '#888', width: 1 });
  });

  it('joins every node of a column to every node of the next, one link per weight', () => {
    const columns = [
      { x: 0, ys: [10, 20], side: 10 },
      { x: 100, ys: [5, 15, 25], side: 10 },
      { x: 200, ys: [15], side: 20 },
    ];
    const weights = [
      { weights: [[1, -1, 2], [0.5, 0.5, -3]], biases: [0, 0, 0] },
      { weights: [[1], [1], [-1]], biases: [0] },
    ];
    expect(weightedLinks(columns, weights)).toHaveLength(6 + 3);
    // A picture of an older network (one layer fewer) draws no links.
    expect(weightedLinks(columns, weights.slice(0, 1))).toHaveLength(0);
    expect(weightedLinks(columns, undefined)).toHaveLength(0);
  });
});
