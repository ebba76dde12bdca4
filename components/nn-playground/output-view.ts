/**
 * `<nn-playground>`'s output view: the heatmap of the network's output over the input plane with the data
 * (2-D datasets), or its fitted curve through the data (the 1-D cubic); the `Show test data` and `Discretize
 * output` switches and the colour legend. A plain function of what it shows: the element passes it in.
 */
import { html, nothing, svg } from 'lit';
import { linearScale, roundTicks, tickLabel } from '../shared/views/axes.ts';
import { cssColour } from '../shared/views/heatmap.ts';
import { linePath } from '../shared/views/paths.ts';
import { isOneDimensional, type Hideable, type PlaygroundData, type PlaygroundSettings } from './nn-playground.model.ts';
import { columnTextSize } from './nn-playground.layout.ts';
import { domainOf, viewGrid } from './nn-playground.picture.ts';

/** The output view (SVG units ≈ slide pixels: it fills the middle column, about 360 px wide). */
export const OUT = { width: 360, height: 360, left: 46, right: 8, top: 8, bottom: 34 } as const;
/** Its tick labels' size in user units: at least 21 CSS px as drawn on a slide. */
export const OUT_TEXT = columnTextSize(1, OUT.width);
/**
 * The heatmap behind the points is drawn this opaque over white: light enough that a point in the saturated
 * colour of its class, with its dark outline, stands out on the region it lies in (issue 17: points vanished).
 * Half: the diverging map's orange end is darker than the playground's old orange, and the region a tint.
 */
export const HEATMAP_OPACITY = 0.5;
/** Points on the 1-D fitted curve. */
export const CURVE_POINTS = 160;

/** What the output view shows, and what its switches do. */
export interface OutputView {
  settings: Pick<PlaygroundSettings, 'problem' | 'dataset' | 'showTest' | 'discretize' | 'hiddenSpace'> & { hide: ReadonlySet<Hideable> };
  /** The run's samples (none yet: no points). */
  data: PlaygroundData | undefined;
  /** Regression's colour scale (largest |y|). */
  scale: number | undefined;
  /** 1-D: the y range of the view. */
  yRange: [number, number] | undefined;
  /** 1-D: the network's output at the `CURVE_POINTS` points of the view grid (none before the first picture). */
  curve: Float32Array | undefined;
  /** 2-D: the heatmap PNG (none before the first picture). */
  heatmap: string | undefined;
  /**
   * On a CSV: the plane's half-width (z-scores), the columns on x₁ and x₂, and the classes' names (class 1,
   * class 0); the axes and the legend then say them.
   */
  csv?: { half: number; columns: readonly [string, string]; classes?: { positive: string; negative: string } } | undefined;
  onShowTest(event: Event): void;
  onDiscretize(event: Event): void;
  onHiddenSpace(event: Event): void;
}

