/**
 * `<perceptron-boundary>`: placeholder registered so decks can name the tag; the widget itself is being built (issue 6).
 */
import { LitElement, html } from 'lit';

export class PerceptronBoundary extends LitElement {
  /** Resolves at once: nothing to settle yet. */
  readonly settled: Promise<void> = Promise.resolve();

  override render() {
    return html`<p role="status">&lt;perceptron-boundary&gt; is not built yet.</p>`;
  }
}

customElements.define('perceptron-boundary', PerceptronBoundary);

declare global {
  interface HTMLElementTagNameMap {
    'perceptron-boundary': PerceptronBoundary;
  }
}
