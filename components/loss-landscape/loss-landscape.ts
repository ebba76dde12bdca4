/**
 * `<loss-landscape>`: gradient descent on a loss surface of two parameters. The surface L(w1, w2) is a
 * heatmap (viridis, log-scaled: dark = low) with contour lines; the optimizer's path runs over it step by
 * step, trained by the shared engine (TF.js autodiff + the engine's SGD / momentum / Adam). Students set the
 * learning rate and watch a small one crawl and a large one overshoot and diverge, click the map to start
 * somewhere else, and race several optimizers from the same start.
 *
 * Attributes (a bad value shows a warning on the widget naming the attribute, and its default is used):
 * - `surface` — `quadratic` (default) | `rosenbrock` | `himmelblau` | `saddle` | `six-hump-camel` |
 *   `regression` (the MSE of a line y ≈ w1 x + w2 on 12 seeded points). Formulas: engine/surfaces.ts.
 * - `condition` — κ of the quadratic bowl L = ½ (w1² + κ w2²), 1…1000 (default 10); other surfaces ignore it.
 * - `start` — "w1,w2", on the map (default per surface, e.g. −2.5,1.5 for the quadratic).
 * - `lr` (or `learning-rate`) — learning rate η, 0.0001…1 (default per surface: 1.8/κ for the quadratic, 0.001 for Rosenbrock,
 *   0.01 for Himmelblau, 0.02 for the camel, 0.05 for the saddle and the regression).
 * - `optimizer` — `sgd` (default) | `momentum` | `adam`.
 * - `momentum` — β of the momentum optimizer, 0…0.99 (default 0.9).
 * - `steps-per-second` — pace of Play, 1…120 (default 10).
 * - `compare` — comma list of optimizers to run side by side from the same start, e.g. "sgd,momentum,adam"
 *   (default none: one run). The `Compare optimizers` toggle does the same for all three.
 * - `autoplay` — start playing when the slide is shown (under prefers-reduced-motion: jump to the handout
 *   state instead of animating).
 * - `seed` — seed of the regression data, a whole number (default 1); the other surfaces have no randomness.
 *
 * Controls (accessible names): slider `learning rate` (log scale, 10⁻⁴…1, value shown), select `optimizer`
 * (hidden while comparing), slider `momentum` (only when a momentum run is shown), toggle button
 * `Compare optimizers`, buttons `Play` `Pause` `Step` `Reset`, the map itself (a button named `start point …`:
 * click or tap it to start there; arrow keys move the start), and `Show code` (the PyTorch for these settings).
 * The status (role=status) gives, per run, the step, w1, w2 and the loss to 5 significant digits (a power of ten as
 * `2.274 × 10⁻¹³`).
 *
 * The runs (one surface descent per optimizer, stepped in lockstep: loss-landscape.run.ts) go on the shared
 * run controller (components/shared/runtime/run-controller.ts), which gives the transport, `settle()` and the
 * slide's visibility. Idle until its slide is shown; pauses when hidden, giving its tensors back until shown
 * again; frees its tensors when removed. `settled` resolves once the runs have reached their handout state:
 * 100 steps (or the step where they diverged), drawn. They get there when played, or at once through
 * `settle()` (the handout contract, components/shared/handout.ts).
 * New runs (settings, Reset, a new start, the widget put back on the page) get a new `settled` promise. The
 * heatmap is an SVG <image> from a data URL, so the picture survives reveal's print cloning.
 *
 * @event loss-landscape-step — after each readback; detail: the latest point of each run.
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the first data colour: curves, weights, the main run (default #1d4ed8).
 * @cssprop --axon-bg — the widget's background (default #ffffff).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 */
import { html, nothing, type PropertyValues } from 'lit';
import type { OptimizerKind } from '../../engine/optimizers.ts';
import type { Scheduler } from '../../engine/scheduler.ts';
import type { PathPoint, Point, SurfaceDivergence } from '../../engine/surface-descent.ts';
import '../shared/code-panel.ts';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import { RunController } from '../shared/runtime/run-controller.ts';
import type { ResolvedSettings } from '../shared/runtime/settings.ts';
import { divergenceWarning, transportControls } from '../shared/transport.ts';
import {
  HANDOUT_STEPS,
  LEARNING_RATE_RANGE,
  LEARNING_RATE_SLIDER_STEP,
  MOMENTUM_RANGE,
  OPTIMIZER_STYLES,
  formatNumber,
  landscapeConfig,
  landscapeSettings,
  learningRateAt,
  optimizerSpec,
  parseLandscapeAttributes,
  pytorchCode,
  roundToMap,
  sliderPosition,
  type LandscapeConfig,
  type LandscapeSettings,
} from './loss-landscape.model.ts';
import { LandscapeRun, emptyRunView, type RunView } from './loss-landscape.run.ts';
import { lossLandscapeStyles } from './loss-landscape.styles.ts';
import { drawMap, mapPointAt, renderLegend, renderMap, renderStatus, type LandscapeView, type MapPicture } from './loss-landscape.views.ts';

