/**
 * `<autoencoder-latent>`: the lecture's autoencoder x̂ = g(f(x)), 784 → 128 → 2 → 128 → 784, trained live on real
 * MNIST digits by the engine (in the page's training worker: the slide keeps its frames). Its 2-D code z = f(x)
 * is drawn as a plane, every digit a dot in its class colour (a colour-blind-safe palette, with a legend), and
 * fills into clusters as it learns; click, drag or use the arrow keys anywhere in the plane to decode that point,
 * g(z), into a digit. The noise slider trains a denoising autoencoder instead (noisy input, clean target): the
 * noisy input, its reconstruction and the clean original side by side. `PCA` shows the linear 2-D projection
 * beside it ("if f, g are linear, the AE learns the SVD: same subspace as PCA"), whose points decode linearly.
 *
 * Attributes (a bad value shows a warning naming it, role=alert, and its default is used):
 * - `count` — digits trained on, class-balanced, 200…5000 (default 2000);
 * - `hidden` — units of each hidden layer, 8…512 (default 128);
 * - `noise` — 0…1 (default 0): σ of Gaussian noise, or the share of pixels masked; above 0 it denoises;
 * - `noise-kind` — `gaussian` (default) or `mask`;
 * - `pca` — boolean: show the PCA plane (default off);
 * - `epochs` — the epoch budget, 1…500 (default 20);
 * - `seed` — digits, noise and initial weights (default 1).
 * The noise, its kind and the PCA switch a student sets are kept in the page address.
 *
 * Controls (accessible names): the plane(s) (buttons: click, drag or arrow keys move the decoded point), slider
 * `noise`, select `noise kind`, toggle `PCA`, `Play` `Pause` `Step` `Reset`, `Another digit`. Status
 * (role=status): `epoch 3 of 20 · reconstruction loss 0.2103 (BCE)`, then `· done`.
 *
 * Idle until its slide is shown, paused while hidden, its trainer freed when removed; `settle()` trains to the
 * budget and resolves `settled` once the trained map is drawn.
 *
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the pressed PCA toggle and the slider (default #1d4ed8).
 * @cssprop --axon-bg — the text of the pressed toggle (default #ffffff).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 */
import { html, nothing } from 'lit';
import type { MnistDigits } from '../../engine/data/mnist/index.ts';
import type { LayeredReadout } from '../../engine/layered-trainer.ts';
import type { AnyLayeredTrainer, Engine } from '../../engine/runtime.ts';
import { nextTask } from '../shared/handout.ts';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import { RunController, stepsPerEpoch } from '../shared/runtime/run-controller.ts';
import type { ResolvedSettings } from '../shared/runtime/settings.ts';
import { transportControls, divergenceWarning } from '../shared/transport.ts';
import { tickLabel } from '../shared/views/axes.ts';
import {
  BATCH_SIZE,
  CODE_LAYER,
  LAYERS,
  NOISE_KINDS,
  NOISE_LABELS,
  PIXELS,
  autoencoderSettings,
  autoencoderSpec,
  describeModel,
  digitNoise,
  planeExtent,
  type AutoencoderSettings,
  type NoiseKind,
} from './autoencoder-latent.model.ts';
import { principalComponents, project, reconstruct, type PrincipalComponents } from './autoencoder-latent.pca.ts';
import { LatentRun } from './autoencoder-latent.run.ts';
import { autoencoderLatentStyles } from './autoencoder-latent.styles.ts';
import { digitLegend, figuresView, planeBox, planeView, spotAt, type PlotSpot } from './autoencoder-latent.views.ts';

type Extent = [[number, number], [number, number]];
type Plane = 'code' | 'pca';

/** The planes' size in CSS px (= SVG units, so their 22-unit text draws at 22 px): one plane, or two side by side. */
const PLANE_ALONE = 470;
const PLANE_PAIR = 372;
/** How far an arrow key moves the decoded point, as a share of the plot (Shift: finer). */
const KEY_STEP = 0.04;
const FINE_KEY_STEP = 0.01;
/** Pictures drawn while settling: the budget in about this many chunks. */
const SETTLE_PICTURES = 5;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const lerp = ([low, high]: [number, number], t: number) => low + (high - low) * t;

