/**
 * `<activation-explorer>`: placeholder registered so decks can name the tag; the widget itself is being built (issue 6).
 */
import { LitElement, html } from 'lit';

export class ActivationExplorer extends LitElement {
  /** Resolves at once: nothing to settle yet. */
  readonly settled: Promise<void> = Promise.resolve();

  override render() {
    return html`<p role="status">&lt;activation-explorer&gt; is not built yet.</p>`;
  }
}

customElements.define('activation-explorer', ActivationExplorer);

declare global {
  interface HTMLElementTagNameMap {
    'activation-explorer': ActivationExplorer;
  }
}