/** Arrow keys move the start by this fraction of the map's width. */
const KEY_STEP_FRACTION = 1 / 40;
const ALL_OPTIMIZERS: readonly OptimizerKind[] = ['sgd', 'momentum', 'adam'];

/** Detail of `loss-landscape-step`. */
export interface LossLandscapeStepDetail {
  runs: Array<{ optimizer: OptimizerKind; point: PathPoint | undefined; diverged: boolean }>;
}

export class LossLandscape extends axonElement(landscapeSettings) {
  static override styles = lossLandscapeStyles;

  static override properties = stateProperties(
    'learningRate',
    'optimizerKind',
    'beta',
    'comparing',
    'startPoint',
    'engineError',
  );

  /** η now set. */
  declare private learningRate: number;
  /** The optimizer of a single run. */
  declare private optimizerKind: OptimizerKind;
  /** β now set. */
  declare private beta: number;
  /** True while several optimizers run side by side. */
  declare private comparing: boolean;
  /** Where the runs start. */
  declare private startPoint: Point;
  /** Why the engine could not start, if it could not. */
  declare private engineError: string | undefined;

  private config: LandscapeConfig;
  /** The settings as read (attributes < URL), before the controls changed anything. */
  private settingsRead: LandscapeSettings = landscapeSettings.read({ attribute: () => null }).values;
  /** Play when the slide is shown (the `autoplay` attribute). */
  private autoplayOn = false;
  /** The optimizers compared when comparing (from `compare`, else all three). */
  private compareKinds: OptimizerKind[] = [...ALL_OPTIMIZERS];
  private picture: MapPicture | undefined;
  /** The engine's scheduler, once the engine is loaded: the runs' clock, shared with every trainer on the page. */
  private scheduler: Scheduler | undefined;
  /** Counts rebuilds, so a slow engine start for an old build is ignored. */
  private generation = 0;
  private needsRebuild = true;
  /** The runs' clock: Play / Pause / Step / Reset, `settle()`, the slide's visibility (tensors given back while hidden). */
  private readonly run = new RunController<LandscapeRun>(this, {
    clock: () => this.scheduler!,
    handout: this.handout,
    autoplay: () => this.autoplayOn,
  });

  constructor() {
    super();
    this.engineError = undefined;
    this.config = parseLandscapeAttributes({ surface: null, condition: null, start: null, lr: null, optimizer: null, momentum: null, stepsPerSecond: null, compare: null, seed: null }).config;
    this.learningRate = this.config.learningRate;
    this.optimizerKind = this.config.optimizer;
    this.beta = this.config.momentum;
    this.comparing = false;
    this.startPoint = this.config.start;
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------

  /**
   * Put back on the page: the same runs built again (a new `settled` promise) from the settings as the student
   * left them, not read again; the run controller keeps a `settle()` asked before for the runs rebuilt now.
   */
  protected override reconnected(): void {
    this.needsRebuild = true;
    this.handout.renew();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    // The run controller stops the clock and frees every tensor of the runs.
    super.disconnectedCallback();
    this.generation += 1;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.picture?.surface !== this.config.surface) this.picture = drawMap(this.config.surface);
  }

  protected override updated(): void {
    if (this.needsRebuild && this.isConnected) {
      this.needsRebuild = false;
      void this.rebuild();
    }
  }

  /** Takes the runs to the handout state at once (100 steps, no animation); resolves with `settled`. */
  override settle(): Promise<void> {
    return this.run.settle();
  }

  /** New settings (defaults < attributes < URL): the controls set to them, and new runs. */
  protected override settingsChanged(resolved: ResolvedSettings<LandscapeSettings>): void {
    // The base has set `warnings` to the table's; the start and the compare list add theirs to it.
    const { config } = landscapeConfig({ values: resolved.values, warnings: this.warnings });
    this.settingsRead = resolved.values;
    this.autoplayOn = resolved.values.autoplay;
    this.config = config;
    this.learningRate = config.learningRate;
    this.optimizerKind = config.optimizer;
    this.beta = config.momentum;
    this.startPoint = config.start;
    this.comparing = config.compare !== null;
    this.compareKinds = config.compare ?? [...ALL_OPTIMIZERS];
    this.needsRebuild = true;
  }

  /** The optimizers of the runs now shown, in legend order. */
  private get kinds(): OptimizerKind[] {
    return this.comparing ? this.compareKinds : [this.optimizerKind];
  }

