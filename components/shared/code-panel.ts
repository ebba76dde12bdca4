/**
 * `<axon-code-panel>`: the `Show code` toggle every training widget carries. It reveals the PyTorch code for
 * the widget's current settings (set `.code`; it updates as controls change) with a `Copy` button.
 * Used inside widgets' shadow roots; registered once, globally.
 */
import { LitElement, css, html, nothing } from 'lit';

export class AxonCodePanel extends LitElement {
  static override styles = css`
    :host { display: block; font-size: 0.75em; }
    .bar { display: flex; gap: 0.5em; align-items: center; }
    button {
      font: inherit;
      padding: 0.15em 0.7em;
      border-radius: 6px;
      border: 2px solid currentColor;
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    button:focus-visible { outline: 3px solid var(--axon-focus, #f59e0b); outline-offset: 2px; }
    pre {
      margin: 0.4em 0 0;
      max-height: 14em;
      overflow: auto;
      padding: 0.5em 0.8em;
      border-radius: 8px;
      background: #2b2b2b;
      color: #f8f8f2;
      font: 0.85em/1.4 ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace;
      text-align: left;
      white-space: pre;
      user-select: text;
    }
    .copied { font-size: 0.9em; }
  `;

  static override properties = {
    code: { type: String },
    open: { type: Boolean, reflect: true },
    copied: { state: true },
  };

  /** The code to show. */
  declare code: string;
  /** Whether the code is shown. */
  declare open: boolean;
  declare private copied: boolean;

  constructor() {
    super();
    this.code = '';
    this.open = false;
    this.copied = false;
  }

  private handleToggle(): void {
    this.open = !this.open;
  }

  private async handleCopy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.code);
      this.copied = true;
      setTimeout(() => (this.copied = false), 1500);
    } catch {
      // No clipboard permission (e.g. an insecure origin): select the text so Ctrl+C works.
      const pre = this.renderRoot.querySelector('pre');
      if (pre) getSelection()?.selectAllChildren(pre);
    }
  }

  override render() {
    return html`
      <div class="bar">
        <button aria-expanded=${String(this.open)} aria-controls="code" @click=${this.handleToggle}>Show code</button>
        ${this.open ? html`<button @click=${this.handleCopy}>Copy</button>` : nothing}
        ${this.copied ? html`<span class="copied" role="status">copied</span>` : nothing}
      </div>
      <!-- tabindex: the code scrolls, so keyboard users must be able to reach it (axe: scrollable-region-focusable). -->
      <pre id="code" tabindex="0" ?hidden=${!this.open} aria-label="PyTorch code"><code>${this.code}</code></pre>
    `;
  }
}

if (!customElements.get('axon-code-panel')) customElements.define('axon-code-panel', AxonCodePanel);

declare global {
  interface HTMLElementTagNameMap {
    'axon-code-panel': AxonCodePanel;
  }
}
