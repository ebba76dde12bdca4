/**
 * `<loss-landscape>`: gradient descent on a loss surface of two parameters. The surface L(w1, w2) is a
 * heatmap (viridis, log-scaled: dark = low) with contour lines; the optimizer's path runs over it step by
 * step, trained by the shared engine (TF.js autodiff + the engine's SGD / momentum / Adam). Students set the
 * learning rate and watch a small one crawl and a large one overshoot and diverge, click the map to start
 * somewhere else, and race several optimizers from the same start.
 *
 * Attributes (a bad value shows a warning on the widget naming the attribute, and its default is used):
 * - `surface` — `quadratic` (default) | `rosenbrock` | `himmelblau` | `saddle` | `six-hump-camel` |
 *   `regression` (the MSE of a line y ≈ w1 x + w2 on 12 seeded points). Formulas: engine/surface-descent.ts.
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
 * The status (role=status) gives, per run, the step, w1, w2 and the loss to 5 significant digits.
 *
 * Idle until its slide is shown; pauses when hidden; frees its tensors when removed. `settled` resolves
 * once the runs have reached their handout state: 100 steps (or the step where they diverged), drawn. They
 * get there when played, or at once through `settle()` (the handout contract, components/shared/handout.ts).
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
import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import type { OptimizerKind } from '../../engine/optimizers.ts';
import type { ScheduledTrainer } from '../../engine/scheduler.ts';
import {
  LockstepDescent,
  SurfaceDescent,
  type PathPoint,
  type Point,
  type Surface,
  type SurfaceDivergence,
  type SurfaceReadout,
} from '../../engine/surface-descent.ts';
import '../shared/code-panel.ts';
import type { HandoutWidget } from '../shared/handout.ts';
import { HandoutLatch } from '../shared/runtime/handout-latch.ts';
import type { ThinnedSeries } from '../shared/thinned-series.ts';
import { divergenceWarning, transportControls, transportStyles } from '../shared/transport.ts';
import { SLIDE_VISIBILITY_EVENT, type SlideVisibilityDetail } from '../shared/visibility.ts';
import {
  COLOUR_OFFSETS,
  HANDOUT_STEPS,
  LEARNING_RATE_RANGE,
  LEARNING_RATE_SLIDER_STEP,
  MOMENTUM_RANGE,
  OPTIMIZER_STYLES,
  landscapePath,
  contourLevels,
  contourSegments,
  describeRun,
  formatNumber,
  heatmapPixels,
  inDomain,
  learningRateAt,
  logColourScale,
  niceTicks,
  optimizerSpec,
  landscapeConfig,
  landscapeSettings,
  parseLandscapeAttributes,
  type LandscapeSettings,
  pytorchCode,
  roundToMap,
  sampleGrid,
  sliderPosition,
  type LandscapeConfig,
} from './loss-landscape.model.ts';
import { warningStyles } from '../shared/warning.ts';

/** The map's geometry in SVG units (about CSS pixels at the widget's usual size). */
const MAP = { left: 62, top: 12, right: 14, bottom: 58, plotWidth: 440, grid: 120 } as const;
/** Arrow keys move the start by this fraction of the map's width. */
const KEY_STEP_FRACTION = 1 / 40;
const ALL_OPTIMIZERS: readonly OptimizerKind[] = ['sgd', 'momentum', 'adam'];

/** One run as drawn: its path so far (thinned past 4,000 points: `landscapePath`), latest point and divergence. */
interface RunView {
  kind: OptimizerKind;
  path: ThinnedSeries<PathPoint>;
  points: readonly PathPoint[];
  latest: PathPoint | undefined;
  divergence: SurfaceDivergence | undefined;
}

/** The map of one surface: the heatmap picture and the contour lines, in SVG units. */
interface MapPicture {
  surface: Surface;
  href: string;
  plotHeight: number;
  contours: Array<{ d: string; light: boolean }>;
}

/** Detail of `loss-landscape-step`. */
export interface LossLandscapeStepDetail {
  runs: Array<{ optimizer: OptimizerKind; point: PathPoint | undefined; diverged: boolean }>;
}

