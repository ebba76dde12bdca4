/**
 * `<motif-scan>`: can a CNN detect a regulatory motif in DNA? A one-hot sequence scanned by a k × 4 filter, as
 * a conv1d scans it and as a position weight matrix (PWM) scores binding sites: the filter as a heat grid
 * (rows A, T, G, C, the lecture's order; a column per position) and as a sequence logo (letters p × IC bits
 * high), the score of every window as a track under the sequence, ReLU (negative scores are drawn faint, as
 * clipped) and the global max-pool down to one sequence score, its window boxed. Type a consensus such as
 * GATAAG to get its PWM, or change the filter cell by cell (drag up or down, or the keyboard); `Train` fits
 * conv1d (8 filters, width k) → ReLU → global max-pool → dense → sigmoid on sequences generated with the motif
 * planted in half of them, on the page's engine, and the filter drawn becomes the model's own (the one with the
 * largest weight into the output), epoch by epoch, beside the held-out fifth's accuracy and loss.
 *
 * Attributes (a bad value shows a warning naming it, role=alert, and its default is used):
 * - `motif` — the consensus planted and turned into the starting PWM, 3…20 letters A/C/G/T (default GATAAG).
 * - `width` — the filter width k, 3…20 (default: the motif's length).
 * - `count` — generated training sequences, 100…5000 (default 1000; a fifth held out for validation).
 * - `length` — their length, 20…200 (default 60).
 * - `seed` — the generated sequences and the initial weights (default 1).
 * - `epochs` — the training budget of Train and of the handout, 1…500 (default 20).
 * - `sequence` — the sequence scanned, letters A/C/G/T, k…200 of them (default: one generated sequence of
 *   `length` with the motif planted, from the seed).
 * The motif, width and sequence a student sets are kept in the page address.
 *
 * Controls (accessible names): text fields `sequence` and `motif consensus`, number field `filter width`; the
 * filter's cells, sliders named `weight of G at position 3` (one Tab stop per base row: ← → move along the
 * row, ↑ ↓ change the weight by 0.25, with Shift (or PageUp / PageDown) by 1, Home / End go to the ends, Esc
 * leaves; a pointer drags a cell up or down, 30 slide px per unit; weights stay within ±4); buttons `Train` `Pause` `Step` (one epoch) `Reset` (back to the motif's PWM). Status
 * (role=status): the maximum score and the 1-based start of its window, then the epoch, the validation accuracy
 * and P(motif) once trained.
 *
 * Idle until its slide is shown, paused while hidden (the trainer gives its tensors back); `settle()` trains to
 * the epoch budget at once and `settled` resolves once the trained filter is drawn (the handout's picture).
 *
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the score bars and the accuracy curve (default #1d4ed8).
 * @cssprop --axon-accent-2 — the loss curve (default #b45309).
 * @cssprop --axon-focus — the keyboard focus ring and the best window (default #f59e0b).
 * @cssprop --axon-bg — the widget's background (default #ffffff).
 * @cssprop --axon-fg — text and rules (default #111827).
 * @cssprop --axon-mono — the monospace font of sequences.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Scheduler } from '../../engine/scheduler.ts';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import { RunController } from '../shared/runtime/run-controller.ts';
import type { ResolvedSettings, SettingValues } from '../shared/runtime/settings.ts';
import { cssRgb, diverging } from '../shared/views/colour-maps.ts';
import { formatNumber } from '../shared/views/format-number.ts';
import {
  LECTURE_ORDER,
  LIMITS,
  WEIGHT_LIMIT,
  consensusOf,
  describeScan,
  dnaLetters,
  formatPercent,
  formatWeight,
  generatedSequence,
  logoOf,
  motifScanSettings,
  pwmFromConsensus,
  scanSequence,
  sigmoid,
  withWeight,
  type Filter,
  type MotifScanSettings,
} from './motif-scan.model.ts';
import { motifScanStyles } from './motif-scan.styles.ts';
import { MotifTraining, motifData, motifTrainerSpec, type TrainedPicture } from './motif-scan.training.ts';
import { COLUMN_WIDTH, sequenceLogo, sequenceTrack, validationChart } from './motif-scan.views.ts';

type Values = SettingValues<typeof motifScanSettings.table>;
/** Where the filter drawn comes from. */
type FilterSource = 'pwm' | 'trained' | 'edited';

