/**
 * What `<activation-explorer>`'s legend says (activation-explorer.views.ts): each line on the plot is named for
 * what it is, and drawn in the legend as it is drawn on the plot.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from './activation-explorer.model.ts';
import { legendEntries, planeNote, type ExplorerView } from './activation-explorer.views.ts';

const view = (overrides: Partial<ExplorerView> = {}): ExplorerView => ({
  selected: 'sigmoid',
  z: 0,
  slope: 0.01,
  derivativeShown: true,
  comparing: false,
  compareList: [...ACTIVATIONS],
  ...overrides,
});

describe('the 1-D legend', () => {
  it('one activation: f(z), f′(z) and the tangent at z; f alone without the derivative', () => {
    expect(legendEntries(view()).map((e) => e.label)).toEqual(['f(z)', 'f′(z)', 'tangent at z']);
    expect(legendEntries(view({ derivativeShown: false })).map((e) => e.label)).toEqual(['f(z)']);
  });

  it('comparing, the neutral dashed line is the tangent at z, not "derivatives" (issue 17)', () => {
    const entries = legendEntries(view({ comparing: true, compareList: ['sigmoid', 'relu'] }));
    expect(entries.map((e) => e.label)).toEqual(['sigmoid', 'ReLU', 'f′(z): dotted, in each colour', 'tangent at z']);
    expect(entries.some((e) => /derivatives/.test(e.label))).toBe(false);
    // The one line drawn in the ink is the tangent's, as in the single view; the f′ curves keep their own colours.
    const inked = entries.filter((e) => e.line?.colour === 'currentColor');
    expect(inked.map((e) => e.label)).toEqual(['tangent at z']);
    expect(inked[0]!.line).toEqual(legendEntries(view()).at(-1)!.line);
    expect(entries.find((e) => e.label.startsWith('f′'))!.line).toBeNull();
  });

  it('comparing without the derivative lists the activations only, each in its own colour', () => {
    const entries = legendEntries(view({ comparing: true, derivativeShown: false }));
    expect(entries.map((e) => e.label)).toEqual(['threshold', 'sigmoid', 'tanh', 'ReLU', 'leaky ReLU', 'GELU']);
    expect(new Set(entries.map((e) => e.line!.colour)).size).toBe(ACTIVATIONS.length);
  });
});

describe('the 2-D note', () => {
  it('names the box a squashing activation maps the plane into', () => {
    expect(planeNote('tanh', [-1, 1])).toBe('tanh squashes the plane into the box (−1, 1)² (dashed).');
    expect(planeNote('relu', null)).toMatch(/three quadrants land on the axes/);
  });
});
