/**
 * `<conv-explorer>`: what a convolutional layer does to a real MNIST digit. The digit (picked, or drawn with
 * the pointer) → a k × k kernel (presets, or weights typed in) slid across it → the feature map → ReLU → 2 × 2
 * max-pool with a stride; one window's k × k pixels shown beside the weights with their dot product, the
 * window moved with the arrow keys or the pointer; the conv layer's parameters against a dense layer's on the
 * same image. `mode="trained"` trains the bench's `cnn-digits` CNN live on the engine (in its worker) and shows
 * its 8 learned kernels, their feature maps of the digit, its reading of the digit and the test accuracy.
 *
 * Attributes (a bad value shows a warning naming it, role=alert, and its default is used):
 * - `digit` — which of the widget's 100 shipped digits, 0…99 (default 0; a fixed order, whatever the seed).
 * - `kernel` — `identity`, `box-blur`, `sharpen`, `vertical-edge` (default), `horizontal-edge`, `sobel`.
 * - `size` — the kernel's side, 3 (default) or 5.
 * - `weights` — k² numbers in −100…100, row-major, in place of the preset (none by default).
 * - `stride` — the max-pool's stride, 1…2 (default 2).
 * - `mode` — `explore` (default) or `trained`.
 * - `count` — training digits in trained mode, 100…4500 (default 2000); 500 others are the test digits.
 * - `epochs` — the trained mode's budget, 1…50 (default 3).
 * - `seed` — the trained network's initial weights and batches (default 1).
 * Every setting a student changes is kept in the page address; a drawing is not.
 *
 * Controls (accessible names): selects `digit`, `kernel`, `kernel size`, `pool stride`; pressed buttons
 * `explore` / `trained`, `Draw`; button `Clear`; number fields `weight row r, column c`; the region
 * `input digit` (arrow keys, Home, End, Page Up/Down slide the window; drawing: they move the pen, Space or
 * Enter inks, Delete or Backspace erases); trained mode: `Play` `Pause` `Step` (one epoch) `Reset`.
 * Status (role=status): the window's sum, the sizes and the parameter counts; trained: epoch, loss, test
 * accuracy and the network's reading of the digit.
 *
 * Idle when hidden (trained mode pauses and gives its tensors back). `settle()`: explore is settled once the
 * digits are drawn; trained trains to its epoch budget at once.
 *
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the window's frame and the toggles (default #1d4ed8).
 * @cssprop --axon-focus — the keyboard focus ring and the pen (default #f59e0b).
 * @cssprop --axon-fg — text and frames (default #111827).
 */
import { html, nothing } from 'lit';
import { mnistDigits } from '../../engine/data/mnist/digits.ts';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import type { ResolvedSettings } from '../shared/runtime/settings.ts';
import { transportControls } from '../shared/transport.ts';
import { SLIDE_VISIBILITY_EVENT, type SlideVisibilityDetail } from '../shared/visibility.ts';
import {
  DIGIT_CHOICES,
  DIGIT_ORDER_SEED,
  KERNEL_LABELS,
  KERNEL_NAMES,
  SHIPPED_DIGITS,
  SIDE,
  convSettings,
  describeExplore,
  dot,
  kernelOf,
  mapSide,
  moveWindow,
  paint,
  pipeline,
  presetKernel,
  windowAt,
  type ConvSettings,
  type Pipeline,
} from './conv-explorer.model.ts';
import { convExplorerStyles } from './conv-explorer.styles.ts';
import { TrainedRun, type DigitSet } from './conv-explorer.trained.ts';
import { renderExplore, renderTrained } from './conv-explorer.panels.ts';

let shipped: Promise<DigitSet> | undefined;
/** The shipped digits in the widget's fixed order (loaded once per page; a failure is retried next time). */
function loadDigits(): Promise<DigitSet> {
  shipped ??= mnistDigits({ count: SHIPPED_DIGITS, seed: DIGIT_ORDER_SEED }).catch((error: unknown) => {
    shipped = undefined;
    throw error;
  });
  return shipped;
}

export class ConvExplorer extends axonElement(convSettings) {
  static override styles = convExplorerStyles;

  static override properties = stateProperties('settings', 'digits', 'drawn', 'drawing', 'at', 'pen', 'failure');