/** Pixels of drag per unit of weight. */
const DRAG_PIXELS_PER_UNIT = 30;

export class MotifScan extends axonElement(motifScanSettings) {
  static override styles = motifScanStyles;

  static override properties = stateProperties('settings', 'filter', 'source', 'picture', 'typed', 'active', 'error');

  declare private settings: MotifScanSettings;
  /** The filter drawn and scanned. */
  declare private filter: Filter;
  declare private source: FilterSource;
  /** The training run's latest picture (kept after an edit, for its chart). */
  declare private picture: TrainedPicture | undefined;
  /** The sequence field as typed (may hold letters that are not bases: they score nothing). */
  declare private typed: string;
  /** The cell that has the keyboard, per base row: its position. */
  declare private active: number[];
  declare private error: string | undefined;

  /** Weights are bits for a PWM; a trained filter's are scaled through the output unit (logoOf). */
  private bitsPerWeight = 1;
  private engineScheduler: Scheduler | undefined;
  private generation = 0;
  private drag: { position: number; column: number; startY: number; start: number; scale: number } | undefined;

  private readonly run = new RunController<MotifTraining>(this, {
    clock: () => this.engineScheduler!,
    handout: this.handout,
    onFailure: (error) => (this.error = error instanceof Error ? error.message : String(error)),
  });

  /** New settings (defaults < attributes < URL): the motif's PWM, no run. */
  protected override settingsChanged({ values }: ResolvedSettings<Values>): void {
    this.settings = { ...values };
    this.typed = values.sequence;
    this.active = LECTURE_ORDER.map(() => 0);
    this.toPwm();
  }

  /** Put back on the page: the run was freed when it left; the handout state is trained again if it was asked. */
  protected override reconnected(): void {
    if (this.handout.asked && !(this.source === 'trained' && this.picture && this.picture.epoch >= this.settings.epochs)) void this.settle();
  }

  /** Trains to the epoch budget at once (from a fresh run unless one is under way); resolves with `settled`. */
  override settle(): Promise<void> {
    return this.handout.settle(async () => {
      await this.ensureRun();
      await this.run.runToEnd();
    });
  }

  /** Drops any run and draws the motif's PWM at the current width. */
  private toPwm(): void {
    this.stopRun();
    this.picture = undefined;
    this.filter = pwmFromConsensus(this.settings.motif, this.settings.width);
    this.source = 'pwm';
    this.bitsPerWeight = 1;
  }

  private stopRun(): void {
    this.generation += 1;
    this.run.stop();
  }

  /** The run of the current settings, made on the page's engine if there is none. */
  private async ensureRun(): Promise<void> {
    if (this.run.stepper) return;
    const generation = ++this.generation;
    const settings = this.settings;
    this.error = undefined;
    try {
      const { getEngine } = await import('../../engine/runtime.ts');
      const engine = await getEngine();
      if (generation !== this.generation) return;
      this.engineScheduler = engine.scheduler;
      const data = motifData(settings);
      const trainer = engine.createLayeredTrainer(motifTrainerSpec(settings), data.train);
      trainer.events.on('failed', ({ message }) => {
        this.error = message;
        this.run.pause();
      });
      const training = new MotifTraining(trainer, data, settings.epochs, (picture) => {
        if (generation === this.generation) this.showPicture(picture);
      });
      this.picture = undefined;
      this.run.start(training);
      await training.readBack();
    } catch (error) {
      if (generation !== this.generation) return;
      this.error = error instanceof Error ? error.message : String(error);
      this.handout.resolveWhenDrawn();
    }
  }

