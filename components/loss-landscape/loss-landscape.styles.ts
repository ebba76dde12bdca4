/**
 * The look of `<loss-landscape>`: the shared base styles, the warning and the transport, then its own — the
 * map beside the panel, the map's axes, contour lines, paths, markers and hit area, the controls' grid, the
 * status lines and the legend.
 */
import { css } from 'lit';
import { transportStyles } from '../shared/transport.ts';
import { baseStyles, roomText } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const lossLandscapeStyles = [baseStyles, roomText(1.25), warningStyles, transportStyles, css`
    :host {
      max-width: 1200px;
      margin: 0 auto;
    }
    .layout { display: grid; grid-template-columns: minmax(0, 520px) minmax(0, 1fr); gap: 0 24px; align-items: start; }
    .map { margin: 0; }
    .formula { margin: 0 0 0.2em; text-align: center; }
    .map svg { display: block; width: 100%; height: auto; overflow: visible; touch-action: none; user-select: none; }
    .tick-label { font-size: var(--svg-text, 22px); font-variant-numeric: tabular-nums; }
    .axis-label { font-size: var(--svg-text, 22px); font-style: italic; }
    .axis { stroke: currentColor; stroke-width: 1.5; }
    .frame { fill: none; stroke: currentColor; stroke-width: 1.5; }
    .contour { fill: none; stroke-width: 1.1; }
    .contour.light { stroke: rgba(255, 255, 255, 0.6); }
    .contour.dark { stroke: rgba(0, 0, 0, 0.45); }
    .halo { fill: none; stroke: #ffffff; stroke-opacity: 0.85; stroke-width: 6; stroke-linejoin: round; stroke-linecap: round; }
    .path { fill: none; stroke-width: 3; stroke-linejoin: round; stroke-linecap: round; }
    .marker { stroke: #000000; stroke-width: 1.5; }
    .start { fill: none; stroke: #ffffff; stroke-width: 3; }
    .start-inner { fill: none; stroke: #000000; stroke-width: 1.5; }
    .minimum { stroke: #ffffff; stroke-width: 3.5; stroke-linecap: round; }
    .minimum-inner { stroke: #000000; stroke-width: 1.6; stroke-linecap: round; }
    .hit { fill: transparent; cursor: crosshair; outline: none; }
    .hit:focus-visible { stroke: var(--axon-focus, #f59e0b); stroke-width: 4; }
    .panel { display: flex; flex-direction: column; gap: 0.45em; min-width: 0; }
    .controls { display: grid; grid-template-columns: max-content minmax(6em, 1fr) 4.2em; align-items: center; gap: 0.35em 0.6em; }
    .controls label { white-space: nowrap; }
    .controls .value { text-align: right; font-variant-numeric: tabular-nums; }
    input[type='range'] { width: 100%; min-height: 1.6em; margin: 0; }
    select { justify-self: start; padding: 0.1em 0.4em; }
    /* The options in black on white, as before the base styles (whose option text is #111827). */
    select option { color: #000; background: #fff; }
    .toggle { align-self: flex-start; }
    [role='status'] { min-height: 1.25em; }
    [role='status'] p { margin: 0 0 0.15em; }
    [role='status'] .part { white-space: nowrap; }
    .swatch { display: inline-block; vertical-align: middle; margin-right: 0.3em; overflow: visible; }
    .legend { gap: 0.2em 1em; }
    .diverged { margin: 0; }
    .note { margin: 0; }
    /* A narrow box (a column, half a slide, a phone's reading view): the map above its controls. */
    @container axon-widget (width < 800px) {
      .layout { grid-template-columns: minmax(0, 1fr); }
      .layout > .map { max-width: 520px; }
    }
  `,
];