export class AutoencoderLatent extends axonElement(autoencoderSettings) {
  static override styles = autoencoderLatentStyles;

  static override properties = stateProperties('settings', 'error', 'loading');

  declare private settings: AutoencoderSettings;
  declare private error: string | undefined;
  declare private loading: boolean;

  /** The clock, Play / Pause / Step, settle and the slide's visibility; steps go to the engine's trainer. */
  private readonly run = new RunController<LatentRun>(this, {
    clock: () => this.engine!.scheduler,
    handout: this.handout,
    onFailure: (error) => this.fail(error),
  });
  private engine: Engine | undefined;
  private trainer: AnyLayeredTrainer | undefined;
  private digits: MnistDigits | undefined;
  private generation = 0;

  /** The codes f(x) of the clean digits (x, y pairs) as of `pictureEpoch`, and the plane's extent. */
  private codes: Float32Array | undefined;
  private codeExtent: Extent = [[-1, 1], [-1, 1]];
  private pictureEpoch = -1;
  private readout: LayeredReadout | undefined;
  /** The decoded spot in each plane, as fractions of its plot. */
  private spots: Record<Plane, PlotSpot> = { code: [0.5, 0.5], pca: [0.5, 0.5] };
  private decoded: Float32Array | undefined;
  /** The digit shown with its reconstruction (an index into the digits). */
  private example = 0;
  private reconstruction: Float32Array | undefined;
  /** A decode is on its way; another was asked for meanwhile. */
  private decoding = false;
  private decodeAgain = false;
  private dragging: Plane | undefined;

  private principal: PrincipalComponents | undefined;
  private principalScores: Float32Array | undefined;
  private principalExtent: Extent = [[-1, 1], [-1, 1]];
  private principalFor: MnistDigits | undefined;
  /** The noise slider's position while it is dragged (the run restarts when it is let go). */
  private noiseShown: number | undefined;

  protected override settingsChanged({ values }: ResolvedSettings<AutoencoderSettings>): void {
    this.settings = values;
    void this.restart();
  }

  /** Put back on the page (its run was freed when it left): train afresh; settle again if it was asked to. */
  protected override reconnected(): void {
    void this.restart();
    if (this.handout.asked) void this.settle();
  }

  /** Trains to the epoch budget at once and draws the trained map; resolves with `settled`. */
  override settle(): Promise<void> {
    return this.run.settle();
  }

  /** A fresh run: the digits (with their noise) and a new trainer from the seed. */
  private async restart(): Promise<void> {
    const generation = ++this.generation;
    const settings = this.settings;
    // A new run from now on, though its digits and trainer arrive later: whoever awaits `settled` (the print
    // view, after putting the widget back) waits for this run's end, not the one before.
    this.handout.renew();
    this.run.stop();
    this.trainer = undefined;
    this.codes = undefined;
    this.readout = undefined;
    this.decoded = undefined;
    this.reconstruction = undefined;
    this.pictureEpoch = -1;
    this.error = undefined;
    this.loading = true;
    try {
      const [{ getEngine }, { mnistDigits }] = await Promise.all([import('../../engine/runtime.ts'), import('../../engine/data/mnist/index.ts')]);
      const [engine, digits] = await Promise.all([getEngine(), mnistDigits({ count: settings.count, seed: settings.seed, noise: digitNoise(settings) })]);
      if (generation !== this.generation || !this.isConnected) return;
      this.engine = engine;
      this.digits = digits;
      this.example = Math.min(this.example, digits.count - 1);
      if (settings.pca) void this.computePca();
      const row = (images: Float32Array, i: number) => Array.from(images.subarray(i * PIXELS, (i + 1) * PIXELS));
      const targets = Array.from({ length: digits.count }, (_, i) => row(digits.images, i));
      // Noisy in, clean out: a denoising autoencoder (the same rows when there is no noise).
      const inputs = digits.noisy === digits.images ? targets : Array.from({ length: digits.count }, (_, i) => row(digits.noisy, i));
      const trainer = await engine.createLayeredTrainer(autoencoderSpec(settings), { inputs, targets }, { worker: 'auto' });
      if (generation !== this.generation || !this.isConnected) {
        trainer.dispose();
        return;
      }
      this.trainer = trainer;
      trainer.events.on('failed', ({ message }) => this.fail(message));
      const perEpoch = stepsPerEpoch(digits.count, BATCH_SIZE);
      const chunk = perEpoch * Math.max(1, Math.ceil(settings.epochs / SETTLE_PICTURES));
      const pace = Math.max(24, perEpoch);
      // The starting picture (an untrained encoder: one blob) before any step.
      await this.redraw(trainer, 0);
      if (generation !== this.generation) return;
      this.loading = false;
      this.run.start(new LatentRun(trainer, settings.epochs * perEpoch, chunk, pace, (readout) => this.handleReadout(trainer, readout), (error) => this.fail(error)));
    } catch (error) {
      if (generation !== this.generation) return;
      this.loading = false;
      this.fail(error);
      this.handout.resolveWhenDrawn();
    }
  }

