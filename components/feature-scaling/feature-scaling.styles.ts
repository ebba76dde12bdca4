/**
 * The look of `<feature-scaling>`: the shared base (components/shared/views/base-styles.ts), the warning and
 * transport styles, then its own — the two panels (contour bands, the descent path with its halo, the minimum's
 * ✕, the curvature table and its verdict) and the side column of controls, status and loss plot.
 */
import { css } from 'lit';
import { transportStyles } from '../shared/transport.ts';
import { baseStyles, roomText } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const featureScalingStyles = [baseStyles, roomText(1.2), warningStyles, transportStyles, css`
    :host { max-width: 1200px; margin: 0 auto; }
    .layout { display: grid; grid-template-columns: minmax(0, 370fr) minmax(0, 370fr) minmax(0, 420fr); gap: 0 16px; align-items: start; }
    .panel { margin: 0; min-width: 0; }
    .panel h3 { margin: 0; font-size: 1em; font-weight: 700; display: flex; align-items: baseline; gap: 0.4em; white-space: nowrap; }
    .panel .sub { font-weight: 400; opacity: 0.9; }
    svg { display: block; width: 100%; height: auto; overflow: hidden; }
    .tick { font-size: 22px; font-variant-numeric: tabular-nums; }
    .axis-label { font-size: 22px; font-style: italic; }
    .frame { fill: none; stroke: currentColor; stroke-width: 1.5; }
    .band { stroke: rgba(0, 0, 0, 0.35); stroke-width: 0.8; }
    .halo { fill: none; stroke: #ffffff; stroke-opacity: 0.9; stroke-width: 6; stroke-linejoin: round; }
    .path { fill: none; stroke-width: 3; stroke-linejoin: round; stroke-linecap: round; }
    .dot { stroke: #ffffff; stroke-width: 1.5; }
    .optimum { stroke: #ffffff; stroke-width: 3.5; stroke-linecap: round; }
    .optimum-inner { stroke: #111827; stroke-width: 2; stroke-linecap: round; }
    .grid { stroke: currentColor; stroke-opacity: 0.15; }
    .loss { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
    .floor { stroke: currentColor; stroke-opacity: 0.6; stroke-dasharray: 2 4; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; width: 100%; }
    td, th { padding: 0 0.2em; text-align: right; font-weight: 400; }
    /* A label stays on one line; a value may wrap at its comma or spaces (never inside a number: formatNumber
       joins × 10ⁿ with no-break spaces), so the raw panel's large values stay inside their panel. */
    th { white-space: nowrap; }
    th { text-align: left; }
    .verdict { margin: 0.1em 0 0; font-weight: 700; }
    .verdict.bad { color: #b91c1c; }
    .side { display: flex; flex-direction: column; gap: 0.3em; min-width: 0; }
    .control { display: grid; grid-template-columns: max-content minmax(0, 1fr) 3.4em; align-items: center; gap: 0.4em; }
    .control .value { text-align: right; font-variant-numeric: tabular-nums; }
    input[type='range'] { width: 100%; min-height: 1.4em; margin: 0; }
    .buttons { display: flex; gap: 0.3em 0.4em; flex-wrap: wrap; }
    .toggle, .preset {
      font: inherit; color: inherit; background: transparent; cursor: pointer;
      border: 2px solid currentColor; border-radius: 6px; padding: 0.05em 0.5em;
    }
    /* Written out: the rule above outweighs the base's pressed toggle; white on the accent in any theme. */
    [role='status'] p { margin: 0; }
    [role='status'] .part { white-space: nowrap; }
    .note { margin: 0.2em 0 0; line-height: 1.25; }
    .more > summary { min-height: 1.9em; }
    /* The base's summary is a flex box, which drops the disclosure triangle: drawn here, so it reads as a control. */
    .more > summary::before { content: '▸'; }
    .more[open] > summary::before { content: '▾'; }
    /* One line: the base's legend wraps. */
    .legend { flex-wrap: nowrap; gap: 0.9em; }
    .legend svg { display: inline-block; width: 2em; height: 0.8em; vertical-align: middle; }
    /* The code, or the open note, takes the loss plot's place: both do not fit on a 720 px slide. */
    .side:has(axon-code-panel[open]) .loss-plot, .side:has(details.more[open]) .loss-plot { display: none; }
    /* A narrow box (a column, half a slide, a phone's reading view): the two panels, then the controls, one under the other. */
    @container axon-widget (width < 800px) {
      .layout { grid-template-columns: minmax(0, 1fr); }
      .panel svg { max-width: 420px; }
    }
  `,
];
