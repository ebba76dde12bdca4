import { describe, expect, it } from 'vitest';
import { createSurface, type PathPoint } from '../../engine/surface-descent.ts';
import {
  contourLevels,
  contourSegments,
  describeRun,
  formatValue,
  landscapePath,
  heatmapPixels,
  learningRateAt,
  logColourScale,
  niceTicks,
  parseLandscapeAttributes,
  pytorchCode,
  roundToMap,
  sampleGrid,
  sliderPosition,
  viridis,
  type LandscapeAttributes,
} from './loss-landscape.model.ts';
import { expectLines } from '../shared/test-support.ts';

const NONE: LandscapeAttributes = {
  surface: null,
  condition: null,
  start: null,
  lr: null,
  optimizer: null,
  momentum: null,
  stepsPerSecond: null,
  compare: null,
  seed: null,
};

describe('attributes', () => {
  it('defaults: the κ = 10 bowl from (−2.5, 1.5), SGD at 1.8/κ, β = 0.9, 10 steps per second, one run', () => {
    const { config, warnings } = parseLandscapeAttributes(NONE);
    expect(warnings).toEqual([]);
    expect(config.surface.name).toBe('quadratic');
    expect(config.start).toEqual([-2.5, 1.5]);
    expect(config.learningRate).toBe(0.18);
    expect(config).toMatchObject({ optimizer: 'sgd', momentum: 0.9, stepsPerSecond: 10, compare: null, seed: 1 });
  });

  it('per-surface defaults, and κ sets the quadratic’s default learning rate', () => {
    const rosenbrock = parseLandscapeAttributes({ ...NONE, surface: 'Rosenbrock' }).config;
    expect(rosenbrock.surface.name).toBe('rosenbrock');
    expect(rosenbrock.learningRate).toBe(0.001);
    expect(parseLandscapeAttributes({ ...NONE, condition: '100' }).config.learningRate).toBe(0.018);
  });

  it('reads good values', () => {
    const { config, warnings } = parseLandscapeAttributes({
      ...NONE,
      surface: 'himmelblau',
      start: ' 1.5, -2 ',
      lr: '0.02',
      optimizer: 'adam',
      momentum: '0.5',
      stepsPerSecond: '30',
      compare: 'adam, sgd,momentum',
      seed: '7',
    });
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({ start: [1.5, -2], learningRate: 0.02, optimizer: 'adam', momentum: 0.5, stepsPerSecond: 30, compare: ['sgd', 'momentum', 'adam'], seed: 7 });
  });

  it.each([
    ['surface', { surface: 'banana' }, /surface="banana" is not one of quadratic, rosenbrock/],
    ['condition', { condition: '0.5' }, /condition="0.5" is outside 1…1000/],
    ['start (not numbers)', { start: 'a,b' }, /start="a,b" is not two numbers/],
    ['start (three numbers)', { start: '1,2,3' }, /start="1,2,3" is not two numbers/],
    ['start (off the map)', { start: '10,0' }, /start="10,0" is off the map/],
    ['lr', { lr: '5' }, /lr="5" is outside 0.0001…1/],
    ['optimizer', { optimizer: 'rmsprop' }, /optimizer="rmsprop" is not one of sgd, momentum, adam/],
    ['momentum', { momentum: '1.5' }, /momentum="1.5" is outside 0…0.99/],
    ['steps-per-second', { stepsPerSecond: 'fast' }, /steps-per-second="fast" is not a number/],
    ['compare', { compare: 'sgd,lbfgs' }, /compare="sgd,lbfgs" names "lbfgs"/],
    ['seed', { seed: '1.5' }, /seed="1.5" is not a whole number/],
  ])('a bad %s warns, naming it, and falls back', (_, attributes, message) => {
    const { config, warnings } = parseLandscapeAttributes({ ...NONE, ...attributes });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(message);
    const defaults = parseLandscapeAttributes(NONE).config;
    expect(config.start).toEqual(defaults.start);
    expect(config.learningRate).toBe(defaults.learningRate);
    expect(config.compare).toBeNull();
  });
});

describe('the learning-rate slider', () => {
  it('is log10 η, rounded to two significant digits', () => {
    expect(learningRateAt(-4)).toBe(1e-4);
    expect(learningRateAt(0)).toBe(1);
    expect(learningRateAt(-0.3)).toBe(0.5);
    expect(learningRateAt(-0.75)).toBe(0.18);
    expect(learningRateAt(sliderPosition(0.02))).toBe(0.02);
  });
});

