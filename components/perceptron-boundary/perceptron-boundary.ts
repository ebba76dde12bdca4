/**
 * `<perceptron-boundary>`: a linear classifier over labelled 2-D points. The weight vector w is an arrow
 * from the origin whose head can be dragged (pointer or touch; arrow keys on the focused head) and the bias
 * b is a slider; the decision boundary wᵀx + b = 0 is drawn, always perpendicular to w, with the side
 * wᵀx + b ≥ 0 (predicted +1) shaded. Points are filled by their predicted class and shaped by their true
 * label (● +1, ■ −1); misclassified points are ringed. `Learn` runs a learning rule to the end; Play, Pause,
 * Step and Reset step through it: Rosenblatt's perceptron rule (one update per Step, pure float64) or
 * logistic regression (one full-batch SGD epoch per Step, trained on the shared engine: 2 → 1, sigmoid,
 * binary cross-entropy).
 *
 * Attributes (a bad value shows a warning naming it, role=alert, and its default is used):
 * - `w` — the starting weight vector "w1,w2", each in −4…4, not both 0 (default "1,1").
 * - `b` — the starting bias, −6…6 (default −1). `w="1,1" b="-1"` and `w="-1,1" b="0"` are the lecture's exercises.
 * - `dataset` — `separable` (default) | `overlap` (two Gaussian clouds) | `xor`.
 * - `points` — how many points, 4…200 (default 40).
 * - `rule` — `perceptron` (default) | `logistic`.
 * - `lr` (or `learning-rate`) — learning rate η, 0.0001…10 (default 0.1 for the perceptron, 0.5 for logistic regression).
 * - `epochs` — the budget: passes over the points, 1…10000 (default 50 for the perceptron — it stops
 *   earlier once a pass makes no mistake — and 200 for logistic regression).
 * - `seed` — the points, a whole number (default 1).
 * w, b and the rule set on the widget are kept in the page URL (defaults < attributes < URL).
 *
 * Controls (accessible names): the arrow head `weight vector w` (role slider; drag it, or arrow keys ±0.1,
 * Shift ±0.5), slider `bias b`, select `learning rule`, buttons `Learn`, `Play` `Pause` `Step` `Reset`,
 * `Show code`. Status (role=status): w, b, accuracy, the count misclassified, then the rule's progress.
 *
 * Idle until its slide is shown; pauses when hidden; frees its tensors when removed. `settled` resolves
 * once the rule has run from the starting w, b to the end (converged, or the epoch budget) and that is
 * drawn; `settle()` gets there at once (the handout contract, components/shared/handout.ts; so does Learn).
 *
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the first data colour: curves, weights, the main run (default #1d4ed8).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 */
import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import type { Readout, Trainer } from '../../engine/trainer.ts';
import '../shared/code-panel.ts';
import type { HandoutWidget } from '../shared/handout.ts';
import { HandoutLatch } from '../shared/runtime/handout-latch.ts';
import { TrainingController } from '../shared/training-controller.ts';
import { transportControls, transportStyles } from '../shared/transport.ts';
import { SLIDE_VISIBILITY_EVENT, type SlideVisibilityDetail } from '../shared/visibility.ts';
import {
  BOUNDARY_LIMITS,
  PLOT_RADIUS,
  RULES,
  RULE_LABELS,
  DEFAULT_EPOCHS,
  DEFAULT_LEARNING_RATE,
  boundarySegment,
  boundarySettings,
  codeFor,
  evaluate,
  formatValue,
  hasConverged,
  isMisclassified,
  logisticLoss,
  logisticSpec,
  makePoints,
  parseBoundaryAttributes,
  perceptronUpdate,
  positiveRegion,
  predict,
  runPerceptron,
  startPerceptron,
  type BoundarySettings,
  type LabelledPoint,
  type LearningRule,
  type PerceptronState,
  type Vector,
} from './perceptron-boundary.model.ts';
import { warningStyles } from '../shared/warning.ts';

/** The plot in SVG units: a square of data space [−4, 4]². */
const PLOT = { size: 500, left: 44, top: 8, side: 440 } as const;
/** Perceptron updates per second while playing: slow enough to see each one. */
const UPDATES_PER_SECOND = 5;
/** Logistic regression's default 200 epochs take about 4 s. */
const LOGISTIC_SECONDS = 4;
/** Arrows longer than this (data units) are drawn shortened, and say so. */
const LONGEST_ARROW = 3.8;

