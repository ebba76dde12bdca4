/**
 * The rules every widget repeated in its own `static styles`: the host box, SVG text in the slide's ink, the
 * keyboard focus ring, screen-reader-only text (`.sr-only`), the look of a `select` and of a `.toggle` button
 * (filled in the accent while `aria-pressed="true"`), the range slider's accent, a wrapping `.row`, the
 * status line's figures and a `ul.legend` without bullets.
 * A widget lists `baseStyles` first in its styles and writes only what is its own. What several widgets wrote
 * alike beyond that is here once, as named fragments they compose (issue 16): `roomText(lineHeight)` (the room's
 * text size on the host), `framedControls` and `roundedControls` (two families of select and button frames).
 *
 * Every selector but `:host` sits inside `:where(…)`, so it weighs nothing: any rule a widget writes (even a bare
 * `button { … }`) wins over it, and a widget that styled a control its own way keeps exactly that look.
 *
 * A widget whose focus ring sat 3 px off its controls (rather than 2 px) sets `--focus-ring-offset: 3px` on
 * `:host`; the property is private to the widget's shadow root.
 *
 * The type scale for the room (issue 17): a deck slide is 1280×720 CSS px, drawn at 0.96 of that on a
 * 1280×720 projector (reveal's 4 % margin), so the back row's 20 px floor is 21 CSS px on the slide. Every text
 * a widget shows — labels, values, status, legends, axes, tables, code — is at least `--axon-text` (21px);
 * SVG text is sized in the SVG's user units so that it draws at least that large (`svgTextSize`,
 * components/shared/views/type-scale.ts). A widget that cannot fit its full control set at that size shows the
 * controls its slide needs and puts the rest behind one click: `<details class="more"><summary>More
 * settings</summary>…</details>`, styled here. e2e/projector.spec.ts measures every lecture slide.
 */
import { css, unsafeCSS } from 'lit';
import { phoneStyles } from './phone-styles.ts';

export const baseStyles = css`
  /*
   * Every widget is a size container, axon-widget: it lays itself out for the width it is given — a full slide,
   * a column, half a slide, a phone — with \`@container axon-widget (width < 800px) { … }\` (its one narrow layout).
   */
  :host { display: block; container: axon-widget / inline-size; color: inherit; --axon-text: 21px; --axon-text-large: 24px; }
  :where(svg text) { fill: currentColor; font-family: inherit; }

  /* One focus ring for every control a keyboard reaches (the deck's theme may recolour it). */
  :where(input:focus-visible, select:focus-visible, button:focus-visible, textarea:focus-visible) {
    outline: 3px solid var(--axon-focus, #f59e0b);
    outline-offset: var(--focus-ring-offset, 2px);
  }

  /* Text for screen readers only: read out, not drawn. */
  :where(.sr-only) {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }

  /* Controls: the slide's font and colour, a 2 px frame in the text colour; toggles fill in the accent when on. */
  :where(select) {
    font: inherit; color: inherit; background: transparent;
    border: 2px solid currentColor; border-radius: 6px;
  }
  /* NOTE - a dark theme makes the select's text light; its drop-down list is drawn by the system, on white. */
  :where(select option) { color: #111827; background: #ffffff; }
  :where(.toggle) {
    font: inherit; color: inherit; background: transparent;
    border: 2px solid currentColor; border-radius: 6px; padding: 0.15em 0.7em; cursor: pointer;
  }
  /*
   * One toggle style: any pressed button (a .toggle, a view or mode switch) fills in the accent, bold. Not in
   * :where(): it must win over a widget's plain \`button { background: … }\`; a widget whose pressed button means
   * data (mp-neuron's inputs at 1) restyles it with a rule of the same weight, which comes later.
   */
  .toggle[aria-pressed='true'], button[aria-pressed='true'] {
    background: var(--axon-accent, #1d4ed8); border-color: var(--axon-accent, #1d4ed8); color: var(--axon-bg, #ffffff);
    font-weight: 700;
  }
  :where(input[type='range']) { accent-color: var(--axon-accent, #1d4ed8); }

  /* A row of buttons and short readouts that wraps on a narrow slide. */
  :where(.row) { display: flex; flex-wrap: wrap; gap: 0.4em 0.8em; align-items: center; }

  /* The status line: numbers that change in place must not make the line jitter. */
  :where([role='status']) { font-variant-numeric: tabular-nums; }

  /* The rest of the controls, one click away: a summary that reads as a button, its content below. */
  :where(details.more) { margin: 0.3em 0 0; }
  :where(details.more > summary) {
    display: inline-flex; align-items: center; gap: 0.3em; min-height: 44px; cursor: pointer;
    font-size: max(var(--axon-text, 21px), 1em); color: inherit; list-style-position: inside;
  }
  :where(details.more > summary:focus-visible) { outline: 3px solid var(--axon-focus, #f59e0b); outline-offset: 2px; }

  /*
   * Touch targets on a phone: the deck's reading view (deck/client/reading-view.ts) sets --axon-touch-target
   * to the slide size that comes out at 44 CSS px on the screen; on a projector it is unset and nothing changes.
   */
  :where(button, select, summary, input:not([type='range'], [type='checkbox'], [type='radio'])) {
    min-height: var(--axon-touch-target, auto);
    min-width: var(--axon-touch-target, auto);
  }
  :where(input[type='range']) { min-height: var(--axon-touch-target, auto); }

  /*
   * On a printed handout (the deck marks every widget data-axon-print in its print view): the settings, not
   * the controls. Actions (Play … Reset, Show code, Download CSV) and sliders go — each slider's label shows
   * its value —; a select keeps its chosen value without its arrow; toggles (aria-pressed) stay, as state.
   */
  :host([data-axon-print]) :where(.transport, axon-code-panel, details.more, input[type='range'], button:not([aria-pressed], [aria-checked], [role='switch'])) { display: none !important; }
  :host([data-axon-print]) :where(select) { appearance: none; border-color: transparent; padding-inline: 0; }

  /* A legend is a list of swatches and names, without bullets. */
  :where(ul.legend) { display: flex; flex-wrap: wrap; margin: 0; padding: 0; list-style: none; }

  ${phoneStyles}
`;