describe('numbers and status', () => {
  it('formats with 5 significant digits and a true minus', () => {
    expect(formatValue(-1.234567)).toBe('−1.2346');
    expect(formatValue(0.000123456)).toBe('0.00012346');
    expect(formatValue(1234567)).toBe('1.235\u00a0×\u00a010⁶');
    expect(formatValue(-2.75e-29)).toBe('−2.75\u00a0×\u00a010⁻²⁹');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(Number.NaN)).toBe('NaN');
  });

  it('describes a run', () => {
    const point: PathPoint = { step: 3, w1: -1.5, w2: 0.25, loss: 1.4375 };
    expect(describeRun(point)).toBe('step 3 · w1 = −1.5, w2 = 0.25 · loss = 1.4375');
    expect(describeRun(point, { label: 'Adam', divergedAt: 3 })).toBe('Adam: step 3 · w1 = −1.5, w2 = 0.25 · loss = 1.4375 · diverged at step 3');
  });

  it('keeps an hour of Play (100,000 steps) to 4,000 points: the start, the latest 2,000 exactly, the lowest loss', () => {
    const path = landscapePath();
    const points = Array.from({ length: 100_000 }, (_, step) => ({ step, w1: Math.cos(step / 50), w2: Math.sin(step / 50), loss: 1 + Math.sin(step / 7) }));
    points[33_333]!.loss = -1; // the lowest loss of the run, long before the recent part
    for (const point of points) path.push(point);
    const kept = path.points();
    expect(kept.length).toBeLessThanOrEqual(4000);
    expect(kept[0]).toBe(points[0]);
    expect(kept.map((p) => p.step)).toEqual([...kept.map((p) => p.step)].sort((a, b) => a - b));
    expect(kept.slice(-2000)).toEqual(points.slice(-2000));
    expect(kept).toContain(points[33_333]);
    // A short run is kept whole.
    const short = landscapePath();
    for (const point of points.slice(0, 3000)) short.push(point);
    expect(short.points()).toEqual(points.slice(0, 3000));
  });
});

