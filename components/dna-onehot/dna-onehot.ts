/**
 * `<dna-onehot>`: a DNA sequence as a network sees it. Each of the L positions becomes a row of the L × 4
 * one-hot matrix, with a 1 in the column of its nucleotide (columns in the lecture's order A, T, G, C by
 * default). Students type a sequence and watch rows appear; a letter that is not A, C, G or T (N, X, a
 * space, a digit) keeps its place: its row is all zeros, marked ✗ and named in the status ("position 5:
 * 'N' is not A, C, G or T") — never silently dropped. Lower case is read as upper case. Pointing at a
 * letter (or a row), or moving the caret in the field, highlights the pair. A line notes the shape and that
 * a CNN filter sliding over the rows is a k × 4 weight matrix, like a position weight matrix (PWM).
 *
 * Attributes (a bad value shows a warning on the widget, role=alert, naming it; its default is used):
 * - `sequence` — the sequence, taken as written, any characters (default "ACGTTGCA").
 * - `order` — the column order, a permutation of A, C, G, T, any case, commas allowed (default "ATGC").
 * - `max-length` — how many positions are encoded and drawn, a whole number 1…500 (default 60). A longer
 *   sequence shows its first `max-length` rows and says so in the status; its flagged letters beyond the
 *   cut are still named. Rows beyond what the slide holds (about 12) scroll inside the matrix box.
 * - `uniform-n` — boolean: read N (IUPAC "any base") as 0.25 in every column instead of a row of zeros
 *   (default off; N is still named in the status).
 * The sequence, column order and N setting are kept in the page URL (components/shared/url-state.ts):
 * defaults < attributes < URL.
 *
 * Controls (accessible names): text field `sequence`; select `column order` (A T G C, A C G T, or the
 * attribute's order); toggle button `N = 0.25 each` (aria-pressed); the matrix box (a focusable region
 * `one-hot matrix`: ↑ ↓ Home End move the highlighted row). The status (role=status) gives L, the shape
 * L × 4 and each flagged position. The matrix is a real <table>: column headers A T G C (scope=col),
 * each row headed by its position (scope=row).
 *
 * Nothing runs in the background, so slide visibility changes nothing; the picture is HTML and prints as
 * it is. `settled` resolves after the first render (the handout state is the matrix of the sequence).
 *
 * @event dna-onehot-change — after the sequence, order or N setting changes; detail: the settings.
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the first data colour: curves, weights, the main run (default #1d4ed8).
 * @cssprop --axon-bg — the widget's background (default #ffffff).
 * @cssprop --axon-fg — text and rules (default #111827).
 * @cssprop --axon-muted — secondary text (default: inherited).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 * @cssprop --axon-mono — the monospace font of numbers and code.
 * @cssprop --axon-font — the body font (default system-ui).
 * @cssprop --axon-error-fg — an inline warning's text (default #991b1b).
 * @cssprop --axon-error-bg — an inline warning's background (default #fef2f2).
 * @cssprop --axon-error-border — an inline warning's border (default #dc2626).
 */
