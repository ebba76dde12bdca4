/** `<dna-onehot>`'s styles: the shared base (components/shared/views/base-styles.ts), then its own. */
import { css } from 'lit';
import { baseStyles, roomText, roundedControls } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const dnaOnehotStyles = [baseStyles, roomText(1.3), warningStyles, roundedControls, css`
    :host {
      max-width: 1180px;
      margin: 0.2em auto;
      /* Nucleotide colours (white text on each passes 4.5:1); T is purple so that red means "flagged". */
      --dna-a: #15803d;
      --dna-c: #1d4ed8;
      --dna-g: #b45309;
      --dna-t: #7e22ce;
      --dna-bg: var(--axon-bg, #ffffff);
      --dna-flag-bg: var(--axon-error-bg, #fef2f2);
      --dna-flag-fg: var(--axon-error-fg, #991b1b);
      --dna-flag-border: var(--axon-error-border, #dc2626);
      --dna-rule: color-mix(in srgb, var(--axon-fg, #111827) 30%, transparent);
      --dna-mark: var(--axon-focus, #f59e0b);
    }
    .controls { display: flex; flex-wrap: wrap; align-items: center; gap: 0.35em 0.8em; margin: 0 0 0.15em; }
    .field { display: flex; align-items: center; gap: 0.4em; flex: 1 1 16em; }
    .field input { flex: 1 1 auto; min-width: 8em; }
    input[type='text'] { font-family: var(--axon-mono, ui-monospace, 'DejaVu Sans Mono', monospace); letter-spacing: 0.08em; }
    select { font: inherit; color: inherit; background: var(--dna-bg); border: 2px solid currentColor; border-radius: 0.3em; padding: 0.1em 0.2em; }
    /* The select has the widget's background (dark in a dark theme): its options keep its ink, not the base's dark-on-white. */
    select option { color: inherit; background: transparent; }
    /* The matrix box takes the keyboard (it is a tabindex region, not a control): the same ring as the controls. */
    .matrix:focus-visible { outline: 3px solid var(--axon-focus, #f59e0b); outline-offset: 2px; }
    .hint { margin: 0 0 0.35em; color: var(--axon-muted, inherit); }
    .layout { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0 1.4em; align-items: start; }
    .matrix {
      /* About 14 rows on a slide: longer sequences scroll inside the box, the header stays. */
      max-height: 22em;
      overflow-y: auto;
      overscroll-behavior: contain;
      border: 1px solid var(--dna-rule);
      border-radius: 4px;
    }
    table { border-collapse: separate; border-spacing: 0; font-variant-numeric: tabular-nums; }
    caption { text-align: left; font-weight: 700; padding: 0 0 0.15em; white-space: nowrap; }
    th, td { padding: 0.02em 0.5em; text-align: center; border-bottom: 1px solid var(--dna-rule); }
    thead th { position: sticky; top: 0; z-index: 1; background: var(--dna-bg); border-bottom: 2px solid var(--axon-fg, #111827); }
    thead th.base { min-width: 2.4em; }
    thead th.base span { display: inline-block; min-width: 1.3em; border-bottom: 5px solid var(--colour); }
    thead th.base.on { background: color-mix(in srgb, var(--colour) 22%, var(--dna-bg)); }
    th[scope='row'] { font-weight: 400; text-align: right; color: var(--axon-muted, inherit); }
    td.letter { font-family: var(--axon-mono, ui-monospace, monospace); font-weight: 700; padding: 0.1em 0.3em; }
    td.letter .tile { height: 1.25em; }
    td.one { background: var(--colour); color: #ffffff; font-weight: 700; }
    td.zero { color: var(--axon-muted, inherit); }
    td.quarter { font-weight: 700; }
    td.note { text-align: left; min-width: 8.5em; }
    tr.invalid td, tr.invalid th { background: var(--dna-flag-bg); color: var(--dna-flag-fg); }
    tr.invalid th[scope='row'] { box-shadow: inset 6px 0 0 var(--dna-flag-border); }
    tr.ambiguous th[scope='row'] { box-shadow: inset 6px 0 0 var(--dna-g); }
    tr.on th, tr.on td { border-top: 3px solid var(--dna-mark); border-bottom: 3px solid var(--dna-mark); }
    .side > * { margin: 0 0 0.5em; }
    .strip { display: flex; flex-wrap: wrap; gap: 3px; font-family: var(--axon-mono, ui-monospace, monospace); font-weight: 700; }
    .tile {
      display: inline-flex; align-items: center; justify-content: center;
      width: 1.35em; height: 1.6em; border-radius: 3px;
      background: var(--colour); color: #ffffff;
      border: 2px solid transparent;
      touch-action: manipulation;
      cursor: default;
    }
    .tile.invalid { background: var(--dna-flag-bg); color: var(--dna-flag-fg); border: 2px dashed var(--dna-flag-border); }
    .tile.ambiguous { background: var(--dna-bg); color: inherit; border: 2px dashed var(--dna-g); }
    .tile.on { outline: 3px solid var(--dna-mark); outline-offset: 1px; }
    .more { align-self: center; font-family: var(--axon-font, system-ui, sans-serif); font-weight: 400; margin-left: 0.3em; }
    .pointed { min-height: 1.3em; font-variant-numeric: tabular-nums; }
    .pointed .name { font-family: var(--axon-mono, ui-monospace, monospace); font-weight: 700; }
    .lesson { border-left: 4px solid var(--axon-accent, #1d4ed8); padding-left: 0.6em; }
    @media (prefers-reduced-motion: no-preference) {
      td, th, .tile { transition: background-color 120ms, border-color 120ms; }
      .matrix { scroll-behavior: smooth; }
    }
    /* A narrow box (a column, half a slide, a phone): one column, the picture above its controls and tables rather than both squeezed side by side. */
    @container axon-widget (width < 800px) {
      .layout { grid-template-columns: minmax(0, 1fr); }
    }
  `,
];
