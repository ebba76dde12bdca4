/**
 * `<gd-trajectory>`: placeholder registered so decks can name the tag; the widget itself is being built (issue 6).
 */
import { LitElement, html } from 'lit';

export class GdTrajectory extends LitElement {
  /** Resolves at once: nothing to settle yet. */
  readonly settled: Promise<void> = Promise.resolve();

  override render() {
    return html`<p role="status">&lt;gd-trajectory&gt; is not built yet.</p>`;
  }
}

customElements.define('gd-trajectory', GdTrajectory);

declare global {
  interface HTMLElementTagNameMap {
    'gd-trajectory': GdTrajectory;
  }
}
