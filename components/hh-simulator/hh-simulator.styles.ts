/**
 * The look of `<hh-simulator>`: the shared base styles (focus ring, select, range accent, status figures),
 * the warning, then its own — the grid of controls, status, picker and plots; its buttons framed like the
 * select (Replay filled while pressed); the panels' axes, the current step's band, V(t), the three gates
 * told apart by colour and dash, the rate curve and the replay cursor. Every text is at least `--axon-text`
 * (21 px on a 1280×720 slide, issue 17); the panels' text is sized in viewBox units for the width they are
 * drawn at there.
 */
import { css, unsafeCSS } from 'lit';
import { baseStyles, roomText } from '../shared/views/base-styles.ts';
import { NARROW_DRAWN_PX, TEXT_LARGE_PX, TEXT_PX, svgTextSize } from '../shared/views/type-scale.ts';
import { warningStyles } from '../shared/warning.ts';
import { RATES_PANEL, VOLTAGE_PANEL } from './hh-simulator.views.ts';

/**
 * The panels' drawn width on a 1280×720 slide, CSS px: the widget is 1200 px wide there and its grid gives the
 * 740-unit panels 740 px (and the 440-unit rate plot 440 px), one CSS px a unit.
 */
const PANEL_DRAWN_WIDTH = 740;
const text = unsafeCSS(svgTextSize(VOLTAGE_PANEL.width, PANEL_DRAWN_WIDTH, TEXT_PX));
const textLarge = unsafeCSS(svgTextSize(VOLTAGE_PANEL.width, PANEL_DRAWN_WIDTH, TEXT_LARGE_PX));
const textNarrow = unsafeCSS(svgTextSize(VOLTAGE_PANEL.width, NARROW_DRAWN_PX, TEXT_PX));

export const hhSimulatorStyles = [baseStyles, roomText(1.3, { alignLeft: false }), warningStyles, css`
    :host {
      max-width: 1200px;
      margin: 0 auto;
      --focus-ring-offset: 3px;
      --hh-v: var(--axon-accent, #1d4ed8);
      --hh-step: var(--axon-accent-2, #b45309);
    }
    .layout {
      display: grid;
      grid-template-columns: 740fr 440fr;
      grid-template-areas: 'controls controls' 'status picker' 'plots rates';
      column-gap: 20px;
      row-gap: 6px;
      align-items: center;
    }
    .controls { grid-area: controls; display: flex; align-items: center; gap: 0.7em; flex-wrap: wrap; }
    .current { display: flex; align-items: center; gap: 0.6em; flex: 1 1 24em; }
    .current input { flex: 1; min-width: 8em; }
    .value { font-variant-numeric: tabular-nums; min-width: 7.2em; }
    [role='status'] { grid-area: status; margin: 0; font-weight: 600; }
    .picker { grid-area: picker; display: flex; align-items: center; gap: 0.5em; justify-self: start; padding-left: 14px; white-space: nowrap; }
    .plots { grid-area: plots; align-self: start; }
    .rates { grid-area: rates; align-self: start; }
    svg { display: block; width: 100%; height: auto; overflow: visible; }
    input[type='range'] { min-height: 1.6em; margin: 0; }
    select,
    button {
      font: inherit;
      color: inherit;
      background: transparent;
      border: 2px solid currentColor;
      border-radius: 6px;
      padding: 0.15em 0.6em;
      cursor: pointer;
    }
    .axis { stroke: currentColor; stroke-opacity: 0.55; stroke-width: 1.5; fill: none; }
    .grid { stroke: currentColor; stroke-opacity: 0.14; stroke-width: 1; }
    .threshold { stroke: currentColor; stroke-opacity: 0.45; stroke-width: 1.5; stroke-dasharray: 6 6; }
    .tick { fill: currentColor; font-size: ${text}px; font-variant-numeric: tabular-nums; }
    .label { fill: currentColor; font-size: ${text}px; }
    /* The rate's value is read from afar: larger, with its subscript still at the smallest size. */
    .label.strong { font-size: ${textLarge}px; font-weight: 600; font-variant-numeric: tabular-nums; }
    .sub { font-size: ${text}px; }
    .band { fill: var(--hh-step); fill-opacity: 0.1; }
    .band-edge { stroke: var(--hh-step); stroke-width: 2; }
    .band-label { fill: currentColor; font-size: ${text}px; }
    .voltage { fill: none; stroke: var(--hh-v); stroke-width: 2.5; stroke-linejoin: round; }
    .gate { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
    .gate.m { stroke: var(--axon-accent, #1d4ed8); }
    .gate.h { stroke: var(--axon-accent-2, #b45309); stroke-dasharray: 9 5; }
    .gate.n { stroke: currentColor; stroke-dasharray: 2.5 4; stroke-linecap: round; }
    .gate-name { font-size: ${textLarge}px; font-weight: 700; font-style: italic; }
    .gate-name.m { fill: var(--axon-accent, #1d4ed8); }
    .gate-name.h { fill: var(--axon-accent-2, #b45309); }
    .gate-name.n { fill: currentColor; }
    .rate { fill: none; stroke: var(--axon-accent, #1d4ed8); stroke-width: 3; }
    .cursor { stroke: currentColor; stroke-opacity: 0.6; stroke-width: 1.5; }
    .marker { fill: var(--axon-accent-2, #b45309); stroke: var(--axon-bg, #ffffff); stroke-width: 2; }
    /* NOTE - a phone shows the slide unscaled, one narrow column: the panels go one under the other. */
    :host { container-type: inline-size; }
    @container (max-width: 700px) {
      .layout { grid-template-columns: minmax(0, 1fr); grid-template-areas: 'controls' 'status' 'picker' 'plots' 'rates'; }
      .picker { padding-left: 0; white-space: normal; flex-wrap: wrap; }
    }
    /*
     * A narrow box (a column, half a slide): V and the gates drawn narrower, their text larger in their units;
     * the rate panel at most its own width (drawn wider, its text and height would grow past the slide).
     */
    @container axon-widget (width < 800px) {
      .plots :is(.tick, .label, .sub, .band-label, .gate-name) { font-size: ${textNarrow}px; }
      .rates { max-width: ${RATES_PANEL.width}px; }
    }
  `,
];
