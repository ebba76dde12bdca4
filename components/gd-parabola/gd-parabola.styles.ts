/** `<gd-parabola>`'s styles: the shared base (focus ring, controls, status line), the transport, then its own. */
import { css } from 'lit';
import { transportStyles } from '../shared/transport.ts';
import { baseStyles } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const gdParabolaStyles = [baseStyles, transportStyles, warningStyles, css`
    /* px, not em: the slide's large type would make 30em wider than the slide leaves room for under its heading. */
    :host { max-width: 600px; margin: 0.5em auto; }
    svg { display: block; width: 100%; height: auto; }
    .curve { fill: none; stroke: var(--axon-accent, #1d4ed8); stroke-width: 4; }
    .point { fill: var(--axon-accent-2, #b45309); }
  `,
];