const POSITIVE = '#1d4ed8';
const NEGATIVE = '#c2410c';

export class PerceptronBoundary extends LitElement implements HandoutWidget {
  static override styles = [
    warningStyles,
    transportStyles,
    css`
      :host { display: block; max-width: 1100px; margin: 0 auto; font-size: 20px; line-height: 1.3; color: inherit; text-align: left; }
      .layout { display: grid; grid-template-columns: minmax(0, 570px) minmax(0, 1fr); gap: 0 24px; align-items: start; }
      svg.plot { display: block; width: 100%; height: auto; touch-action: none; user-select: none; }
      svg text { fill: currentColor; font-family: inherit; }
      .tick { font-size: 16px; }
      .axis-label { font-size: 18px; font-style: italic; }
      .axis { stroke: currentColor; stroke-opacity: 0.35; stroke-width: 1; }
      .frame { fill: none; stroke: currentColor; stroke-width: 1.5; }
      .boundary { stroke: #111827; stroke-width: 3.5; }
      .arrow { stroke: #111827; stroke-width: 3.5; fill: none; }
      .arrow.shortened { stroke-dasharray: 7 4; }
      .head { fill: #111827; }
      .handle { fill: #ffffff; stroke: #111827; stroke-width: 2.5; cursor: grab; outline: none; }
      .handle:focus-visible { stroke: var(--axon-focus, #f59e0b); stroke-width: 5; }
      .point { stroke: #ffffff; stroke-width: 1.5; }
      .ring { fill: none; stroke: #b91c1c; stroke-width: 2.5; }
      .updated { fill: none; stroke: #111827; stroke-width: 2; stroke-dasharray: 3 3; }
      .side { display: flex; flex-direction: column; gap: 0.5em; min-width: 0; }
      .control { display: grid; grid-template-columns: 6.5em minmax(0, 1fr) 3.2em; align-items: center; gap: 0.5em; }
      .control .value { text-align: right; font-variant-numeric: tabular-nums; }
      input[type='range'] { width: 100%; min-height: 1.6em; margin: 0; accent-color: var(--axon-accent, #1d4ed8); }
      select { font: inherit; color: inherit; background: transparent; border: 2px solid currentColor; border-radius: 6px; padding: 0.1em 0.4em; grid-column: 2 / 4; }
      select option { color: #111827; background: #ffffff; }
      .learn { font: inherit; padding: 0.15em 0.9em; border-radius: 6px; border: 2px solid var(--axon-accent, #1d4ed8); background: var(--axon-accent, #1d4ed8); color: #ffffff; cursor: pointer; align-self: flex-start; }
      .learn:disabled { opacity: 0.55; cursor: default; }
      :is(input, select, .learn):focus-visible { outline: 3px solid var(--axon-focus, #f59e0b); outline-offset: 2px; }
      [role='status'] { font-variant-numeric: tabular-nums; }
      [role='status'] p { margin: 0; }
      [role='status'] p + p { font-size: 0.85em; }
      .legend { display: grid; grid-template-columns: auto auto; gap: 0.1em 1em; margin: 0; padding: 0; list-style: none; font-size: 0.8em; }
      .legend svg { width: 1.2em; height: 1.2em; vertical-align: middle; margin-right: 0.3em; }
      .note { margin: 0; font-size: 0.8em; }
      axon-code-panel { font-size: 0.8em; }
    `,
  ];

  static override properties = {
    ...boundarySettings.properties,
    weights: { state: true },
    bias: { state: true },
    learningRule: { state: true },
    playing: { state: true },
  };

  /** w now. */
  declare private weights: Vector;
  /** b now. */
  declare private bias: number;
  /** The rule Learn / Play / Step use. */
  declare private learningRule: LearningRule;
  /** True while the perceptron rule plays (logistic regression's playing is its controller's). */
  declare private playing: boolean;

