/**
 * `<perceptron-boundary>`: a linear classifier over labelled 2-D points. The weight vector w is an arrow
 * from the origin whose head can be dragged (pointer or touch; arrow keys on the focused head) and the bias
 * b is a slider; the decision boundary wᵀx + b = 0 is drawn, always perpendicular to w, with the side
 * wᵀx + b ≥ 0 tinted in the +1 colour, the other side in the −1 colour (the prediction). Points are filled
 * and shaped by their true class (● +1 purple, ■ −1 orange: the ends of the shared diverging map), so a misclassified point is a point of one colour
 * on the other colour's side, and is ringed as well. `Learn` runs a learning rule to the end; Play, Pause,
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
 * - `data` — the instructor's CSV instead of the generated points (a path relative to the deck, copied into the
 *   build), with `features` (two numeric columns, x₁ then x₂) and `label` (the class column); `positive` /
 *   `negative` name the class drawn +1 / −1 (neither: the label must hold two classes, the first in file order
 *   +1; one: that class against the rest; both: only those two classes). Each column is standardised
 *   (z-scores over the rows used) and the axes are named by the columns (perceptron-boundary.data.ts). A file
 *   that cannot be read, a missing column or a bad cell shows a warning naming the file and line, and the
 *   generated `dataset` is used.
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
 * @cssprop --axon-bg — the widget's background, behind the arrow head (default #ffffff).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 */
import { html, nothing } from 'lit';
import type { Readout, Trainer } from '../../engine/trainer.ts';
import '../shared/code-panel.ts';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import { RunController, type Stepper } from '../shared/runtime/run-controller.ts';
import type { ResolvedSettings } from '../shared/runtime/settings.ts';
import { TrainingController } from '../shared/training-controller.ts';
import { transportControls } from '../shared/transport.ts';
import {
  BOUNDARY_LIMITS,
  RULES,
  RULE_LABELS,
  DEFAULT_EPOCHS,
  DEFAULT_LEARNING_RATE,
  boundarySettings,
  codeFor,
  evaluate,
  formatValue,
  hasConverged,
  logisticLoss,
  logisticSpec,
  makePoints,
  dataAttributeWarnings,
  parseBoundaryAttributes,
  usesCsv,
  perceptronUpdate,
  runPerceptron,
  startPerceptron,
  type BoundarySettings,
  type LabelledPoint,
  type LearningRule,
  type PerceptronState,
  type Vector,
} from './perceptron-boundary.model.ts';
import { perceptronBoundaryStyles } from './perceptron-boundary.styles.ts';
import { legendView, plotView, pointerToData } from './perceptron-boundary.views.ts';
import { csvDataCode, csvPoints, type CsvPoints } from './perceptron-boundary.data.ts';
import { dataWarning } from '../shared/data/labelled.ts';
import { loadTable } from '../shared/data/widget-data.ts';

/** Perceptron updates per second while playing: slow enough to see each one. */
const UPDATES_PER_SECOND = 5;
/** Logistic regression's default 200 epochs take about 4 s. */
const LOGISTIC_SECONDS = 4;

export class PerceptronBoundary extends axonElement(boundarySettings) {
  static override styles = perceptronBoundaryStyles;

  static override properties = stateProperties('weights', 'bias', 'learningRule');

  /** w now. */
  declare private weights: Vector;
  /** b now. */
  declare private bias: number;
  /** The rule Learn / Play / Step use. */
  declare private learningRule: LearningRule;

  private settings: BoundarySettings;
  /** What the attributes set (a new rule brings its own η and epochs unless they are here). */
  private written: Partial<BoundarySettings> = {};
  private data: LabelledPoint[] = [];
  /** The CSV's points, once read (undefined: the generated dataset, or still loading). */
  private csv: CsvPoints | undefined;
  /** While the CSV loads: settles once it is read (or failed); `settle()` waits for it. */
  private loading: Promise<void> | undefined;
  /** Why the CSV could not be used (file:line and what to do), shown as a warning. */
  private csvError: string | undefined;
  /** Counts the CSV reads asked for: a read that lands after newer settings is dropped. */
  private csvRequest = 0;
  /** Where Reset goes back to (the attributes', then the URL's w and b). */
  private start: { w: Vector; b: number } = { w: [1, 1], b: -1 };
  private perceptron: PerceptronState = startPerceptron([1, 1], -1);
  /** Logistic regression: epochs trained since its trainer started, and the latest loss. */
  private logisticEpoch = 0;
  /** True when logistic regression's trainer must be (re)started from `runStart` before it trains. */
  private logisticStale = true;
  /** The epoch logistic regression diverged at, if it did. */
  private logisticDiverged: number | undefined;
  /** Where the current run started: Reset's w and b, or where they were set by hand. */
  private runStart: { w: Vector; b: number } = { w: [1, 1], b: -1 };
  /** True from Reset (or the start) until the user moves w or b by hand: only such a run is the handout (`settled` per run from the start). */
  private fromStart = true;

