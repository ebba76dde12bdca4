/**
 * The look of `<nn-playground>`: the shared base styles (focus ring, select, range accent, SVG text, status
 * figures, the "More settings" disclosure), the warning box and the transport buttons, then its own — the
 * control bar with its disclosure panel, the three columns (network, output, loss), the network diagram with
 * its overlaid buttons, the output view, the plots.
 *
 * Sized for the room (issue 17): every text is at least `--axon-text` (21 CSS px, 20 px on a 1280×720
 * projector); SVG text is sized in each picture's user units from the width its column is drawn at
 * (nn-playground.layout.ts).
 */
import { css, unsafeCSS } from 'lit';
import { transportStyles } from '../shared/transport.ts';
import { baseStyles, roomText } from '../shared/views/base-styles.ts';
import { cssGradient, diverging } from '../shared/views/colour-maps.ts';
import { warningStyles } from '../shared/warning.ts';
import { NET_TEXT } from './network-diagram.ts';
import { COLUMN_GAP_PX, COLUMN_SHARES, WIDGET_PX } from './nn-playground.layout.ts';
import { OUT_TEXT } from './output-view.ts';
import { PLOT_TEXT } from './plots.ts';

const px = (value: number) => unsafeCSS(`${value}px`);
const [networkShare, outputShare, sideShare] = COLUMN_SHARES;

