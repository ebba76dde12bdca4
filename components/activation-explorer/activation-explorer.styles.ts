/**
 * The look of `<activation-explorer>`: the shared base (components/shared/views/base-styles.ts), the warning
 * styles, then its own — the plot and its curves (f in the first accent, f′ dashed in the second, the tangent
 * and z's guide in the ink), the 2-D view's panels, the controls beside them and the compare table.
 */
import { css, unsafeCSS } from 'lit';
import { baseStyles, framedControls, roomText } from '../shared/views/base-styles.ts';
import { KATEX_STYLES, TEX_SCRIPT_SAFE_PX } from '../shared/views/tex.ts';
import { svgTextSize } from '../shared/views/type-scale.ts';
import { warningStyles } from '../shared/warning.ts';

/** The plots' viewBox widths in SVG units: the 1-D plot and the 2-D view's two panels. */
export const PLOT_WIDTH = 640;
export const PLANE_WIDTH = 720;
/**
 * The SVG text size, in user units, that draws at the room's floor (21 CSS px, type-scale.ts) where the plots
 * are narrowest on a 1280×720 slide: the 1-D plot's column is 640 px, the 2-D view's 704 px (a little margin).
 */
const TICK_SIZE = unsafeCSS(`${Math.max(svgTextSize(PLOT_WIDTH, 620), svgTextSize(PLANE_WIDTH, 690))}px`);

export const activationExplorerStyles = [KATEX_STYLES, baseStyles, roomText(1.3), warningStyles, framedControls, css`
    :host {
      max-width: 1180px;
      margin: 0 auto;
      --ae-accent: var(--axon-accent, #1d4ed8);
      --ae-accent-2: var(--axon-accent-2, #b45309);
      --ae-bg: var(--axon-bg, #ffffff);
    }
    .layout { display: grid; grid-template-columns: minmax(0, 640px) minmax(0, 1fr); gap: 0 24px; align-items: start; }
    .layout.plane { grid-template-columns: minmax(0, 704px) minmax(0, 1fr); }
    figure { margin: 0; }
    svg.plot { display: block; width: 100%; height: auto; overflow: visible; touch-action: none; user-select: none; }
    .tick-label { font-size: ${TICK_SIZE}; font-variant-numeric: tabular-nums; }
    .axis-label { font-size: ${TICK_SIZE}; font-style: italic; }
    .axis { stroke: currentColor; stroke-width: 1.5; }
    .zero { stroke: currentColor; stroke-opacity: 0.35; stroke-width: 1.2; }
    .frame { fill: none; stroke: currentColor; stroke-opacity: 0.6; stroke-width: 1.2; }
    .curve { fill: none; stroke-width: 3.5; stroke-linejoin: round; stroke-linecap: round; }
    .curve.value { stroke: var(--ae-accent); }
    .curve.slope { stroke: var(--ae-accent-2); stroke-dasharray: 9 6; stroke-width: 3; }
    .curve.other { stroke-width: 2.2; opacity: 0.75; }
    .curve.other.slope { stroke-width: 1.6; }
    .curve.chosen { stroke-width: 5; }
    .tangent { stroke: currentColor; stroke-opacity: 0.8; stroke-width: 2.5; stroke-dasharray: 5 4; }
    .guide { stroke: currentColor; stroke-opacity: 0.45; stroke-width: 1.2; stroke-dasharray: 3 4; }
    .dot { stroke: var(--ae-bg); stroke-width: 2; }
    .jump { stroke-width: 2.5; }
    .jump.open { fill: var(--ae-bg); }
    .hit { fill: transparent; cursor: ew-resize; }
    .panel { display: flex; flex-direction: column; gap: 0.45em; min-width: 0; }
    .row { gap: 0.4em; }
    .controls { display: grid; grid-template-columns: max-content minmax(5em, 1fr) 4.2em; align-items: center; gap: 0.35em 0.6em; }
    .controls .value { text-align: right; font-variant-numeric: tabular-nums; }
    input[type='range'] { width: 100%; min-height: 1.6em; margin: 0; }
    .formula { margin: 0; }
    /* KaTeX's scripts are 0.7 of the formula: this size keeps them at the room's floor (tex.ts). */
    .formula .tex { font-size: ${unsafeCSS(TEX_SCRIPT_SAFE_PX)}px; }
    .formula p { margin: 0 0 0.15em; }
    [role='status'] { margin: 0; }
    [role='status'] p { margin: 0 0 0.15em; }
    .big { font-size: 1.15em; font-weight: 700; }
    .note { border-left: 4px solid var(--ae-accent-2); padding-left: 0.4em; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
    th, td { padding: 0.05em 0.5em; text-align: right; border-bottom: 1px solid color-mix(in srgb, currentColor 30%, transparent); }
    th:first-child, td:first-child { text-align: left; }
    tr.current { font-weight: 700; }
    .legend { gap: 0.1em 0.9em; }
    .swatch { display: inline-block; vertical-align: middle; margin-right: 0.3em; }
    .layer-text { margin: 0; font-variant-numeric: tabular-nums; }
    /* A narrow box (a column, half a slide, a phone): one column, the picture above its controls and tables rather than both squeezed side by side. */
    @container axon-widget (width < 800px) {
      .layout, .layout.plane { grid-template-columns: minmax(0, 1fr); }
    }
  `,
];