describe('the map', () => {
  it('samples cell centres, top row = largest w2, cells square', () => {
    const surface = createSurface('quadratic');
    const grid = sampleGrid(surface, 60);
    expect(grid.columns).toBe(60);
    expect(grid.rows).toBe(40); // 6 wide, 4 high
    const cell = 6 / 60;
    expect(grid.values[0]).toBeCloseTo(surface.value(-3 + cell / 2, 2 - cell / 2), 12);
    expect(grid.values[grid.values.length - 1]).toBeCloseTo(surface.value(3 - cell / 2, -2 + cell / 2), 12);
    expect(grid.min).toBeGreaterThanOrEqual(0);
    expect(grid.min).toBeCloseTo(0.5 * (0.05 ** 2 + 10 * 0.05 ** 2), 12); // the cell nearest (0, 0)
  });

  it('the log colour scale is 0 at the minimum, 1 at the maximum, monotone, and inverts', () => {
    const scale = logColourScale(-1, 999);
    expect(scale.toT(-1)).toBe(0);
    expect(scale.toT(999)).toBeCloseTo(1, 12);
    expect(scale.toT(0)).toBeLessThan(scale.toT(1));
    // The bottom tenth of the range gets most of the colours.
    expect(scale.toT(99)).toBeGreaterThan(0.6);
    for (const t of [0.1, 0.5, 0.9]) expect(scale.toT(scale.fromT(t))).toBeCloseTo(t, 10);
  });

  it('viridis runs dark to light (dark = low)', () => {
    const luminance = (t: number) => {
      const [r, g, b] = viridis(t);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    expect(viridis(0)).toEqual([0x44, 0x01, 0x54]);
    expect(viridis(1)).toEqual([0xfd, 0xe7, 0x25]);
    for (let t = 0; t < 1; t += 0.05) expect(luminance(t + 0.05)).toBeGreaterThan(luminance(t));
    const grid = sampleGrid(createSurface('quadratic'), 20);
    const pixels = heatmapPixels(grid, logColourScale(grid.min, grid.max));
    expect(pixels.length).toBe(grid.values.length * 4);
    expect(pixels[3]).toBe(255);
  });

  it('marching squares: the contour of a cone at height r lies on the circle of radius r, and closes', () => {
    // f = distance from (20, 20) on a 41 × 41 grid; the level set f = 12.3 is a circle.
    const size = 41;
    const values = new Float64Array(size * size);
    for (let row = 0; row < size; row += 1) for (let column = 0; column < size; column += 1) values[row * size + column] = Math.hypot(column - 20, row - 20);
    const segments = contourSegments({ columns: size, rows: size, values }, 12.3);
    expect(segments.length).toBeGreaterThan(40);
    for (const [x1, y1, x2, y2] of segments) {
            expect(Math.abs(Math.hypot(x1 - 20, y1 - 20) - 12.3)).toBeLessThan(0.1);
      expect(Math.abs(Math.hypot(x2 - 20, y2 - 20) - 12.3)).toBeLessThan(0.1);
    }
    // Closed: every end point is shared by exactly two segments.
    const ends = new Map<string, number>();
    for (const [x1, y1, x2, y2] of segments) {
      for (const key of [`${x1.toFixed(6)},${y1.toFixed(6)}`, `${x2.toFixed(6)},${y2.toFixed(6)}`]) ends.set(key, (ends.get(key) ?? 0) + 1);
    }
    expect([...ends.values()].every((count) => count === 2)).toBe(true);
  });

  it('marching squares: a plane gives one straight line at the right place; no level, no line', () => {
    const values = new Float64Array(5 * 5);
    for (let row = 0; row < 5; row += 1) for (let column = 0; column < 5; column += 1) values[row * 5 + column] = column;
    const segments = contourSegments({ columns: 5, rows: 5, values }, 1.25);
    expect(segments).toHaveLength(4);
    for (const [x1, , x2] of segments) {
      expect(x1).toBeCloseTo(1.25, 12);
      expect(x2).toBeCloseTo(1.25, 12);
    }
    expect(contourSegments({ columns: 5, rows: 5, values }, 10)).toEqual([]);
  });

  it('contour levels lie between min and max, increasing', () => {
    const levels = contourLevels(logColourScale(0, 100), 8);
    expect(levels).toHaveLength(8);
    expect(levels[0]).toBeGreaterThan(0);
    expect(levels.at(-1)).toBeLessThan(100);
    expect([...levels].sort((a, b) => a - b)).toEqual(levels);
  });

  it('ticks are round numbers inside the range', () => {
    expect(niceTicks(-3, 3, 6)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(niceTicks(-2, 2, 4)).toEqual([-2, -1, 0, 1, 2]);
    expect(niceTicks(-1.2, 1.2, 4)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(-5, 5, 5)).toEqual([-4, -2, 0, 2, 4]);
  });

  it('rounds a clicked point to the map’s precision and keeps it on the map', () => {
    const domain = { w1: [-2, 2], w2: [-1, 3] } as const;
    expect(roundToMap([0.123456, 1.98765], domain)).toEqual([0.12, 1.99]);
    expect(roundToMap([-2.3, 3.4], domain)).toEqual([-2, 3]);
    expect(roundToMap([1.234, -0.001], { w1: [-5, 5], w2: [-5, 5] })).toEqual([1.2, 0]);
  });
});

describe('PyTorch code', () => {
  it('one run: w with requires_grad, the surface, the optimizer on [w], the loop', () => {
    const surface = createSurface('quadratic', { condition: 10 });
    const code = pytorchCode({ surface, start: [-2.5, 1.5], optimizers: [{ kind: 'momentum', learningRate: 0.05, momentum: 0.9 }], steps: 100 });
    expectLines(code, [
      'w = torch.tensor([-2.5, 1.5], requires_grad=True)',
      'return 0.5 * (w[0] ** 2 + 10.0 * w[1] ** 2)',
      'optimizer = torch.optim.SGD([w], lr=0.05, momentum=0.9)',
      'for step in range(100):',
      'loss.backward()',
    ]);
  });

  it('comparing: one descent per optimizer from the same start; regression lists its data', () => {
    const surface = createSurface('regression');
    const code = pytorchCode({
      surface,
      start: [0, 1],
      optimizers: [
        { kind: 'sgd', learningRate: 0.05 },
        { kind: 'adam', learningRate: 0.05 },
      ],
      steps: 100,
    });
    expectLines(code, [
      '"SGD": descend(lambda p: torch.optim.SGD(p, lr=0.05))',
      '"Adam": descend(lambda p: torch.optim.Adam(p, lr=0.05))',
      `x = torch.tensor([${surface.data!.x[0]}`,
      '((w[0] * x + w[1] - y) ** 2).mean()',
    ]);
  });
});