  /** The runs as drawn: the current runs', or empty ones of the optimizers shown while the engine loads. */
  private get runViews(): readonly RunView[] {
    return this.run.stepper?.views ?? this.kinds.map(emptyRunView);
  }

  /** Replaces the runs with new ones for the current settings (from the current start). */
  private async rebuild(): Promise<void> {
    const generation = ++this.generation;
    this.run.stop();
    this.handout.renew();
    this.requestUpdate();
    let engine;
    try {
      const { getEngine } = await import('../../engine/runtime.ts');
      engine = await getEngine();
    } catch (error) {
      if (generation === this.generation) this.engineError = error instanceof Error ? error.message : String(error);
      return;
    }
    if (generation !== this.generation || !this.isConnected) return;
    this.engineError = undefined;
    this.scheduler = engine.scheduler;
    const stepper: LandscapeRun = new LandscapeRun({
      surface: this.config.surface,
      kinds: this.kinds,
      learningRate: this.learningRate,
      momentum: this.beta,
      start: this.startPoint,
      stepsPerSecond: this.config.stepsPerSecond,
      onReadout: () => this.handleReadout(stepper),
      onDiverged: () => this.handleDiverged(stepper),
    });
    // Plays if Play is on, goes to the handout state if `settle()` is waiting, else autoplays if asked.
    this.run.start(stepper);
    // Step 0: the start, shown before any step is taken.
    await stepper.readBack();
  }

  // ---- engine events ---------------------------------------------------------------------------------------

