/**
 * `<gd-trajectory>`: gradient descent on linear regression with two coefficients, ŷ = β₁x₁ + β₂x₂, on
 * scikit-learn-style `make_regression` data. Left, the MSE's contours in (β₁, β₂) with the descent's path
 * from (0, 0), the true β (+) and the normal-equation estimate β̂ = (XᵀX)⁻¹Xᵀy (green); right, the loss
 * curve. Students move the learning rate and see a small one crawl, a good one reach β̂, and one above
 * 2/λmax (λmax: the largest eigenvalue of the Hessian H = (2/n)XᵀX) overshoot and diverge; `Compare
 * learning rates` shows the three regimes side by side. Trained by the shared engine: a [2, 1] linear
 * network without bias, MSE, plain SGD on the full batch (one step = one epoch).
 *
 * Attributes (a bad value shows a warning naming the attribute, and its default is used):
 * - `samples` — n, rows of X, 2…500 (default 50).
 * - `noise` — standard deviation of the Gaussian noise on y, 0…100 (default 10).
 * - `coefficients` — the true β as "β1,β2", each within ±1000 (default: 100·U(0, 1) each, from the seed,
 *   as make_regression draws them).
 * - `seed` — X, the noise and the drawn coefficients, a whole number (default 1).
 * - `lr` (or `learning-rate`) — learning rate η of the single run, 0.0001…3 (default 0.1).
 * - `steps` — the step budget (the handout state), 1…1000 (default 100).
 * - `steps-per-second` — pace of Play, 1…120 (default 10).
 * - `compare` — boolean: start with the three learning rates side by side.
 * - `compare-lr` — the three compared rates "too small, just right, too large" (default "0.001,0.1,0.9"; on
 *   the default data 2/λmax = 0.82, so 0.9 diverges: at step 59).
 * - `autoplay` — boolean: play when the slide is shown (under prefers-reduced-motion: jump to the end).
 *
 * Controls (accessible names): slider `learning rate` (log scale, hidden while comparing), toggle button
 * `Compare learning rates`, buttons `Play` `Pause` `Step` (one step) `Reset`, `Show code` (PyTorch). Each run
 * has a status (role=status): `step 12 · β₁ = 41.23, β₂ = 8.301 · loss = 123.45` (5 significant digits, a power
 * of ten as `1.156 × 10⁶`; the loss is the full-data MSE at the β shown), then `· diverged at step k` or
 * `· off the map`.
 * The learning rate and the compare toggle are kept in the page URL (defaults < attributes < URL).
 *
 * Idle until its slide is shown; pauses when hidden; frees its tensors when removed. `settled` resolves at
 * the handout state (the step budget used up, or the run diverged, drawn); `settle()` gets there at
 * once (the handout contract, components/shared/handout.ts). All drawing is SVG.
 *
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the first data colour: curves, weights, the main run (default #1d4ed8).
 * @cssprop --axon-bg — the widget's background (default #ffffff).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 */
import { html, nothing } from 'lit';
import '../shared/code-panel.ts';
import { stateProperties } from '../shared/runtime/axon-element.ts';
import type { ResolvedSettings, SettingValues } from '../shared/runtime/settings.ts';
import { divergenceWarning } from '../shared/transport.ts';
import { inside } from '../shared/contour-map.ts';
import {
  COMPARE_LABELS,
  RUN_STYLES,
  TRAJECTORY_LIMITS,
  settingsOf,
  trajectorySettings,
  pytorchScript,
  type TrajectorySettings,
} from './gd-trajectory.model.ts';
import { describeRegime, formatShort, formatValue, lossAt, problemValues, stabilityLimit, type Beta } from '../shared/regression/regression-problem.ts';
import { regressionElement } from '../shared/regression/regression-element.ts';
import type { RunView } from '../shared/regression/runs-controller.ts';
import { drawMap, problemLegend, renderLossPlot, renderMap, runSwatch, withPowersOfTen, type MapGeometry, type MapPicture } from '../shared/regression/regression-views.ts';
import { gdTrajectoryStyles } from './gd-trajectory.styles.ts';

// The maps are laid out one SVG unit to one CSS px (their columns' widths); labels at 22 units draw ≥ 21 px on a
// slide (issue 17: components/shared/views/type-scale.ts). The loss plots are drawn at least as wide as their viewBox.
const SINGLE_MAP: MapGeometry = { width: 460, left: 78, right: 14, top: 10, bottom: 66, text: 22 };
const COMPARE_MAP: MapGeometry = { width: 270, left: 72, right: 12, top: 8, bottom: 64, text: 22 };
const SINGLE_LOSS = { width: 600, height: 200, left: 84, right: 30, top: 10, bottom: 54, text: 21 };
const COMPARE_LOSS = { width: 600, height: 140, left: 84, right: 16, top: 8, bottom: 54, text: 22 };

/** The settings before any attribute is read: the defaults. */
const DEFAULT_SETTINGS = settingsOf(trajectorySettings.read({ attribute: () => null }).values);

