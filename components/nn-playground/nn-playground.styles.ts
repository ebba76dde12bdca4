/**
 * The look of `<nn-playground>`: the shared base styles (focus ring, select, range accent, SVG text, status
 * figures), the warning box and the transport buttons, then its own — the control bar, the three columns
 * (network, output, loss), the network diagram with its overlaid buttons, the output view, the plots.
 */
import { css } from 'lit';
import { transportStyles } from '../shared/transport.ts';
import { baseStyles } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const nnPlaygroundStyles = [
  baseStyles,
  warningStyles,
  transportStyles,
  css`
    :host {
      max-width: 1180px;
      margin: 0 auto;
      /* 0.56em of the slide's 32 px is ~18 px: dense, but readable; never below 14 px off a deck. */
      font-size: max(14px, 0.56em);
      line-height: 1.25;
      text-align: left;
    }
    .bar { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 0.25em 0.8em; align-items: end; margin-bottom: 0.3em; }
    .field { display: flex; flex-direction: column; gap: 0.1em; min-width: 0; }
    .field > span { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-size: 0.9em; opacity: 0.9; }
    .field b { font-variant-numeric: tabular-nums; }
    .bar .transport { grid-column: span 2; justify-content: flex-end; }
    .bar > button, .tool {
      font: inherit;
      padding: 0.1em 0.6em;
      border-radius: 6px;
      border: 2px solid currentColor;
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    .tool:disabled { opacity: 0.4; cursor: default; }
    input[type='range'] { width: 100%; min-height: 1.4em; margin: 0; }
    select { padding: 0 0.2em; min-width: 0; }
    .main { display: grid; grid-template-columns: minmax(0, 1.72fr) minmax(0, 1.02fr) minmax(0, 0.95fr); gap: 0 0.8em; align-items: start; }
    .network { position: relative; }
    .net-head { display: flex; align-items: center; gap: 0.4em; flex-wrap: wrap; min-height: 1.9em; }
    .net-head .count { font-size: 0.9em; }
    .net-head axon-code-panel { margin-left: auto; font-size: 0.85em; }
    .network:has(axon-code-panel[open]) .diagram { display: none; }
    .network axon-code-panel[open] { margin-left: 0; width: 100%; }
    .diagram { position: relative; }
    svg { display: block; width: 100%; height: auto; }
    .diagram .overlay { position: absolute; margin: 0; padding: 0; }
    .feature {
      font: inherit;
      font-size: 0.92em;
      display: flex;
      align-items: center;
      justify-content: flex-start;
      padding: 0 0 0 0.2em;
      border: 2px solid transparent;
      border-radius: 6px;
      background: transparent;
      color: inherit;
      cursor: pointer;
      white-space: nowrap;
    }
    .feature[aria-pressed='false'] { opacity: 0.55; }
    .feature:disabled { opacity: 0.3; cursor: default; }
    .feature:hover:not(:disabled) { border-color: currentColor; }
    .neuron-buttons { display: flex; gap: 2px; justify-content: center; }
    .neuron-buttons button { font: inherit; font-size: 0.9em; width: 1.45em; height: 1.45em; line-height: 1; padding: 0; border-radius: 50%; border: 2px solid currentColor; background: transparent; color: inherit; cursor: pointer; }
    .neuron-buttons button:disabled { opacity: 0.35; cursor: default; }
    .link { fill: none; }
    .node { stroke: currentColor; stroke-opacity: 0.5; stroke-width: 1; }
    .node-off { opacity: 0.25; }
    .thumb-line { fill: none; stroke: var(--axon-accent, #1d4ed8); stroke-width: 2; }
    .layer-label { font-size: 15px; }
    .note { font-size: 0.8em; margin: 0.1em 0 0; opacity: 0.85; }
    .output .view { border: 0; }
    .axis { stroke: currentColor; stroke-opacity: 0.55; stroke-width: 1.2; fill: none; }
    .tick { font-size: 14px; font-variant-numeric: tabular-nums; }
    .axis-label { font-size: 14px; font-style: italic; }
    .point { stroke: #ffffff; stroke-width: 1.2; }
    .point.test { stroke: #111827; stroke-width: 1.6; }
    .curve { fill: none; stroke: #111827; stroke-width: 3; }
    .curve-halo { fill: none; stroke: #ffffff; stroke-width: 6; stroke-opacity: 0.8; }
    .switches { display: flex; flex-wrap: wrap; gap: 0.1em 1em; margin-top: 0.25em; }
    .switches label { display: flex; align-items: center; gap: 0.35em; cursor: pointer; }
    .switches input { width: 1.1em; height: 1.1em; margin: 0; accent-color: var(--axon-accent, #1d4ed8); }
    .legend { font-size: 0.8em; margin: 0.15em 0 0; display: flex; flex-wrap: wrap; align-items: center; gap: 0.1em 0.4em; }
    .legend span { white-space: nowrap; }
    .legend .bar-colours { width: 6em; height: 0.8em; border-radius: 3px; background: linear-gradient(90deg, rgb(245 147 34), rgb(232 234 235), rgb(8 119 189)); }
    .side { display: flex; flex-direction: column; gap: 0.25em; }
    [role='status'] { margin: 0; font-weight: 700; }
    [role='status'] span { display: block; }
    [role='status'] .sep { display: inline-block; width: 0; overflow: hidden; white-space: pre; font-style: normal; vertical-align: bottom; }
    .loss-train { fill: none; stroke: currentColor; stroke-width: 2.2; }
    .loss-test { fill: none; stroke: #b45309; stroke-width: 2.2; stroke-dasharray: 7 4; }
    .grid { stroke: currentColor; stroke-opacity: 0.13; stroke-width: 1; }
    .diagonal { stroke: currentColor; stroke-opacity: 0.5; stroke-width: 1.2; stroke-dasharray: 5 4; }
    .pvt-train { fill: var(--axon-accent, #1d4ed8); fill-opacity: 0.7; }
    .pvt-test { fill: none; stroke: #b45309; stroke-width: 1.5; }
    .plot-legend { font-size: 0.78em; display: flex; gap: 0.8em; margin: 0; }
    .settings { margin: 0; font-size: 0.75em; opacity: 0.85; }
    .diverged { font-size: 0.85em; }
  `,
];