export class LossLandscape extends LitElement implements HandoutWidget {
  static override styles = [
    warningStyles,
    transportStyles,
    css`
      :host {
        display: block;
        max-width: 1200px;
        margin: 0 auto;
        font-size: 20px;
        line-height: 1.3;
        color: inherit;
        text-align: left;
      }
      .layout { display: grid; grid-template-columns: minmax(0, 520px) minmax(0, 1fr); gap: 0 24px; align-items: start; }
      .map { margin: 0; }
      .formula { margin: 0 0 0.2em; font-size: 0.9em; text-align: center; }
      .map svg { display: block; width: 100%; height: auto; overflow: visible; touch-action: none; user-select: none; }
      .map svg text { fill: currentColor; font-family: inherit; }
      .tick-label { font-size: 17px; font-variant-numeric: tabular-nums; }
      .axis-label { font-size: 19px; font-style: italic; }
      .axis { stroke: currentColor; stroke-width: 1.5; }
      .frame { fill: none; stroke: currentColor; stroke-width: 1.5; }
      .contour { fill: none; stroke-width: 1.1; }
      .contour.light { stroke: rgba(255, 255, 255, 0.6); }
      .contour.dark { stroke: rgba(0, 0, 0, 0.45); }
      .halo { fill: none; stroke: #ffffff; stroke-opacity: 0.85; stroke-width: 6; stroke-linejoin: round; stroke-linecap: round; }
      .path { fill: none; stroke-width: 3; stroke-linejoin: round; stroke-linecap: round; }
      .marker { stroke: #000000; stroke-width: 1.5; }
      .start { fill: none; stroke: #ffffff; stroke-width: 3; }
      .start-inner { fill: none; stroke: #000000; stroke-width: 1.5; }
      .minimum { stroke: #ffffff; stroke-width: 3; stroke-linecap: round; }
      .minimum-inner { stroke: #000000; stroke-width: 1.2; stroke-linecap: round; }
      .hit { fill: transparent; cursor: crosshair; outline: none; }
      .hit:focus-visible { stroke: var(--axon-focus, #f59e0b); stroke-width: 4; }
      .panel { display: flex; flex-direction: column; gap: 0.45em; min-width: 0; }
      .controls { display: grid; grid-template-columns: max-content minmax(6em, 1fr) 4.2em; align-items: center; gap: 0.35em 0.6em; }
      .controls label { white-space: nowrap; }
      .controls .value { text-align: right; font-variant-numeric: tabular-nums; }
      input[type='range'] { width: 100%; min-height: 1.6em; margin: 0; accent-color: var(--axon-accent, #1d4ed8); }
      select, .toggle {
        font: inherit;
        color: inherit;
        background: transparent;
        border: 2px solid currentColor;
        border-radius: 6px;
        padding: 0.1em 0.4em;
      }
      select option { color: #000; background: #fff; }
      .toggle { cursor: pointer; align-self: flex-start; padding: 0.15em 0.7em; }
      select { justify-self: start; }
      .toggle[aria-pressed='true'] { background: var(--axon-accent, #1d4ed8); border-color: var(--axon-accent, #1d4ed8); color: var(--axon-bg, #ffffff); }
      :is(input, select, .toggle):focus-visible { outline: 3px solid var(--axon-focus, #f59e0b); outline-offset: 2px; }
      [role='status'] { font-variant-numeric: tabular-nums; font-size: 0.9em; min-height: 1.3em; }
      [role='status'] p { margin: 0 0 0.15em; }
      .swatch { display: inline-block; vertical-align: middle; margin-right: 0.3em; overflow: visible; }
      .legend { display: flex; flex-wrap: wrap; gap: 0.2em 1em; margin: 0; padding: 0; list-style: none; font-size: 0.85em; }
      .diverged { margin: 0; font-size: 0.9em; }
      .note { margin: 0; font-size: 0.8em; }
    `,
  ];

  static override properties = {
    ...landscapeSettings.properties,
    learningRate: { state: true },
    optimizerKind: { state: true },
    beta: { state: true },
    comparing: { state: true },
    startPoint: { state: true },
    views: { state: true },
    playing: { state: true },
    engineError: { state: true },
  };

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
  /** The runs as drawn. */
  declare private views: RunView[];
  /** True while Play is on (the runs advance whenever the slide is shown). */
  declare private playing: boolean;
  /** Why the engine could not start, if it could not. */
  declare private engineError: string | undefined;

