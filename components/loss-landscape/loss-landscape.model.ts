/**
 * The maths and words of `<loss-landscape>` that need no DOM: reading its attributes, the log-scaled
 * colour map, contour lines by marching squares, axis ticks, the learning-rate slider's log scale, the
 * status lines and the PyTorch code. The surfaces live in engine/surfaces.ts, the descent in engine/surface-descent.ts,
 * the runs as the widget steps them in loss-landscape.run.ts.
 */
import { OPTIMIZERS, type OptimizerKind, type OptimizerSpec } from '../../engine/optimizers.ts';
import { createSurface, type Domain, type PathPoint, type Point, type Surface, type SurfaceName } from '../../engine/surface-descent.ts';
import { pytorchOptimizer, pythonNumber } from '../shared/pytorch.ts';
import { ThinnedSeries } from '../shared/thinned-series.ts';
import { sequential } from '../shared/views/colour-maps.ts';
import { formatNumber as formatShared, JS_PLAIN } from '../shared/views/format-number.ts';
import { landscapeSettings, type LandscapeSettings } from './loss-landscape.settings.ts';

export * from './loss-landscape.settings.ts';

// ---- settings -------------------------------------------------------------------------------------------

/** The handout state: the default run after this many steps (or earlier, where it diverged). */
export const HANDOUT_STEPS = 100;

/** How each optimizer is named, coloured and drawn (colours from Okabe & Ito's colour-blind-safe set). */
export const OPTIMIZER_STYLES: Record<OptimizerKind, { label: string; colour: string; dash: string; marker: 'circle' | 'square' | 'diamond' }> = {
  sgd: { label: 'SGD', colour: '#D55E00', dash: '', marker: 'circle' },
  momentum: { label: 'Momentum', colour: '#56B4E9', dash: '9 5', marker: 'square' },
  adam: { label: 'Adam', colour: '#CC79A7', dash: '2 4', marker: 'diamond' },
};

/** The attributes as written (null when absent). */
export interface LandscapeAttributes {
  surface: string | null;
  condition: string | null;
  start: string | null;
  lr: string | null;
  'learning-rate'?: string | null;
  optimizer: string | null;
  momentum: string | null;
  stepsPerSecond: string | null;
  compare: string | null;
  seed: string | null;
}

/** The settings the attributes give. */
export interface LandscapeConfig {
  surface: Surface;
  start: Point;
  learningRate: number;
  optimizer: OptimizerKind;
  momentum: number;
  stepsPerSecond: number;
  /** Optimizers to run side by side, or null for one run. */
  compare: OptimizerKind[] | null;
  seed: number;
}


/** The surface the settings above it in the table name. */
function surfaceOf(settings: Record<string, unknown>): Surface {
  return createSurface(settings.surface as SurfaceName, { condition: settings.condition as number, seed: settings.seed as number });
}

/** The configuration of read settings: the surface built, the start and the comparison checked against it. */
export function landscapeConfig({ values, warnings }: { values: LandscapeSettings; warnings: string[] }): { config: LandscapeConfig; warnings: string[] } {
  const surface = surfaceOf(values);
  const start = parseStart(values.start === '' ? null : values.start, surface, warnings);
  const compare = parseCompare(values.compare === '' ? null : values.compare, warnings);
  const { learningRate, optimizer, momentum, stepsPerSecond, seed } = values;
  return { config: { surface, start, learningRate, optimizer, momentum, stepsPerSecond, compare, seed }, warnings };
}

/** Reads the attributes; every bad value becomes a warning naming the attribute, and its default is used. */
export function parseLandscapeAttributes(raw: LandscapeAttributes): { config: LandscapeConfig; warnings: string[] } {
  const written: Record<string, string | null | undefined> = { ...raw, 'steps-per-second': raw.stepsPerSecond };
  return landscapeConfig(landscapeSettings.read({ attribute: (name) => written[name] }));
}

function parseStart(raw: string | null, surface: Surface, warnings: string[]): Point {
  if (raw === null || raw.trim() === '') return surface.start;
  const fallback = `using ${surface.start.map(formatNumber).join(',')}`;
  const parts = raw.split(',').map((part) => Number(part.trim()));
  if (parts.length !== 2 || raw.split(',').some((part) => part.trim() === '') || !parts.every(Number.isFinite)) {
    warnings.push(`start="${raw}" is not two numbers "w1,w2" — ${fallback}`);
    return surface.start;
  }
  const point: Point = [parts[0]!, parts[1]!];
  if (!inDomain(point, surface.domain)) {
    const { w1, w2 } = surface.domain;
    warnings.push(`start="${raw}" is off the map (w1 in ${w1[0]}…${w1[1]}, w2 in ${w2[0]}…${w2[1]}) — ${fallback}`);
    return surface.start;
  }
  return point;
}