  private fail(error: unknown): void {
    this.error = messageOf(error);
    this.run.pause();
    this.requestUpdate();
  }

  /** A readback: the loss, and a new map of codes once per epoch (and at the end). */
  private async handleReadout(trainer: AnyLayeredTrainer, readout: LayeredReadout | undefined): Promise<void> {
    if (trainer !== this.trainer || !readout) return;
    this.readout = readout;
    const atEnd = !this.run.stepper?.canContinue;
    if (readout.epoch !== this.pictureEpoch || atEnd) await this.redraw(trainer, readout.epoch);
    this.requestUpdate();
  }

  /** The codes of every clean digit (the encoder alone, one call), then the decoded point and the reconstruction. */
  private async redraw(trainer: AnyLayeredTrainer, epoch: number): Promise<void> {
    const digits = this.digits!;
    try {
      const rows = await trainer.runLayers(0, CODE_LAYER, digits.images);
      if (trainer !== this.trainer) return;
      const codes = new Float32Array(rows.length * 2);
      rows.forEach(([z1, z2], i) => {
        codes[i * 2] = z1!;
        codes[i * 2 + 1] = z2!;
      });
      this.codes = codes;
      this.codeExtent = planeExtent(codes, rows.length);
      this.pictureEpoch = epoch;
      await this.decode(trainer);
    } catch (error) {
      if (!trainer.isDisposed && trainer === this.trainer) this.fail(error);
    }
  }

  /** The point in a plane's own coordinates. */
  private pointIn(plane: Plane): [number, number] {
    const extent = plane === 'code' ? this.codeExtent : this.principalExtent;
    const [u, v] = this.spots[plane];
    return [lerp(extent[0], u), lerp(extent[1], v)];
  }

  /** g(z) at the decoded point and the example's reconstruction, from the trainer (one in flight; the latest wins). */
  private async decode(trainer: AnyLayeredTrainer | undefined = this.trainer): Promise<void> {
    if (!trainer || !this.digits) return;
    if (this.decoding) {
      this.decodeAgain = true;
      return;
    }
    this.decoding = true;
    try {
      const noisy = this.digits.noisy.subarray(this.example * PIXELS, (this.example + 1) * PIXELS);
      const [[decoded], [reconstruction]] = await Promise.all([trainer.runLayers(CODE_LAYER, LAYERS, [this.pointIn('code')]), trainer.predict([Array.from(noisy)])]);
      if (trainer === this.trainer) {
        this.decoded = Float32Array.from(decoded!);
        this.reconstruction = Float32Array.from(reconstruction!);
      }
    } catch (error) {
      if (!trainer.isDisposed && trainer === this.trainer) this.fail(error);
    } finally {
      this.decoding = false;
      this.requestUpdate();
    }
    if (this.decodeAgain) {
      this.decodeAgain = false;
      await this.decode();
    }
  }