  private config: LandscapeConfig;
  /** The settings as read (attributes < URL), before the controls changed anything. */
  private settingsRead: LandscapeSettings = landscapeSettings.read({ attribute: () => null }).values;
  /** Play when the slide is shown (the `autoplay` attribute). */
  private autoplayOn = false;
  private warnings: string[] = [];
  /** The optimizers compared when comparing (from `compare`, else all three). */
  private compareKinds: OptimizerKind[] = [...ALL_OPTIMIZERS];
  private picture: MapPicture | undefined;
  private group: LockstepDescent | undefined;
  private handle: ScheduledTrainer | undefined;
  /** Counts rebuilds, so a slow engine start for an old build is ignored. */
  private generation = 0;
  private needsRebuild = true;
  private slideVisible = true;
  private autoplayed = false;
  /** `settle()` was called before the runs existed: the next runs built go straight to the handout state. */
  private handoutPending = false;
  /** Keeps the handout contract: `settled` per set of runs, and whether `settle()` was asked (runs rebuilt later go there too). */
  private readonly handout = new HandoutLatch(this);
  private readonly reducedMotion = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;

  /**
   * Resolves once the current runs have reached the handout state (100 steps, or their divergence) and are
   * drawn. New runs (new settings, Reset, a new start, the element moved) get a new promise.
   */
  get settled(): Promise<void> {
    return this.handout.settled;
  }

  constructor() {
    super();
    this.engineError = undefined;
    this.playing = false;
    this.views = [];
    this.config = parseLandscapeAttributes({ surface: null, condition: null, start: null, lr: null, optimizer: null, momentum: null, stepsPerSecond: null, compare: null, seed: null }).config;
    this.learningRate = this.config.learningRate;
    this.optimizerKind = this.config.optimizer;
    this.beta = this.config.momentum;
    this.comparing = false;
    this.startPoint = this.config.start;
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    // NOTE - in a deck the runtime says when the slide is shown; anywhere else the widget counts as visible.
    this.slideVisible = !this.closest('.reveal .slides');
    this.addEventListener(SLIDE_VISIBILITY_EVENT, this.handleSlideVisibility);
    if (this.handout.asked) this.handoutPending = true;
    this.needsRebuild = true;
    this.handout.renew();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener(SLIDE_VISIBILITY_EVENT, this.handleSlideVisibility);
    this.generation += 1;
    this.teardown();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The first update reads too: with no attribute written no property changes, but the URL may hold values.
    if (!this.hasUpdated || landscapeSettings.touches(changed)) this.readAttributes();
    if (this.picture?.surface !== this.config.surface) this.picture = drawMap(this.config.surface);
  }

  protected override updated(): void {
    if (this.needsRebuild && this.isConnected) {
      this.needsRebuild = false;
      void this.rebuild();
    }
  }

  /** Takes the runs to the handout state at once (100 steps, no animation); resolves with `settled`. */
  settle(): Promise<void> {
    return this.handout.settle(() => {
      if (this.group) void this.fastForward();
      else this.handoutPending = true;
    });
  }