  /** The perceptron rule's clock: Play at `UPDATES_PER_SECOND`, Step, idle while the slide is hidden. */
  private readonly perceptronRun = new RunController(this);

  private readonly training = new TrainingController(this, {
    autoplay: () => false,
    onReadout: (readout, trainer) => this.handleLogisticReadout(readout, trainer),
    pace: { seconds: LOGISTIC_SECONDS, minStepsPerSecond: 10 },
  });

  constructor() {
    super();
    this.settings = parseBoundaryAttributes({}).settings;
    this.weights = [...this.settings.w];
    this.bias = this.settings.b;
    this.learningRule = this.settings.rule;
  }

  /** Back on the page after being removed (its trainer was freed): back to the starting w and b, the points it had. */
  protected override reconnected(): void {
    this.reset();
    // `settle()` was called: put back on the page (which resets the rule), the widget learns again at once.
    if (this.handout.asked) void this.settle();
  }

  /** The settings as read (an attribute changed, or the first update): new points, and the rule from the new start. */
  protected override settingsChanged({ values, written }: ResolvedSettings<BoundarySettings>): void {
    this.settings = values;
    this.written = written;
    this.start = { w: values.w, b: values.b };
    this.warnings = [...this.warnings, ...dataAttributeWarnings(values)];
    this.csv = undefined;
    this.csvError = undefined;
    this.loading = undefined;
    this.data = usesCsv(values) ? [] : makePoints(values.dataset, values.points, values.seed);
    this.learningRule = values.rule;
    this.reset();
    const request = ++this.csvRequest;
    if (usesCsv(values)) this.loading = this.loadCsv(values, request);
  }

  /** Reads the CSV the settings name into the points (or, failing that, says why and uses the generated dataset). */
  private async loadCsv(values: BoundarySettings, request: number): Promise<void> {
    let csv: CsvPoints | undefined;
    let error: string | undefined;
    try {
      csv = csvPoints(await loadTable(values.data), values);
    } catch (failure) {
      error = `${dataWarning(values.data, failure, new URL(values.data, document.baseURI).href)} Using dataset="${values.dataset}".`;
    }
    if (request !== this.csvRequest) return; // the attributes changed while it loaded: a newer read is under way
    this.csv = csv;
    this.csvError = error;
    this.data = csv ? csv.points : makePoints(values.dataset, values.points, values.seed);
    this.loading = undefined;
    this.reset();
  }

