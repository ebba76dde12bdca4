/**
 * `<norm-layers>`' styles: the shared base (components/shared/views/base-styles.ts), the warning line, then its
 * own — the controls, and the two heat grids, whose spacing draws the averaging axis: batch norm's columns stand
 * apart as strips (a gap between columns), layer and ℓ² norm's rows do (a gap between rows).
 */
import { css } from 'lit';
import { baseStyles, framedControls, roomText } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const normLayersStyles = [baseStyles, roomText(1.25), warningStyles, framedControls, css`
    :host {
      max-width: 1200px;
      margin: 0 auto;
      --nl-bg: var(--axon-bg, #ffffff);
      --nl-rule: color-mix(in srgb, var(--axon-fg, #111827) 35%, transparent);
      --nl-mark: var(--axon-focus, #f59e0b);
    }
    p { margin: 0; }
    .controls { display: flex; flex-direction: column; gap: 0.2em; margin: 0 0 0.25em; }
    .controls .row { gap: 0.3em 0.8em; }
    .kinds { display: flex; flex-wrap: wrap; gap: 0.3em; }
    .seed { font-variant-numeric: tabular-nums; color: var(--axon-muted, inherit); }
    .sliders { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 0.2em 1.2em; }
    .slider { display: grid; grid-template-columns: 1.1em minmax(4em, 1fr) 3.2em; align-items: center; gap: 0.35em; }
    .slider .name { font-weight: 700; font-style: italic; }
    .slider .value { text-align: right; font-variant-numeric: tabular-nums; font-weight: 700; }
    .slider.off { opacity: 0.6; }
    input[type='range'] { width: 100%; margin: 0; min-height: 1.5em; }
    .formula { margin: 0 0 0.2em; }
    .grids { display: flex; align-items: flex-start; justify-content: center; gap: 0.4em; }
    .panel { min-width: 0; overflow-x: auto; }
    .arrow { align-self: center; font-size: var(--axon-text-large, 24px); font-weight: 700; }

    table.grid { border-collapse: separate; font-variant-numeric: tabular-nums; margin: 0 auto; }
    /* The averaging axis: the groups a layer averages over stand apart. */
    table.by-column { border-spacing: 5px 0; }
    table.by-row { border-spacing: 0 5px; }
    .head { display: flex; flex-wrap: wrap; justify-content: center; align-items: center; gap: 0 0.8em; margin: 0; }
    .head .title { font-weight: 700; white-space: nowrap; }
    th, td { padding: 0 0.22em; text-align: center; line-height: 1.35; }
    th { font-weight: 400; color: var(--axon-muted, inherit); min-width: 1.2em; }
    th.group { background: var(--nl-mark); color: #000000; font-weight: 700; }
    td.cell { min-width: 2.9em; cursor: pointer; touch-action: manipulation; border: 3px solid transparent; }
    td.cell.group { border-color: color-mix(in srgb, var(--nl-mark) 70%, transparent); }
    td.cell.selected { border-color: var(--axon-fg, #111827); font-weight: 700; }
    td.cell:focus-visible { outline: 3px solid var(--nl-mark); outline-offset: 1px; }
    td.stat { font-weight: 700; min-width: 2.9em; border: 3px solid transparent; }
    td.stat.group { border-color: color-mix(in srgb, var(--nl-mark) 70%, transparent); }
    th.stat-head { font-weight: 700; font-style: italic; color: inherit; }
    tfoot tr:first-child > * { border-top: 2px solid var(--nl-rule); }
    table.by-row thead th.stat-head, table.by-row td.stat { border-left-width: 3px; }
    table.by-row tr > td.stat:first-of-type, table.by-row thead th.stat-head:first-of-type { box-shadow: inset 2px 0 0 var(--nl-rule); }
    /* A large batch: colours only (the selected cell's line reads the numbers), cells the size of a line. */
    table.compact td.cell { min-width: 1.5em; }
    table.compact td.cell .value, table.tall th.unlabelled {
      position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
    }
    /* More than 8 rows: rows shorter than a line, every other row numbered (its number overflows into the next). */
    table.tall.by-row { border-spacing: 0 2px; }
    table.tall td.cell { height: 12px; padding: 0; border-width: 2px; }
    table.tall tbody th { line-height: 12px; height: 12px; padding-top: 0; padding-bottom: 0; overflow: visible; white-space: nowrap; }
    .readout .note { font-style: italic; }
    .legend { display: inline-flex; align-items: center; gap: 0.3em; font-variant-numeric: tabular-nums; font-weight: 400; }
    .legend .ramp { display: inline-block; width: 6em; height: 0.6em; border: 1px solid var(--nl-rule); }
    .readout { margin: 0.2em 0 0; min-height: 1.25em; }
    .status { margin: 0.1em 0 0; font-weight: 700; }
    @media (prefers-reduced-motion: no-preference) {
      td.cell, td.stat { transition: background-color 120ms, border-color 120ms; }
    }
    /* A narrow box (a column, half a slide, a phone): the grids one above the other, the sliders two by two. */
    @container axon-widget (width < 800px) {
      .grids { flex-direction: column; align-items: stretch; }
      .arrow { align-self: center; transform: rotate(90deg); }
      .sliders { grid-template-columns: repeat(2, minmax(0, 1fr)); }
    }
  `,
];
