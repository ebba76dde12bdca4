/**
 * `<softmax-temperature>`: placeholder registered so decks can name the tag; the widget itself is being built (issue 6).
 */
import { LitElement, html } from 'lit';

export class SoftmaxTemperature extends LitElement {
  /** Resolves at once: nothing to settle yet. */
  readonly settled: Promise<void> = Promise.resolve();

  override render() {
    return html`<p role="status">&lt;softmax-temperature&gt; is not built yet.</p>`;
  }
}

customElements.define('softmax-temperature', SoftmaxTemperature);

declare global {
  interface HTMLElementTagNameMap {
    'softmax-temperature': SoftmaxTemperature;
  }
}