  private showPicture(picture: TrainedPicture): void {
    this.picture = picture;
    this.filter = picture.filters[picture.shown]!;
    this.source = 'trained';
    const outputWeight = picture.denseWeights[picture.shown]!;
    this.bitsPerWeight = outputWeight > 0 ? outputWeight / Math.LN2 : 1;
  }

  /** A student's change of settings: kept in the URL. */
  private commit(changes: Partial<MotifScanSettings>): void {
    this.settings = { ...this.settings, ...changes };
    this.keepSettings({ ...this.settings } as Values);
  }

  private handleSequence(event: Event): void {
    const input = event.target as HTMLInputElement;
    const typed = input.value.toUpperCase().replace(/\s+/g, '');
    this.typed = typed;
    const reading = dnaLetters({ min: this.settings.width, max: LIMITS.sequence.max }).read(typed);
    if (reading && 'value' in reading) this.commit({ sequence: reading.value });
  }

  private handleMotif(event: Event): void {
    const typed = (event.target as HTMLInputElement).value;
    const reading = dnaLetters(LIMITS.motif).read(typed);
    if (!reading || !('value' in reading) || reading.value === this.settings.motif) return;
    const motif = reading.value;
    const { length, seed, sequence } = this.settings;
    // A generated sequence follows its motif; one the student typed stays.
    const generated = sequence === generatedSequence(this.settings.motif, length, seed);
    const next = generated ? generatedSequence(motif, length, seed) : sequence;
    this.commit({ motif, width: motif.length, sequence: next.length >= motif.length ? next : generatedSequence(motif, length, seed) });
    this.typed = this.settings.sequence;
    this.active = LECTURE_ORDER.map(() => 0);
    this.toPwm();
  }

  private handleWidth(event: Event): void {
    const width = Number((event.target as HTMLInputElement).value);
    if (!Number.isInteger(width) || width < LIMITS.width.min || width > LIMITS.width.max || width === this.settings.width) return;
    if (width > this.settings.sequence.length) return;
    this.commit({ width });
    this.active = LECTURE_ORDER.map(() => 0);
    this.toPwm();
  }

  /** One weight changed by the student: the run (if any) stops; the filter is theirs now. */
  private setWeight(position: number, column: number, value: number): void {
    if (this.run.stepper) this.stopRun();
    this.filter = withWeight(this.filter, position, column, value);
    this.source = 'edited';
  }

