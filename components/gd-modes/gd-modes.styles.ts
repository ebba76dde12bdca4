/**
 * The look of `<gd-modes>`: the shared base (components/shared/views/base-styles.ts), the warning, transport and
 * regression-view styles, then its own — the map beside its controls, the status lines with their run swatches,
 * and the loss plot that gives way to the open code.
 */
import { css } from 'lit';
import { regressionViewStyles } from '../shared/regression/regression-views.ts';
import { transportStyles } from '../shared/transport.ts';
import { baseStyles } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const gdModesStyles = [
  baseStyles,
  warningStyles,
  transportStyles,
  regressionViewStyles,
  css`
    :host { max-width: 1200px; margin: 0 auto; font-size: 20px; line-height: 1.3; text-align: left; }
    .layout { display: grid; grid-template-columns: minmax(0, 500px) minmax(0, 1fr); gap: 0 24px; align-items: start; }
    .panel { display: flex; flex-direction: column; gap: 0.35em; min-width: 0; }
    .controls { display: grid; grid-template-columns: max-content minmax(6em, 1fr) 3.2em; align-items: center; gap: 0.2em 0.6em; }
    .controls .value { text-align: right; font-variant-numeric: tabular-nums; }
    input[type='range'] { width: 100%; min-height: 1.5em; margin: 0; }
    [role='status'] { font-size: 0.75em; margin: 0; }
    [role='status'] p { margin: 0; display: flex; align-items: center; gap: 0.3em; }
    .note { margin: 0; font-size: 0.75em; }
    .diverged { font-size: 0.85em; margin: 0; }
    axon-code-panel { font-size: 0.8em; }
    /* The code takes the loss plot's place while shown: both do not fit on a 720 px slide. */
    .panel:has(axon-code-panel[open]) .loss-plot { display: none; }
  `,
];