export class GdTrajectory extends regressionElement(trajectorySettings, DEFAULT_SETTINGS.problem) {
  static override styles = gdTrajectoryStyles;

  static override properties = stateProperties('comparing');

  /** True while the three rates run side by side. */
  declare private comparing: boolean;

  private settings: TrajectorySettings = DEFAULT_SETTINGS;
  private pictures = new Map<MapGeometry, MapPicture>();

  constructor() {
    super();
    this.learningRate = this.settings.learningRate;
    this.comparing = false;
  }

  /** New settings (defaults < attributes < URL): the data again if it changed, and fresh runs. */
  protected override settingsChanged({ values }: ResolvedSettings<SettingValues<typeof trajectorySettings.table>>): void {
    const settings = settingsOf(values);
    this.autoplayOn = values.autoplay;
    this.settings = settings;
    if (this.useProblem(settings.problem)) this.pictures.clear();
    this.learningRate = settings.learningRate;
    this.comparing = values.compare;
    this.restart();
  }

  /** The CSV (`data`) is in: its own maps, and fresh runs on it. */
  protected override dataLoaded(): void {
    this.pictures.clear();
    this.restart();
  }

  /** Keeps η and the compare toggle in the address (a shared link opens as it was left). */
  protected override keepState(): void {
    this.keepSettings({ ...this.settings, ...problemValues(this.settings.problem), learningRate: this.learningRate, compare: this.comparing, autoplay: this.autoplayOn });
  }

  /** Starts fresh runs for the current settings (single or compared). */
  protected override restart(): void {
    const rates = this.comparing ? this.settings.compareRates : [this.learningRate];
    const n = this.problem.samples;
    this.training.start({
      data: { inputs: this.problem.inputs, targets: this.problem.targets },
      runs: rates.map((learningRate, i) => ({ name: `gd-trajectory ${i + 1}`, learningRate, batching: { mode: 'full' }, seed: this.settings.problem.seed })),
      examplesPerStep: n,
      examplesPerPress: n,
      budget: this.settings.steps * n,
      stepsPerSecond: this.settings.stepsPerSecond,
      lossAt: (beta) => lossAt(this.problem, beta),
    });
  }

  private picture(geometry: MapGeometry): MapPicture {
    let picture = this.pictures.get(geometry);
    if (!picture) {
      picture = drawMap(this.problem, geometry);
      this.pictures.set(geometry, picture);
    }
    return picture;
  }

  // ---- handlers ------------------------------------------------------------------------------------------------

  private handleCompare(): void {
    this.comparing = !this.comparing;
    this.keepState();
    this.restart();
  }

  // ---- rendering -----------------------------------------------------------------------------------------------

  /**
   * "step 12 · β₁ = 41.23, β₂ = 8.301 · loss = 123.45 …" (a diverging run's "1.156 × 10⁶" rather than e-notation),
   * each part unbroken so a wrapped line breaks between parts.
   */
  private statusLine(view: RunView, picture: MapPicture, colour: string) {
    const last = view.points.at(-1)!;
    const value = (v: number) => withPowersOfTen(formatValue(v));
    const parts = [`step ${last.update}`, `β₁ = ${value(last.beta[0])},`, `β₂ = ${value(last.beta[1])}`, `loss = ${value(lossAt(this.problem, last.beta))}`];
    if (view.divergence) parts.push(`diverged at step ${view.divergence.update}`);
    else if (!inside(last.beta, picture.domain)) parts.push('off the map');
    // A divergence the regime predicts (η above 2/λmax) reads as the run's outcome, in the run's colour.
    const expected = view.divergence !== undefined && view.spec.learningRate > stabilityLimit(this.problem);
    return parts.map((part, i) => {
      const outcome = expected && i === parts.length - 1 ? `part outcome` : 'part';
      return html`${i === 0 ? '' : i === 2 ? ' ' : ' · '}<span class=${outcome} style=${outcome === 'part' ? '' : `border-bottom: 3px solid ${colour}`}>${part}</span>`;
    });
  }

  /**
   * The comparison means its too-large run to diverge: a run above 2/λmax diverging is the lesson, said in its
   * own panel (its status, in its colour); only a run below the limit diverging gets the red warning.
   */
  private unexpectedDivergence(): { step: number } | undefined {
    const limit = stabilityLimit(this.problem);
    const steps = this.training.views.filter((view) => view.divergence && view.spec.learningRate <= limit).map((view) => view.divergence!.update);
    return steps.length ? { step: Math.min(...steps) } : undefined;
  }

