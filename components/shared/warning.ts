/**
 * How every widget shows a refused attribute (or URL value): one amber box per message, above the widget,
 * saying what was wrong and which value is used instead. One style, so a student learns to read it once.
 */
import { css } from 'lit';

export const warningStyles = css`
  .warning {
    border: 2px solid #b45309;
    background: #fffbeb;
    color: #78350f;
    padding: 0.25em 0.6em;
    border-radius: 6px;
    margin: 0 0 0.4em;
    font-size: 0.85em;
  }
`;
