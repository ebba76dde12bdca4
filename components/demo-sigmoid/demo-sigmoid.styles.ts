/** `<demo-sigmoid>`'s styles: the shared base (components/shared/views/base-styles.ts), then its own. */
import { css } from 'lit';
import { baseStyles } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const demoSigmoidStyles = [baseStyles, warningStyles, css`
    :host {
      max-width: 34em;
      margin: 0.5em auto;
      font-size: 0.8em;
      --focus-ring-offset: 3px;
    }
    svg {
      width: 100%;
      height: auto;
      display: block;
    }
    .axis { stroke: currentColor; stroke-opacity: 0.45; stroke-width: 1.5; }
    .curve { fill: none; stroke: var(--axon-accent, #1d4ed8); stroke-width: 3.5; }
    .tangent { stroke: var(--axon-accent-2, #b45309); stroke-width: 2.5; stroke-dasharray: 8 6; }
    .point { fill: var(--axon-accent-2, #b45309); }
    .tick { font-size: 15px; }
    /* A narrow box (a column, half a slide): the plot drawn narrower, its ticks larger in its units. */
    @container axon-widget (width < 800px) {
      .tick { font-size: 17.5px; }
    }
    label { display: flex; align-items: center; gap: 0.75em; }
    input[type='range'] { flex: 1; min-height: 1.6em; }
    [role='status'] { margin: 0.4em 0 0; }
  `,
];
