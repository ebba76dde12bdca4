/**
 * The look of `<backprop-walkthrough>`: KaTeX's styles (the formula is typeset inside the shadow root), the
 * shared base styles, then its own — the phase colours (value blue, gradient orange, update green), the
 * diagram's nodes and edges lit by the current step, the fields, the tables and the loss history.
 */
import { css, unsafeCSS } from 'lit';
import { baseStyles, roomText } from '../shared/views/base-styles.ts';
import { KATEX_STYLES, TEX_SCRIPT_SAFE_PX } from '../shared/views/tex.ts';
import { NARROW_DRAWN_PX, TEXT_LARGE_PX, svgTextSize } from '../shared/views/type-scale.ts';

/** The diagram's viewBox width, in SVG units. */
export const DIAGRAM_WIDTH = 750;
/**
 * The narrowest the diagram is drawn on a 1280×720 slide, in CSS px: its column is what the side column (the two
 * tables, `SIDE_WIDTH`) leaves of the 1152 px slide, about 684 px. The SVG text sizes below draw at the room's
 * floor there (type-scale.ts).
 */
const DIAGRAM_MIN_DRAWN_WIDTH = 680;
/** The side column's width: fixed, so that long values in the tables never narrow the diagram. */
const SIDE_WIDTH = '21.5em';
const DIAGRAM_TEXT = unsafeCSS(`${svgTextSize(DIAGRAM_WIDTH, DIAGRAM_MIN_DRAWN_WIDTH)}px`);
const DIAGRAM_SYMBOL = unsafeCSS(`${svgTextSize(DIAGRAM_WIDTH, DIAGRAM_MIN_DRAWN_WIDTH, TEXT_LARGE_PX)}px`);
const DIAGRAM_TEXT_NARROW = unsafeCSS(`${svgTextSize(DIAGRAM_WIDTH, NARROW_DRAWN_PX)}px`);
const DIAGRAM_SYMBOL_NARROW = unsafeCSS(`${svgTextSize(DIAGRAM_WIDTH, NARROW_DRAWN_PX, TEXT_LARGE_PX)}px`);
/** KaTeX's scripts are 0.7 of their formula: formulas sit in text this large so that scripts keep the floor. */
const TEX_PX = unsafeCSS(`${TEX_SCRIPT_SAFE_PX}px`);

