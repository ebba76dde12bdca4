/**
 * The look of `<autoencoder-latent>`: the shared base styles, warning box and transport buttons, then its own —
 * the planes of codes (white paper, so the digit palette reads the same in either theme) beside the controls,
 * the decoded and reconstructed digits as pixelated squares, the digit legend.
 */
import { css } from 'lit';
import { transportStyles } from '../shared/transport.ts';
import { baseStyles, roomText } from '../shared/views/base-styles.ts';
import { warningStyles } from '../shared/warning.ts';

export const autoencoderLatentStyles = [
  baseStyles,
  roomText(1.2),
  warningStyles,
  transportStyles,
  css`
    :host { max-width: 1220px; margin: 0.1em auto; --focus-ring-offset: 3px; }
    .layout { display: flex; gap: 0 20px; align-items: flex-start; }
    .planes { display: flex; flex-direction: column; gap: 0.25em; flex: none; max-width: 100%; }
    .planes > p { max-width: 760px; }
    .plane-row { display: flex; gap: 12px; }
    .plane-row > div { display: flex; flex-direction: column; align-items: center; min-width: 0; }
    .plane-title { margin: 0; font-weight: 700; }
    svg.plane { display: block; max-width: 100%; height: auto; touch-action: none; }
    .paper { fill: #ffffff; }
    .frame { fill: none; stroke: currentColor; stroke-opacity: 0.6; stroke-width: 1.5; }
    .grid { stroke: #000000; stroke-opacity: 0.12; stroke-width: 1; }
    .tick { font-size: 22px; font-variant-numeric: tabular-nums; }
    .axis-name { font-size: 24px; font-style: italic; }
    .placeholder { font-size: 24px; fill: #333333; }
    /* A thin dark edge, so the light colours (sand, cyan) stand out from the white paper. */
    .dots { stroke: #1f2937; stroke-opacity: 0.55; stroke-width: 0.6; }
    .mark line { stroke: #000000; stroke-width: 3; }
    .mark-halo { fill: none; stroke: #ffffff; stroke-width: 7; }
    .mark-ring { fill: none; stroke: #000000; stroke-width: 3; }
    .hit { fill: transparent; cursor: crosshair; outline: none; }
    .hit:focus-visible { stroke: var(--axon-focus, #f59e0b); stroke-width: 5; }
    .legend.digits { gap: 0.1em 0.55em; justify-content: center; font-weight: 700; font-variant-numeric: tabular-nums; }
    .legend.digits li { display: flex; align-items: center; gap: 0.15em; }
    .legend.digits svg { width: 0.85em; height: 0.85em; }
    .side { display: flex; flex-direction: column; gap: 0.3em; min-width: 0; flex: 1; }
    .control { display: grid; grid-template-columns: auto minmax(6em, 1fr) 3em; align-items: center; gap: 0.5em; }
    .control .value { text-align: right; font-variant-numeric: tabular-nums; font-weight: 700; }
    input[type='range'] { width: 100%; min-height: 1.6em; margin: 0; }
    select { padding: 0.1em 0.4em; }
    button.toggle, button.another { min-height: 1.9em; }
    button.another { font: inherit; color: inherit; background: transparent; border: 2px solid currentColor; border-radius: 6px; padding: 0.1em 0.6em; cursor: pointer; }
    .figures { display: flex; flex-wrap: wrap; gap: 0.2em 14px; align-items: flex-start; }
    figure.digit { margin: 0; display: flex; flex-direction: column; align-items: center; }
    figure.digit svg { width: 104px; height: 104px; display: block; border: 1.5px solid currentColor; }
    figure.digit.decoded svg { width: 116px; height: 116px; border-width: 3px; }
    figure.digit figcaption { text-align: center; white-space: nowrap; line-height: 1.1; }
    .digit-paper { fill: #ffffff; }
    [role='status'] { margin: 0; font-weight: 700; }
    .settings { margin: 0; opacity: 0.9; }
    /* A narrow box (a column, half a slide, a phone's reading view): the planes above the controls. */
    @container axon-widget (width < 800px) {
      .layout { flex-direction: column; }
      .plane-row { flex-wrap: wrap; }
    }
  `,
];