export const nnPlaygroundStyles = [baseStyles, roomText(1.25), warningStyles, transportStyles, css`
    :host {
      max-width: ${px(WIDGET_PX)};
      margin: 0 auto;
      container-type: inline-size;
    }
    /* The bar: transport and the slide's controls in one row; the rest open in a panel over the pictures. */
    .bar { position: relative; display: flex; flex-wrap: wrap; align-items: center; gap: 0.3em 0.55em; margin-bottom: 0.3em; }
    .bar .transport { gap: 0.25em; }
    .bar .transport button { font-size: var(--axon-text, 21px); min-width: 0; padding: 0.1em 0.4em; }
    .field { display: flex; flex-direction: column; gap: 0.1em; min-width: 0; }
    .bar > .field { flex-direction: row; align-items: center; gap: 0.3em; }
    .bar > .field > span { white-space: nowrap; }
    .bar > .field input[type='range'] { width: 5em; }
    .field > span { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .field b { font-variant-numeric: tabular-nums; }
    .bar details.more { margin: 0 0 0 auto; }
    .bar details.more > summary { white-space: nowrap; }
    .bar details.more > summary::before { content: '▸'; }
    .bar details.more[open] > summary::before { content: '▾'; }
    .more-panel {
      position: absolute;
      z-index: 3;
      top: 100%;
      left: 0;
      right: 0;
      margin-top: 0.2em;
      padding: 0.5em 0.7em;
      background: var(--axon-bg, #ffffff);
      border: 2px solid currentColor;
      border-radius: 8px;
      box-shadow: 0 6px 18px rgb(0 0 0 / 0.18);
    }
    .more-fields input[type='checkbox'] { width: 1.3em; height: 1.3em; margin: 0.1em 0; align-self: flex-start; accent-color: var(--axon-accent, #1d4ed8); }
    .more-fields { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 0.4em 0.9em; align-items: end; }
    .bar > button, .tool {
      font: inherit;
      padding: 0.1em 0.5em;
      border-radius: 6px;
      border: 2px solid currentColor;
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    .tool { min-width: 1.8em; }
    .tool:disabled { opacity: 0.4; cursor: default; }
    input[type='range'] { width: 100%; min-height: 1.4em; margin: 0; }
    select { font-size: var(--axon-text, 21px); padding: 0 0.2em; min-width: 0; }
    .main {
      display: grid;
      grid-template-columns: minmax(0, ${unsafeCSS(networkShare)}fr) minmax(0, ${unsafeCSS(outputShare)}fr) minmax(0, ${unsafeCSS(sideShare)}fr);
      gap: 0 ${px(COLUMN_GAP_PX)};
      align-items: start;
    }
    .network { position: relative; }
    .net-head { display: flex; align-items: center; gap: 0.4em; flex-wrap: wrap; min-height: 1.9em; }
    .net-head axon-code-panel { margin-left: auto; }
    /* "0 hidden layers (a linear model)" does not fit beside the buttons: it takes the line below them. */
    .net-head.long .count { order: 1; flex-basis: 100%; }
    .network:has(axon-code-panel[open]) .diagram { display: none; }
    .network axon-code-panel[open] { margin-left: 0; width: 100%; }
    .diagram { position: relative; }
    svg { display: block; width: 100%; height: auto; }
    .diagram svg { font-size: ${px(NET_TEXT)}; }
    .diagram .overlay { position: absolute; margin: 0; padding: 0; }
    .feature {
      font: inherit;
      display: flex;
      align-items: center;
      justify-content: flex-start;
      padding: 0 0 0 0.1em;
      border: 2px solid transparent;
      border-radius: 6px;
      background: transparent;
      color: inherit;
      cursor: pointer;
      white-space: nowrap;
    }
    /* A feature is a tile with its picture, not a switch to fill: on reads bold, off fades (not the accent fill). */
    .feature[aria-pressed='true'] { background: transparent; border-color: transparent; color: inherit; }
    .feature[aria-pressed='false'] { opacity: 0.55; }
    .feature:disabled { opacity: 0.3; cursor: default; }
    .feature:hover:not(:disabled) { border-color: currentColor; }
    .neuron-buttons { display: flex; gap: 2px; justify-content: center; }
    .neuron-buttons button { flex: none; font: inherit; width: 1.4em; height: 1.4em; line-height: 1; padding: 0; border-radius: 50%; border: 2px solid currentColor; background: var(--axon-bg, #ffffff); color: inherit; cursor: pointer; }
    .neuron-buttons button:disabled { opacity: 0.35; cursor: default; }
    .link { fill: none; }
    .node { stroke: currentColor; stroke-opacity: 0.5; stroke-width: 1; }
    .node-off { opacity: 0.25; }
    .thumb-line { fill: none; stroke: var(--axon-accent, #1d4ed8); stroke-width: 2; }
    .layer-label { font-size: 1em; }
    .note { margin: 0.1em 0 0; opacity: 0.85; }
    .output .view { border: 0; font-size: ${px(OUT_TEXT)}; }
    .axis { stroke: currentColor; stroke-opacity: 0.55; stroke-width: 1.2; fill: none; }
    .tick { font-size: 1em; font-variant-numeric: tabular-nums; }
    .axis-label { font-size: 1em; font-style: italic; }
    /* A CSV's column names inside the plane, on a white halo so the heatmap and points do not hide them. */
    .axis-name { font-size: 1em; font-weight: 600; paint-order: stroke; stroke: #ffffff; stroke-width: 5px; stroke-linejoin: round; fill: currentColor; }
    /* Each point in its class's colour with a dark outline, on the lightened heatmap; test points ringed thick. */
    .point { stroke: #111827; stroke-width: 1.3; }
    .point.test { stroke: #111827; stroke-width: 3; }
    .curve { fill: none; stroke: #111827; stroke-width: 3; }
    .curve-halo { fill: none; stroke: #ffffff; stroke-width: 6; stroke-opacity: 0.8; }
    .switches { display: flex; flex-wrap: wrap; gap: 0.1em 0.8em; margin-top: 0.25em; }
    .switches label { display: flex; align-items: center; gap: 0.35em; cursor: pointer; white-space: nowrap; }
    .switches input { width: 1.1em; height: 1.1em; margin: 0; accent-color: var(--axon-accent, #1d4ed8); }
    .legend { margin: 0.15em 0 0; display: flex; flex-wrap: wrap; align-items: center; gap: 0.1em 0.4em; }
    .legend span { white-space: nowrap; }
    .legend .bar-colours { width: 4em; height: 0.8em; border-radius: 3px; background: ${unsafeCSS(cssGradient(diverging, -1, 1))}; }
    .side { display: flex; flex-direction: column; gap: 0.2em; }
    .side svg { font-size: ${px(PLOT_TEXT)}; }
    [role='status'] { margin: 0; font-weight: 700; }
    [role='status'] span { display: block; }
    [role='status'] .sep { display: inline-block; width: 0; overflow: hidden; white-space: pre; font-style: normal; vertical-align: bottom; }
    .loss-train { fill: none; stroke: currentColor; stroke-width: 2.4; }
    .loss-test { fill: none; stroke: #b45309; stroke-width: 2.4; stroke-dasharray: 7 4; }
    .loss-validation { fill: none; stroke: var(--axon-accent, #1d4ed8); stroke-width: 2.6; stroke-dasharray: 2 4; stroke-linecap: round; }
    .legend-validation { color: var(--axon-accent, #1d4ed8); }
    /* Early stopping's best epoch: a line and its label over the loss chart (the same view box, laid on top). */
    .loss-box { position: relative; }
    .loss-box .best-marker { position: absolute; inset: 0; pointer-events: none; }
    .best-line { stroke: #047857; stroke-width: 2.4; }
    .best-label { fill: #047857; font-weight: 700; font-size: 1em; }
    .hidden-boundary { stroke: #111827; stroke-width: 2.4; stroke-dasharray: 8 5; }
    .grid { stroke: currentColor; stroke-opacity: 0.13; stroke-width: 1; }
    .diagonal { stroke: currentColor; stroke-opacity: 0.5; stroke-width: 1.2; stroke-dasharray: 5 4; }
    .pvt-train { fill: var(--axon-accent, #1d4ed8); fill-opacity: 0.7; }
    .pvt-test { fill: none; stroke: #b45309; stroke-width: 1.8; }
    .pvt-out { fill-opacity: 1; stroke-width: 1.5; }
    .pvt-train.pvt-out { stroke: #111827; }
    .plot-legend { display: flex; flex-wrap: wrap; gap: 0 0.8em; margin: 0; }
    .settings { margin: 0.4em 0 0; opacity: 0.85; }
    /* On screen the description is behind "More settings"; a printed handout has no disclosure to open. */
    .print-only { display: none; }
    @media print { .print-only { display: block; } }
    .diverged { font-size: var(--axon-text, 21px); }
    /*
     * Narrow (a column, half a slide, a phone's reading view; a full 1280×720 slide gives the widget 1180 px): the
     * columns stack, the network and output view at full width, the text still the room's size.
     */
    @container (max-width: 760px) {
      .main { grid-template-columns: minmax(0, 1fr); gap: 0.6em; }
      .output, .side { max-width: 420px; }
    }
    /*
     * On a phone the diagram's buttons are touch targets (T = --axon-touch-target, phone-styles.ts): each hidden
     * layer's + and − side by side need its columns 2.1 T apart (2.9 T of diagram width, whose columns span
     * 393 of its 540 units), the seven feature toggles one above the other 52 of its units each (10.6 T of width;
     * the diagram keeps its proportions). Narrower than that it scrolls sideways rather than piling them up.
     */
    @container axon-widget (width < 800px) {
      .network { overflow-x: auto; }
      .diagram { min-width: max(calc(10.6 * var(--axon-touch-target, 44px)), calc((var(--hidden-layers, 2) + 1) * 2.9 * var(--axon-touch-target, 44px))); }
    }
  `,
];