import { html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import type { ResolvedSettings, SettingValues } from '../shared/runtime/settings.ts';
import {
  DEFAULT_CONFIG,
  ORDER_CHOICES,
  describeEncoding,
  encodeSequence,
  formatEntry,
  nameOfLetter,
  dnaSettings,
  parseOrder,
  positionsOf,
  type Base,
  type DnaOnehotConfig,
  type EncodedRow,
  type Encoding,
} from './dna-onehot.model.ts';
import { dnaOnehotStyles } from './dna-onehot.styles.ts';

/** Detail of `dna-onehot-change`. */
export interface DnaOnehotChangeDetail {
  sequence: string;
  order: Base[];
  uniformN: boolean;
}

/** How a character looks in the strip: a space would be invisible. */
function glyphOf(letter: string): string {
  if (letter === ' ') return '␣';
  if (/\s/.test(letter)) return '↵';
  return letter;
}

export class DnaOnehot extends axonElement(dnaSettings, { firstRender: true }) {
  static override styles = dnaOnehotStyles;

  static override properties = stateProperties('config', 'highlight');

  /** The settings in force (defaults < attributes < URL < what the student did). */
  declare private config: DnaOnehotConfig;
  /** The row (0-based) matched with its letter now, or null. */
  declare private highlight: number | null;

  /** Where the highlight came from: a keyboard highlight scrolls its row into view, a pointer one does not. */
  private highlightByKeyboard = false;

  constructor() {
    super();
    this.config = { ...DEFAULT_CONFIG, order: [...DEFAULT_CONFIG.order] };
    this.highlight = null;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('highlight') && this.highlight !== null && this.highlightByKeyboard) this.scrollRowIntoView(this.highlight);
  }

  /** New settings (defaults < attributes < URL): the matrix of their sequence. */
  protected override settingsChanged({ values }: ResolvedSettings<SettingValues<typeof dnaSettings.table>>): void {
    this.config = { ...values, order: [...values.order] };
  }

  /** Keeps the change: in the URL (shareable) and as an event. */
  private commit(config: DnaOnehotConfig): void {
    this.config = config;
    this.keepSettings(config);
    const detail: DnaOnehotChangeDetail = { sequence: config.sequence, order: [...config.order], uniformN: config.uniformN };
    this.dispatchEvent(new CustomEvent<DnaOnehotChangeDetail>('dna-onehot-change', { detail, bubbles: true, composed: true }));
  }

  private handleSequence(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.commit({ ...this.config, sequence: input.value });
    this.handleCaret(event);
  }

  /** The caret's letter is highlighted: the one just typed (left of the caret), or the selection's first. */
  private handleCaret(event: Event): void {
    const input = event.target as HTMLInputElement;
    const start = input.selectionStart ?? 0;
    const end = input.selectionEnd ?? start;
    const before = positionsOf(input.value.slice(0, start)).length;
    const length = positionsOf(input.value).length;
    const index = end > start ? before : Math.max(0, before - 1);
    this.highlightByKeyboard = true;
    this.highlight = length === 0 ? null : Math.min(index, length - 1);
  }

  private handleOrder(event: Event): void {
    const order = parseOrder((event.target as HTMLSelectElement).value);
    if (order) this.commit({ ...this.config, order });
  }

  private handleUniformN(): void {
    this.commit({ ...this.config, uniformN: !this.config.uniformN });
  }

  private handlePoint(index: number | null): void {
    this.highlightByKeyboard = false;
    this.highlight = index;
  }

  /**
   * ↑ ↓ (and ← →) Home End PageUp PageDown on the matrix box move the highlighted row; Space does nothing;
   * the deck sees none of them. Esc leaves the box, handing the keys back to the deck.
   */
  private handleMatrixKey(event: KeyboardEvent, rowCount: number): void {
    if (event.key === 'Escape') {
      (event.currentTarget as HTMLElement).blur();
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    const current = this.highlight ?? -1;
    const page = 10;
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowRight: current + 1,
      ArrowUp: current - 1,
      ArrowLeft: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: rowCount - 1,
      ' ': current,
      Spacebar: current,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    // NOTE - reveal listens for keydown on the document, and the deck's keyboard guard knows form controls,
    // not a focusable table region: the keys are stopped here so that they never turn the slide.
    event.stopPropagation();
    if (rowCount === 0) return;
    this.highlightByKeyboard = true;
    this.highlight = Math.max(0, Math.min(rowCount - 1, next));
  }

  /** A touch pointer "leaves" as the finger lifts: only a mouse (or pen) moving away clears the match. */
  private handlePointerLeave(event: PointerEvent): void {
    if (event.pointerType !== 'touch') this.handlePoint(null);
  }

  private handleMatrixFocus(rowCount: number): void {
    if (this.highlight === null && rowCount > 0) {
      this.highlightByKeyboard = true;
      this.highlight = 0;
    }
  }

  private scrollRowIntoView(index: number): void {
    const box = this.renderRoot.querySelector<HTMLElement>('.matrix');
    const row = this.renderRoot.querySelector<HTMLElement>(`tbody tr:nth-child(${index + 1})`);
    const head = this.renderRoot.querySelector<HTMLElement>('thead');
    if (!box || !row || box.offsetHeight === 0) return;
    // Screen rectangles carry reveal's CSS scale; scrollTop is in layout pixels, so divide by that scale.
    const scale = box.getBoundingClientRect().height / box.offsetHeight;
    const frame = box.getBoundingClientRect();
    const rect = row.getBoundingClientRect();
    const headHeight = head?.getBoundingClientRect().height ?? 0;
    const above = rect.top - (frame.top + headHeight);
    const below = rect.bottom - (frame.top + box.clientHeight * scale);
    if (above < 0) box.scrollTop += above / scale;
    else if (below > 0) box.scrollTop += below / scale;
  }

  private renderControls() {
    const current = this.config.order.join('');
    const choices = ORDER_CHOICES.some((c) => c.order === current) ? ORDER_CHOICES : [...ORDER_CHOICES, { order: current, label: `${this.config.order.join(' ')} (this slide)` }];
    return html`
      <div class="controls">
        <label class="field">
          <span>sequence</span>
          <input type="text" aria-label="sequence" aria-describedby="hint" spellcheck="false" autocomplete="off" autocapitalize="characters"
            .value=${live(this.config.sequence)}
            @input=${this.handleSequence}
            @keyup=${this.handleCaret} @click=${this.handleCaret} @focus=${this.handleCaret} @select=${this.handleCaret}
            @blur=${() => this.handlePoint(null)} />
        </label>
        <label>
          <span>columns</span>
          <select aria-label="column order" @change=${this.handleOrder}>
            ${choices.map((choice) => html`<option value=${choice.order} ?selected=${choice.order === current}>${choice.label}</option>`)}
          </select>
        </label>
        <button aria-pressed=${this.config.uniformN ? 'true' : 'false'} @click=${this.handleUniformN}>N = 0.25 each</button>
      </div>
      <p class="hint" id="hint">Case-insensitive (a = A). Letters other than A, C, G, T stay in place and are flagged ✗.</p>
    `;
  }

  private renderRow(row: EncodedRow, index: number) {
    const on = this.highlight === index;
    const note = row.kind === 'invalid' ? '✗ not A/C/G/T' : row.kind === 'ambiguous' ? 'N: any base' : '';
    return html`
      <tr class="${row.kind}${on ? ' on' : ''}" @pointerover=${() => this.handlePoint(index)} @pointerdown=${() => this.handlePoint(index)}>
        <th scope="row">${row.position}</th>
        <td class="letter"><span class="tile ${row.kind}" style=${row.base ? `--colour: var(--dna-${row.base.toLowerCase()})` : ''}>${glyphOf(row.letter)}</span></td>
        ${row.vector.map((value, column) => {
          const base = this.config.order[column]!;
          const cls = value === 1 ? 'one' : value === 0 ? 'zero' : 'quarter';
          return html`<td class=${cls} style="--colour: var(--dna-${base.toLowerCase()})">${formatEntry(value)}</td>`;
        })}
        <td class="note">${note}</td>
      </tr>
    `;
  }

  private renderMatrix(encoding: Encoding) {
    const highlighted = this.highlight === null ? undefined : encoding.rows[this.highlight];
    return html`
      <div class="matrix" role="region" aria-label="one-hot matrix" tabindex="0"
        @keydown=${(event: KeyboardEvent) => this.handleMatrixKey(event, encoding.rows.length)}
        @focus=${() => this.handleMatrixFocus(encoding.rows.length)}
        @blur=${() => this.handlePoint(null)}
        @pointerleave=${this.handlePointerLeave}>
        <table>
          <caption>One-hot matrix, L × 4 = ${encoding.length} × 4</caption>
          <thead>
            <tr>
              <th scope="col">pos</th>
              <th scope="col">letter</th>
              ${this.config.order.map(
                (base) => html`<th scope="col" class="base ${highlighted?.base === base ? 'on' : ''}" style="--colour: var(--dna-${base.toLowerCase()})"><span>${base}</span></th>`,
              )}
              <th scope="col">note</th>
            </tr>
          </thead>
          <tbody>
            ${encoding.rows.map((row, index) => this.renderRow(row, index))}
          </tbody>
        </table>
      </div>
    `;
  }

  private renderStrip(encoding: Encoding) {
    const hidden = encoding.length - encoding.rows.length;
    // The strip repeats the field's letters as coloured tiles for pointing; the table carries the content.
    return html`
      <div class="strip" aria-hidden="true" @pointerleave=${this.handlePointerLeave}>
        ${encoding.rows.map((row, index) => html`<span
          class="tile ${row.kind}${this.highlight === index ? ' on' : ''}"
          style=${row.base ? `--colour: var(--dna-${row.base.toLowerCase()})` : ''}
          title="position ${row.position}"
          @pointerover=${() => this.handlePoint(index)} @pointerdown=${() => this.handlePoint(index)}>${glyphOf(row.letter)}</span>`)}
        ${hidden > 0 ? html`<span class="more">+${hidden} more, not encoded (max-length ${this.config.maxLength})</span>` : nothing}
      </div>
    `;
  }

  private renderPointed(encoding: Encoding) {
    const row = this.highlight === null ? undefined : encoding.rows[this.highlight];
    if (!row) return html`<p class="pointed">Point at a letter or a row, or move the caret, to match them.</p>`;
    const entries = this.config.order.map((base, i) => `${base} ${formatEntry(row.vector[i]!)}`).join(' · ');
    const what = row.base ? html`<span class="name">${row.letter}</span>` : html`${nameOfLetter(row.letter)}`;
    return html`<p class="pointed">Position ${row.position}: ${what} → ${entries}${row.kind === 'invalid' ? ' (flagged)' : ''}</p>`;
  }

  override render() {
    const encoding = encodeSequence(this.config.sequence, this.config.order, { uniformN: this.config.uniformN, maxLength: this.config.maxLength });
    return html`
      ${this.renderWarnings()}
      ${this.renderControls()}
      <div class="layout">
        ${this.renderMatrix(encoding)}
        <div class="side">
          ${this.renderStrip(encoding)}
          <p role="status" aria-live="polite">${describeEncoding(encoding, this.config.uniformN)}</p>
          ${this.renderPointed(encoding)}
          <p class="lesson">Each row is one position, each column one nucleotide: the network sees an L × 4 image.
            A 1-D CNN filter of width k is a k × 4 weight matrix slid along the rows — a position weight matrix
            (PWM) scoring a motif at every position.</p>
        </div>
      </div>
    `;
  }
}

customElements.define('dna-onehot', DnaOnehot);

declare global {
  interface HTMLElementTagNameMap {
    'dna-onehot': DnaOnehot;
  }
  interface HTMLElementEventMap {
    'dna-onehot-change': CustomEvent<DnaOnehotChangeDetail>;
  }
}
