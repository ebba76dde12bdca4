/**
 * The look of `<gd-trajectory>`: the shared base (components/shared/views/base-styles.ts), the warning, transport
 * and regression-view styles, then its own — one run beside its controls, or three maps side by side when
 * learning rates are compared, and the loss plot that gives way to the open code.
 */
import { css } from 'lit';
import { regressionViewStyles } from '../shared/regression/regression-views.ts';
import { transportStyles } from '../shared/transport.ts';
import { baseStyles } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const gdTrajectoryStyles = [
  baseStyles,
  warningStyles,
  transportStyles,
  regressionViewStyles,
  css`
    :host { max-width: 1200px; margin: 0 auto; font-size: 20px; line-height: 1.3; text-align: left; }
    .single { display: grid; grid-template-columns: minmax(0, 500px) minmax(0, 1fr); gap: 0 24px; align-items: start; }
    .panel { display: flex; flex-direction: column; gap: 0.4em; min-width: 0; }
    .compare { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0 16px; }
    .compare figure { margin: 0; min-width: 0; }
    .compare figcaption { font-weight: 700; font-size: 0.9em; display: flex; align-items: center; gap: 0.3em; }
    .compare .map { max-width: 320px; }
    .below { display: grid; grid-template-columns: minmax(0, 620px) minmax(0, 1fr); gap: 0 20px; align-items: start; margin-top: 0.2em; }
    .control { display: grid; grid-template-columns: max-content minmax(6em, 1fr) 3.6em; align-items: center; gap: 0.6em; }
    .control .value { text-align: right; font-variant-numeric: tabular-nums; }
    input[type='range'] { width: 100%; min-height: 1.6em; margin: 0; }
    .toggle { align-self: flex-start; }
    [role='status'] { font-size: 0.85em; margin: 0; min-height: 1.3em; }
    .regime { margin: 0; font-size: 0.85em; }
    .compare .regime, .compare [role='status'] { font-size: 0.75em; }
    .note { margin: 0; font-size: 0.75em; opacity: 0.9; }
    .diverged { font-size: 0.85em; margin: 0; }
    axon-code-panel { font-size: 0.8em; }
    /* The code takes the loss plot's place while shown: both do not fit on a 720 px slide. */
    .panel:has(axon-code-panel[open]) .loss-plot, .below:has(axon-code-panel[open]) .loss-plot { display: none; }
  `,
];
