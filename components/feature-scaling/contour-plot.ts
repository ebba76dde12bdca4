/**
 * Contour bands of a function of two parameters, as SVG path data, with d3-contour (marching squares) and
 * d3-scale: sample f on a grid spanning the domain (edges included), trace each threshold's isoline, map the
 * grid coordinates to the plot. Pure (no DOM), so tests can check where a level line lies.
 *
 * NOTE - written for `<feature-scaling>`; nothing in it is specific to that widget (a candidate for
 * components/shared/ once other contour widgets settle).
 */
import { contours } from 'd3-contour';
import { scaleLinear, type ScaleLinear } from 'd3-scale';

/** A rectangle of parameter space: [low, high] along each axis. */
export interface Domain {
  x: [number, number];
  y: [number, number];
}

/** Where the plot sits inside its SVG: the plot area's left/top corner and size, in SVG units. */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The two scales of a plot: parameter → SVG units (y grows upwards on screen). */
export function plotScales(domain: Domain, box: PlotBox): { x: ScaleLinear<number, number>; y: ScaleLinear<number, number> } {
  return {
    x: scaleLinear().domain(domain.x).range([box.left, box.left + box.width]),
    y: scaleLinear().domain(domain.y).range([box.top + box.height, box.top]),
  };
}

/** One traced level: its value and the SVG path of the region where f ≥ value… and its boundary. */
export interface ContourBand {
  level: number;
  /** Path data of the region f ≥ level (d3-contour's polygons); its outline is the isoline f = level. */
  d: string;
}

/**
 * Samples `f` on `resolution` × `resolution` points spanning `domain` (both ends included) and traces each
 * level in `levels` (ascending). d3-contour puts sample (i, j) at grid coordinate (i + ½, j + ½); the
 * mapping below undoes that, so a traced line lies where f crosses the level (up to linear interpolation).
 */
export function contourBands(f: (x: number, y: number) => number, domain: Domain, box: PlotBox, levels: readonly number[], resolution = 90): ContourBand[] {
  const n = resolution;
  const values = new Float64Array(n * n);
  for (let j = 0; j < n; j += 1) {
    // Row j = 0 is the top of the plot (largest y), as the SVG's y axis runs down.
    const y = domain.y[1] - ((domain.y[1] - domain.y[0]) * j) / (n - 1);
    for (let i = 0; i < n; i += 1) values[j * n + i] = f(domain.x[0] + ((domain.x[1] - domain.x[0]) * i) / (n - 1), y);
  }
  const toX = (gx: number) => box.left + (Math.min(Math.max(gx - 0.5, 0), n - 1) / (n - 1)) * box.width;
  const toY = (gy: number) => box.top + (Math.min(Math.max(gy - 0.5, 0), n - 1) / (n - 1)) * box.height;
  return contours()
    .size([n, n])
    .thresholds([...levels])(Array.from(values))
    .map((multi) => ({
      level: multi.value,
      d: multi.coordinates
        .flatMap((polygon) => polygon.map((ring) => `M${ring.map(([gx, gy]) => `${toX(gx!).toFixed(1)},${toY(gy!).toFixed(1)}`).join('L')}Z`))
        .join(''),
    }));
}

/** Tick values and labels for an axis (d3's nice ticks), minus signs typeset as "−". */
export function axisTicks(scale: ScaleLinear<number, number>, count: number): Array<{ value: number; label: string; at: number }> {
  const format = scale.tickFormat(count);
  return scale.ticks(count).map((value) => ({ value, label: format(value).replace(/-/g, '−'), at: scale(value) }));
}