  private settings: BoundarySettings;
  /** What the attributes set (a new rule brings its own η and epochs unless they are here). */
  private written: Partial<BoundarySettings> = {};
  private warnings: string[] = [];
  private data: LabelledPoint[] = [];
  /** Where Reset goes back to (the attributes', then the URL's w and b). */
  private start: { w: Vector; b: number } = { w: [1, 1], b: -1 };
  private perceptron: PerceptronState = startPerceptron([1, 1], -1);
  /** Logistic regression: epochs trained since its trainer started, and the latest loss. */
  private logisticEpoch = 0;
  private logisticStarted: Promise<void> = Promise.resolve();
  /** True when logistic regression's trainer must be (re)started from `runStart` before it trains. */
  private logisticStale = true;
  /** The epoch logistic regression diverged at, if it did. */
  private logisticDiverged: number | undefined;
  /** Where the current run started: Reset's w and b, or where they were set by hand. */
  private runStart: { w: Vector; b: number } = { w: [1, 1], b: -1 };
  private slideVisible = true;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Keeps the handout contract: `settled` per run from the start, and whether `settle()` was asked. */
  private readonly handout = new HandoutLatch(this);
  /** True from Reset (or the start) until the user moves w or b by hand: only such a run is the handout. */
  private fromStart = true;

  private readonly training = new TrainingController(this, {
    autoplay: () => false,
    onReadout: (readout, trainer) => this.handleLogisticReadout(readout, trainer),
    pace: { seconds: LOGISTIC_SECONDS, minStepsPerSecond: 10 },
  });

  /** Resolves once the rule has run from the starting w, b to its end and that is drawn (renewed by Reset). */
  get settled(): Promise<void> {
    return this.handout.settled;
  }

  constructor() {
    super();
    this.playing = false;
    this.settings = parseBoundaryAttributes({}).settings;
    this.weights = [...this.settings.w];
    this.bias = this.settings.b;
    this.learningRule = this.settings.rule;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.slideVisible = !this.closest('.reveal .slides');
    this.addEventListener(SLIDE_VISIBILITY_EVENT, this.handleSlideVisibility);
    if (!this.hasUpdated) return;
    this.reset();
    // `settle()` was called: put back on the page (which resets the rule), the widget learns again at once.
    if (this.handout.asked) void this.settle();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener(SLIDE_VISIBILITY_EVENT, this.handleSlideVisibility);
    this.stopTimer();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The first update reads too: with no attribute written no property changes, but the URL may hold values.
    if (!this.hasUpdated || boundarySettings.touches(changed)) {
      const { values, written, warnings } = boundarySettings.resolve(this);
      this.warnings = warnings;
      this.settings = values;
      this.written = written;
      this.start = { w: values.w, b: values.b };
      this.data = makePoints(values.dataset, values.points, values.seed);
      this.learningRule = values.rule;
      this.reset();
    }
  }

  /** Runs the current rule from where it is to its end at once (converged or the budget); resolves when drawn. */
  async settle(): Promise<void> {
    this.handout.ask();
    this.pause();
    if (this.learningRule === 'perceptron') {
      this.perceptron = runPerceptron(this.perceptron, this.data, this.settings.learningRate, this.settings.epochs);
      this.weights = [...this.perceptron.w];
      this.bias = this.perceptron.b;
    } else {
      await this.ensureLogistic();
      await this.training.trainToBudget({ maxEpochs: 20 });
    }
    this.checkFinished();
    await this.updateComplete;
    // A run moved by hand is no handout: its `settled` stays pending for the next run from the start.
    return this.fromStart ? this.settled : undefined;
  }

  /** Back to the starting w and b, the rule at its beginning. */
  private reset(): void {
    this.pause();
    this.weights = [...this.start.w];
    this.bias = this.start.b;
    this.fromStart = true;
    this.handout.renew();
    this.restartRule();
  }

  /** The rule starts again from the w and b shown (after Reset, a drag, the bias slider or a new rule). */
  private restartRule(): void {
    this.runStart = { w: [...this.weights], b: this.bias };
    this.perceptron = startPerceptron(this.weights, this.bias);
    this.logisticEpoch = 0;
    this.logisticDiverged = undefined;
    // NOTE - the engine's trainer starts on the first Play / Step / Learn, not here: a drag would otherwise
    // create and free a trainer on every pointer move.
    this.training.stop();
    this.logisticStale = true;
  }

