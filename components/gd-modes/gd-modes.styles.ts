/**
 * The look of `<gd-modes>`: the shared base (components/shared/views/base-styles.ts), the warning, transport and
 * regression-view styles, then its own — the map beside its controls, the status lines with their run swatches,
 * and the loss plot that gives way to the open code.
 */
import { css } from 'lit';
import { regressionViewStyles } from '../shared/regression/regression-views.ts';
import { transportStyles } from '../shared/transport.ts';
import { baseStyles, roomText } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const gdModesStyles = [baseStyles, roomText(1.25), warningStyles, transportStyles, regressionViewStyles, css`
    :host { max-width: 1200px; margin: 0 auto; }
    .layout { display: grid; grid-template-columns: minmax(0, 460px) minmax(0, 1fr); gap: 0 22px; align-items: start; }
    .panel { display: flex; flex-direction: column; gap: 0.3em; min-width: 0; }
    .controls { display: grid; grid-template-columns: max-content minmax(6em, 1fr) 3.2em; align-items: center; gap: 0.1em 0.6em; }
    .controls .value { text-align: right; font-variant-numeric: tabular-nums; }
    input[type='range'] { width: 100%; min-height: 1.4em; margin: 0; }
    [role='status'] { margin: 0; line-height: 1.2; }
    [role='status'] p { margin: 0; display: flex; align-items: baseline; gap: 0.3em; }
    [role='status'] .swatch { flex: none; align-self: center; }
    [role='status'] .part { white-space: nowrap; }
    .note { margin: 0.2em 0 0; }
    .diverged { margin: 0; }
    .more > summary { min-height: 1.9em; }
    /* The base's summary is a flex box, which drops the disclosure triangle: drawn here, so it reads as a control. */
    .more > summary::before { content: '▸'; }
    .more[open] > summary::before { content: '▾'; }
    /* The code, or the open note, takes the loss plot's place: both do not fit on a 720 px slide. */
    .panel:has(axon-code-panel[open]) .loss-plot, .panel:has(details.more[open]) .loss-plot { display: none; }
    /* A narrow box (a column, half a slide, a phone's reading view): the map above its controls. */
    @container axon-widget (width < 800px) {
      .layout { grid-template-columns: minmax(0, 1fr); }
      .layout > .map { max-width: 460px; }
    }
  `,
];
