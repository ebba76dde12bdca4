/** `<motif-scan>`'s styles: the shared base (components/shared/views/base-styles.ts), then its own. */
import { css } from 'lit';
import { transportStyles } from '../shared/transport.ts';
import { baseStyles, roomText, roundedControls } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const motifScanStyles = [
  baseStyles,
  roomText(1.25),
  warningStyles,
  roundedControls,
  transportStyles,
  css`
    :host {
      max-width: 1180px;
      margin: 0.1em auto;
      /* Nucleotide colours, as <dna-onehot> draws them (white text on each passes 4.5:1). */
      --dna-a: #15803d;
      --dna-c: #1d4ed8;
      --dna-g: #b45309;
      --dna-t: #7e22ce;
      --ms-rule: color-mix(in srgb, var(--axon-fg, #111827) 35%, transparent);
    }
    p { margin: 0; }
    .controls { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25em 0.8em; }
    .controls label { display: flex; align-items: center; gap: 0.35em; }
    .controls .sequence { flex: 1 1 20em; }
    .controls .sequence input { flex: 1 1 auto; min-width: 6em; }
    input[type='text'] { font-family: var(--axon-mono, ui-monospace, 'DejaVu Sans Mono', monospace); letter-spacing: 0.04em; }
    .controls .motif input { width: 8.5em; }
    input[type='number'] {
      font: inherit; color: inherit; width: 3.6em; background: var(--axon-bg, #ffffff);
      border: 2px solid currentColor; border-radius: 0.3em; padding: 0.1em 0.2em;
    }
    .strip { overflow-x: auto; overscroll-behavior-x: contain; margin: 0.2em 0 0.1em; }
    /* The letters keep their size on a phone: the strip scrolls sideways rather than shrinking them. */
    .strip svg.track { max-width: none !important; height: auto; }
    svg text { font-size: 21px; }
    .track .base { font-family: var(--axon-mono, ui-monospace, monospace); font-weight: 700; }
    .base-a { fill: var(--dna-a); }
    .base-c { fill: var(--dna-c); }
    .base-g { fill: var(--dna-g); }
    .base-t { fill: var(--dna-t); }
    .track .best { fill: none; stroke: var(--axon-focus, #f59e0b); stroke-width: 3; }
    .track .zero { stroke: currentColor; stroke-width: 1; }
    .track .bar { fill: var(--axon-accent, #1d4ed8); }
    .track .bar.top { fill: var(--axon-focus, #d97706); }
    .track .clipped { fill: color-mix(in srgb, currentColor 22%, transparent); }
    .layout { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0.2em 1.2em; align-items: start; }
    .filter table { border-collapse: separate; border-spacing: 2px; }
    .filter caption { text-align: left; font-weight: 700; white-space: nowrap; }
    .filter th { font-weight: 400; padding: 0 0.2em; }
    .filter thead th { color: var(--axon-muted, inherit); }
    .filter th[scope='row'] { font-family: var(--axon-mono, ui-monospace, monospace); font-weight: 700; width: 1.4em; }
    .filter td { padding: 0; }
    /* NOTE - bold: WCAG counts bold text of 21 px as large (3:1), which every PuOr fill meets with one of the two inks. */
    .cell {
      display: flex; align-items: center; justify-content: center; height: 1.55em;
      font-variant-numeric: tabular-nums; font-weight: 700; border-radius: 3px; cursor: ns-resize; touch-action: none; user-select: none;
      border: 2px solid transparent;
    }
    .cell.light { color: #111827; }
    .cell.dark { color: #ffffff; }
    .cell:focus-visible, .cell.active:focus { outline: 3px solid var(--axon-focus, #f59e0b); outline-offset: 1px; }
    .logo .logo-letter { font-family: 'DejaVu Sans', Arial, sans-serif; font-weight: 700; }
    .logo .axis, .chart .axis { stroke: currentColor; fill: none; }
    .chart .grid { stroke: var(--ms-rule); }
    .chart .accuracy { fill: none; stroke: var(--axon-accent, #1d4ed8); stroke-width: 4; }
    .chart .loss { fill: none; stroke: var(--axon-accent-2, #b45309); stroke-width: 3; stroke-dasharray: 8 5; }
    .side { display: flex; flex-direction: column; gap: 0.3em; min-width: 0; }
    .legend { gap: 0.1em 1em; }
    .legend svg { width: 1.8em; height: 0.8em; vertical-align: middle; margin-right: 0.25em; }
    .note { color: var(--axon-muted, inherit); }
    .transport button { min-height: 1.9em; }
    /* A narrow box (a column, half a slide, a phone): one column, the picture above its controls. */
    @container axon-widget (width < 800px) {
      .layout { grid-template-columns: minmax(0, 1fr); }
      .filter { overflow-x: auto; }
      .chart { max-width: 100%; height: auto; }
    }
  `,
];
