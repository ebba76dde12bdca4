/**
 * The look of `<feature-scaling>`: the shared base (components/shared/views/base-styles.ts), the warning and
 * transport styles, then its own — the two panels (contour bands, the descent path with its halo, the minimum's
 * ✕, the curvature table and its verdict) and the side column of controls, status and loss plot.
 */
import { css } from 'lit';
import { transportStyles } from '../shared/transport.ts';
import { baseStyles } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const featureScalingStyles = [
  baseStyles,
  warningStyles,
  transportStyles,
  css`
    :host { max-width: 1200px; margin: 0 auto; font-size: 20px; line-height: 1.25; text-align: left; }
    .layout { display: grid; grid-template-columns: minmax(0, 370fr) minmax(0, 370fr) minmax(0, 420fr); gap: 0 16px; align-items: start; }
    .panel { margin: 0; min-width: 0; }
    .panel h3 { margin: 0; font-size: 0.95em; font-weight: 700; display: flex; align-items: center; gap: 0.4em; }
    .panel .sub { font-weight: 400; font-size: 0.8em; opacity: 0.9; }
    svg { display: block; width: 100%; height: auto; overflow: hidden; }
    .tick { font-size: 16px; font-variant-numeric: tabular-nums; }
    .axis-label { font-size: 17px; font-style: italic; }
    .frame { fill: none; stroke: currentColor; stroke-width: 1.5; }
    .band { stroke: rgba(0, 0, 0, 0.35); stroke-width: 0.8; }
    .halo { fill: none; stroke: #ffffff; stroke-opacity: 0.9; stroke-width: 6; stroke-linejoin: round; }
    .path { fill: none; stroke-width: 3; stroke-linejoin: round; stroke-linecap: round; }
    .dot { stroke: #ffffff; stroke-width: 1.5; }
    .optimum { stroke: #ffffff; stroke-width: 4; stroke-linecap: round; }
    .optimum-inner { stroke: #111827; stroke-width: 2; stroke-linecap: round; }
    .grid { stroke: currentColor; stroke-opacity: 0.15; }
    .loss { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
    .floor { stroke: currentColor; stroke-opacity: 0.6; stroke-dasharray: 2 4; }
    table { border-collapse: collapse; font-size: 0.78em; font-variant-numeric: tabular-nums; width: 100%; }
    td, th { padding: 0 0.3em; text-align: right; font-weight: 400; white-space: nowrap; }
    th { text-align: left; }
    .verdict { margin: 0.1em 0 0; font-size: 0.82em; font-weight: 700; }
    .verdict.bad { color: #b91c1c; }
    .side { display: flex; flex-direction: column; gap: 0.35em; min-width: 0; }
    .control { display: grid; grid-template-columns: 7.6em minmax(0, 1fr) 4.6em; align-items: center; gap: 0.4em; }
    .control .value { text-align: right; font-variant-numeric: tabular-nums; font-size: 0.9em; }
    input[type='range'] { width: 100%; min-height: 1.5em; margin: 0; }
    .buttons { display: flex; gap: 0.4em; flex-wrap: wrap; }
    .toggle, .preset {
      font: inherit; font-size: 0.9em; color: inherit; background: transparent; cursor: pointer;
      border: 2px solid currentColor; border-radius: 6px; padding: 0.1em 0.6em;
    }
    /* Written out: the rule above outweighs the base's pressed toggle; white on the accent in any theme. */
    .toggle[aria-pressed='true'] { background: var(--axon-accent, #1d4ed8); border-color: var(--axon-accent, #1d4ed8); color: #ffffff; }
    [role='status'] { font-size: 0.82em; }
    [role='status'] p { margin: 0; }
    .note { margin: 0; font-size: 0.75em; line-height: 1.25; }
    /* One line: the base's legend wraps. */
    .legend { flex-wrap: nowrap; gap: 0.9em; font-size: 0.8em; }
    .legend svg { display: inline-block; width: 2em; height: 0.8em; vertical-align: middle; }
    axon-code-panel { font-size: 0.8em; }
    .side:has(axon-code-panel[open]) .loss-plot { display: none; }
  `,
];
