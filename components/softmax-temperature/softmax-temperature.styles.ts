/**
 * The look of `<softmax-temperature>`: the shared base (components/shared/views/base-styles.ts), the warning
 * styles, then its own — the table of logits with a bar per class, the temperature slider, the buttons and
 * the entropy meter.
 */
import { css, unsafeCSS } from 'lit';
import { baseStyles, framedControls, roomText } from '../shared/views/base-styles.ts';
import { KATEX_STYLES, TEX_SCRIPT_SAFE_PX } from '../shared/views/tex.ts';
import { NARROW_DRAWN_PX, svgTextSize } from '../shared/views/type-scale.ts';
import { warningStyles } from '../shared/warning.ts';

/** The bar column's size in SVG units (= CSS px: the cell and its SVG are given exactly this size). */
export const BAR = { width: 210, height: 44 } as const;

/** The entropy meter's geometry in SVG units: as wide as the table's column, so a unit is about a CSS px. */
export const METER = { width: 680, barLeft: 96, barRight: 600 } as const;
/** The meter's words, sized to draw at the room's floor even where the column is a little narrower (type-scale.ts). */
const METER_TEXT = unsafeCSS(`${svgTextSize(METER.width, 650)}px`);
const METER_TEXT_NARROW = unsafeCSS(`${svgTextSize(METER.width, NARROW_DRAWN_PX)}px`);

export const softmaxTemperatureStyles = [KATEX_STYLES, baseStyles, roomText(1.3), warningStyles, framedControls, css`
    :host {
      max-width: 1180px;
      margin: 0 auto;
      --sm-p: var(--axon-accent, #1d4ed8);
      --sm-sample: var(--axon-accent-2, #b45309);
      --sm-bg: var(--axon-bg, #ffffff);
    }
    .layout { display: grid; grid-template-columns: minmax(0, ${METER.width}px) minmax(0, 1fr); gap: 0 22px; align-items: start; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; width: 100%; }
    th, td { padding: 0.1em 0.28em; text-align: right; border-bottom: 1px solid color-mix(in srgb, currentColor 30%, transparent); vertical-align: middle; }
    th { font-weight: 700; border-bottom-width: 2px; white-space: nowrap; }
    th:first-child, td:first-child { text-align: left; }
    td.label { max-width: 7em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    td.bars { padding: 0.1em 0.2em; width: ${BAR.width}px; }
    td.bars svg { display: block; width: ${BAR.width}px; height: ${BAR.height}px; }
    tr.top td.p { font-weight: 700; }
    input[type='number'] {
      font: inherit;
      color: inherit;
      background: transparent;
      border: 2px solid currentColor;
      border-radius: 6px;
      width: 4.6em;
      padding: 0.05em 0.25em;
      text-align: right;
    }
    input[type='range'] { width: 100%; min-height: 1.6em; margin: 0; }
    button:disabled { opacity: 0.55; cursor: not-allowed; }
    .panel { display: flex; flex-direction: column; gap: 0.5em; min-width: 0; }
    .formula { margin: 0; }
    .formula p { margin: 0 0 0.2em; }
    /* KaTeX's scripts are 0.7 of the formula: this size keeps them at the room's floor (tex.ts). */
    .formula .tex { font-size: ${TEX_SCRIPT_SAFE_PX}px; margin: 0; }
    .slider { display: grid; grid-template-columns: max-content minmax(5em, 1fr) 3.6em; gap: 0.5em; align-items: center; }
    .slider .value { text-align: right; font-variant-numeric: tabular-nums; font-weight: 700; }
    .row { gap: 0.4em; }
    [role='status'] { margin: 0; }
    [role='status'] p { margin: 0 0 0.15em; }
    .meter { display: block; width: 100%; height: auto; }
    .legend { gap: 0.1em 1em; margin: 0.3em 0 0; }
    .meter-label { font-size: ${METER_TEXT}; }
    .swatch { display: inline-block; vertical-align: middle; margin-right: 0.3em; }
    /* A narrow box (a column, half a slide, a phone): the controls go under the table, and the bars shrink so the table fits the width. */
    @container axon-widget (width < 800px) {
      .layout { grid-template-columns: minmax(0, 1fr); }
      td.bars { width: auto; }
      td.bars svg { width: 100px; height: auto; }
      .meter-label { font-size: ${METER_TEXT_NARROW}; }
    }
  `,
];
