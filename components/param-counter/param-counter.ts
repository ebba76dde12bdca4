/**
 * `<param-counter>`: placeholder registered so decks can name the tag; the widget itself is being built (issue 6).
 */
import { LitElement, html } from 'lit';

export class ParamCounter extends LitElement {
  /** Resolves at once: nothing to settle yet. */
  readonly settled: Promise<void> = Promise.resolve();

  override render() {
    return html`<p role="status">&lt;param-counter&gt; is not built yet.</p>`;
  }
}

customElements.define('param-counter', ParamCounter);

declare global {
  interface HTMLElementTagNameMap {
    'param-counter': ParamCounter;
  }
}
