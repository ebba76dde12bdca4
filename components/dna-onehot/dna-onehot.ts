/**
 * `<dna-onehot>`: placeholder registered so decks can name the tag; the widget itself is being built (issue 6).
 */
import { LitElement, html } from 'lit';

export class DnaOnehot extends LitElement {
  /** Resolves at once: nothing to settle yet. */
  readonly settled: Promise<void> = Promise.resolve();

  override render() {
    return html`<p role="status">&lt;dna-onehot&gt; is not built yet.</p>`;
  }
}

customElements.define('dna-onehot', DnaOnehot);

declare global {
  interface HTMLElementTagNameMap {
    'dna-onehot': DnaOnehot;
  }
}
