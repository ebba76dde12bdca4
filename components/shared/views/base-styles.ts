/**
 * The rules every widget repeated in its own `static styles`: the host box, SVG text in the slide's ink, the
 * keyboard focus ring, screen-reader-only text (`.sr-only`), the look of a `select` and of a `.toggle` button
 * (filled in the accent while `aria-pressed="true"`), the range slider's accent, a wrapping `.row`, the
 * status line's figures and a `ul.legend` without bullets.
 * A widget lists `baseStyles` first in its styles and writes only what is its own.
 *
 * Every selector but `:host` sits inside `:where(…)`, so it weighs nothing: any rule a widget writes (even a bare
 * `button { … }`) wins over it, and a widget that styled a control its own way keeps exactly that look.
 *
 * A widget whose focus ring sat 3 px off its controls (rather than 2 px) sets `--focus-ring-offset: 3px` on
 * `:host`; the property is private to the widget's shadow root.
 */
import { css } from 'lit';

export const baseStyles = css`
  :host { display: block; color: inherit; }
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
  :where(.toggle[aria-pressed='true']) {
    background: var(--axon-accent, #1d4ed8); border-color: var(--axon-accent, #1d4ed8); color: var(--axon-bg, #ffffff);
  }
  :where(input[type='range']) { accent-color: var(--axon-accent, #1d4ed8); }

  /* A row of buttons and short readouts that wraps on a narrow slide. */
  :where(.row) { display: flex; flex-wrap: wrap; gap: 0.4em 0.8em; align-items: center; }

  /* The status line: numbers that change in place must not make the line jitter. */
  :where([role='status']) { font-variant-numeric: tabular-nums; }

  /* A legend is a list of swatches and names, without bullets. */
  :where(ul.legend) { display: flex; flex-wrap: wrap; margin: 0; padding: 0; list-style: none; }
`;