/** The output view: the heatmap (2-D) or the fitted curve (1-D) with the data, its switches and its legend. */
export function outputView(view: OutputView) {
  const s = view.settings;
  const { width, height, left, right, top, bottom } = OUT;
  const oneD = isOneDimensional(s.dataset);
  const csv = view.csv;
  const [low, high] = domainOf(s.dataset, csv?.half);
  const x = linearScale([low, high], [left, width - right]);
  const plotHeight = height - top - bottom;
  const y = linearScale(oneD ? (view.yRange ?? [-1, 1]) : [low, high], [height - bottom, top]);
  const shade = (target: number) => (s.problem === 'classification' ? (target >= 0.5 ? 1 : -1) : target / (view.scale ?? 1));
  const points = (set: 'train' | 'test') => {
    if (!view.data) return nothing;
    const part = view.data[set];
    return part.inputs.map((p, i) => {
      const target = part.targets[i]![0]!;
      const cx = x(p[0]!);
      const cy = oneD ? y(target) : y(p[1]!);
      return svg`<circle class=${`point ${set}`} cx=${cx.toFixed(1)} cy=${cy.toFixed(1)} r=${oneD ? 4.2 : 4.6} fill=${oneD ? (set === 'train' ? '#1d4ed8' : '#ffffff') : cssColour(shade(target))}></circle>`;
    });
  };
  const xTicks = oneD ? [-3, -2, -1, 0, 1, 2, 3] : csv ? roundTicks(low, high, 6) : [-6, -3, 0, 3, 6];
  let plot;
  if (oneD) {
    const grid = viewGrid(s.dataset, CURVE_POINTS);
    const [y0, y1] = view.yRange ?? [-1, 1];
    // The smallest round step that leaves at most six intervals.
    const yTicks = roundTicks(y0, y1, 6);
    // The curve may leave the view (clipped); far off, it is held just outside so its direction still shows.
    const d = view.curve ? linePath(grid.map(([gx]) => gx!), view.curve, x, y, { clampY: [top - 40, height + 40] }) : '';
    plot = svg`<defs><clipPath id="view-clip"><rect x=${left} y=${top} width=${width - left - right} height=${plotHeight}></rect></clipPath></defs>
      ${yTicks.map((t) => svg`<line class="grid" x1=${left} x2=${width - right} y1=${y(t)} y2=${y(t)}></line><text class="tick" x=${left - 5} y=${y(t) + 7} text-anchor="end">${tickLabel(t)}</text>`)}
      <g clip-path="url(#view-clip)">
        ${points('train')}
        ${s.showTest ? points('test') : nothing}
        ${d ? svg`<path class="curve-halo" d=${d}></path><path class="curve" d=${d}></path>` : nothing}
      </g>`;
  } else {
    const href = view.heatmap;
    plot = svg`<defs><clipPath id="view-clip"><rect x=${left} y=${top} width=${width - left - right} height=${plotHeight}></rect></clipPath></defs>
      <rect x=${left} y=${top} width=${width - left - right} height=${plotHeight} fill=${href ? '#ffffff' : '#f3f4f5'}></rect>
      ${href ? svg`<image href=${href} x=${left} y=${top} width=${width - left - right} height=${plotHeight} preserveAspectRatio="none" opacity=${HEATMAP_OPACITY}></image>` : nothing}
      ${xTicks.map((t) => svg`<text class="tick" x=${left - 5} y=${y(t) + 7} text-anchor="end">${tickLabel(t)}</text>`)}
      <g clip-path="url(#view-clip)">${points('train')}${s.showTest ? points('test') : nothing}</g>
      ${csv
        ? svg`<text class="axis-name" x=${width - right - 6} y=${height - bottom - 8} text-anchor="end">${csv.columns[0]} →</text>
          <text class="axis-name" x=${left + 6} y=${top + OUT_TEXT}>↑ ${csv.columns[1]}</text>`
        : nothing}`;
  }
  const classNames = csv?.classes ?? { positive: 'class 1', negative: 'class 0' };
  const plane = csv ? `${csv.columns[0]} (x₁) and ${csv.columns[1]} (x₂), standardised, from −${csv.half} to ${csv.half}` : 'x₁, x₂ from −6 to 6';
  const what = oneD ? `the fitted curve over x₁ from −3 to 3 with the ${s.showTest ? 'train and test' : 'training'} points` : `a heatmap of the network's ${s.problem === 'classification' ? `P(${classNames.positive}), orange = ${classNames.negative}, blue = ${classNames.positive}` : 'output, orange = low, blue = high'}${s.discretize ? ', discretized' : ''}, over ${plane}, with the ${s.showTest ? 'train and test' : 'training'} points`;
  return html`<div class="output">
    <svg class="view" viewBox="0 0 ${width} ${height}" role="img" aria-label=${`Output: ${what}`}>
      ${plot}
      <rect class="axis" x=${left} y=${top} width=${width - left - right} height=${plotHeight}></rect>
      ${xTicks.map((t) => svg`<text class="tick" x=${x(t)} y=${height - bottom + 25} text-anchor="middle">${tickLabel(t)}</text>`)}
    </svg>
    <div class="switches">
      ${s.hide.has('show-test') ? nothing : html`<label><input type="checkbox" role="switch" aria-label="Show test data" .checked=${s.showTest} @change=${view.onShowTest} />Show test data</label>`}
      ${s.hide.has('discretize') || oneD ? nothing : html`<label><input type="checkbox" role="switch" aria-label="Discretize output" .checked=${s.discretize} @change=${view.onDiscretize} />Discretize output</label>`}
      ${s.hide.has('hidden-space') ? nothing : html`<label><input type="checkbox" role="switch" aria-label="Hidden space" .checked=${s.hiddenSpace} @change=${view.onHiddenSpace} />Hidden space</label>`}
    </div>
    ${oneD
      ? html`<p class="legend">${s.showTest ? html`<span>filled: train ·</span><span>hollow: test ·</span>` : html`<span>dots: data ·</span>`}<span>line: the network</span></p>`
      : html`<p class="legend"><span>${s.problem === 'classification' ? classNames.negative : 'low'}</span><span class="bar-colours"></span><span>${s.problem === 'classification' ? classNames.positive : 'high'}</span>${s.showTest ? html`<span>ringed: test</span>` : nothing}</p>`}
  </div>`;
}
