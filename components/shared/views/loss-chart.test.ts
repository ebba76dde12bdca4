/** The shared loss chart: decades that hold every loss, their labels, the epoch axis, one path per curve. */
import { describe, expect, it } from 'vitest';
import { LossCurves } from '../loss-curves.ts';
import { lossChart } from './loss-chart.ts';
import { markup } from '../test-support.ts';

const BOX = { width: 300, height: 150, left: 50, right: 8, top: 8, bottom: 26 };
const TEXT = { gap: 5, shift: 5, epochBaseline: 144 };

describe('lossChart', () => {
  it('spans the decades of every loss recorded, labels them and draws each curve', () => {
    const curves = new LossCurves(['train', 'test']);
    curves.record(10, { train: 0.5, test: 0.6 });
    curves.record(300, { train: 0.0004, test: 0.02 });
    const text = markup(
      lossChart({
        box: BOX,
        text: TEXT,
        curves,
        series: [
          { name: 'test', className: 'loss-test' },
          { name: 'train', className: 'loss-train' },
        ],
        epochs: 300,
        emptyDecades: [-2, 0],
        decadeLabels: 4,
        label: 'Loss',
      }),
    );
    // 10⁻⁴ … 10⁰: five grid lines, every other one labelled.
    expect(text.match(/class="grid"/g)).toHaveLength(5);
    expect(text).toContain('10⁻⁴');
    expect(text).not.toContain('10⁻³');
    expect(text).toContain('10⁰');
    // The last epoch is at the right end of the plot; 0.0004 (log₁₀ −3.40) sits 0.6 of a decade (17.4 of 29 units) above the bottom, 124.
    expect(text).toMatch(/class=loss-train d=M[\d.]+,[\d.]+L292\.0,106\.5>/);
    expect(text).toMatch(/class=loss-test d=M[\d.]+,[\d.]+L292\.0,[\d.]+>/);
    expect(text).toContain('>300</text>');
    expect(text).not.toContain('rotate(-90)');
  });

  it('shows the empty decades before any loss, and the y axis name when given', () => {
    const text = markup(
      lossChart({ box: BOX, text: TEXT, curves: new LossCurves(['mse']), series: [{ name: 'mse', className: 'loss' }], epochs: 800, emptyDecades: [-3, 0], decadeLabels: 5, label: 'MSE', yName: 'MSE' }),
    );
    expect(text.match(/class="grid"/g)).toHaveLength(4);
    expect(text).toContain('10⁻³');
    expect(text).toContain('rotate(-90)');
    expect(text).toContain('class=loss d=>');
  });
});
