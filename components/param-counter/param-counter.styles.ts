/**
 * The look of `<param-counter>`: the shared base (components/shared/views/base-styles.ts), the warning styles,
 * then its own — the layer-sizes field and its error, the network drawn with the counted weights (blue) and
 * biases (orange), and the table of each layer's parameters with the current layer marked.
 */
import { css, unsafeCSS } from 'lit';
import { baseStyles, roomText, roundedControls } from '../shared/views/base-styles.ts';
import { TEXT_LARGE_PX, svgTextSize } from '../shared/views/type-scale.ts';
import { warningStyles } from '../shared/warning.ts';

/** The network picture's viewBox width, in SVG units. */
export const PICTURE_WIDTH = 540;
/**
 * The narrowest the picture is drawn on a 1280×720 slide, in CSS px (its grid column beside the table is
 * about 520 px wide): the SVG text sizes below are chosen so that even there they draw at the room's floor.
 */
const PICTURE_MIN_DRAWN_WIDTH = 480;
/** The labels' size in SVG units: at least 21 CSS px (type-scale.ts). */
const LABEL_SIZE = unsafeCSS(`${svgTextSize(PICTURE_WIDTH, PICTURE_MIN_DRAWN_WIDTH)}px`);
/** The layer sizes' size in SVG units: the larger step of the scale. */
const SIZE_LABEL_SIZE = unsafeCSS(`${svgTextSize(PICTURE_WIDTH, PICTURE_MIN_DRAWN_WIDTH, TEXT_LARGE_PX)}px`);

export const paramCounterStyles = [baseStyles, roomText(1.3), warningStyles, roundedControls, css`
    :host {
      max-width: 1180px;
      margin: 0.2em auto;
      --pc-weight: var(--axon-accent, #1d4ed8);
      --pc-bias: var(--axon-accent-2, #b45309);
      --pc-bg: var(--axon-bg, #ffffff);
      --pc-ink: var(--axon-fg, #111827);
      --pc-rule: color-mix(in srgb, var(--axon-fg, #111827) 30%, transparent);
    }
    .controls { display: flex; flex-wrap: wrap; align-items: center; gap: 0.35em 0.6em; margin: 0 0 0.2em; }
    .field { display: flex; align-items: center; gap: 0.4em; }
    input[type='text'] { width: 9em; font-variant-numeric: tabular-nums; }
    input[aria-invalid='true'] { border-color: var(--axon-error-border, #dc2626); border-style: dashed; }
    button[aria-disabled='true'] { opacity: 0.55; cursor: default; }
    .position { font-variant-numeric: tabular-nums; }
    .field-error {
      margin: 0 0 0.2em;
      color: var(--axon-error-fg, #991b1b);
      background: var(--axon-error-bg, #fef2f2);
      border-left: 5px solid var(--axon-error-border, #dc2626);
      padding: 0.05em 0.5em;
    }
    .layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr); gap: 0 1em; align-items: start; }
    svg { display: block; width: 100%; height: auto; overflow: visible; }
    .node { fill: var(--pc-bg); stroke: currentColor; stroke-width: 2.5; }
    .node.counted { stroke: var(--pc-weight); stroke-width: 3.5; }
    .bias-dot { fill: var(--pc-bg); stroke: currentColor; stroke-width: 2; }
    .bias-dot.counted { fill: var(--pc-bias); stroke: var(--pc-bias); }
    .edge { stroke: currentColor; stroke-opacity: 0.3; stroke-width: 1.5; }
    .edge.counted { stroke: var(--pc-weight); stroke-opacity: 0.55; stroke-width: 2; }
    .edge.current { stroke: var(--pc-weight); stroke-opacity: 1; stroke-width: 3; }
    .gap-label { font-size: ${LABEL_SIZE}; font-variant-numeric: tabular-nums; }
    .gap-label .w { fill: var(--pc-weight); font-weight: 700; }
    .gap-label .b { fill: var(--pc-bias); font-weight: 700; }
    .size-label { font-size: ${SIZE_LABEL_SIZE}; font-weight: 700; font-variant-numeric: tabular-nums; }
    .role-label { font-size: ${LABEL_SIZE}; }
    .more { font-size: 30px; font-weight: 700; }
    .legend { display: flex; flex-wrap: wrap; gap: 0.1em 1em; margin: 0.1em 0 0; }
    .legend .w { color: var(--pc-weight); font-weight: 700; }
    .legend .b { color: var(--pc-bias); font-weight: 700; }
    .table-box { max-width: 100%; overflow-x: auto; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 0 0 0.4em; }
    caption { text-align: left; font-weight: 700; padding-bottom: 0.15em; white-space: nowrap; }
    th, td { padding: 0.06em 0.4em; border-bottom: 1px solid var(--pc-rule); text-align: right; }
    thead th { border-bottom: 2px solid var(--pc-ink); }
    th[scope='row'] { text-align: left; font-weight: 400; white-space: nowrap; }
    tfoot th, tfoot td { border-top: 2px solid var(--pc-ink); font-weight: 700; }
    td.w { color: var(--pc-weight); font-weight: 700; }
    td.b { color: var(--pc-bias); font-weight: 700; }
    td.hidden { color: var(--axon-muted, inherit); font-weight: 400; }
    tr[aria-current='true'] th[scope='row'] { box-shadow: inset 6px 0 0 var(--pc-weight); padding-left: 0.7em; font-weight: 700; }
    [role='status'] { margin: 0; min-height: 2.6em; }
    @media (prefers-reduced-motion: no-preference) {
      .edge, .node, .bias-dot { transition: stroke 200ms, stroke-width 200ms, fill 200ms, stroke-opacity 200ms; }
    }
    /* A narrow box (a column, half a slide, a phone): one column, the picture above its controls and tables rather than both squeezed side by side. */
    @container axon-widget (width < 800px) {
      .layout { grid-template-columns: minmax(0, 1fr); }
    }
  `,
];