  declare settings: ConvSettings;
  /** The shipped digits, once loaded. */
  declare digits: DigitSet | undefined;
  /** The student's drawing, shown instead of the digit while there is one. */
  declare drawn: Float32Array | null;
  /** Draw mode: the pointer and the keys ink the input. */
  declare drawing: boolean;
  /** The window's top-left pixel (= its cell in the feature map). */
  declare at: { row: number; col: number };
  /** The pen's pixel (drawing by keyboard). */
  declare pen: { row: number; col: number };
  /** Why the digits could not be loaded. */
  declare failure: string | undefined;

  /** The trained mode's run. */
  run: TrainedRun | undefined;
  private visible = true;
  private pointerDown = false;
  private cache: { key: string; pipeline: Pipeline } | undefined;
  private ready: Promise<void> = Promise.resolve();
  /** Counts strokes on the drawing, so the explore pipeline is recomputed after each. */
  private drawnRevision = 0;

  constructor() {
    super();
    this.digits = undefined;
    this.drawn = null;
    this.drawing = false;
    this.at = { row: 10, col: 10 };
    this.pen = { row: 14, col: 14 };
    this.failure = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.visible = !this.closest('.reveal .slides');
    this.addEventListener(SLIDE_VISIBILITY_EVENT, this.handleVisibility as EventListener);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener(SLIDE_VISIBILITY_EVENT, this.handleVisibility as EventListener);
    this.stopRun();
  }

  /** Put back on the page (its run was freed): a fresh run, taken to its end again if `settle()` was asked. */
  protected override reconnected(): void {
    this.apply(this.settings, { restart: true });
    if (this.handout.asked) void this.settle();
  }

  protected override settingsChanged({ values }: ResolvedSettings<ConvSettings>): void {
    this.apply(values, { restart: true });
  }

  /** Explore: settled once the digits are drawn; trained: trained to its epoch budget. */
  override settle(): Promise<void> {
    return this.handout.settle(async () => {
      await this.ready;
      if (this.settings.mode === 'trained') await this.run?.toBudget();
    });
  }

  /** The image in force: the drawing, or the chosen digit. */
  get image(): Float32Array | undefined {
    if (this.drawn) return this.drawn;
    if (!this.digits) return undefined;
    const size = SIDE * SIDE;
    return this.digits.images.subarray(this.settings.digit * size, (this.settings.digit + 1) * size);
  }

  /** The explore pipeline of the image in force (recomputed when the image, kernel or stride changes). */
  get explored(): Pipeline | undefined {
    const image = this.image;
    if (!image) return undefined;
    const kernel = kernelOf(this.settings);
    const key = `${this.drawn ? 'drawn' : this.settings.digit}|${kernel.join(',')}|${this.settings.stride}|${this.drawnRevision}`;
    if (this.cache?.key !== key) this.cache = { key, pipeline: pipeline(image, kernel, this.settings.size, this.settings.stride) };
    return this.cache.pipeline;
  }