  private lossPlot(views: RunView[], geometry: typeof SINGLE_LOSS, clipId: string) {
    const series = views.map((view, i) => ({
      points: view.points.map((p) => [p.update, lossAt(this.problem, p.beta)] as const),
      colour: this.comparing ? RUN_STYLES[i]!.colour : RUN_STYLES[1].colour,
    }));
    const start = lossAt(this.problem, [0, 0]);
    const label = `Loss curve${views.length > 1 ? 's' : ''}: full-data MSE against step on a log scale, from ${formatValue(start)} at β = (0, 0); the dashed line is L(β̂) = ${formatValue(this.problem.minimumLoss)}`;
    // A run past 2/λmax gets four more decades above the start, so its exponential growth shows as a line.
    const unstable = views.some((view) => view.spec.learningRate > stabilityLimit(this.problem));
    return renderLossPlot(geometry, series, { xMax: this.settings.steps, xLabel: 'step', minimumLoss: this.problem.minimumLoss, startLoss: unstable ? start * 1e4 : start, label, clipId });
  }

  private curvatureNote() {
    const { max, min } = this.problem.curvature;
    return html`<p class="note">H = (2/n)XᵀX: λmax = ${formatShort(max)}, λmin = ${formatShort(min)} — gradient descent diverges for η &gt; 2/λmax = ${formatShort(stabilityLimit(this.problem))}</p>`;
  }

  private renderSingle() {
    const picture = this.picture(SINGLE_MAP);
    const view = this.training.views[0];
    const style = RUN_STYLES[1];
    const paths = view ? [{ points: view.points.map((p) => p.beta as Beta), colour: style.colour, marker: style.marker, dots: true, label: 'gradient descent' }] : [];
    return html`
      <div class="single">
        ${renderMap(picture, paths, 'map-clip', `Loss contours over β₁ and β₂ (dark is low) with the path of gradient descent from (0, 0); true β at ${formatBeta2(this.problem.trueBeta)}, β̂ at ${formatBeta2(this.problem.estimate)}`)}
        <div class="panel">
          <div class="control">
            ${this.renderLearningRate(TRAJECTORY_LIMITS.lr)}
          </div>
          <p class="regime">${describeRegime(this.problem, this.learningRate, this.settings.steps)}</p>
          <div class="row">
            ${this.renderTransport()}
            <button class="toggle" aria-pressed="false" @click=${this.handleCompare}>Compare learning rates</button>
          </div>
          ${divergenceWarning(this.training.firstDivergence && { step: this.training.firstDivergence.update })}
          ${view ? html`<p role="status" aria-live="polite">${this.statusLine(view, picture, style.colour)}</p>` : nothing}
          ${this.lossPlot(this.training.views, SINGLE_LOSS, 'loss-clip')}
          <ul class="legend" aria-label="legend">
            <li>${runSwatch(style.colour, style.marker)}path from (0, 0)</li>
            ${problemLegend(this.problem)}
          </ul>
          ${this.curvatureNote()}
          <axon-code-panel .code=${pytorchScript(this.settings.problem, [this.learningRate], this.settings.steps)}></axon-code-panel>
        </div>
      </div>
    `;
  }

  private renderCompare() {
    const picture = this.picture(COMPARE_MAP);
    const rates = this.settings.compareRates;
    return html`
      <div class="compare">
        ${this.training.views.map((view, i) => {
          const style = RUN_STYLES[i]!;
          const eta = rates[i]!;
          const path = { points: view.points.map((p) => p.beta as Beta), colour: style.colour, marker: style.marker, dots: true, label: COMPARE_LABELS[i]! };
          return html`<figure>
            <figcaption>${runSwatch(style.colour, style.marker)}${COMPARE_LABELS[i]}: η = ${formatShort(eta)}</figcaption>
            ${renderMap(picture, [path], `map-clip-${i}`, `${COMPARE_LABELS[i]}, η = ${formatShort(eta)}: path of gradient descent over the loss contours`)}
            <p class="regime">${describeRegime(this.problem, eta, this.settings.steps)}</p>
            <p role="status" aria-live="polite" aria-label=${COMPARE_LABELS[i]}>${this.statusLine(view, picture, style.colour)}</p>
          </figure>`;
        })}
      </div>
      <div class="below">
        <div>
          ${this.lossPlot(this.training.views, COMPARE_LOSS, 'loss-clip')}
          <div class="row">
            <button class="toggle" aria-pressed="true" @click=${this.handleCompare}>Compare learning rates</button>
            <axon-code-panel .code=${pytorchScript(this.settings.problem, rates, this.settings.steps)}></axon-code-panel>
          </div>
        </div>
        <div class="panel">
          ${this.renderTransport()}
          ${divergenceWarning(this.unexpectedDivergence())}
          <ul class="legend" aria-label="legend">${problemLegend(this.problem)}</ul>
        </div>
      </div>
    `;
  }

  override render() {
    return html`
      ${this.renderWarningLines()}
      ${this.comparing ? this.renderCompare() : this.renderSingle()}
    `;
  }}

function formatBeta2([b1, b2]: Beta): string {
  return `(${formatShort(b1)}, ${formatShort(b2)})`;
}

customElements.define('gd-trajectory', GdTrajectory);

declare global {
  interface HTMLElementTagNameMap {
    'gd-trajectory': GdTrajectory;
  }
}
