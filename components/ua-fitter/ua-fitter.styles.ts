/**
 * The look of `<ua-fitter>`: the shared base styles (focus ring, select, range accent, SVG text, status
 * figures, the legend list), the warning box and the transport buttons, then its own — the fit beside the
 * controls, the curves (target dashed, network bold, each unit faint, the bias dotted), the loss plot.
 */
import { css } from 'lit';
import { transportStyles } from '../shared/transport.ts';
import { baseStyles, roomText } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const uaFitterStyles = [baseStyles, roomText(1.25), warningStyles, transportStyles, css`
    :host {
      max-width: 1200px;
      margin: 0.2em auto;
      /* The slider's and the select's focus ring sits 3 px off them (baseStyles' ring, further out). */
      --focus-ring-offset: 3px;
    }
    .layout { display: grid; grid-template-columns: minmax(0, 640px) minmax(0, 1fr); gap: 0 24px; align-items: start; }
    .side { display: flex; flex-direction: column; gap: 0.35em; min-width: 0; }
    svg { display: block; width: 100%; height: auto; }
    .axis { stroke: currentColor; stroke-opacity: 0.55; stroke-width: 1.5; fill: none; }
    .grid { stroke: currentColor; stroke-opacity: 0.13; stroke-width: 1; }
    /* The fit is drawn one SVG unit to one CSS px, the loss plot wider than its viewBox: 22 units draw ≥ 21 px. */
    .tick { font-size: 22px; font-variant-numeric: tabular-nums; }
    .axis-label { font-size: 22px; font-style: italic; }
    .target { fill: none; stroke: currentColor; stroke-opacity: 0.6; stroke-width: 2.5; stroke-dasharray: 9 7; }
    .unit { fill: none; stroke: var(--axon-accent-2, #b45309); stroke-opacity: 0.55; stroke-width: 1.8; }
    .bias { stroke: var(--axon-accent-2, #b45309); stroke-opacity: 0.7; stroke-width: 1.8; stroke-dasharray: 2 5; stroke-linecap: round; }
    .network { fill: none; stroke: var(--axon-accent, #1d4ed8); stroke-width: 4; stroke-linejoin: round; }
    .sample { fill: currentColor; stroke: var(--axon-bg, #ffffff); stroke-width: 1.5; }
    .loss { fill: none; stroke: var(--axon-accent, #1d4ed8); stroke-width: 2.5; stroke-linejoin: round; }
    .legend { gap: 0.1em 1em; margin: 0.2em 0 0; }
    .legend li { display: flex; align-items: center; gap: 0.35em; }
    .legend svg { width: 2em; height: 0.8em; }
    .control { display: grid; grid-template-columns: 5em minmax(0, 1fr) 2em; align-items: center; gap: 0.5em; }
    .control .value { text-align: right; font-variant-numeric: tabular-nums; font-weight: 700; }
    input[type='range'] { width: 100%; min-height: 1.6em; margin: 0; }
    select { padding: 0.1em 0.4em; grid-column: 2 / 4; }
    [role='status'] { margin: 0; font-weight: 700; }
    .settings { margin: 0; opacity: 0.9; }
    /* The code takes the loss plot's place while shown: both do not fit beside the fit on a 720 px slide. */
    .side:has(axon-code-panel[open]) .loss-plot { display: none; }
    /* A narrow box (a column, half a slide, a phone's reading view): the fit above its controls. */
    @container axon-widget (width < 800px) {
      .layout { grid-template-columns: minmax(0, 1fr); }
    }
  `,
];
