/**
 * `<nn-playground>`: placeholder registered so decks can name the tag; the widget itself is being built (issue 6).
 */
import { LitElement, html } from 'lit';

export class NnPlayground extends LitElement {
  /** Resolves at once: nothing to settle yet. */
  readonly settled: Promise<void> = Promise.resolve();

  override render() {
    return html`<p role="status">&lt;nn-playground&gt; is not built yet.</p>`;
  }
}

customElements.define('nn-playground', NnPlayground);

declare global {
  interface HTMLElementTagNameMap {
    'nn-playground': NnPlayground;
  }
}