  private handleReadout(stepper: LandscapeRun): void {
    if (stepper !== this.run.stepper) return;
    this.requestUpdate();
    this.dispatchEvent(
      new CustomEvent<LossLandscapeStepDetail>('loss-landscape-step', {
        detail: { runs: stepper.views.map((v) => ({ optimizer: v.kind, point: v.latest, diverged: Boolean(v.divergence) })) },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private handleDiverged(stepper: LandscapeRun): void {
    if (stepper !== this.run.stepper) return;
    this.requestUpdate();
    if (!stepper.canContinue) this.run.pause();
  }

  // ---- handlers ------------------------------------------------------------------------------------------------

  private readonly handlePlay = (): void => {
    if (this.run.canContinue) this.run.play();
  };

  private readonly handlePause = (): void => this.run.pause();

  private readonly handleStep = (): Promise<void> => this.run.step();

  private readonly handleReset = (): void => {
    this.run.pause();
    this.restartFrom(this.startPoint);
  };

  /** Puts what the controls set into the page address; what the attributes already say is left out. */
  private keepInUrl(): void {
    const read = this.settingsRead;
    const movedStart = this.startPoint[0] !== this.config.start[0] || this.startPoint[1] !== this.config.start[1];
    this.keepSettings({
      ...read,
      learningRate: this.learningRate,
      optimizer: this.optimizerKind,
      momentum: this.beta,
      start: movedStart ? this.startPoint.join(',') : read.start,
      // "none" switches off a comparison the attributes ask for; nothing to say when they ask for none.
      compare: this.comparing ? this.compareKinds.join(',') : this.config.compare === null ? read.compare : 'none',
    });
  }

  /** Starts every run again from `point`, keeping the optimizers (and Play, if on). */
  private restartFrom(point: Point): void {
    this.startPoint = point;
    this.keepInUrl();
    const stepper = this.run.stepper;
    if (!stepper) return;
    const playing = this.run.playing;
    stepper.start = point;
    // The controller's reset pauses (and renews `settled`); a new start chosen while playing plays on.
    void this.run.reset();
    if (playing) this.run.play();
  }

  private handleLearningRate(event: Event): void {
    this.learningRate = learningRateAt(Number((event.target as HTMLInputElement).value));
    this.keepInUrl();
    this.needsRebuild = true;
  }

  private handleOptimizer(event: Event): void {
    this.optimizerKind = (event.target as HTMLSelectElement).value as OptimizerKind;
    this.keepInUrl();
    this.needsRebuild = true;
  }

  private handleMomentum(event: Event): void {
    this.beta = Number((event.target as HTMLInputElement).value);
    this.keepInUrl();
    this.needsRebuild = true;
  }

  private handleCompareToggle(): void {
    this.comparing = !this.comparing;
    this.keepInUrl();
    this.needsRebuild = true;
  }

  /** A click or tap on the map starts the runs there (correct under reveal's CSS scaling: measured, not assumed). */
  private readonly handleMapPointer = (event: PointerEvent): void => {
    const svgElement = (event.currentTarget as SVGElement).ownerSVGElement;
    if (!svgElement || !this.picture) return;
    event.preventDefault();
    const box = svgElement.getBoundingClientRect();
    const viewBox = svgElement.viewBox.baseVal;
    // Screen pixels → SVG units: the SVG keeps its viewBox's aspect (height: auto), so one factor per axis.
    const x = viewBox.x + ((event.clientX - box.left) * viewBox.width) / box.width;
    const y = viewBox.y + ((event.clientY - box.top) * viewBox.height) / box.height;
    (event.currentTarget as SVGElement).focus({ preventScroll: true });
    this.restartFrom(roundToMap(mapPointAt(this.picture, x, y), this.config.surface.domain));
  };

  private readonly handleMapKey = (event: KeyboardEvent): void => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    // NOTE - the deck's keyboard rule already gives arrows to a focused button; this keeps them off the page too.
    event.stopPropagation();
    const { domain } = this.config.surface;
    const step = (domain.w1[1] - domain.w1[0]) * KEY_STEP_FRACTION;
    this.restartFrom(roundToMap([this.startPoint[0] + move[0] * step, this.startPoint[1] + move[1] * step], domain));
  };

  // ---- rendering -------------------------------------------------------------------------------------------------

  private renderControls() {
    const showMomentum = this.kinds.includes('momentum');
    return html`
      <div class="controls">
        <label for="lr">learning rate η</label>
        <input id="lr" type="range" aria-label="learning rate" aria-valuetext=${formatNumber(this.learningRate)}
          min=${sliderPosition(LEARNING_RATE_RANGE.min)} max=${sliderPosition(LEARNING_RATE_RANGE.max)} step=${LEARNING_RATE_SLIDER_STEP}
          .value=${String(sliderPosition(this.learningRate))} @input=${this.handleLearningRate} />
        <span class="value" aria-hidden="true">${formatNumber(this.learningRate)}</span>
        ${this.comparing
          ? nothing
          : html`
              <label for="optimizer">optimizer</label>
              <select id="optimizer" aria-label="optimizer" .value=${this.optimizerKind} @change=${this.handleOptimizer}>
                ${ALL_OPTIMIZERS.map((kind) => html`<option value=${kind} ?selected=${kind === this.optimizerKind}>${OPTIMIZER_STYLES[kind].label}</option>`)}
              </select>
              <span></span>
            `}
        ${showMomentum
          ? html`
              <label for="momentum">momentum β</label>
              <input id="momentum" type="range" aria-label="momentum" aria-valuetext=${formatNumber(this.beta)}
                min=${MOMENTUM_RANGE.min} max=${MOMENTUM_RANGE.max} step="0.01" .value=${String(this.beta)} @input=${this.handleMomentum} />
              <span class="value" aria-hidden="true">${formatNumber(this.beta)}</span>
            `
          : nothing}
      </div>
      <button class="toggle" aria-pressed=${this.comparing ? 'true' : 'false'} @click=${this.handleCompareToggle}>Compare optimizers</button>
    `;
  }

  override render() {
    const surface = this.config.surface;
    const runs = this.runViews;
    const view: LandscapeView = { picture: this.picture!, start: this.startPoint, runs, comparing: this.comparing, momentum: this.beta };
    const firstDivergence = runs
      .map((v) => v.divergence)
      .filter((d): d is SurfaceDivergence => d !== undefined)
      .sort((a, b) => a.step - b.step)[0];
    const canContinue = this.run.canContinue;
    const code = pytorchCode({
      surface,
      start: this.startPoint,
      optimizers: this.kinds.map((kind) => optimizerSpec(kind, this.learningRate, this.beta)),
      steps: HANDOUT_STEPS,
    });
    return html`
      ${this.renderWarnings()}
      ${this.renderAlert(this.engineError && `no training engine: ${this.engineError}`)}
      <div class="layout">
        <figure class="map">
          <p class="formula">${surface.formula}</p>
          ${renderMap(view, { onPointer: this.handleMapPointer, onKey: this.handleMapKey })}
        </figure>
        <div class="panel">
          ${this.renderControls()}
          ${transportControls({
            running: this.run.playing && canContinue,
            canContinue,
            onPlay: this.handlePlay,
            onPause: this.handlePause,
            onStep: this.handleStep,
            onReset: this.handleReset,
          })}
          ${divergenceWarning(firstDivergence)}
          ${renderStatus(view)}
          ${renderLegend(view)}
          ${surface.name === 'saddle' ? html`<p class="note">L has no minimum here: once off the ridge w2 = 0, descent runs away to −∞.</p>` : nothing}
          <axon-code-panel .code=${code}></axon-code-panel>
        </div>
      </div>
    `;
  }
}

customElements.define('loss-landscape', LossLandscape);

declare global {
  interface HTMLElementTagNameMap {
    'loss-landscape': LossLandscape;
  }
  interface HTMLElementEventMap {
    'loss-landscape-step': CustomEvent<LossLandscapeStepDetail>;
  }
}
