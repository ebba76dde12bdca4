/**
 * Drawing a two-parameter loss as an SVG map, and a loss curve, without a DOM: a square domain around the
 * points of interest, filled contour bands (d3-contour's marching squares on a grid of the closed-form
 * loss), axis ticks (d3-scale; the axes themselves live in views/axes.ts), and paths that stay readable when a
 * run leaves the map (each segment is clipped to the map; where a path leaves, an exit arrow marks it). Returns SVG path strings and numbers,
 * so `<gd-trajectory>` and `<gd-modes>` draw with Lit's `svg` templates (and print keeps the picture).
 * Used by `<gd-trajectory>`, `<gd-modes>` and `<feature-scaling>`.
 */
import { contours } from 'd3-contour';
import { scaleLinear, type ScaleLinear, type ScaleLogarithmic } from 'd3-scale';
import { clean } from './views/axes.ts';
import { cssRgb, sequential } from './views/colour-maps.ts';

// The axes moved to the shared views (views/axes.ts); the maps' users import them from here as before.
export { axisTicks, logTicks, lossScale, superscript, tickLabel } from './views/axes.ts';

/** A point (p₁, p₂) of parameter space. */
export type MapPoint = readonly [number, number];

/** The rectangle of parameter space a map shows. */
export interface MapDomain {
  x: readonly [number, number];
  y: readonly [number, number];
}

/** Where the plot area sits in SVG units. */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * A square domain (equal units on both axes, so a bowl's ellipses keep their true shape) holding every
 * finite point with `margin` of the span to spare on each side, its ends on round tick values.
 */
export function squareDomain(points: readonly MapPoint[], margin = 0.2, minimumSpan = 1): MapDomain {
  const finite = points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  const xs = finite.map((p) => p[0]);
  const ys = finite.map((p) => p[1]);
  const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [-1, 1];
  const [y0, y1] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [-1, 1];
  const span = Math.max(x1 - x0, y1 - y0, minimumSpan) * (1 + 2 * margin);
  const ticks = scaleLinear().domain([0, span]).ticks(5);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : span / 5;
  // Each axis: the span around its points' centre, rounded out to whole steps…
  const round = (low: number, high: number): [number, number] => {
    const centre = (low + high) / 2;
    return [Math.floor((centre - span / 2) / step + 1e-9) * step, Math.ceil((centre + span / 2) / step - 1e-9) * step];
  };
  const x = round(x0, x1);
  const y = round(y0, y1);
  // …then both widened to the larger width, as evenly on both sides as whole steps allow: a square map.
  const width = Math.max(x[1] - x[0], y[1] - y[0]);
  const widen = ([low, high]: [number, number]): [number, number] => {
    const start = low - Math.floor((width - (high - low)) / 2 / step + 1e-9) * step;
    return [clean(start), clean(start + width)];
  };
  return { x: widen(x), y: widen(y) };
}

/** Linear scales from the domain to the plot box (y up). */
export function mapScales(domain: MapDomain, box: PlotBox): { x: ScaleLinear<number, number>; y: ScaleLinear<number, number> } {
  return {
    x: scaleLinear().domain(domain.x).range([box.left, box.left + box.width]),
    y: scaleLinear().domain(domain.y).range([box.top + box.height, box.top]),
  };
}

/** A filled band of the map: the region where the loss is at least `level`, drawn in `fill`. */
export interface ContourBand {
  level: number;
  fill: string;
  d: string;
}

/**
 * Filled contour bands of `loss` over the domain: the grid's samples sit at cell centres, d3-contour traces
 * the level sets, and each band is filled from viridis (dark = low loss). `levels` ascending.
 */
export function contourBands(loss: (point: MapPoint) => number, domain: MapDomain, box: PlotBox, levels: readonly number[], columns = 90): ContourBand[] {
  const rows = Math.max(2, Math.round((columns * box.height) / box.width));
  const values = new Array<number>(columns * rows);
  const spanX = domain.x[1] - domain.x[0];
  const spanY = domain.y[1] - domain.y[0];
  for (let row = 0; row < rows; row += 1) {
    const y = domain.y[1] - ((row + 0.5) / rows) * spanY;
    for (let column = 0; column < columns; column += 1) {
      values[row * columns + column] = loss([domain.x[0] + ((column + 0.5) / columns) * spanX, y]);
    }
  }
  const sx = box.width / columns;
  const sy = box.height / rows;
  const generator = contours().size([columns, rows]).thresholds([...levels]);
  return generator(values).map((polygon, index) => ({
    level: polygon.value,
    fill: cssRgb(sequential(levels.length > 1 ? 0.05 + (0.95 * index) / (levels.length - 1) : 0.5)),
    d: polygon.coordinates
      .flatMap((rings) => rings.map((ring) => `M${ring.map(([gx, gy]) => `${(box.left + gx! * sx).toFixed(1)},${(box.top + gy! * sy).toFixed(1)}`).join('L')}Z`))
      .join(''),
  }));
}

/**
 * Contour levels of a quadratic bowl with minimum `minimum`: minimum + reach·(k/count)², k = 1…count, so the
 * ellipses are evenly spaced (their size grows linearly with k). `reach` is the loss above the minimum at the
 * farthest corner of the map.
 */
export function bowlLevels(minimum: number, reach: number, count = 12): number[] {
  return Array.from({ length: count }, (_, i) => minimum + reach * ((i + 1) / count) ** 2);
}

/** Where a drawn path leaves the map: the point on the edge and the direction it was heading (degrees). */
export interface PathExit {
  x: number;
  y: number;
  angle: number;
  /** Index of the first point beyond the map. */
  index: number;
}

/**
 * The SVG path through `points`, each segment clipped to the domain (Liang–Barsky, in parameter space, so a
 * far-off point still gives the right direction). Segments with both ends off the map are left out; the
 * path stops at a non-finite point. `exits` marks each place the path leaves the map.
 */
export function clippedPath(points: readonly MapPoint[], domain: MapDomain, scales: ReturnType<typeof mapScales>): { d: string; exits: PathExit[] } {
  let d = '';
  const exits: PathExit[] = [];
  let pen: string | undefined;
  const at = (p: MapPoint) => `${scales.x(p[0]).toFixed(1)},${scales.y(p[1]).toFixed(1)}`;
  if (points.length === 1 && inside(points[0]!, domain)) d = `M${at(points[0]!)}h0`;
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (![a[0], a[1], b[0], b[1]].every(Number.isFinite)) break;
    // A step from off the map to off the map is not drawn, even across it: a diverging zigzag would
    // otherwise cross the map with lines where no iterate ever was.
    const clipped = inside(a, domain) || inside(b, domain) ? clipSegment(a, b, domain) : undefined;
    if (!clipped) {
      pen = undefined;
      continue;
    }
    const [p, q] = clipped;
    const start = at(p);
    if (pen !== start) d += `M${start}`;
    const end = at(q);
    d += `L${end}`;
    pen = end;
    if (!inside(b, domain)) {
      const angle = (Math.atan2(scales.y(b[1]) - scales.y(a[1]), scales.x(b[0]) - scales.x(a[0])) * 180) / Math.PI;
      exits.push({ x: scales.x(q[0]), y: scales.y(q[1]), angle, index: i });
      pen = undefined;
    }
  }
  return { d, exits };
}