export const backpropWalkthroughStyles = [KATEX_STYLES, baseStyles, roomText(1.3), css`
    :host {
      max-width: 1200px;
      margin: 0 auto;
      --bw-forward: var(--axon-accent, #1d4ed8);
      --bw-gradient: var(--axon-accent-2, #b45309);
      --bw-update: var(--axon-callout-tip, #047857);
      --bw-bg: var(--axon-bg, #ffffff);
    }
    .warning, .error {
      border: 2px solid #b45309;
      background: #fffbeb;
      color: #78350f;
      padding: 0.2em 0.6em;
      border-radius: 6px;
      margin: 0 0 0.3em;
    }
    .error { border-color: #b91c1c; background: #fef2f2; color: #7f1d1d; }
    .settings { display: flex; flex-wrap: wrap; gap: 0.3em 0.9em; align-items: center; margin: 0 0 0.3em; }
    .settings label { display: inline-flex; align-items: center; gap: 0.3em; white-space: nowrap; }
    .settings .name { font-style: italic; }
    /* A name one or two letters wide: a size with room above the floor, so rounding its tiny box cannot take it under. */
    .settings .name { font-size: 22px; }
    input[type='number'], select {
      font: inherit;
      color: inherit;
      background: var(--bw-bg);
      border: 2px solid color-mix(in srgb, currentColor 55%, transparent);
      border-radius: 6px;
      padding: 0.05em 0.25em;
      width: 4.4em;
      box-sizing: border-box;
      font-variant-numeric: tabular-nums;
    }
    select { width: auto; }
    /* No spin buttons: they would take the room of a digit (the arrow keys still step the value). */
    input[type='number'] { appearance: textfield; -moz-appearance: textfield; }
    input[type='number']::-webkit-inner-spin-button, input[type='number']::-webkit-outer-spin-button { -webkit-appearance: none; margin: 0; }
    input[aria-invalid='true'] { border-color: #b91c1c; }
    button {
      font: inherit;
      color: inherit;
      background: transparent;
      border: 2px solid var(--bw-forward);
      border-radius: 6px;
      padding: 0.1em 0.7em;
      min-height: 1.9em;
      cursor: pointer;
    }
    button[aria-disabled='true'] { opacity: 0.5; cursor: default; }
    button.apply { border-color: var(--bw-update); font-weight: 700; }
    .layout { display: grid; grid-template-columns: minmax(0, 1fr) ${unsafeCSS(SIDE_WIDTH)}; gap: 0 0.8em; align-items: start; }
    svg { display: block; width: 100%; height: auto; }
    /* A long loss under L ("0.0001531") may run a few units past the diagram's right edge, into the gap. */
    .main > svg { overflow: visible; }
    .node { fill: var(--bw-bg); stroke: currentColor; stroke-width: 2.5; }
    .param { fill: var(--bw-bg); stroke: currentColor; stroke-width: 1.5; stroke-dasharray: 5 4; }
    .edge { stroke: currentColor; stroke-width: 2; fill: none; opacity: 0.55; }
    .edge-label { font-size: ${DIAGRAM_TEXT}; font-style: italic; }
    .symbol { font-size: ${DIAGRAM_SYMBOL}; font-style: italic; }
    .param-text { font-size: ${DIAGRAM_TEXT}; }
    .value-text { font-size: ${DIAGRAM_TEXT}; font-weight: 700; fill: var(--bw-forward) !important; }
    .grad-text { font-size: ${DIAGRAM_TEXT}; font-weight: 700; fill: var(--bw-gradient) !important; }
    .next-text { font-size: ${DIAGRAM_TEXT}; font-weight: 700; fill: var(--bw-update) !important; }
    .pending { opacity: 0.5; font-weight: 400; }
    .phase-forward { --bw-phase: var(--bw-forward); }
    .phase-backward { --bw-phase: var(--bw-gradient); }
    .phase-update { --bw-phase: var(--bw-update); }
    .target .node, .target .param { stroke: var(--bw-phase); stroke-width: 5; stroke-dasharray: none; }
    .target .node, .target .param { fill: color-mix(in srgb, var(--bw-phase) 14%, var(--bw-bg)); }
    .source .node, .source .param { stroke: var(--bw-phase); stroke-width: 3; }
    .edge.active { stroke: var(--bw-phase); stroke-width: 4.5; opacity: 1; }
    .arrow { fill: currentColor; }
    .arrow.active { fill: var(--bw-phase, currentColor); }
    .legend { display: flex; flex-wrap: wrap; gap: 0.2em 1em; margin: 0.1em 0 0; }
    .legend .value { color: var(--bw-forward); font-weight: 700; }
    .legend .grad { color: var(--bw-gradient); font-weight: 700; }
    .legend .next { color: var(--bw-update); font-weight: 700; }
    .step { margin: 0.2em 0 0; min-height: 5.6em; }
    .step .caption { margin: 0; font-weight: 600; }
    .formula { font-size: ${TEX_PX}; margin: 0.15em 0; line-height: 1.5; }
    .controls { display: flex; flex-wrap: wrap; gap: 0.35em 0.5em; align-items: center; margin: 0.2em 0 0; }
    .position { font-variant-numeric: tabular-nums; margin-left: 0.3em; }
    .tables { display: flex; gap: 0.6em; align-items: flex-start; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
    caption { text-align: left; font-weight: 700; white-space: nowrap; padding-bottom: 0.15em; }
    th, td { padding: 0.02em 0.35em; border-bottom: 1px solid color-mix(in srgb, currentColor 30%, transparent); text-align: left; }
    th { font-weight: 400; white-space: nowrap; }
    th .tex { font-size: ${TEX_PX}; line-height: 1.2; }
    td { text-align: right; min-width: 3.6em; font-weight: 700; }
    td.forward { color: var(--bw-forward); }
    td.backward { color: var(--bw-gradient); }
    td.update { color: var(--bw-update); }
    td.hidden { color: inherit; opacity: 0.65; font-weight: 400; }
    /* The current step's row: a frame and a bar on its left. */
    tr[aria-current='true'] { outline: 2px solid currentColor; outline-offset: -1px; }
    tr[aria-current='true'] th { box-shadow: inset 6px 0 0 currentColor; padding-left: 0.7em; }
    .history { margin: 0.3em 0 0; font-variant-numeric: tabular-nums; }
    .history svg.bars { display: inline-block; vertical-align: middle; width: auto; height: 1.2em; margin-right: 0.4em; }
    .history .bar { fill: var(--bw-forward); }
    /* The open code scrolls inside the side column; its long lines must not widen the column. */
    .side axon-code-panel { margin-top: 0.4em; contain: inline-size; }
    /* A narrow box (a column, half a slide, a phone): the tables go under the diagram rather than squeezing it to a stamp. */
    @container axon-widget (width < 800px) {
      .layout { grid-template-columns: minmax(0, 1fr); }
      .edge-label, .param-text, .value-text, .grad-text, .next-text { font-size: ${DIAGRAM_TEXT_NARROW}; }
      .symbol { font-size: ${DIAGRAM_SYMBOL_NARROW}; }
    }
    @media (prefers-reduced-motion: no-preference) {
      .node, .param, .edge { transition: stroke 150ms, stroke-width 150ms, fill 150ms; }
    }
  `,
];