  /** The PCA of the clean digits (once per set of digits), a task after the toggle so its state is drawn first. */
  private async computePca(): Promise<void> {
    const digits = this.digits;
    if (!digits || this.principalFor === digits) return;
    this.principalFor = digits;
    this.principal = undefined;
    this.requestUpdate();
    await nextTask();
    if (this.digits !== digits) return;
    const pca = principalComponents(digits.images, digits.count, PIXELS, 2, 1e-9);
    this.principal = pca;
    this.principalScores = project(digits.images, digits.count, pca);
    this.principalExtent = planeExtent(this.principalScores, digits.count);
    this.requestUpdate();
  }

  /** A student changed a setting: kept in the page address; the noise restarts training, the PCA switch does not. */
  private change(changes: Partial<AutoencoderSettings>): void {
    const retrain = changes.noise !== undefined || changes.noiseKind !== undefined;
    this.settings = { ...this.settings, ...changes };
    this.keepSettings(this.settings);
    if (retrain) void this.restart();
    if (this.settings.pca) void this.computePca();
  }

  private moveSpot(plane: Plane, spot: PlotSpot): void {
    this.spots = { ...this.spots, [plane]: spot };
    if (plane === 'code') void this.decode();
    this.requestUpdate();
  }

  private readonly handlePointerDown = (plane: Plane) => (event: PointerEvent) => {
    const spot = spotAt(event, planeBox(this.planeSize));
    if (!spot) return;
    event.preventDefault();
    const target = event.currentTarget as SVGElement;
    // The ring is for keyboard users; a click focuses the plane so that the arrow keys go on from there.
    target.focus({ preventScroll: true, focusVisible: false } as FocusOptions);
    target.setPointerCapture?.(event.pointerId);
    this.dragging = plane;
    this.moveSpot(plane, spot);
  };

  private readonly handlePointerMove = (plane: Plane) => (event: PointerEvent) => {
    if (this.dragging !== plane) return;
    const spot = spotAt(event, planeBox(this.planeSize));
    if (spot) this.moveSpot(plane, spot);
  };

  private readonly handlePointerUp = (event: PointerEvent) => {
    this.dragging = undefined;
    (event.currentTarget as SVGElement).releasePointerCapture?.(event.pointerId);
  };

  private readonly handleKey = (plane: Plane) => (event: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    // NOTE - arrows on the plane move the point, never the slide.
    event.stopPropagation();
    const step = event.shiftKey ? FINE_KEY_STEP : KEY_STEP;
    const [u, v] = this.spots[plane];
    const clamp = (t: number) => Math.min(1, Math.max(0, Math.round(t * 1000) / 1000));
    this.moveSpot(plane, [clamp(u + move[0] * step), clamp(v + move[1] * step)]);
  };

  private handleNoiseInput(event: Event): void {
    this.noiseShown = Number((event.target as HTMLInputElement).value);
    this.requestUpdate();
  }

  private handleNoise(event: Event): void {
    const noise = Number((event.target as HTMLInputElement).value);
    this.noiseShown = undefined;
    if (noise !== this.settings.noise) this.change({ noise });
  }

  private handleNoiseKind(event: Event): void {
    const noiseKind = (event.target as HTMLSelectElement).value as NoiseKind;
    if (noiseKind !== this.settings.noiseKind) this.change({ noiseKind });
  }

  private readonly handlePca = () => this.change({ pca: !this.settings.pca });

  private handleAnother(): void {
    if (!this.digits) return;
    this.example = (this.example + 1) % this.digits.count;
    void this.decode();
    this.requestUpdate();
  }

  private get planeSize(): number {
    return this.settings.pca ? PLANE_PAIR : PLANE_ALONE;
  }