/** True when the point is on the map (edges included). */
export function inside(point: MapPoint, domain: MapDomain): boolean {
  return point[0] >= domain.x[0] && point[0] <= domain.x[1] && point[1] >= domain.y[0] && point[1] <= domain.y[1];
}

/** The part of the segment a→b inside the domain, or undefined when none (Liang–Barsky). */
export function clipSegment(a: MapPoint, b: MapPoint, domain: MapDomain): [MapPoint, MapPoint] | undefined {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  const edges: Array<[number, number]> = [
    [-dx, a[0] - domain.x[0]],
    [dx, domain.x[1] - a[0]],
    [-dy, a[1] - domain.y[0]],
    [dy, domain.y[1] - a[1]],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return undefined;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return undefined;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return undefined;
      if (r < t1) t1 = r;
    }
  }
  const point = (t: number): MapPoint => [a[0] + t * dx, a[1] + t * dy];
  return [t0 === 0 ? a : point(t0), t1 === 1 ? b : point(t1)];
}

// ---- loss curves ------------------------------------------------------------------------------------------

/**
 * The SVG path of a loss curve. Values past the top of the axis are drawn at ten times the top (outside the
 * clip, so the line leaves the plot upward where the loss blew up); the curve stops at a non-finite value.
 */
export function lossCurve(points: ReadonlyArray<readonly [number, number]>, x: (value: number) => number, y: ScaleLogarithmic<number, number>): string {
  const [low, high] = y.domain() as [number, number];
  let d = '';
  for (const [px, loss] of points) {
    if (!Number.isFinite(loss) || !Number.isFinite(px)) break;
    const shown = Math.min(Math.max(loss, low / 10), high * 10);
    d += `${d ? 'L' : 'M'}${x(px).toFixed(1)},${y(shown).toFixed(1)}`;
  }
  return d;
}