/**
 * The room's text on the widget's box (issue 17): every text at `--axon-text` (21 CSS px, type-scale.ts) at the
 * widget's `lineHeight`, set flush left unless `alignLeft` is false (a widget that keeps the slide's alignment).
 * A widget lists it after `baseStyles` and writes its own box (width, margin, palette) in its own `:host`.
 */
export function roomText(lineHeight: number, { alignLeft = true }: { alignLeft?: boolean } = {}) {
  const align = alignLeft ? unsafeCSS('text-align: left;') : unsafeCSS('');
  return css`:host { font-size: var(--axon-text, 21px); line-height: ${lineHeight}; ${align} }`;
}

/**
 * Selects and buttons framed in the text colour with square-ish 6 px corners, a drop-down list in pure black on
 * white, and buttons a little taller than a line. Unlike `baseStyles` it weighs as a plain rule, so a widget's
 * own later rule of the same weight still wins. (activation-explorer, softmax-temperature.)
 */
export const framedControls = css`
  select, button {
    font: inherit; color: inherit; background: transparent;
    border: 2px solid currentColor; border-radius: 6px; padding: 0.1em 0.5em;
  }
  /* Its own drop-down ink, pure black (the base writes #111827). */
  select option { color: #000; background: #fff; }
  button { cursor: pointer; min-height: 1.9em; }
`;

/**
 * A typed text field and buttons with rounder corners (0.3 em and 0.4 em), on the page's background; buttons
 * two lines' height of a touch target. (dna-onehot, param-counter.)
 */
export const roundedControls = css`
  input, button { font: inherit; color: inherit; }
  input[type='text'] {
    background: var(--axon-bg, #ffffff); border: 2px solid currentColor; border-radius: 0.3em; padding: 0.1em 0.35em;
  }
  button {
    background: transparent; border: 2px solid currentColor; border-radius: 0.4em;
    padding: 0.1em 0.6em; min-height: 2em; cursor: pointer;
  }
`;