function parseCompare(raw: string | null, warnings: string[]): OptimizerKind[] | null {
  // "none" is how the URL says the comparison was switched off where the attributes switch it on.
  if (raw === null || raw.trim() === '' || raw.trim().toLowerCase() === 'none') return null;
  const names = raw.split(',').map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !(OPTIMIZERS as readonly string[]).includes(name));
  if (unknown.length) {
    warnings.push(`compare="${raw}" names ${unknown.map((n) => `"${n}"`).join(', ')}, not one of ${OPTIMIZERS.join(', ')} — comparing none`);
    return null;
  }
  // Legend order is the engine's order, each optimizer once.
  return OPTIMIZERS.filter((kind) => names.includes(kind));
}

/** True when the point lies in the domain (edges included). */
export function inDomain(point: Point, domain: Domain): boolean {
  return point[0] >= domain.w1[0] && point[0] <= domain.w1[1] && point[1] >= domain.w2[0] && point[1] <= domain.w2[1];
}

/** The optimizer spec of one run. */
export function optimizerSpec(kind: OptimizerKind, learningRate: number, momentum: number): OptimizerSpec {
  return kind === 'momentum' ? { kind, learningRate, momentum } : { kind, learningRate };
}

// ---- the learning-rate slider: log10 of η ------------------------------------------------------------

/** The learning rate at a slider position (log10 η), to two significant digits: what is shown is what is used. */
export function learningRateAt(position: number): number {
  return Number((10 ** position).toPrecision(2));
}

/** The slider position (log10 η) of a learning rate. */
export function sliderPosition(learningRate: number): number {
  return Math.log10(learningRate);
}

// ---- numbers ----------------------------------------------------------------------------------------------

/** A number for the status: 5 significant digits, a true minus sign, a power of ten (4-figure mantissa) outside 10⁻⁴…10⁵. */
export function formatValue(value: number): string {
  return formatShared(value, { digits: 5, powerDigits: 4, plain: [1e-4, 1e5] });
}

/** A short number for labels and warnings: up to 4 significant digits, a true minus sign. */
export function formatNumber(value: number): string {
  return formatShared(value, { plain: JS_PLAIN });
}

/** One status line: step, w and L of a run (prefixed by the optimizer when comparing). */
export function describeRun(point: PathPoint | undefined, options: { label?: string; divergedAt?: number; offMap?: boolean } = {}): string {
  const prefix = options.label ? `${options.label}: ` : '';
  if (!point) return `${prefix}starting…`;
  const parts = [`step ${point.step}`, `w1 = ${formatValue(point.w1)}, w2 = ${formatValue(point.w2)}`, `loss = ${formatValue(point.loss)}`];
  if (options.divergedAt !== undefined) parts.push(`diverged at step ${options.divergedAt}`);
  else if (options.offMap) parts.push('off the map');
  return prefix + parts.join(' · ');
}

/**
 * A run's path as drawn: every point for its first 4,000 steps; past that, the start, the latest 2,000
 * steps exactly, and of each older stretch its lowest- and highest-loss points (components/shared/
 * thinned-series.ts), so an hour of Play still draws quickly and the recent path stays exact.
 */
export function landscapePath(capacity = 4000): ThinnedSeries<PathPoint> {
  return new ThinnedSeries<PathPoint>({ value: (p) => p.loss, capacity, recent: Math.floor(capacity / 2) });
}

// ---- the map: grid, colours, contours ----------------------------------------------------------------------

/** The loss sampled on a grid of square cells: row 0 is the top (largest w2), column 0 the left (smallest w1). */
export interface LossGrid {
  columns: number;
  rows: number;
  /** Row-major, `rows × columns`, float64. */
  values: Float64Array;
  domain: Domain;
  min: number;
  max: number;
}