  private focusCell(position: number, column: number): void {
    this.active = this.active.map((p, c) => (c === column ? position : p));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-cell="${position}-${column}"]`)?.focus());
  }

  /** Keys on a cell: ← → along the row, ↑ ↓ the weight (Shift: by 1), Home / End, Esc leaves; none reaches the deck. */
  private handleCellKey(event: KeyboardEvent, position: number, column: number): void {
    const k = this.filter.weights.length;
    const weight = this.filter.weights[position]![column]!;
    const stepSize = event.shiftKey ? 1 : 0.25;
    const actions: Record<string, () => void> = {
      ArrowLeft: () => this.focusCell(Math.max(0, position - 1), column),
      ArrowRight: () => this.focusCell(Math.min(k - 1, position + 1), column),
      Home: () => this.focusCell(0, column),
      End: () => this.focusCell(k - 1, column),
      ArrowUp: () => this.setWeight(position, column, weight + stepSize),
      ArrowDown: () => this.setWeight(position, column, weight - stepSize),
      PageUp: () => this.setWeight(position, column, weight + 1),
      PageDown: () => this.setWeight(position, column, weight - 1),
      ' ': () => {},
      Escape: () => (event.currentTarget as HTMLElement).blur(),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    // NOTE - reveal listens for keydown on the document, and a cell is no form control the deck's guard knows.
    event.stopPropagation();
    action();
  }

  private handlePointerDown(event: PointerEvent, position: number, column: number): void {
    const cell = event.currentTarget as HTMLElement;
    cell.setPointerCapture?.(event.pointerId);
    // Screen pixels carry reveal's CSS scale: a drag of 30 slide pixels is one unit, whatever the scale.
    const scale = cell.offsetHeight ? cell.getBoundingClientRect().height / cell.offsetHeight : 1;
    this.drag = { position, column, startY: event.clientY, start: this.filter.weights[position]![column]!, scale };
    this.focusCell(position, column);
    event.preventDefault();
  }

  private handlePointerMove(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag) return;
    const moved = (drag.startY - event.clientY) / drag.scale / DRAG_PIXELS_PER_UNIT;
    const value = Math.round((drag.start + moved) * 4) / 4;
    if (value !== this.filter.weights[drag.position]![drag.column]) this.setWeight(drag.position, drag.column, value);
  }

  private handlePointerUp(): void {
    this.drag = undefined;
  }

  private async handleTrain(): Promise<void> {
    if (this.run.stepper && !this.run.canContinue) this.stopRun();
    await this.ensureRun();
    this.run.play();
  }

  private async handleStep(): Promise<void> {
    if (this.run.stepper && !this.run.canContinue) this.stopRun();
    await this.ensureRun();
    await this.run.step();
  }

  private handleReset(): void {
    this.toPwm();
  }

  private renderControls() {
    const s = this.settings;
    return html`<div class="controls">
      <label class="sequence"><span>sequence</span>
        <input type="text" aria-label="sequence" spellcheck="false" autocomplete="off" autocapitalize="characters"
          .value=${live(this.typed)} @input=${this.handleSequence} />
      </label>
      <label class="motif"><span>motif</span>
        <input type="text" aria-label="motif consensus" spellcheck="false" autocomplete="off" autocapitalize="characters"
          .value=${s.motif} @change=${this.handleMotif} @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.handleMotif(e)} />
      </label>
      <label><span>k</span>
        <input type="number" aria-label="filter width" min=${LIMITS.width.min} max=${Math.min(LIMITS.width.max, s.sequence.length)} step="1"
          .value=${String(s.width)} @change=${this.handleWidth} />
      </label>
    </div>`;
  }

  private renderGrid(columnWidth: number) {
    const weights = this.filter.weights;
    const k = weights.length;
    const limit = Math.max(2, ...weights.flat().map(Math.abs));
    const numbers = columnWidth >= 50;
    const what = { pwm: `PWM of ${this.settings.motif}`, trained: 'trained', edited: 'edited' }[this.source];
    return html`<table>
      <caption>filter (${k} × 4, ${what}) · bias ${formatWeight(this.filter.bias)}</caption>
      <thead><tr><td></td>${weights.map((_, p) => html`<th scope="col" style="width:${columnWidth}px">${p + 1}</th>`)}</tr></thead>
      <tbody>${LECTURE_ORDER.map(
        (base, c) => html`<tr>
          <th scope="row" class="base-${base.toLowerCase()}" style="color: var(--dna-${base.toLowerCase()})">${base}</th>
          ${weights.map((column, p) => {
            const w = column[c]!;
            const fill = diverging(w / limit);
            return html`<td><div class="cell ${inkOn(fill)}" role="slider" data-cell="${p}-${c}"
              tabindex=${this.active[c] === p ? '0' : '-1'}
              aria-label="weight of ${base} at position ${p + 1}" aria-valuenow=${w.toFixed(2)} aria-valuemin=${Math.min(-WEIGHT_LIMIT, w)} aria-valuemax=${Math.max(WEIGHT_LIMIT, w)}
              aria-valuetext=${formatWeight(w)} aria-orientation="vertical"
              style="background:${cssRgb(fill)}"
              @keydown=${(e: KeyboardEvent) => this.handleCellKey(e, p, c)}
              @pointerdown=${(e: PointerEvent) => this.handlePointerDown(e, p, c)}
              @pointermove=${this.handlePointerMove} @pointerup=${this.handlePointerUp} @pointercancel=${this.handlePointerUp}
            >${numbers ? formatNumber(w, { decimals: 1 }) : nothing}</div></td>`;
          })}
        </tr>`,
      )}</tbody>
    </table>`;
  }

  private renderStatus(sequence: string, scan: ReturnType<typeof scanSequence>): string {
    const parts = [describeScan(sequence, scan, this.settings.width)];
    const picture = this.picture;
    if (picture && this.source === 'trained') {
      const last = picture.history.at(-1);
      parts.push(`epoch ${picture.epoch}/${this.settings.epochs}`);
      if (last) parts.push(`validation accuracy ${formatPercent(last.accuracy)}`);
      const pooled = picture.filters.map((f) => scanSequence(sequence, f).maxScore);
      const z = picture.denseBias + pooled.reduce((sum, m, f) => sum + m * picture.denseWeights[f]!, 0);
      parts.push(`P(motif) ${sigmoid(z).toFixed(2)}`);
      parts.push(`filter consensus ${consensusOf(this.filter)}`);
    } else if (this.source === 'edited') parts.push(`filter consensus ${consensusOf(this.filter)}`);
    return parts.join(' · ');
  }

  override render() {
    const sequence = this.typed;
    const scan = scanSequence(sequence, this.filter);
    const k = this.filter.weights.length;
    const columnWidth = Math.max(28, Math.min(COLUMN_WIDTH, Math.floor(560 / k)));
    const invalid = Array.from(sequence).findIndex((l) => !'ACGT'.includes(l));
    const running = this.run.running;
    const canTrain = !running;
    return html`
      ${this.renderWarnings()}
      ${this.renderAlert(this.error)}
      ${this.renderControls()}
      ${invalid >= 0 ? html`<p class="note">position ${invalid + 1}: “${sequence[invalid]}” is not A, C, G or T — it scores 0</p>` : nothing}
      <div class="strip">${sequenceTrack(sequence, scan, k)}</div>
      <div class="layout">
        <div class="filter" @lostpointercapture=${this.handlePointerUp}>
          ${this.renderGrid(columnWidth)}
          ${sequenceLogo(logoOf(this.filter, this.bitsPerWeight), columnWidth)}
        </div>
        <div class="side">
          <div class="transport" role="group" aria-label="training">
            <button @click=${this.handleTrain} ?disabled=${!canTrain}>Train</button>
            <button @click=${() => this.run.pause()} ?disabled=${!running}>Pause</button>
            <button @click=${this.handleStep} ?disabled=${running}>Step</button>
            <button @click=${this.handleReset}>Reset</button>
          </div>
          <p role="status">${this.renderStatus(sequence, scan)}</p>
          ${validationChart(this.picture?.history ?? [], this.settings.epochs)}
          <ul class="legend" aria-hidden="true">
            <li><svg viewBox="0 0 40 16"><line class="accuracy" x1="2" x2="38" y1="8" y2="8" style="stroke: var(--axon-accent, #1d4ed8); stroke-width: 4"></line></svg>validation accuracy</li>
            <li><svg viewBox="0 0 40 16"><line x1="2" x2="38" y1="8" y2="8" style="stroke: var(--axon-accent-2, #b45309); stroke-width: 3; stroke-dasharray: 8 5"></line></svg>loss</li>
          </ul>
        </div>
      </div>
    `;
  }
}

/** The ink that reads best on a cell's fill (WCAG contrast): 'light' is dark text, 'dark' white text. */
function inkOn([r, g, b]: readonly number[]): 'light' | 'dark' {
  const linear = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
  const againstDark = (luminance + 0.05) / (0.0137 + 0.05); // #111827
  const againstWhite = 1.05 / (luminance + 0.05);
  return againstDark >= againstWhite ? 'light' : 'dark';
}

customElements.define('motif-scan', MotifScan);

declare global {
  interface HTMLElementTagNameMap {
    'motif-scan': MotifScan;
  }
}
