/** Pred vs True and the type scale of the playground's pictures (issue 17), read from the markup they write. */
import { describe, expect, it } from 'vitest';
import { TEXT_PX } from '../shared/views/type-scale.ts';
import { NET, NET_TEXT } from './network-diagram.ts';
import { columnPx } from './nn-playground.layout.ts';
import { makeData } from './nn-playground.model.ts';
import { OUT, OUT_TEXT } from './output-view.ts';
import { PLOT_TEXT, predVsTruePlot } from './plots.ts';
import { markup } from '../shared/test-support.ts';

describe('predVsTruePlot', () => {
  const data = makeData({ dataset: 'cubic', samples: 40, noise: 0, trainRatio: 0.5, seed: 1 });
  const targets = (set: 'train' | 'test') => Float32Array.from(data[set].targets, ([t]) => t!);

  it('draws an in-range prediction as a dot, and one off the plot as a triangle on its edge, not a dot on the frame', () => {
    const trainOutputs = targets('train');
    const testOutputs = targets('test');
    const fitted = markup(predVsTruePlot(data, { trainOutputs, testOutputs }, true));
    expect(fitted.match(/<circle class=pvt-train /g)).toHaveLength(20);
    expect(fitted).not.toContain('pvt-out');
    trainOutputs[0] = 1e3; // far above every target
    trainOutputs[1] = -1e3; // far below
    const off = markup(predVsTruePlot(data, { trainOutputs, testOutputs }, true));
    expect(off.match(/<circle class=pvt-train /g)).toHaveLength(18);
    expect(off.match(/<path class=pvt-train pvt-out /g)).toHaveLength(2);
    expect(off).toContain('2 predictions are off the plot');
  });
});

describe('the playground type scale', () => {
  it('sizes every picture so that its text draws at least 21 CSS px in its column on a slide', () => {
    expect((NET_TEXT * columnPx(0)) / NET.width).toBeGreaterThanOrEqual(TEXT_PX);
    expect((OUT_TEXT * columnPx(1)) / OUT.width).toBeGreaterThanOrEqual(TEXT_PX);
    expect((PLOT_TEXT * columnPx(2)) / 340).toBeGreaterThanOrEqual(TEXT_PX);
  });
});
