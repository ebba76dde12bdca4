/** `<conv-explorer>`'s styles: the shared base (components/shared/views/base-styles.ts), then its own. */
import { css } from 'lit';
import { baseStyles, framedControls, roomText } from '../shared/views/base-styles.ts';
import { transportStyles } from '../shared/transport.ts';
import { warningStyles } from '../shared/warning.ts';

export const convExplorerStyles = [
  baseStyles,
  roomText(1.25),
  warningStyles,
  framedControls,
  transportStyles,
  css`
    :host { max-width: 1200px; margin: 0 auto; }
    p { margin: 0.15em 0; }
    .controls { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3em 0.7em; margin-bottom: 0.3em; }
    .controls label { display: inline-flex; align-items: center; gap: 0.3em; }
    select { padding: 0.05em 0.2em; }
    .modes { display: inline-flex; gap: 0; }
    .modes button:first-child { border-radius: 6px 0 0 6px; }
    .modes button:last-child { border-radius: 0 6px 6px 0; border-left-width: 0; }

    .pipeline, .trained { display: flex; align-items: flex-start; gap: 0.35em; }
    .arrow { align-self: center; font-size: 1.4em; margin-bottom: 1.2em; }
    figure.map { margin: 0; display: flex; flex-direction: column; align-items: center; }
    figure.map svg { display: block; touch-action: none; cursor: crosshair; }
    figcaption { text-align: center; white-space: nowrap; }
    .frame { fill: none; stroke: currentColor; }
    .window { fill: none; stroke: var(--axon-accent, #1d4ed8); }
    .pen { fill: none; stroke: var(--axon-focus, #f59e0b); }
    .input { border-radius: 4px; padding: 2px; }
    .input:focus-visible { outline: 3px solid var(--axon-focus, #f59e0b); outline-offset: 2px; }
    .input .drawing svg { outline: 3px dashed var(--axon-focus, #f59e0b); }

    .lower { display: flex; align-items: flex-start; gap: 1em; margin-top: 0.3em; }
    .math { display: flex; align-items: center; gap: 0.4em; }
    .op { font-size: 1.4em; }
    table.grid { border-collapse: collapse; font-variant-numeric: tabular-nums; }
    table.grid caption { font-weight: 700; white-space: nowrap; }
    table.grid td { border: 1px solid color-mix(in srgb, currentColor 40%, transparent); padding: 0 0.2em; text-align: right; min-width: 2.3em; height: 1.45em; }
    table.window td { background: color-mix(in srgb, var(--axon-accent, #1d4ed8) 8%, transparent); }
    table.kernel td { padding: 0; }
    table.kernel input {
      font: inherit; color: inherit; background: transparent; border: 0; width: 3.2em; text-align: right;
      padding: 0 0.15em; font-variant-numeric: tabular-nums; -moz-appearance: textfield;
    }
    table.kernel input::-webkit-inner-spin-button, table.kernel input::-webkit-outer-spin-button { -webkit-appearance: none; margin: 0; }
    .result { display: flex; flex-direction: column; align-items: flex-start; gap: 0.4em; }
    .sum { white-space: nowrap; font-weight: 700; }
    .sum .value { font-size: var(--axon-text-large, 24px); }
    .facts { flex: 1 1 20em; border-left: 4px solid var(--axon-accent, #1d4ed8); padding-left: 0.6em; }

    .filters { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(4, auto); gap: 0.2em 0.6em; }
    .filters li { display: flex; align-items: center; gap: 0.25em; }
    .filters figure.learned figcaption { font-weight: 700; }
    .filters figure.feature figcaption { display: none; }
    .filters svg { cursor: default; }
    .reading { display: flex; align-items: flex-end; gap: 1em; margin: 0.3em 0; }
    .bars { display: flex; gap: 3px; align-items: flex-end; height: 4.2em; }
    .bar { display: flex; flex-direction: column; justify-content: flex-end; align-items: center; width: 1.3em; height: 100%; }
    .bar .fill { width: 100%; background: var(--axon-accent, #1d4ed8); min-height: 1px; }
    .bar .digit { line-height: 1.2; }
    .arch { color: var(--axon-muted, inherit); }
    .waiting { align-self: center; }
    .note { color: var(--axon-muted, inherit); margin-top: 0.2em; }

    /* A narrow box (a column, a phone): the pictures wrap, one column of controls. */
    @container axon-widget (width < 800px) {
      .pipeline, .trained, .lower, .math { flex-wrap: wrap; }
      .filters { grid-template-columns: repeat(2, auto); }
      .arrow { display: none; }
    }
    @media (prefers-reduced-motion: no-preference) {
      .bar .fill { transition: height 200ms; }
    }
  `,
];