  /** Runs the current rule from where it is to its end at once (converged or the budget); resolves when drawn. */
  override async settle(): Promise<void> {
    this.handout.ask();
    this.pause();
    // The CSV's points first: a run on the empty set while it loads is no handout.
    while (this.loading) await this.loading;
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
    if (this.learningRule === 'perceptron') this.perceptronRun.start(this.perceptronStepper());
    else this.perceptronRun.stop();
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
      void this.training.start(logisticSpec(this.settings), data, this.settings.epochs);
    }
    return this.training.started;
  }

  /** The end of a run: the perceptron converged or used its budget, logistic regression its epochs. */
  private get finished(): boolean {
    if (this.loading) return false;
    if (this.learningRule === 'perceptron') return hasConverged(this.perceptron, this.data) || this.perceptron.epochs >= this.settings.epochs;
    return this.logisticEpoch >= this.settings.epochs || this.logisticDiverged !== undefined;
  }

  /** At the end of a run from the start, `settled` resolves once it is drawn (the run controllers stop by themselves). */
  private checkFinished(): void {
    if (this.finished && this.fromStart && !this.loading) this.handout.resolveWhenDrawn();
  }

  /**
   * The perceptron rule as the run controller steps it: one update a step, at a pace a student can follow,
   * until it converges or uses its epochs.
   */
  private perceptronStepper(): Stepper {
    const widget = this;
    return {
      name: 'perceptron-boundary rule',
      stepsPerSecond: UPDATES_PER_SECOND,
      advance: (count) => {
        for (let i = 0; i < count && !widget.finished; i += 1) widget.perceptronStep();
      },
      get canContinue() {
        return widget.learningRule === 'perceptron' && !widget.finished;
      },
    };
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

  private perceptronStep(): void {
    this.perceptron = perceptronUpdate(this.perceptron, this.data, this.settings.learningRate, this.settings.epochs);
    this.weights = [...this.perceptron.w];
    this.bias = this.perceptron.b;
    this.checkFinished();
  }

  private pause(): void {
    this.perceptronRun.pause();
    this.training.pause();
  }

  private handlePlay = (): void => {
    if (this.finished) return;
    if (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches) {
      void this.settle();
      return;
    }
    if (this.learningRule === 'perceptron') {
      this.perceptronRun.play();
    } else {
      void this.ensureLogistic();
      this.training.play();
    }
  };

  private handlePause = (): void => this.pause();

  private handleStep = (): void => {
    if (this.finished) return;
    if (this.learningRule === 'perceptron') {
      this.training.pause();
      void this.perceptronRun.step();
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
    this.keepSettings({ ...this.settings, w: [round(this.weights[0]), round(this.weights[1])], b: round(this.bias), rule: this.learningRule });
  }

  private handleBias(event: Event): void {
    this.setByHand(this.weights, Number((event.target as HTMLInputElement).value));
  }

  /** Screen → data coordinates, measured (correct under reveal's CSS scaling), rounded and kept in range. */
  private toData(event: PointerEvent): Vector {
    const [x1, x2] = pointerToData(this.renderRoot.querySelector('svg.plot') as SVGSVGElement, event);
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

  /** Where the points come from, when they are the instructor's: the file, the rows, the scaling. */
  private renderSource() {
    const csv = this.csv;
    if (!csv) return nothing;
    return html`<p class="note source">${csv.rows.inputs.length} rows of ${this.settings.data}; axes: ${csv.rows.columns.join(', ')}, each standardised (z = (x − mean) / sd).</p>`;
  }

  private renderStatus() {
    if (this.loading) return html`<p>reading ${this.settings.data}…</p>`;
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
    const running = this.learningRule === 'perceptron' ? this.perceptronRun.playing : this.training.running;
    const canContinue = !finished;
    const updated = this.learningRule === 'perceptron' ? this.perceptron.lastUpdated : undefined;
    return html`
      ${this.renderWarnings()}
      ${this.renderAlert(this.csvError)}
      <div class="layout">
        ${plotView(
          { weights: this.weights, bias: this.bias, data: this.data, updated, axes: this.csv?.rows.columns },
          { onPointerDown: (e) => this.handlePointerDown(e), onPointerMove: (e) => this.handlePointerMove(e), onKeyDown: (e) => this.handleHandleKey(e) },
        )}
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
          <div class="actions">
            <button class="learn" @click=${this.handleLearn} ?disabled=${finished}>Learn</button>
            ${transportControls({ running, canContinue, onPlay: this.handlePlay, onPause: this.handlePause, onStep: this.handleStep, onReset: this.handleReset })}
          </div>
          <div role="status" aria-live="polite">${this.renderStatus()}</div>
          ${legendView(this.csv ? { positive: this.csv.rows.positive, negative: this.csv.rows.negative } : undefined)}
          ${this.renderSource()}
          <p class="note">${this.learningRule === 'perceptron'
            ? `Each update: a misclassified (x, y) moves w ← w + ηyx, b ← b + ηy (η = ${this.settings.learningRate}).`
            : `σ(w·x + b), binary cross-entropy, full-batch SGD (η = ${this.settings.learningRate}), ${this.settings.epochs} epochs.`}</p>
          <axon-code-panel .code=${codeFor(this.settings, this.runStart, this.csv ? csvDataCode(this.settings, this.csv) : undefined)}></axon-code-panel>
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