/** Samples the surface at the centres of a grid `columns` wide whose cells are square in (w1, w2). */
export function sampleGrid(surface: Surface, columns = 120): LossGrid {
  const { domain } = surface;
  const span1 = domain.w1[1] - domain.w1[0];
  const span2 = domain.w2[1] - domain.w2[0];
  const rows = Math.max(2, Math.round((columns * span2) / span1));
  const values = new Float64Array(rows * columns);
  let min = Infinity;
  let max = -Infinity;
  for (let row = 0; row < rows; row += 1) {
    const w2 = domain.w2[1] - ((row + 0.5) / rows) * span2;
    for (let column = 0; column < columns; column += 1) {
      const w1 = domain.w1[0] + ((column + 0.5) / columns) * span1;
      const value = surface.value(w1, w2);
      values[row * columns + column] = value;
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  return { columns, rows, values, domain, min, max };
}

/**
 * The colour scale: t = log(1 + (L − min)/δ) / log(1 + (max − min)/δ), with δ a small fraction of the range,
 * so the valleys — where descent happens — get most of the colours. t runs 0 (lowest, dark) … 1.
 */
export interface ColourScale {
  min: number;
  max: number;
  offset: number;
  toT(value: number): number;
  /** The loss at colour position t (for contour levels). */
  fromT(t: number): number;
}

export function logColourScale(min: number, max: number, relativeOffset = 1e-3): ColourScale {
  const range = Math.max(max - min, Number.MIN_VALUE);
  const offset = range * relativeOffset;
  const top = Math.log1p(range / offset);
  return {
    min,
    max,
    offset,
    toT: (value) => Math.min(1, Math.max(0, Math.log1p(Math.max(0, value - min) / offset) / top)),
    fromT: (t) => min + offset * Math.expm1(t * top),
  };
}

/**
 * δ of each surface's colour scale, as a fraction of its range: small where the interesting part is a
 * narrow valley (Rosenbrock), large for the saddle, which has no valley and reads best nearly linear.
 */
export const COLOUR_OFFSETS: Record<SurfaceName, number> = {
  quadratic: 1e-3,
  rosenbrock: 1e-4,
  himmelblau: 1e-3,
  saddle: 1,
  'six-hump-camel': 1e-2,
  regression: 1e-3,
};

/**
 * Viridis, a perceptually uniform, colour-blind-safe map from dark purple to yellow, at t ∈ [0, 1] as [r, g, b]
 * 0…255: the shared sequential map (components/shared/views/colour-maps.ts), so this heatmap and every contour map
 * draw with the same colours.
 */
export const viridis = sequential;

/** The grid as RGBA pixels (one per cell), for a canvas' ImageData. */
export function heatmapPixels(grid: LossGrid, scale: ColourScale): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(grid.values.length * 4);
  grid.values.forEach((value, i) => {
    const [r, g, b] = viridis(scale.toT(value));
    pixels.set([r, g, b, 255], i * 4);
  });
  return pixels;
}

/** Contour levels evenly spaced in colour (so evenly spaced on the log scale), lowest first. */
export function contourLevels(scale: ColourScale, count = 10): number[] {
  return Array.from({ length: count }, (_, i) => scale.fromT((i + 1) / (count + 1)));
}

/** A contour piece from (x1, y1) to (x2, y2), in grid coordinates (column, row of the sample points). */
export type Segment = [number, number, number, number];

/**
 * Marching squares: the pieces of the level set L = level, one or two per grid square, with the crossing
 * points placed by linear interpolation along the square's edges. Ambiguous squares (diagonal corners
 * alike) are resolved by the mean of the four corners.
 */
export function contourSegments(grid: Pick<LossGrid, 'columns' | 'rows' | 'values'>, level: number): Segment[] {
  const { columns, rows, values } = grid;
  const segments: Segment[] = [];
  const at = (column: number, row: number) => values[row * columns + column]!;
  // Where the level crosses between two corners, as a fraction from the first.
  const cross = (a: number, b: number) => (a === b ? 0.5 : (level - a) / (b - a));
  for (let row = 0; row + 1 < rows; row += 1) {
    for (let column = 0; column + 1 < columns; column += 1) {
      const topLeft = at(column, row);
      const topRight = at(column + 1, row);
      const bottomRight = at(column + 1, row + 1);
      const bottomLeft = at(column, row + 1);
      const code = (topLeft > level ? 8 : 0) | (topRight > level ? 4 : 0) | (bottomRight > level ? 2 : 0) | (bottomLeft > level ? 1 : 0);
      if (code === 0 || code === 15) continue;
      // The crossing point on each edge of the square.
      const top = (): [number, number] => [column + cross(topLeft, topRight), row];
      const right = (): [number, number] => [column + 1, row + cross(topRight, bottomRight)];
      const bottom = (): [number, number] => [column + cross(bottomLeft, bottomRight), row + 1];
      const left = (): [number, number] => [column, row + cross(topLeft, bottomLeft)];
      const add = (p: [number, number], q: [number, number]) => segments.push([p[0], p[1], q[0], q[1]]);
      const centreAbove = (topLeft + topRight + bottomRight + bottomLeft) / 4 > level;
      switch (code) {
        case 1: case 14: add(left(), bottom()); break;
        case 2: case 13: add(bottom(), right()); break;
        case 3: case 12: add(left(), right()); break;
        case 4: case 11: add(top(), right()); break;
        case 6: case 9: add(top(), bottom()); break;
        case 7: case 8: add(left(), top()); break;
        case 5: // top-right and bottom-left above
          if (centreAbove) { add(left(), top()); add(bottom(), right()); } else { add(top(), right()); add(left(), bottom()); }
          break;
        case 10: // top-left and bottom-right above
          if (centreAbove) { add(top(), right()); add(left(), bottom()); } else { add(left(), top()); add(bottom(), right()); }
          break;
      }
    }
  }
  return segments;
}

// ---- axes ----------------------------------------------------------------------------------------------------

/** Round tick values inside [min, max], about `count` intervals of them, 1, 2 or 5 × 10ⁿ apart. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const range = max - min;
  const power = 10 ** Math.floor(Math.log10(range / count));
  // The round step whose tick count comes nearest the count asked for.
  const step = [1, 2, 5, 10]
    .map((m) => m * power)
    .reduce((best, s) => (Math.abs(range / s - count) < Math.abs(range / best - count) ? s : best));
  const ticks: number[] = [];
  for (let value = Math.ceil(min / step - 1e-9) * step; value <= max + step * 1e-9; value += step) {
    ticks.push(Number(value.toPrecision(12)) + 0); // + 0 turns −0 into 0
  }
  return ticks;
}

/** Rounds a clicked point to a precision that suits the map (about a hundredth of its width: 0.01 or 0.1). */
export function roundToMap(point: Point, domain: Domain): Point {
  const span = Math.max(domain.w1[1] - domain.w1[0], domain.w2[1] - domain.w2[0]);
  const unit = 10 ** Math.floor(Math.log10(span / 100) + 1e-9);
  const round = (value: number) => Number((Math.round(value / unit) * unit).toFixed(Math.max(0, -Math.log10(unit))));
  const clamp = (value: number, [low, high]: readonly [number, number]) => Math.min(high, Math.max(low, value));
  return [clamp(round(point[0]), domain.w1) + 0, clamp(round(point[1]), domain.w2) + 0];
}

// ---- PyTorch --------------------------------------------------------------------------------------------------

/** The PyTorch script for the current settings: w, the surface, the optimizer(s) and the loop. */
export function pytorchCode(options: { surface: Surface; start: Point; optimizers: readonly OptimizerSpec[]; steps: number }): string {
  const { surface, start, optimizers, steps } = options;
  const startTensor = `torch.tensor([${start.map(pythonNumber).join(', ')}], requires_grad=True)`;
  const head = ['import torch', '', '# %% The surface', surface.python, ''];
  if (optimizers.length === 1) {
    return [
      ...head,
      '# %% Training',
      `w = ${startTensor}`,
      `optimizer = ${pytorchOptimizer(optimizers[0]!, '[w]')}`,
      'losses = [loss_fn(w).item()]',
      '',
      `for step in range(${steps}):`,
      '    optimizer.zero_grad()',
      '    loss = loss_fn(w)',
      '    loss.backward()',
      '    optimizer.step()',
      '    losses.append(loss_fn(w).item())',
      '    print(step + 1, w.tolist(), losses[-1])',
    ].join('\n');
  }
  return [
    ...head,
    '# %% Descent with an optimizer',
    'def descend(make_optimizer):',
    `    w = ${startTensor}`,
    '    optimizer = make_optimizer([w])',
    '    path = [w.tolist()]',
    `    for step in range(${steps}):`,
    '        optimizer.zero_grad()',
    '        loss_fn(w).backward()',
    '        optimizer.step()',
    '        path.append(w.tolist())',
    '    return path',
    '',
    '# %% Training',
    'paths = {',
    ...optimizers.map((spec) => `    "${OPTIMIZER_STYLES[spec.kind].label}": descend(lambda p: ${pytorchOptimizer(spec, 'p')}),`),
    '}',
    'losses = {name: [loss_fn(torch.tensor(w)).item() for w in path] for name, path in paths.items()}',
  ].join('\n');
}