  private readAttributes(): void {
    const resolved = landscapeSettings.resolve(this);
    const { config, warnings } = landscapeConfig(resolved);
    this.settingsRead = resolved.values;
    this.autoplayOn = resolved.values.autoplay;
    this.config = config;
    this.warnings = warnings;
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

  /** Replaces the runs with new ones for the current settings (from the current start). */
  private async rebuild(): Promise<void> {
    const generation = ++this.generation;
    this.teardown();
    const kinds = this.kinds;
    this.handout.renew();
    this.views = kinds.map((kind) => ({ kind, path: landscapePath(), points: [], latest: undefined, divergence: undefined }));
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
    const runs = kinds.map(
      (kind) =>
        new SurfaceDescent({
          surface: this.config.surface,
          optimizer: optimizerSpec(kind, this.learningRate, this.beta),
          start: this.startPoint,
          name: `loss-landscape ${kind}`,
        }),
    );
    runs.forEach((run, index) => {
      run.events.on('readout', (readout) => this.handleReadout(generation, index, readout));
      run.events.on('diverged', (divergence) => this.handleDiverged(generation, index, divergence));
    });
    this.group = new LockstepDescent(runs, 'loss-landscape', this.config.stepsPerSecond);
    this.handle = engine.scheduler.add(this.group, { playing: false, visible: this.slideVisible });
    await this.group.readBack();
    if (generation !== this.generation) return;
    if (this.handoutPending) {
      this.handoutPending = false;
      await this.fastForward();
    } else if (this.playing) this.handle.play();
    else this.maybeAutoplay();
  }

  /** Leaves the scheduler and frees every tensor of the current runs. */
  private teardown(): void {
    this.handle?.remove();
    this.handle = undefined;
    for (const run of this.group?.runs ?? []) run.dispose();
    this.group = undefined;
  }

  private maybeAutoplay(): void {
    if (!this.autoplayOn || this.autoplayed || !this.slideVisible || !this.group) return;
    this.autoplayed = true;
    if (this.reducedMotion?.matches) void this.settle();
    else this.handlePlay();
  }

  /** Runs the steps left to the handout state in one go, then reads them back. */
  private async fastForward(): Promise<void> {
    const group = this.group;
    if (!group) return;
    this.handlePause();
    const remaining = HANDOUT_STEPS - (group.runs[0]?.steps ?? 0);
    if (remaining > 0 && group.canContinue) group.runSteps(remaining);
    await group.readBack();
  }

  // ---- engine events ---------------------------------------------------------------------------------------

  private handleReadout(generation: number, index: number, readout: SurfaceReadout): void {
    if (generation !== this.generation) return;
    const view = this.views[index];
    if (!view) return;
    const { path, ...latest } = readout;
    for (const point of path) view.path.push(point);
    this.views = this.views.map((v, i) => (i === index ? { ...v, points: v.path.points(), latest } : v));
    this.checkSettled();
    this.dispatchEvent(
      new CustomEvent<LossLandscapeStepDetail>('loss-landscape-step', {
        detail: { runs: this.views.map((v) => ({ optimizer: v.kind, point: v.latest, diverged: Boolean(v.divergence) })) },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private handleDiverged(generation: number, index: number, divergence: SurfaceDivergence): void {
    if (generation !== this.generation) return;
    this.views = this.views.map((v, i) => (i === index ? { ...v, divergence } : v));
    if (this.group && !this.group.canContinue) this.handlePause();
  }

  /** Resolves `settled` (once drawn) when every run reached the handout step or stopped. */
  private checkSettled(): void {
    const done = this.views.every((v) => v.divergence || (v.latest?.step ?? 0) >= HANDOUT_STEPS);
    if (done) this.handout.resolveWhenDrawn();
  }

  // ---- handlers ------------------------------------------------------------------------------------------------

  private readonly handleSlideVisibility = (event: CustomEvent<SlideVisibilityDetail>): void => {
    this.slideVisible = event.detail.visible;
    this.handle?.setVisible(this.slideVisible);
    this.maybeAutoplay();
    if (!this.slideVisible) {
      // A hidden slide's runs give their tensors back; the second try catches a readback that landed late.
      const attempt = () => void (!this.slideVisible && this.group?.suspend());
      attempt();
      setTimeout(attempt, 600);
    }
  };

  private readonly handlePlay = (): void => {
    if (!this.group?.canContinue) return;
    this.playing = true;
    this.handle?.play();
  };

  private readonly handlePause = (): void => {
    this.playing = false;
    this.handle?.pause();
  };

  private readonly handleStep = async (): Promise<void> => {
    this.handlePause();
    const group = this.group;
    if (!group?.canContinue) return;
    group.runSteps(1);
    await group.readBack();
  };

  private readonly handleReset = (): void => {
    this.handlePause();
    this.restartFrom(this.startPoint);
  };

  /** Starts every run again from `point`, keeping the optimizers (and Play, if on). */
  /** Puts what the controls set into the page address; what the attributes already say is left out. */
  private keepInUrl(): void {
    const read = this.settingsRead;
    const movedStart = this.startPoint[0] !== this.config.start[0] || this.startPoint[1] !== this.config.start[1];
    landscapeSettings.keep(this, {
      ...read,
      learningRate: this.learningRate,
      optimizer: this.optimizerKind,
      momentum: this.beta,
      start: movedStart ? this.startPoint.join(',') : read.start,
      // "none" switches off a comparison the attributes ask for; nothing to say when they ask for none.
      compare: this.comparing ? this.compareKinds.join(',') : this.config.compare === null ? read.compare : 'none',
    });
  }

  private restartFrom(point: Point): void {
    this.startPoint = point;
    this.keepInUrl();
    const group = this.group;
    if (!group) return;
    for (const run of group.runs) run.reset(point);
    this.handout.renew();
    this.views = this.views.map((v) => ({ ...v, path: landscapePath(), points: [], latest: undefined, divergence: undefined }));
    void group.readBack();
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
  private handleMapPointer(event: PointerEvent): void {
    const svgElement = (event.currentTarget as SVGElement).ownerSVGElement;
    if (!svgElement || !this.picture) return;
    event.preventDefault();
    const box = svgElement.getBoundingClientRect();
    const viewBox = svgElement.viewBox.baseVal;
    // Screen pixels → SVG units: the SVG keeps its viewBox's aspect (height: auto), so one factor per axis.
    const x = viewBox.x + ((event.clientX - box.left) * viewBox.width) / box.width;
    const y = viewBox.y + ((event.clientY - box.top) * viewBox.height) / box.height;
    const { domain } = this.config.surface;
    const plotHeight = this.picture.plotHeight;
    const w1 = domain.w1[0] + ((x - MAP.left) / MAP.plotWidth) * (domain.w1[1] - domain.w1[0]);
    const w2 = domain.w2[1] - ((y - MAP.top) / plotHeight) * (domain.w2[1] - domain.w2[0]);
    (event.currentTarget as SVGElement).focus({ preventScroll: true });
    this.restartFrom(roundToMap([w1, w2], domain));
  }

  private handleMapKey(event: KeyboardEvent): void {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    // NOTE - the deck's keyboard rule already gives arrows to a focused button; this keeps them off the page too.
    event.stopPropagation();
    const { domain } = this.config.surface;
    const step = (domain.w1[1] - domain.w1[0]) * KEY_STEP_FRACTION;
    this.restartFrom(roundToMap([this.startPoint[0] + move[0] * step, this.startPoint[1] + move[1] * step], domain));
  }

  // ---- rendering -------------------------------------------------------------------------------------------------

  private renderMap() {
    const picture = this.picture!;
    const { surface } = picture;
    const { domain } = surface;
    const plotHeight = picture.plotHeight;
    const width = MAP.left + MAP.plotWidth + MAP.right;
    const height = MAP.top + plotHeight + MAP.bottom;
    const x = (w1: number) => MAP.left + ((w1 - domain.w1[0]) / (domain.w1[1] - domain.w1[0])) * MAP.plotWidth;
    const y = (w2: number) => MAP.top + ((domain.w2[1] - w2) / (domain.w2[1] - domain.w2[0])) * plotHeight;
    // Far-off points (a diverging run) are clamped so the SVG stays well-formed; the clip hides them anyway.
    const clampX = (value: number) => Math.max(-1e4, Math.min(1e4, value));
    const bottom = MAP.top + plotHeight;
    const ticks1 = niceTicks(domain.w1[0], domain.w1[1], 6);
    const ticks2 = niceTicks(domain.w2[0], domain.w2[1], Math.max(3, Math.round((6 * plotHeight) / MAP.plotWidth)));
    const clipId = 'plot-clip';
    const [startX, startY] = [x(this.startPoint[0]), y(this.startPoint[1])];
    const runs = this.views.map((view) => {
      const style = OPTIMIZER_STYLES[view.kind];
      const points = view.points.map((p) => `${clampX(x(p.w1)).toFixed(1)},${clampX(y(p.w2)).toFixed(1)}`).join(' ');
      const latest = view.latest;
      const marker = latest && inDomain([latest.w1, latest.w2], domain) ? markerShape(style.marker, x(latest.w1), y(latest.w2), style.colour) : nothing;
      return svg`
        <g class="run" data-optimizer=${view.kind}>
          <polyline class="halo" points=${points}></polyline>
          <polyline class="path" points=${points} stroke=${style.colour} stroke-dasharray=${style.dash || nothing}></polyline>
          ${marker}
        </g>`;
    });
    const describeStart = `start point w1 = ${formatNumber(this.startPoint[0])}, w2 = ${formatNumber(this.startPoint[1])}`;
    return html`
      <svg viewBox="0 0 ${width} ${height}" role="group" aria-label="Loss map of ${surface.title}">
        <desc>Heatmap of the loss over w1 and w2, dark is low, with contour lines${surface.minima.length ? `; minima at ${surface.minima.map((m) => `(${m.map(formatNumber).join(', ')})`).join(', ')}` : ''}.</desc>
        <defs><clipPath id=${clipId}><rect x=${MAP.left} y=${MAP.top} width=${MAP.plotWidth} height=${plotHeight}></rect></clipPath></defs>
        <g aria-hidden="true">
          <image href=${picture.href} x=${MAP.left} y=${MAP.top} width=${MAP.plotWidth} height=${plotHeight} preserveAspectRatio="none"></image>
          <g transform="translate(${MAP.left} ${MAP.top})">
            ${picture.contours.map((c) => svg`<path class="contour ${c.light ? 'light' : 'dark'}" d=${c.d}></path>`)}
          </g>
          <rect class="frame" x=${MAP.left} y=${MAP.top} width=${MAP.plotWidth} height=${plotHeight}></rect>
          ${ticks1.map(
            (t) => svg`
              <line class="axis tick-w1" data-value=${t} x1=${x(t)} x2=${x(t)} y1=${bottom} y2=${bottom + 7}></line>
              <text class="tick-label" x=${x(t)} y=${bottom + 26} text-anchor="middle">${formatNumber(t)}</text>`,
          )}
          ${ticks2.map(
            (t) => svg`
              <line class="axis tick-w2" data-value=${t} x1=${MAP.left - 7} x2=${MAP.left} y1=${y(t)} y2=${y(t)}></line>
              <text class="tick-label" x=${MAP.left - 11} y=${y(t) + 6} text-anchor="end">${formatNumber(t)}</text>`,
          )}
          <text class="axis-label" x=${MAP.left + MAP.plotWidth / 2} y=${bottom + 52} text-anchor="middle">w<tspan baseline-shift="sub" font-size="14">1</tspan></text>
          <text class="axis-label" transform="translate(16 ${MAP.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">w<tspan baseline-shift="sub" font-size="14">2</tspan></text>
          <g clip-path="url(#${clipId})">
            ${surface.minima.map(([m1, m2]) => minimumMarker(x(m1), y(m2)))}
            <circle class="start" cx=${startX} cy=${startY} r="8"></circle>
            <circle class="start-inner" cx=${startX} cy=${startY} r="8"></circle>
            ${runs}
          </g>
        </g>
        <rect class="hit" x=${MAP.left} y=${MAP.top} width=${MAP.plotWidth} height=${plotHeight} role="button" tabindex="0"
          aria-label="${describeStart}: click the map or use the arrow keys to start elsewhere"
          @pointerdown=${this.handleMapPointer} @keydown=${this.handleMapKey}></rect>
      </svg>
    `;
  }

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

  private renderLegend() {
    const swatch = (kind: OptimizerKind) => {
      const style = OPTIMIZER_STYLES[kind];
      return html`<svg class="swatch" width="44" height="16" viewBox="0 0 44 16" aria-hidden="true">
        <line class="halo" x1="2" y1="8" x2="30" y2="8" style="stroke-width:5"></line>
        <line class="path" x1="2" y1="8" x2="30" y2="8" stroke=${style.colour} stroke-dasharray=${style.dash || nothing}></line>
        ${markerShape(style.marker, 36, 8, style.colour)}
      </svg>`;
    };
    return html`
      <ul class="legend" aria-label="legend">
        ${this.views.map((view) => {
          const label = OPTIMIZER_STYLES[view.kind].label;
          return html`<li>${swatch(view.kind)}${view.kind === 'momentum' ? `${label} (β = ${formatNumber(this.beta)})` : label}</li>`;
        })}
        <li><svg class="swatch" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true"><circle cx="10" cy="10" r="7" fill="none" stroke="currentColor" stroke-width="2"></circle></svg>start</li>
        ${this.config.surface.minima.length
          ? html`<li><svg class="swatch" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
              <path d="M4 4 L16 16 M16 4 L4 16" stroke="currentColor" stroke-width="2.5"></path></svg>minimum</li>`
          : nothing}
      </ul>
    `;
  }

  private renderStatus() {
    const { domain } = this.config.surface;
    return html`
      <div role="status" aria-live="polite">
        ${this.views.map((view) => {
          const latest = view.latest;
          const offMap = latest ? !inDomain([latest.w1, latest.w2], domain) : false;
          return html`<p>${describeRun(latest, { label: this.comparing ? OPTIMIZER_STYLES[view.kind].label : undefined, divergedAt: view.divergence?.step, offMap })}</p>`;
        })}
      </div>
    `;
  }

  override render() {
    const surface = this.config.surface;
    const firstDivergence = this.views
      .map((v) => v.divergence)
      .filter((d): d is SurfaceDivergence => d !== undefined)
      .sort((a, b) => a.step - b.step)[0];
    const canContinue = this.group?.canContinue ?? false;
    const code = pytorchCode({
      surface,
      start: this.startPoint,
      optimizers: this.kinds.map((kind) => optimizerSpec(kind, this.learningRate, this.beta)),
      steps: HANDOUT_STEPS,
    });
    return html`
      ${this.warnings.length ? html`<p class="warning" role="alert">&lt;loss-landscape&gt; ${this.warnings.join('; ')}</p>` : nothing}
      ${this.engineError ? html`<p class="warning" role="alert">&lt;loss-landscape&gt; no training engine: ${this.engineError}</p>` : nothing}
      <div class="layout">
        <figure class="map">
          <p class="formula">${surface.formula}</p>
          ${this.renderMap()}
        </figure>
        <div class="panel">
          ${this.renderControls()}
          ${transportControls({
            running: this.playing && canContinue,
            canContinue,
            onPlay: this.handlePlay,
            onPause: this.handlePause,
            onStep: this.handleStep,
            onReset: this.handleReset,
          })}
          ${divergenceWarning(firstDivergence)}
          ${this.renderStatus()}
          ${this.renderLegend()}
          ${surface.name === 'saddle' ? html`<p class="note">L has no minimum here: once off the ridge w2 = 0, descent runs away to −∞.</p>` : nothing}
          <axon-code-panel .code=${code}></axon-code-panel>
        </div>
      </div>
    `;
  }
}

/** The heatmap (an SVG-embeddable PNG data URL) and the contour lines of a surface. */
function drawMap(surface: Surface): MapPicture {
  const grid = sampleGrid(surface, MAP.grid);
  const scale = logColourScale(grid.min, grid.max, COLOUR_OFFSETS[surface.name]);
  // NOTE - reveal clones slides for print and canvas pixels are lost, so the canvas only encodes the PNG.
  const canvas = document.createElement('canvas');
  canvas.width = grid.columns;
  canvas.height = grid.rows;
  canvas.getContext('2d')?.putImageData(new ImageData(heatmapPixels(grid, scale), grid.columns, grid.rows), 0, 0);
  const plotHeight = (MAP.plotWidth * grid.rows) / grid.columns;
  // Grid coordinates (sample centres) → SVG units inside the plot.
  const sx = MAP.plotWidth / grid.columns;
  const sy = plotHeight / grid.rows;
  const contours = contourLevels(scale, 10).map((level, i) => {
    const d = contourSegments(grid, level)
      .map(([x1, y1, x2, y2]) => `M${((x1 + 0.5) * sx).toFixed(1)} ${((y1 + 0.5) * sy).toFixed(1)}L${((x2 + 0.5) * sx).toFixed(1)} ${((y2 + 0.5) * sy).toFixed(1)}`)
      .join('');
    return { d, light: i < 6 };
  });
  return { surface, href: canvas.toDataURL('image/png'), plotHeight, contours };
}

/** The current-point marker of a run: circle, square or diamond, so colour is not the only cue. */
function markerShape(shape: 'circle' | 'square' | 'diamond', cx: number, cy: number, colour: string) {
  if (shape === 'circle') return svg`<circle class="marker" cx=${cx} cy=${cy} r="6.5" fill=${colour}></circle>`;
  if (shape === 'square') return svg`<rect class="marker" x=${cx - 6} y=${cy - 6} width="12" height="12" fill=${colour}></rect>`;
  return svg`<path class="marker" d="M${cx} ${cy - 8} L${cx + 8} ${cy} L${cx} ${cy + 8} L${cx - 8} ${cy} Z" fill=${colour}></path>`;
}

function minimumMarker(cx: number, cy: number) {
  const d = `M${cx - 6} ${cy - 6} L${cx + 6} ${cy + 6} M${cx + 6} ${cy - 6} L${cx - 6} ${cy + 6}`;
  return svg`<path class="minimum" d=${d}></path><path class="minimum-inner" d=${d}></path>`;
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
