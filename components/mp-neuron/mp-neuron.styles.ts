/**
 * The look of `<mp-neuron>`: the shared base (components/shared/views/base-styles.ts), the warning styles, then
 * its own — the unit's diagram (inputs lit when on, the lamp when it fires, excitatory and inhibitory edges),
 * the input toggles and sliders, the truth table with the current row marked, and the gate presets.
 */
import { css } from 'lit';
import { baseStyles, roomText } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const mpNeuronStyles = [baseStyles, roomText(1.3, { alignLeft: false }), warningStyles, css`
    :host {
      max-width: 60em;
      margin: 0.3em auto;
      --mp-on: var(--axon-accent, #1d4ed8);
      --mp-fire: var(--axon-accent-2, #b45309);
      --mp-ink-on-colour: var(--axon-bg, #ffffff);
      --mp-bg: var(--axon-bg, #ffffff);
      --focus-ring-offset: 3px;
    }
    .presets { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4em; margin: 0 0 0.4em; }
    .presets .label { margin-right: 0.2em; }
    button {
      font: inherit;
      color: inherit;
      background: transparent;
      border: 2px solid currentColor;
      border-radius: 0.4em;
      padding: 0.15em 0.6em;
      min-height: 2em;
      min-width: 2.6em;
      cursor: pointer;
    }
    button[aria-pressed='true'] {
      background: var(--mp-on);
      border-color: var(--mp-on);
      color: var(--mp-ink-on-colour);
      font-weight: 700;
    }
    .layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 1.2em; align-items: start; }
    svg { display: block; width: 100%; height: auto; overflow: visible; }
    .halo { paint-order: stroke; stroke: var(--mp-bg); stroke-width: 6px; stroke-linejoin: round; }
    .node { fill: var(--mp-bg); stroke: currentColor; stroke-width: 3; }
    .input.on, .hidden.on { fill: var(--mp-on); stroke: var(--mp-on); }
    .lamp.on { fill: var(--mp-fire); stroke: var(--mp-fire); }
    .on-text { fill: var(--mp-ink-on-colour) !important; font-weight: 700; }
    .edge { fill: none; stroke-linecap: round; }
    .edge.excitatory { stroke: var(--mp-on); }
    .edge.inhibitory { stroke: var(--mp-fire); stroke-dasharray: 10 7; stroke-linecap: butt; }
    .edge.silent { stroke: currentColor; stroke-opacity: 0.5; stroke-dasharray: 2 7; }
    .edge.idle { opacity: 0.45; }
    .wire { stroke: currentColor; stroke-width: 3; fill: none; }
    .controls { display: grid; grid-template-columns: auto auto minmax(6em, 1fr) 3.2em; align-items: center; gap: 0.35em 0.6em; }
    .controls .name { text-align: right; font-style: italic; }
    .controls .value { text-align: right; font-variant-numeric: tabular-nums; }
    .controls .toggle { min-width: 4.2em; }
    .bit { font-weight: 700; }
    /* A browser draws sub- and superscripts at 0.83em, under the room's floor. These and the names and bits one
       or two letters wide get a size with room above the floor, so rounding their tiny boxes cannot take them under. */
    sub, sup { font-size: 22px; line-height: 0; display: inline-block; min-width: 10px; text-align: center; }
    .controls .name, .bit { font-size: 22px; }
    input[type='range'] { width: 100%; min-height: 1.6em; margin: 0; }
    [role='status'] { margin: 0 0 0.3em; }
    .y { font-size: 1.5em; font-weight: 700; margin-right: 0.4em; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 0; }
    caption { text-align: left; font-weight: 700; padding-bottom: 0.15em; white-space: nowrap; }
    th, td { padding: 0.05em 0.55em; text-align: center; border-bottom: 1px solid color-mix(in srgb, currentColor 35%, transparent); }
    th { font-weight: 700; border-bottom-width: 2px; }
    tr.current { background: color-mix(in srgb, var(--mp-on) 20%, transparent); font-weight: 700; }
    tr.current td { border-top: 2px solid var(--mp-on); border-bottom: 2px solid var(--mp-on); }
    .marker { width: 1.2em; padding: 0; }
    .fail { color: var(--axon-error-fg, #991b1b); font-weight: 700; }
    .why p, .layers { margin: 0.5em 0 0; }
    .network { max-width: 21em; margin: 0.2em auto 0; }
    @media (prefers-reduced-motion: no-preference) {
      .node, .edge, button { transition: fill 120ms, stroke 120ms, background-color 120ms; }
    }
    /*
     * Printed (the deck's print view marks the widget data-axon-print; base-styles.ts hides the sliders): each row
     * reads as settings in text, x₁ = 0   w₁ = 1.0, in three columns instead of four cells with a hole in each row.
     */
    :host([data-axon-print]) .controls { grid-template-columns: repeat(3, max-content); gap: 0.2em 0.8em; }
    :host([data-axon-print]) .controls .name::after { content: ' ='; font-style: normal; }
    /* A narrow box (a column, half a slide, a phone): one column, the picture above its controls and tables rather than both squeezed side by side. */
    @container axon-widget (width < 800px) {
      .layout { grid-template-columns: minmax(0, 1fr); }
    }
  `,
];