  private renderPlane(plane: Plane) {
    const code = plane === 'code';
    const digits = this.digits;
    const share = this.principal ? Math.round((100 * (this.principal.variances[0]! + this.principal.variances[1]!)) / this.principal.totalVariance) : undefined;
    const title = code ? 'code z = f(x) of the autoencoder' : `PCA: the top 2 components${share === undefined ? '' : ` (${share} % of the variance)`}`;
    const points = code ? this.codes : this.principalScores;
    const placeholder = points ? undefined : this.loading ? 'loading digits…' : code ? 'encoding…' : 'computing PCA…';
    return html`<div>
      <p class="plane-title">${code ? 'code z = f(x)' : `PCA${share === undefined ? '' : `: ${share} % of variance`}`}</p>
      ${planeView({
        title,
        axes: code ? ['z₁', 'z₂'] : ['PC1', 'PC2'],
        box: planeBox(this.planeSize),
        points: digits ? points : undefined,
        labels: digits?.labels ?? [],
        extent: code ? this.codeExtent : this.principalExtent,
        spot: this.spots[plane],
        at: this.pointIn(plane),
        placeholder,
        onPointerDown: this.handlePointerDown(plane),
        onPointerMove: this.handlePointerMove(plane),
        onPointerUp: this.handlePointerUp,
        onKey: this.handleKey(plane),
      })}
    </div>`;
  }

  private renderFigures() {
    const digits = this.digits;
    const settings = this.settings;
    const slice = (images: Float32Array | undefined) => images?.subarray(this.example * PIXELS, (this.example + 1) * PIXELS);
    return figuresView({
      decoded: this.decoded,
      at: this.pointIn('code').map((value) => tickLabel(Number(value.toPrecision(2)))) as [string, string],
      linear: settings.pca && this.principal ? reconstruct(this.pointIn('pca'), this.principal) : undefined,
      input: slice(digits?.noisy),
      reconstruction: this.reconstruction,
      clean: slice(digits?.images),
      label: digits?.labels[this.example],
      denoising: settings.noise > 0,
      onAnother: () => this.handleAnother(),
    });
  }

  private renderStatus(): string {
    const settings = this.settings;
    if (this.loading) return `epoch 0 of ${settings.epochs} · loading ${settings.count} digits…`;
    const readout = this.readout;
    if (!readout) return `epoch 0 of ${settings.epochs} · reconstruction loss … (BCE)`;
    const done = readout.epoch >= settings.epochs;
    return `epoch ${readout.epoch} of ${settings.epochs} · reconstruction loss ${readout.loss.toFixed(4)} (BCE)${done ? ' · done' : ''}`;
  }

  override render() {
    const settings = this.settings;
    const noise = this.noiseShown ?? settings.noise;
    return html`
      ${this.renderWarnings()}
      ${this.renderAlert(this.error)}
      <div class="layout">
        <div class="planes">
          <div class="plane-row">${this.renderPlane('code')}${settings.pca ? this.renderPlane('pca') : nothing}</div>
          ${digitLegend()}
          <p role="status">${this.renderStatus()}</p>
          ${divergenceWarning(this.trainer?.divergence)}
          <p class="settings">${describeModel(settings)}</p>
        </div>
        <div class="side">
          ${transportControls({
            running: this.run.running,
            canContinue: this.run.canContinue,
            onPlay: () => this.run.play(),
            onPause: () => this.run.pause(),
            onStep: () => void this.run.step(),
            onReset: () => void this.restart(),
          })}
          <label class="control">
            <span>noise</span>
            <input type="range" aria-label="noise" aria-valuetext=${`${NOISE_LABELS[settings.noiseKind]} ${noise}`} min="0" max="1" step="0.05"
              .value=${String(noise)} @input=${this.handleNoiseInput} @change=${this.handleNoise} />
            <span class="value" aria-hidden="true">${noise}</span>
          </label>
          <div class="row">
            <select aria-label="noise kind" .value=${settings.noiseKind} @change=${this.handleNoiseKind}>
              ${NOISE_KINDS.map((kind) => html`<option value=${kind} ?selected=${kind === settings.noiseKind}>${kind === 'mask' ? 'masking noise' : 'Gaussian noise'}</option>`)}
            </select>
            <button class="toggle" aria-pressed=${settings.pca ? 'true' : 'false'} @click=${this.handlePca}>PCA</button>
          </div>
          ${this.renderFigures()}
        </div>
      </div>
    `;
  }
}

customElements.define('autoencoder-latent', AutoencoderLatent);

declare global {
  interface HTMLElementTagNameMap {
    'autoencoder-latent': AutoencoderLatent;
  }
}
