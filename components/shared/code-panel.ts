/**
 * `<axon-code-panel>`: the `Show code` toggle every training widget carries. It opens the PyTorch code for the
 * widget's current settings (set `.code`; it updates as controls change) as an overlay over the whole slide,
 * in type the back row can read (21 CSS px, long lines wrapped, scrolling when long), with `Copy` and
 * `Hide code` (the toggle, as the open panel shows it); the widget's charts stay where they were underneath.
 * `Esc` (or `Hide code`) closes it and gives the focus back to `Show code`. Used inside widgets' shadow roots; registered once, globally.
 *
 * `Download notebook` saves the same code as a Jupyter notebook (components/shared/notebook.ts) named after the
 * widget and its settings now: the host widget's attributes, then what the student changed (the state the
 * page address keeps). Built in the browser from `.code`, so it needs no network and no per-widget code.
 *
 * The overlay is `position: fixed`: on a deck slide that is the slide's box (reveal scales the slides with a
 * transform, which contains fixed boxes), kept clear of reveal's arrows at the bottom; on a page of its own,
 * the window.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { buildNotebook, notebookFileName, notebookText, type SettingPair } from './notebook.ts';
import { readUrlState } from './url-state.ts';

/** Attributes of a widget that are not its settings. */
const NOT_SETTINGS = /^(id|class|style|slot|hidden|title|lang|dir|tabindex|role|inert|part|aria-.*|data-.*)$/;

/**
 * The widget's settings now, as attribute text: its attributes as the deck wrote them, overridden by the
 * student's changes (which every widget keeps in the page address, components/shared/runtime/settings.ts).
 */
export function widgetSettingPairs(widget: Element): SettingPair[] {
  const pairs = new Map<string, string>();
  for (const { name, value } of Array.from(widget.attributes)) if (!NOT_SETTINGS.test(name)) pairs.set(name, value);
  for (const [name, value] of readUrlState(widget) ?? []) pairs.set(name, value);
  return [...pairs];
}

export class AxonCodePanel extends LitElement {
  static override styles = css`
    :host { display: block; }
    button {
      font: inherit;
      padding: 0.15em 0.7em;
      border-radius: 6px;
      border: 2px solid currentColor;
      background: transparent;
      color: inherit;
      cursor: pointer;
      min-height: max(1.9em, var(--axon-touch-target, 0px));
    }
    /* hidden keeps the toggle's room, so the widget does not move while the code is open. */
    .toggle[hidden] { display: inline-block; visibility: hidden; }
    button:focus-visible, pre:focus-visible { outline: 3px solid var(--axon-focus, #f59e0b); outline-offset: 2px; }
    .overlay {
      position: fixed;
      inset: 12px 12px 84px 12px;
      z-index: 40;
      display: flex;
      flex-direction: column;
      gap: 10px;
      box-sizing: border-box;
      padding: 14px 18px;
      border-radius: 10px;
      border: 2px solid var(--axon-rule, #9ca3af);
      background: var(--axon-bg, #ffffff);
      color: var(--axon-fg, #111827);
      box-shadow: 0 10px 40px rgb(0 0 0 / 25%);
      font-size: 24px;
      text-align: left;
    }
    .head { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; }
    .title { font-weight: 700; margin-right: auto; }
    .copied { font-size: 21px; }
    pre {
      flex: 1;
      min-height: 0;
      margin: 0;
      overflow: auto;
      padding: 12px 16px;
      border-radius: 8px;
      background: #1f2430;
      color: #f8f8f2;
      font: 21px/1.45 var(--axon-mono, ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      user-select: text;
    }
    @media print { .overlay { display: none; } }
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

  protected override updated(changed: PropertyValues<this>): void {
    // Opened: the keyboard goes to the code (it scrolls); closed: back to the toggle it came from.
    if (!changed.has('open') || changed.get('open') === undefined) return;
    const target = this.renderRoot.querySelector<HTMLElement>(this.open ? 'pre' : 'button.toggle');
    target?.focus({ preventScroll: true });
  }

  private readonly handleToggle = (): void => {
    this.open = !this.open;
  };

  private readonly handleKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    // Not the deck's: Esc here closes the code, it does not open reveal's overview.
    event.preventDefault();
    event.stopPropagation();
    this.open = false;
  };

  private readonly handleDownload = (): void => {
    const root = this.getRootNode();
    const widget = root instanceof ShadowRoot ? root.host : this;
    const tag = widget.localName;
    const settings = widget === this ? [] : widgetSettingPairs(widget);
    const text = notebookText(buildNotebook({ tag, settings, script: this.code }));
    const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ipynb+json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = notebookFileName(tag, settings);
    // Clicked inside the panel's shadow root: no page style or deck key handler sees it.
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  private readonly handleCopy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(this.code);
      this.copied = true;
      setTimeout(() => (this.copied = false), 1500);
    } catch {
      // No clipboard permission (e.g. an insecure origin): select the text so Ctrl+C works.
      const pre = this.renderRoot.querySelector('pre');
      if (pre) getSelection()?.selectAllChildren(pre);
    }
  };

  override render() {
    return html`
      <!-- While the code is open the toggle keeps its place (nothing moves) but is not shown: Hide code is on the panel. -->
      <button class="toggle" aria-expanded="false" aria-controls="code" ?hidden=${this.open} @click=${this.handleToggle}>Show code</button>
      ${this.open
        ? html`<div class="overlay" id="code" role="dialog" aria-labelledby="title" @keydown=${this.handleKey}>
            <div class="head">
              <span class="title" id="title">PyTorch, for these settings</span>
              ${this.copied ? html`<span class="copied" role="status">copied</span>` : nothing}
              <button @click=${this.handleCopy}>Copy</button>
              <button class="notebook" @click=${this.handleDownload}>Download notebook</button>
              <button class="hide" aria-expanded="true" aria-controls="code" @click=${this.handleToggle}>Hide code</button>
            </div>
            <!-- tabindex: the code scrolls, so keyboard users must be able to reach it (axe: scrollable-region-focusable). -->
            <pre tabindex="0" aria-label="PyTorch code"><code>${this.code}</code></pre>
          </div>`
        : nothing}
    `;
  }
}

if (!customElements.get('axon-code-panel')) customElements.define('axon-code-panel', AxonCodePanel);

declare global {
  interface HTMLElementTagNameMap {
    'axon-code-panel': AxonCodePanel;
  }
}
