/**
 * The look of `<perceptron-boundary>`: the shared base styles (focus ring, select, range accent, status
 * figures, legend list), the warning and transport buttons, then its own — the plot (boundary, arrow and its
 * draggable head, points ringed when misclassified), the side column's controls, the Learn button and the
 * two-column legend.
 */
import { css } from 'lit';
import { transportStyles } from '../shared/transport.ts';
import { baseStyles } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const perceptronBoundaryStyles = [
  baseStyles,
  warningStyles,
  transportStyles,
  css`
    :host { max-width: 1100px; margin: 0 auto; font-size: 20px; line-height: 1.3; text-align: left; }
    .layout { display: grid; grid-template-columns: minmax(0, 570px) minmax(0, 1fr); gap: 0 24px; align-items: start; }
    svg.plot { display: block; width: 100%; height: auto; touch-action: none; user-select: none; }
    .tick { font-size: 16px; }
    .axis-label { font-size: 18px; font-style: italic; }
    .axis { stroke: currentColor; stroke-opacity: 0.35; stroke-width: 1; }
    .frame { fill: none; stroke: currentColor; stroke-width: 1.5; }
    .boundary { stroke: #111827; stroke-width: 3.5; }
    .arrow { stroke: #111827; stroke-width: 3.5; fill: none; }
    .arrow.shortened { stroke-dasharray: 7 4; }
    .head { fill: #111827; }
    .handle { fill: #ffffff; stroke: #111827; stroke-width: 2.5; cursor: grab; outline: none; }
    .handle:focus-visible { stroke: var(--axon-focus, #f59e0b); stroke-width: 5; }
    .point { stroke: #ffffff; stroke-width: 1.5; }
    .ring { fill: none; stroke: #b91c1c; stroke-width: 2.5; }
    .updated { fill: none; stroke: #111827; stroke-width: 2; stroke-dasharray: 3 3; }
    .side { display: flex; flex-direction: column; gap: 0.5em; min-width: 0; }
    .control { display: grid; grid-template-columns: 6.5em minmax(0, 1fr) 3.2em; align-items: center; gap: 0.5em; }
    .control .value { text-align: right; font-variant-numeric: tabular-nums; }
    input[type='range'] { width: 100%; min-height: 1.6em; margin: 0; }
    select { padding: 0.1em 0.4em; grid-column: 2 / 4; }
    .learn { font: inherit; padding: 0.15em 0.9em; border-radius: 6px; border: 2px solid var(--axon-accent, #1d4ed8); background: var(--axon-accent, #1d4ed8); color: #ffffff; cursor: pointer; align-self: flex-start; }
    .learn:disabled { opacity: 0.55; cursor: default; }
    [role='status'] p { margin: 0; }
    [role='status'] p + p { font-size: 0.85em; }
    .legend { display: grid; grid-template-columns: auto auto; gap: 0.1em 1em; font-size: 0.8em; }
    .legend svg { width: 1.2em; height: 1.2em; vertical-align: middle; margin-right: 0.3em; }
    .note { margin: 0; font-size: 0.8em; }
    axon-code-panel { font-size: 0.8em; }
  `,
];
