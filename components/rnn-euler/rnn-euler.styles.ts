/**
 * The look of `<rnn-euler>`: the shared base styles, warnings and transport, then its own — the phase plane,
 * the time series and the controls in three columns (one on a phone), the truth dashed in the ink, Euler in
 * the second data colour, the learned recurrence in the first, the training trajectory as grey points, and
 * Euler's matrix between brackets.
 */
import { css } from 'lit';
import { transportStyles } from '../shared/transport.ts';
import { baseStyles, roomText } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const rnnEulerStyles = [baseStyles, roomText(1.25), warningStyles, transportStyles, css`
    :host { max-width: 1220px; margin: 0.2em auto; --focus-ring-offset: 3px; }
    .warning { font-size: 1em; }
    .layout { display: grid; grid-template-columns: minmax(0, 440px) minmax(0, 1fr) minmax(0, 290px); gap: 0 20px; align-items: start; }
    .column { display: flex; flex-direction: column; gap: 0.3em; min-width: 0; }
    svg { display: block; width: 100%; height: auto; }
    .axis { stroke: currentColor; stroke-opacity: 0.55; stroke-width: 1.5; fill: none; }
    .grid { stroke: currentColor; stroke-opacity: 0.13; stroke-width: 1; }
    .tick { font-size: 22px; font-variant-numeric: tabular-nums; }
    .axis-label { font-size: 24px; font-style: italic; }
    .truth { fill: none; stroke: currentColor; stroke-opacity: 0.75; stroke-width: 3; stroke-dasharray: 9 6; }
    .euler { fill: none; stroke: var(--axon-accent-2, #b45309); stroke-width: 3.5; stroke-linejoin: round; }
    .learned { fill: none; stroke: var(--axon-accent, #1d4ed8); stroke-width: 3.5; stroke-linejoin: round; }
    .data { fill: currentColor; fill-opacity: 0.28; }
    .start { fill: var(--axon-bg, #ffffff); stroke: currentColor; stroke-width: 3.5; }
    .hit { fill: transparent; cursor: crosshair; outline: none; }
    .hit:focus-visible { stroke: var(--axon-focus, #f59e0b); stroke-width: 4; }
    .legend { gap: 0 0.9em; }
    .legend li { display: flex; align-items: center; gap: 0.3em; }
    .legend svg { width: 1.8em; height: 0.8em; }
    .hint { margin: 0; }
    .nowrap { white-space: nowrap; }
    .weights p { margin: 0; }
    .matrix { display: inline-grid; gap: 0 0.2em; margin: 0.2em 0; padding: 0.1em 0.5em; border-left: 3px solid currentColor; border-right: 3px solid currentColor; border-radius: 6px; font-variant-numeric: tabular-nums; font-weight: 700; }
    .matrix [role='row'] { display: grid; grid-template-columns: repeat(2, 4.2em); text-align: right; }
    .control { display: grid; grid-template-columns: minmax(0, 1fr) auto; align-items: center; gap: 0 0.4em; }
    .control > span:first-child { grid-column: 1 / 2; }
    .control .value { text-align: right; font-variant-numeric: tabular-nums; font-weight: 700; }
    .control input, .control select { grid-column: 1 / 3; }
    input[type='range'] { width: 100%; min-height: 1.6em; margin: 0; }
    select { padding: 0.1em 0.4em; }
    [role='status'] { margin: 0; font-weight: 700; }
    .learned-form { margin: 0; }
    /* Subscripts at the room's size, lowered: the back row reads a 17-px (or even 19-px) index as a smudge. */
    sub { font-size: 1em; line-height: 0; }
    @container axon-widget (width < 800px) {
      .layout { grid-template-columns: minmax(0, 1fr); }
    }
  `,
];
