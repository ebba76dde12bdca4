/**
 * `<feature-scaling>`: placeholder registered so decks can name the tag; the widget itself is being built (issue 6).
 */
import { LitElement, html } from 'lit';

export class FeatureScaling extends LitElement {
  /** Resolves at once: nothing to settle yet. */
  readonly settled: Promise<void> = Promise.resolve();

  override render() {
    return html`<p role="status">&lt;feature-scaling&gt; is not built yet.</p>`;
  }
}

customElements.define('feature-scaling', FeatureScaling);

declare global {
  interface HTMLElementTagNameMap {
    'feature-scaling': FeatureScaling;
  }
}
