/**
 * `<gd-modes>`: placeholder registered so decks can name the tag; the widget itself is being built (issue 6).
 */
import { LitElement, html } from 'lit';

export class GdModes extends LitElement {
  /** Resolves at once: nothing to settle yet. */
  readonly settled: Promise<void> = Promise.resolve();

  override render() {
    return html`<p role="status">&lt;gd-modes&gt; is not built yet.</p>`;
  }
}

customElements.define('gd-modes', GdModes);

declare global {
  interface HTMLElementTagNameMap {
    'gd-modes': GdModes;
  }
}
