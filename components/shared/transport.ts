/**
 * The Play / Pause / Step / Reset buttons of every training widget (those accessible names exactly), and
 * the divergence warning they all show. A template plus styles, so each widget keeps its own state.
 */
import { css, html, nothing } from 'lit';

export interface TransportState {
  /** True while training runs. */
  running: boolean;
  /** False once training cannot continue (done or diverged): Play and Step are disabled. */
  canContinue: boolean;
  onPlay(): void;
  onPause(): void;
  onStep(): void;
  onReset(): void;
}

/** The four buttons. */
export function transportControls(state: TransportState) {
  return html`<div class="transport" role="group" aria-label="training">
    <button @click=${state.onPlay} ?disabled=${state.running || !state.canContinue}>Play</button>
    <button @click=${state.onPause} ?disabled=${!state.running}>Pause</button>
    <button @click=${state.onStep} ?disabled=${state.running || !state.canContinue}>Step</button>
    <button @click=${state.onReset}>Reset</button>
  </div>`;
}

/** "diverged at step N — lower the learning rate", or nothing. */
export function divergenceWarning(divergence: { step: number } | undefined) {
  return divergence
    ? html`<p class="diverged" role="alert">Diverged at step ${divergence.step} — lower the learning rate, then Reset.</p>`
    : nothing;
}

export const transportStyles = css`
  .transport { display: flex; gap: 0.4em; flex-wrap: wrap; }
  .transport button {
    font: inherit;
    min-width: 4.2em;
    padding: 0.15em 0.7em;
    border-radius: 6px;
    border: 2px solid var(--axon-accent, #1d4ed8);
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .transport button:disabled { opacity: 0.55; cursor: default; }
  .transport button:focus-visible { outline: 3px solid var(--axon-focus, #f59e0b); outline-offset: 2px; }
  .diverged {
    border: 2px solid #b91c1c;
    background: #fef2f2;
    color: #7f1d1d;
    padding: 0.25em 0.6em;
    border-radius: 6px;
    margin: 0.3em 0;
  }
`;