  /** Starts logistic regression's trainer from the run's start, if not yet started. */
  private ensureLogistic(): Promise<void> {
    if (this.learningRule === 'logistic' && this.logisticStale) {
      this.logisticStale = false;
      const data = { inputs: this.data.map((p) => p.x), targets: this.data.map((p) => [p.y === 1 ? 1 : 0]) };
      this.logisticStarted = this.training.start(logisticSpec(this.settings), data, this.settings.epochs);
    }
    return this.logisticStarted;
  }

  /** The end of a run: the perceptron converged or used its budget, logistic regression its epochs. */
  private get finished(): boolean {
    if (this.learningRule === 'perceptron') return hasConverged(this.perceptron, this.data) || this.perceptron.epochs >= this.settings.epochs;
    return this.logisticEpoch >= this.settings.epochs || this.logisticDiverged !== undefined;
  }

  private checkFinished(): void {
    if (!this.finished) return;
    this.stopTimer();
    this.playing = false;
    if (this.fromStart) this.handout.resolveWhenDrawn();
  }

  private handleLogisticReadout(readout: Readout, trainer: Trainer): void {
    const start = this.runStart;
    if (readout.step === 0 && trainer.steps === 0) trainer.writeWeights([{ weights: [[start.w[0]], [start.w[1]]], biases: [start.b] }]);
    if (trainer.divergence) this.logisticDiverged = trainer.divergence.step;
    if (readout.epoch < this.logisticEpoch) return; // an older readback landing late (Play and settle() both read)
    const [layer] = trainer.latestWeights;
    this.weights = [layer!.weights[0]![0]!, layer!.weights[1]![0]!];
    this.bias = layer!.biases[0]!;
    // NOTE - the epoch the read-back weights belong to: more epochs may have been queued since.
    this.logisticEpoch = readout.epoch;
    this.checkFinished();
  }

  private readonly handleSlideVisibility = (event: CustomEvent<SlideVisibilityDetail>): void => {
    this.slideVisible = event.detail.visible;
    if (this.learningRule === 'perceptron') {
      if (!this.slideVisible) this.stopTimer();
      else if (this.playing) this.startTimer();
    }
  };