  /** New settings (attributes, the URL, or a student's change): the picture, and the trained run where it changed. */
  private apply(values: ConvSettings, { restart }: { restart: boolean }): void {
    const before = this.settings;
    this.settings = values;
    const last = mapSide(SIDE, values.size) - 1;
    this.at = { row: Math.min(this.at.row, last), col: Math.min(this.at.col, last) };
    const runChanged = !before || restart || before.count !== values.count || before.epochs !== values.epochs || before.seed !== values.seed || before.mode !== values.mode;
    if (values.mode !== 'trained') this.stopRun();
    if (!runChanged) return;
    this.handout.renew();
    this.ready = loadDigits().then(
      (digits) => {
        this.digits = digits;
        this.failure = undefined;
        if (this.settings.mode === 'trained') return this.startRun(digits);
        this.handout.resolveWhenDrawn();
        return undefined;
      },
      (error: unknown) => {
        this.failure = `the MNIST digits could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
        this.handout.resolveWhenDrawn();
      },
    );
  }

  private startRun(digits: DigitSet): Promise<void> {
    this.stopRun();
    const { count, epochs, seed } = this.settings;
    const run = new TrainedRun(
      {
        count,
        epochs,
        seed,
        changed: () => {
          if (run !== this.run) return;
          if (run.error || run.divergence) this.handout.resolveWhenDrawn();
          this.requestUpdate();
        },
        finished: () => {
          if (run === this.run) this.handout.resolveWhenDrawn();
        },
      },
      digits,
      this.image!,
      this.visible,
    );
    this.run = run;
    return run.started;
  }

  private stopRun(): void {
    this.run?.dispose();
    this.run = undefined;
  }

  /** A student's change: kept in the page address, then applied. */
  change(changes: Partial<ConvSettings>): void {
    const values = { ...this.settings, ...changes };
    this.keepSettings(values);
    this.apply(values, { restart: false });
  }

  private readonly handleVisibility = (event: CustomEvent<SlideVisibilityDetail>): void => {
    this.visible = event.detail.visible;
    this.run?.setVisible(this.visible);
  };

  handleDigit(event: Event): void {
    this.drawn = null;
    this.drawing = false;
    this.change({ digit: Number((event.target as HTMLSelectElement).value) });
    this.imageChanged();
  }

  handleKernel(event: Event): void {
    this.change({ kernel: (event.target as HTMLSelectElement).value as ConvSettings['kernel'], weights: [] });
  }

  handleSize(event: Event): void {
    this.change({ size: Number((event.target as HTMLSelectElement).value) as 3 | 5, weights: [] });
  }

  handleStride(event: Event): void {
    this.change({ stride: Number((event.target as HTMLSelectElement).value) });
  }

  handleMode(mode: ConvSettings['mode']): void {
    if (mode !== this.settings.mode) this.change({ mode });
  }

  /** A weight typed in: the kernel becomes the student's own. */
  handleWeight(index: number, value: number): void {
    const weights = kernelOf(this.settings);
    weights[index] = value;
    const preset = presetKernel(this.settings.kernel, this.settings.size);
    this.change({ weights: weights.every((w, i) => w === preset[i]) ? [] : weights });
  }

  /** Draw on: a blank page to draw on (the digit comes back when a digit is picked). */
  handleDraw(): void {
    this.drawing = !this.drawing;
    if (this.drawing && !this.drawn) this.drawn = new Float32Array(SIDE * SIDE);
    this.imageChanged();
  }

  handleClear(): void {
    this.drawn = new Float32Array(SIDE * SIDE);
    this.drawing = true;
    this.pen = { row: SIDE / 2, col: SIDE / 2 };
    this.imageChanged();
  }

  private imageChanged(): void {
    this.drawnRevision += 1;
    if (this.run && this.image) this.run.setImage(this.image);
    this.requestUpdate();
  }

  /** The pixel under a pointer on a map of `side` cells. */
  private cellAt(event: PointerEvent, side: number): { row: number; col: number } {
    const rect = (event.currentTarget as Element).getBoundingClientRect();
    const clamp = (v: number) => Math.max(0, Math.min(side - 1, Math.floor(v)));
    return { row: clamp(((event.clientY - rect.top) / rect.height) * side), col: clamp(((event.clientX - rect.left) / rect.width) * side) };
  }

  /** On the input: draw, or put the window's centre under the pointer. */
  handleInputPointer(event: PointerEvent): void {
    if (event.type === 'pointerdown') {
      this.pointerDown = true;
      (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
    } else if (event.type === 'pointerup' || event.type === 'pointercancel') {
      this.pointerDown = false;
      return;
    }
    if (!this.pointerDown) return;
    event.preventDefault();
    const cell = this.cellAt(event, SIDE);
    if (this.drawing && this.drawn) {
      paint(this.drawn, cell.row, cell.col, !event.shiftKey && event.button !== 2);
      this.pen = cell;
      this.imageChanged();
      return;
    }
    const half = Math.floor(this.settings.size / 2);
    const last = mapSide(SIDE, this.settings.size) - 1;
    this.at = { row: Math.max(0, Math.min(last, cell.row - half)), col: Math.max(0, Math.min(last, cell.col - half)) };
  }

  /** On a feature map: the window at the pointed cell. */
  handleMapPointer(event: PointerEvent): void {
    if (event.type === 'pointermove' && !event.buttons) return;
    this.at = this.cellAt(event, mapSide(SIDE, this.settings.size));
  }

  /**
   * Keys on the input region: slide the window (or, drawing, move the pen; Space/Enter ink, Delete/Backspace
   * erase). None reaches the deck. Esc hands the keys back to it.
   */
  handleInputKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      (event.currentTarget as HTMLElement).blur();
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    const drawing = this.drawing && this.drawn;
    const ink = [' ', 'Spacebar', 'Enter'].includes(event.key);
    const erase = ['Delete', 'Backspace'].includes(event.key);
    if (drawing && (ink || erase)) {
      paint(this.drawn!, this.pen.row, this.pen.col, ink);
      this.imageChanged();
    } else {
      const last = drawing ? SIDE - 1 : mapSide(SIDE, this.settings.size) - 1;
      const moved = moveWindow(event.key, drawing ? this.pen : this.at, last);
      if (!moved && !ink) return;
      if (moved && drawing) this.pen = moved;
      else if (moved) this.at = moved;
    }
    event.preventDefault();
    // NOTE - reveal listens for keydown on the document and the deck's guard knows form controls, not a focusable region.
    event.stopPropagation();
  }

  /** Arrow keys in a weight field change its number, never the slide. */
  handleFieldKey(event: KeyboardEvent): void {
    if (['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', ' ', 'PageUp', 'PageDown', 'Home', 'End'].includes(event.key)) event.stopPropagation();
  }

  /** The window's numbers: its pixels, the weights and their dot product. */
  get windowNumbers(): { pixels: number[]; weights: number[]; sum: number } | undefined {
    const image = this.image;
    if (!image) return undefined;
    const weights = kernelOf(this.settings);
    const pixels = windowAt(image, SIDE, this.settings.size, this.at.row, this.at.col);
    return { pixels, weights, sum: dot(pixels, weights) };
  }

  statusText(): string {
    const explored = this.explored;
    const numbers = this.windowNumbers;
    if (!explored || !numbers) return 'loading the MNIST digits…';
    return describeExplore({ row: this.at.row, col: this.at.col, sum: numbers.sum, k: this.settings.size, stride: this.settings.stride, mapSide: explored.featureMap.side, pooledSide: explored.pooled.side });
  }

  private renderControls() {
    const s = this.settings;
    const labels = this.digits?.labels;
    const explore = s.mode === 'explore';
    return html`<div class="controls">
      <label>digit
        <select aria-label="digit" @change=${this.handleDigit}>
          ${this.drawn ? html`<option value="" selected disabled>your drawing</option>` : nothing}
          ${Array.from({ length: DIGIT_CHOICES }, (_, i) => html`<option value=${i} ?selected=${!this.drawn && i === s.digit}>#${i}${labels ? ` (a ${labels[i]})` : ''}</option>`)}
        </select>
      </label>
      <button class="toggle" aria-pressed=${this.drawing ? 'true' : 'false'} @click=${this.handleDraw}>Draw</button>
      ${this.drawn ? html`<button class="plain" @click=${this.handleClear}>Clear</button>` : nothing}
      ${explore
        ? html`<label>kernel
            <select aria-label="kernel" @change=${this.handleKernel}>
              ${s.weights.length ? html`<option value="" selected disabled>your own</option>` : nothing}
              ${KERNEL_NAMES.map((name) => html`<option value=${name} ?selected=${!s.weights.length && name === s.kernel}>${KERNEL_LABELS[name]}</option>`)}
            </select></label>
          <label>size
            <select aria-label="kernel size" @change=${this.handleSize}>
              ${[3, 5].map((k) => html`<option value=${k} ?selected=${k === s.size}>${k}×${k}</option>`)}
            </select></label>
          <label>pool stride
            <select aria-label="pool stride" @change=${this.handleStride}>
              ${[1, 2].map((v) => html`<option value=${v} ?selected=${v === s.stride}>${v}</option>`)}
            </select></label>`
        : nothing}
      <span class="modes" role="group" aria-label="mode">
        <button aria-pressed=${explore ? 'true' : 'false'} @click=${() => this.handleMode('explore')}>explore</button>
        <button aria-pressed=${explore ? 'false' : 'true'} @click=${() => this.handleMode('trained')}>trained</button>
      </span>
    </div>`;
  }

  override render() {
    const run = this.run;
    return html`
      ${this.renderWarnings()}
      ${this.renderAlert(this.failure ?? run?.error)}
      ${this.renderControls()}
      ${this.settings.mode === 'explore'
        ? renderExplore(this)
        : renderTrained(
            this,
            run,
            run
              ? transportControls({
                  running: run.running,
                  canContinue: run.canContinue,
                  onPlay: () => run.play(),
                  onPause: () => run.pause(),
                  onStep: () => void run.stepEpoch(),
                  onReset: () => this.apply(this.settings, { restart: true }),
                })
              : nothing,
          )}
    `;
  }
}

customElements.define('conv-explorer', ConvExplorer);

declare global {
  interface HTMLElementTagNameMap {
    'conv-explorer': ConvExplorer;
  }
}
