/**
 * The look of `<gd-trajectory>`: the shared base (components/shared/views/base-styles.ts), the warning, transport
 * and regression-view styles, then its own — one run beside its controls, or three maps side by side when
 * learning rates are compared, and the loss plot that gives way to the open code.
 */
import { css } from 'lit';
import { regressionViewStyles } from '../shared/regression/regression-views.ts';
import { transportStyles } from '../shared/transport.ts';
import { baseStyles, roomText } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const gdTrajectoryStyles = [baseStyles, roomText(1.25), warningStyles, transportStyles, regressionViewStyles, css`
    :host { max-width: 1200px; margin: 0 auto; }
    .single { display: grid; grid-template-columns: minmax(0, 460px) minmax(0, 1fr); gap: 0 22px; align-items: start; }
    .panel { display: flex; flex-direction: column; gap: 0.3em; min-width: 0; }
    .compare { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0 18px; }
    .compare figure { margin: 0; min-width: 0; }
    .compare figcaption { font-weight: 700; display: flex; align-items: center; gap: 0.3em; }
    .compare .map { max-width: 270px; }
    .below { display: grid; grid-template-columns: minmax(0, 600px) minmax(0, 1fr); gap: 0 22px; align-items: start; margin-top: 0.2em; }
    .below .panel { gap: 0.25em; }
    .control { display: grid; grid-template-columns: max-content minmax(6em, 1fr) 3.6em; align-items: center; gap: 0.6em; }
    .control .value { text-align: right; font-variant-numeric: tabular-nums; }
    input[type='range'] { width: 100%; min-height: 1.4em; margin: 0; }
    .toggle { align-self: flex-start; }
    [role='status'] { margin: 0; min-height: 1.25em; }
    .part { white-space: nowrap; }
    .regime { margin: 0; }
    .compare .regime, .compare [role='status'] { line-height: 1.2; }
    .note { margin: 0.2em 0 0; }
    .diverged { margin: 0; }
    /* The code takes the loss plot's place while shown: both do not fit on a 720 px slide. */
    .panel:has(axon-code-panel[open]) .loss-plot, .below:has(axon-code-panel[open]) .loss-plot { display: none; }
    /* A narrow box (a column, half a slide, a phone's reading view): one column, each map above its text. */
    @container axon-widget (width < 800px) {
      .single, .compare, .below { grid-template-columns: minmax(0, 1fr); }
      .single > .map { max-width: 460px; }
    }
  `,
];