  private startTimer(): void {
    this.stopTimer();
    if (!this.slideVisible) return;
    this.timer = setInterval(() => this.perceptronStep(), 1000 / UPDATES_PER_SECOND);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private perceptronStep(): void {
    this.perceptron = perceptronUpdate(this.perceptron, this.data, this.settings.learningRate, this.settings.epochs);
    this.weights = [...this.perceptron.w];
    this.bias = this.perceptron.b;
    this.checkFinished();
  }

  private pause(): void {
    this.playing = false;
    this.stopTimer();
    this.training.pause();
  }

  private handlePlay = (): void => {
    if (this.finished) return;
    if (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches) {
      void this.settle();
      return;
    }
    if (this.learningRule === 'perceptron') {
      this.playing = true;
      this.startTimer();
    } else {
      void this.ensureLogistic();
      this.training.play();
    }
  };

  private handlePause = (): void => this.pause();

  private handleStep = (): void => {
    if (this.finished) return;
    if (this.learningRule === 'perceptron') {
      this.pause();
      this.perceptronStep();
    } else {
      void this.ensureLogistic().then(() => this.training.step());
    }
  };

  private handleReset = (): void => this.reset();

  private handleLearn = (): void => {
    void this.settle();
  };

  private handleRule(event: Event): void {
    this.pause();
    this.learningRule = (event.target as HTMLSelectElement).value as LearningRule;
    // The new rule's own defaults for η and epochs, unless the attributes set them.
    const rule = this.learningRule;
    const { learningRate = DEFAULT_LEARNING_RATE[rule], epochs = DEFAULT_EPOCHS[rule] } = this.written;
    this.settings = { ...this.settings, rule, learningRate, epochs };
    this.fromStart = false;
    this.saveToUrl();
    this.restartRule();
  }

  /** w or b moved by hand: learning pauses and will start from here. */
  private setByHand(w: Vector, b: number): void {
    this.pause();
    this.weights = w;
    this.bias = b;
    this.fromStart = false;
    this.saveToUrl();
    this.restartRule();
  }

  private saveToUrl(): void {
    boundarySettings.keep(this, { ...this.settings, w: [round(this.weights[0]), round(this.weights[1])], b: round(this.bias), rule: this.learningRule });
  }

  private handleBias(event: Event): void {
    this.setByHand(this.weights, Number((event.target as HTMLInputElement).value));
  }

  /** Screen → data coordinates, measured (correct under reveal's CSS scaling): the SVG keeps its viewBox aspect. */
  private toData(event: PointerEvent): Vector {
    const svgElement = this.renderRoot.querySelector('svg.plot') as SVGSVGElement;
    const box = svgElement.getBoundingClientRect();
    const sx = ((event.clientX - box.left) * PLOT.size) / box.width;
    const sy = ((event.clientY - box.top) * PLOT.size) / box.height;
    const x1 = ((sx - PLOT.left) / PLOT.side) * 2 * PLOT_RADIUS - PLOT_RADIUS;
    const x2 = PLOT_RADIUS - ((sy - PLOT.top) / PLOT.side) * 2 * PLOT_RADIUS;
    return [clampWeight(round(x1)), clampWeight(round(x2))];
  }

  private handlePointerDown(event: PointerEvent): void {
    const target = event.currentTarget as SVGElement;
    event.preventDefault();
    target.focus({ preventScroll: true });
    target.setPointerCapture?.(event.pointerId);
    this.handlePointerMove(event);
  }

  private handlePointerMove(event: PointerEvent): void {
    const target = event.currentTarget as SVGElement;
    if (event.type === 'pointermove' && !target.hasPointerCapture?.(event.pointerId)) return;
    const w = this.toData(event);
    if (w[0] === 0 && w[1] === 0) return;
    this.setByHand(w, this.bias);
  }

  private handleHandleKey(event: KeyboardEvent): void {
    const moves: Record<string, Vector> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    event.stopPropagation();
    const step = event.shiftKey ? 0.5 : 0.1;
    const w: Vector = [clampWeight(round(this.weights[0] + move[0] * step)), clampWeight(round(this.weights[1] + move[1] * step))];
    if (w[0] === 0 && w[1] === 0) return;
    this.setByHand(w, this.bias);
  }

  // ---- rendering -------------------------------------------------------------------------------------------

  private renderPlot() {
    const { left, top, side } = PLOT;
    const sx = (x1: number) => left + ((x1 + PLOT_RADIUS) / (2 * PLOT_RADIUS)) * side;
    const sy = (x2: number) => top + ((PLOT_RADIUS - x2) / (2 * PLOT_RADIUS)) * side;
    const w = this.weights;
    const b = this.bias;
    const region = positiveRegion(w, b);
    // The −1 side: wᵀx + b < 0 is the + side of (−w, −b).
    const negative = positiveRegion([-w[0], -w[1]], -b);
    const segment = boundarySegment(w, b);
    const length = Math.hypot(w[0], w[1]);
    const shrink = length > LONGEST_ARROW ? LONGEST_ARROW / length : 1;
    const tip: Vector = [w[0] * shrink, w[1] * shrink];
    const [tx, ty] = [sx(tip[0]), sy(tip[1])];
    const angle = Math.atan2(-(ty - sy(0)), tx - sx(0));
    const headPath = `M${tx} ${ty} L${tx - 16 * Math.cos(angle - 0.4)} ${ty + 16 * Math.sin(angle - 0.4)} L${tx - 16 * Math.cos(angle + 0.4)} ${ty + 16 * Math.sin(angle + 0.4)} Z`;
    const ticks = [-4, -3, -2, -1, 0, 1, 2, 3, 4];
    const updated = this.learningRule === 'perceptron' ? this.perceptron.lastUpdated : undefined;
    return html`<svg class="plot" viewBox="0 0 ${PLOT.size} ${PLOT.size}" role="group" aria-label="Points, the boundary w·x + b = 0 and the weight vector w">
      <g aria-hidden="true">
        ${negative.length > 2 ? svg`<polygon points=${negative.map(([a, c]) => `${sx(a).toFixed(1)},${sy(c).toFixed(1)}`).join(' ')} fill=${NEGATIVE} fill-opacity="0.12"></polygon>` : nothing}
        ${region.length > 2 ? svg`<polygon points=${region.map(([a, c]) => `${sx(a).toFixed(1)},${sy(c).toFixed(1)}`).join(' ')} fill=${POSITIVE} fill-opacity="0.14"></polygon>` : nothing}
        ${ticks.map((t) => svg`
          <line class="axis" x1=${sx(t)} x2=${sx(t)} y1=${top} y2=${top + side} stroke-opacity=${t === 0 ? 0.6 : 0.12}></line>
          <line class="axis" y1=${sy(t)} y2=${sy(t)} x1=${left} x2=${left + side} stroke-opacity=${t === 0 ? 0.6 : 0.12}></line>
          ${t % 2 === 0 ? svg`<text class="tick" x=${sx(t)} y=${top + side + 18} text-anchor="middle">${String(t).replace('-', '−')}</text>
            <text class="tick" x=${left - 6} y=${sy(t) + 5} text-anchor="end">${String(t).replace('-', '−')}</text>` : nothing}`)}
        <rect class="frame" x=${left} y=${top} width=${side} height=${side}></rect>
        <text class="axis-label" x=${left + side - 4} y=${sy(0) - 6} text-anchor="end">x₁</text>
        <text class="axis-label" x=${sx(0) + 6} y=${top + 18}>x₂</text>
        ${segment ? svg`<line class="boundary" x1=${sx(segment[0][0])} y1=${sy(segment[0][1])} x2=${sx(segment[1][0])} y2=${sy(segment[1][1])}></line>` : nothing}
        ${this.data.map((p, i) => {
          const [cx, cy] = [sx(p.x[0]), sy(p.x[1])];
          const fill = predict(w, b, p.x) === 1 ? POSITIVE : NEGATIVE;
          const shape = p.y === 1 ? svg`<circle class="point" cx=${cx} cy=${cy} r="7" fill=${fill}></circle>` : svg`<rect class="point" x=${cx - 6.5} y=${cy - 6.5} width="13" height="13" fill=${fill}></rect>`;
          return svg`<g class="datum" data-label=${p.y} data-wrong=${isMisclassified(w, b, p) ? 'true' : 'false'}>
            ${shape}${isMisclassified(w, b, p) ? svg`<circle class="ring" cx=${cx} cy=${cy} r="12.5"></circle>` : nothing}
            ${i === updated ? svg`<circle class="updated" cx=${cx} cy=${cy} r="17"></circle>` : nothing}</g>`;
        })}
        <line class="arrow ${shrink < 1 ? 'shortened' : ''}" x1=${sx(0)} y1=${sy(0)} x2=${tx - 10 * Math.cos(angle)} y2=${ty + 10 * Math.sin(angle)}></line>
        <path class="head" d=${headPath}></path>
        <text class="axis-label" x=${Math.min(tx + 12, left + side - 4)} y=${Math.max(ty - 12, top + 18)} text-anchor=${tx + 12 > left + side - 90 ? 'end' : 'start'}>w${shrink < 1 ? ` (drawn ×${formatValue(shrink)})` : ''}</text>
      </g>
      <circle class="handle" cx=${tx} cy=${ty} r="11" tabindex="0" role="slider" aria-label="weight vector w"
        aria-valuenow=${Math.round((Math.atan2(w[1], w[0]) * 180) / Math.PI)} aria-valuemin="-180" aria-valuemax="180"
        aria-valuetext=${`w = (${formatValue(w[0])}, ${formatValue(w[1])}): drag the arrow head or use the arrow keys`}
        @pointerdown=${this.handlePointerDown} @pointermove=${this.handlePointerMove} @keydown=${this.handleHandleKey}></circle>
    </svg>`;
  }

  private renderStatus() {
    const { accuracy, misclassified } = evaluate(this.weights, this.bias, this.data);
    const first = `w = (${formatValue(this.weights[0])}, ${formatValue(this.weights[1])}) · b = ${formatValue(this.bias)} · accuracy ${Math.round(accuracy * 100)} % · ${misclassified} misclassified`;
    let second: string;
    if (this.learningRule === 'perceptron') {
      const p = this.perceptron;
      const state = hasConverged(p, this.data) ? ` · converged after ${p.updates} ${p.updates === 1 ? 'update' : 'updates'}` : p.epochs >= this.settings.epochs ? ` · stopped after ${p.epochs} epochs: no line separates these points` : '';
      second = `perceptron rule: ${p.updates} ${p.updates === 1 ? 'update' : 'updates'} · epoch ${p.epochs}${state}`;
    } else if (this.training.error) {
      second = `logistic regression: no training engine — ${this.training.error}`;
    } else if (this.logisticDiverged !== undefined) {
      second = `logistic regression: diverged at epoch ${this.logisticDiverged} — lower the learning rate`;
    } else {
      second = `logistic regression: epoch ${this.logisticEpoch} · loss ${logisticLoss(this.weights, this.bias, this.data).toFixed(4)}${this.logisticEpoch >= this.settings.epochs ? ' · done' : ''}`;
    }
    return html`<p>${first}</p><p>${second}</p>`;
  }

  override render() {
    const finished = this.finished;
    const running = this.learningRule === 'perceptron' ? this.playing : this.training.running;
    const canContinue = !finished;
    const legendShape = (label: 1 | -1) =>
      label === 1 ? svg`<circle cx="10" cy="10" r="6" fill="currentColor"></circle>` : svg`<rect x="4" y="4" width="12" height="12" fill="currentColor"></rect>`;
    return html`
      ${this.warnings.length ? html`<p class="warning" role="alert">&lt;perceptron-boundary&gt; ${this.warnings.join('; ')}</p>` : nothing}
      <div class="layout">
        ${this.renderPlot()}
        <div class="side">
          <label class="control">
            <span>bias b</span>
            <input type="range" aria-label="bias b" aria-valuetext=${formatValue(this.bias)} min=${BOUNDARY_LIMITS.bias.min} max=${BOUNDARY_LIMITS.bias.max} step="0.1"
              .value=${String(this.bias)} @input=${this.handleBias} />
            <span class="value" aria-hidden="true">${formatValue(this.bias)}</span>
          </label>
          <label class="control">
            <span>learning rule</span>
            <select aria-label="learning rule" .value=${this.learningRule} @change=${this.handleRule}>
              ${RULES.map((r) => html`<option value=${r} ?selected=${r === this.learningRule}>${RULE_LABELS[r]}</option>`)}
            </select>
          </label>
          <button class="learn" @click=${this.handleLearn} ?disabled=${finished}>Learn</button>
          ${transportControls({ running, canContinue, onPlay: this.handlePlay, onPause: this.handlePause, onStep: this.handleStep, onReset: this.handleReset })}
          <div role="status" aria-live="polite">${this.renderStatus()}</div>
          <ul class="legend" aria-label="legend">
            <li><svg viewBox="0 0 20 20" aria-hidden="true">${legendShape(1)}</svg>label +1</li>
            <li><svg viewBox="0 0 20 20" aria-hidden="true">${legendShape(-1)}</svg>label −1</li>
            <li><svg viewBox="0 0 20 20" aria-hidden="true"><rect x="2" y="2" width="16" height="16" fill=${POSITIVE}></rect></svg>predicted +1</li>
            <li><svg viewBox="0 0 20 20" aria-hidden="true"><rect x="2" y="2" width="16" height="16" fill=${NEGATIVE}></rect></svg>predicted −1</li>
            <li><svg viewBox="0 0 20 20" aria-hidden="true"><circle cx="10" cy="10" r="7" fill="none" stroke="#b91c1c" stroke-width="2.5"></circle></svg>misclassified</li>
          </ul>
          <p class="note">${this.learningRule === 'perceptron'
            ? `Each update: a misclassified (x, y) moves w ← w + ηyx, b ← b + ηy (η = ${this.settings.learningRate}).`
            : `σ(w·x + b), binary cross-entropy, full-batch SGD (η = ${this.settings.learningRate}), ${this.settings.epochs} epochs.`}</p>
          <axon-code-panel .code=${codeFor(this.settings, this.runStart)}></axon-code-panel>
        </div>
      </div>
    `;
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function clampWeight(value: number): number {
  return Math.max(BOUNDARY_LIMITS.weight.min, Math.min(BOUNDARY_LIMITS.weight.max, value));
}

customElements.define('perceptron-boundary', PerceptronBoundary);

declare global {
  interface HTMLElementTagNameMap {
    'perceptron-boundary': PerceptronBoundary;
  }
}
