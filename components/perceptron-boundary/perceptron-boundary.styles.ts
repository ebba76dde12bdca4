/**
 * The look of `<perceptron-boundary>`: the shared base styles (focus ring, select, range accent, status
 * figures, legend list, type scale), the warning and transport buttons, then its own — the plot (boundary,
 * arrow and its draggable head, points outlined in the text colour, rings on the misclassified), the side column's
 * controls, the Learn button beside the transport and the two-column legend. Every text is at least
 * `--axon-text` (21 px on a 1280×720 slide); the plot's text is sized in its viewBox units for the plot's
 * narrowest drawn width on a slide (issue 17).
 */
import { css, unsafeCSS } from 'lit';
import { transportStyles } from '../shared/transport.ts';
import { baseStyles, roomText } from '../shared/views/base-styles.ts';
import { TEXT_LARGE_PX, TEXT_PX, svgTextSize } from '../shared/views/type-scale.ts';
import { warningStyles } from '../shared/warning.ts';
import { PLOT } from './perceptron-boundary.views.ts';

/** The plot's narrowest drawn width on a 1280×720 slide, CSS px (its grid column is 500…560 px there). */
const PLOT_DRAWN_WIDTH = 500;
const tickSize = unsafeCSS(svgTextSize(PLOT.size, PLOT_DRAWN_WIDTH, TEXT_PX));
const axisLabelSize = unsafeCSS(svgTextSize(PLOT.size, PLOT_DRAWN_WIDTH, TEXT_LARGE_PX));

export const perceptronBoundaryStyles = [baseStyles, roomText(1.3), warningStyles, transportStyles, css`
    :host { max-width: 1100px; margin: 0 auto; }
    .layout { display: grid; grid-template-columns: minmax(0, 560px) minmax(0, 1fr); gap: 0 24px; align-items: start; }
    svg.plot { display: block; width: 100%; height: auto; touch-action: none; user-select: none; }
    .tick { font-size: ${tickSize}px; font-variant-numeric: tabular-nums; }
    .axis-label { font-size: ${axisLabelSize}px; font-style: italic; }
    .axis-label.column { font-style: normal; font-weight: 600; paint-order: stroke; stroke: #ffffff; stroke-width: 5px; stroke-linejoin: round; }
    .axis { stroke: currentColor; stroke-opacity: 0.35; stroke-width: 1; }
    .frame { fill: none; stroke: currentColor; stroke-width: 1.5; }
    .boundary { stroke: currentColor; stroke-width: 3.5; }
    .arrow { stroke: currentColor; stroke-width: 3.5; fill: none; }
    .arrow.shortened { stroke-dasharray: 7 4; }
    .head { fill: currentColor; }
    /* NOTE - see-through enough that a point under the arrow head still shows. */
    .handle { fill: var(--axon-bg, #ffffff); fill-opacity: 0.7; stroke: currentColor; stroke-width: 2.5; cursor: grab; outline: none; }
    .handle:focus-visible { stroke: var(--axon-focus, #f59e0b); stroke-width: 5; }
    .point { stroke: currentColor; stroke-width: 1.5; }
    .ring { fill: none; stroke: currentColor; stroke-width: 3; }
    .updated { fill: none; stroke: currentColor; stroke-width: 2; stroke-dasharray: 4 3; }
    .side { display: flex; flex-direction: column; gap: 0.45em; min-width: 0; }
    .control { display: grid; grid-template-columns: 6.6em minmax(0, 1fr) 3.4em; align-items: center; gap: 0.5em; }
    .control .value { text-align: right; font-variant-numeric: tabular-nums; }
    input[type='range'] { width: 100%; min-height: 1.6em; margin: 0; }
    select { font-size: var(--axon-text); padding: 0.1em 0.4em; grid-column: 2 / 4; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.4em; align-items: center; }
    .learn { font: inherit; padding: 0.15em 0.7em; border-radius: 6px; border: 2px solid var(--axon-accent, #1d4ed8); background: var(--axon-accent, #1d4ed8); color: #ffffff; cursor: pointer; }
    .learn:disabled { opacity: 0.55; cursor: default; }
    .transport button { min-width: 0; padding: 0.15em 0.5em; }
    [role='status'] p { margin: 0; }
    .legend { display: grid; grid-template-columns: auto auto; gap: 0.1em 1em; justify-content: start; }
    .legend li { display: flex; align-items: center; gap: 0.3em; }
    .legend svg { width: 1.1em; height: 1.1em; flex: none; overflow: visible; }
    .legend svg.wide { width: 1.45em; }
    .swatch { stroke-width: 1.5; }
    .note { margin: 0; }
    /* NOTE - a phone shows the slide unscaled, a column as wide as the screen: the side goes under the plot. */
    :host { container-type: inline-size; }
    @container (max-width: 700px) {
      .layout { grid-template-columns: minmax(0, 1fr); gap: 0.6em 0; }
    }
  `,
];
