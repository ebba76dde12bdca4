/**
 * `<feature-scaling>`: why features are standardised. One linear neuron predicts a house's price from its
 * area (ft², 500–3500) and its number of rooms (1–6), trained by full-batch gradient descent on the shared
 * engine twice, side by side: on the raw features (only centred) and on standardised ones (centred and
 * divided by the training split's standard deviations). Each panel shows the MSE's contours over (w1, w2)
 * with the descent path, the Hessian's eigenvalues, κ = λmax/λmin and the largest stable learning rate
 * 2/λmax; one plot shows both loss curves. With one learning rate for both, the rate that suits the
 * standardised bowl (κ ≈ 5) makes the raw valley (κ ≈ 10⁶) diverge; at the raw valley's own largest stable
 * rate, descent crawls along it.
 *
 * The model (stated on the widget): ŷ − ȳ = w1·x1 + w2·x2 on centred features and price (training means),
 * so the bias sits at its optimum, decoupled, and the contours are the whole loss; the two panels are the
 * same model in different units. Everything about the data comes from the training split (75 %); the test
 * MSE uses the training statistics.
 *
 * Attributes (a bad value shows a warning naming it, role=alert, and its default is used):
 * - `lr` (or `learning-rate`) — learning rate η of both panels (or of the standardised one when `raw-lr` is set), 1e-9…2
 *   (default 0.25).
 * - `raw-lr` — a separate η for the raw panel, 1e-9…2, or `none` (default: none, one η for both).
 * - `steps` — gradient-descent steps per run (the handout state), 1…1000 (default 40).
 * - `points` — houses generated, 10…1000 (default 80; 75 % train).
 * - `seed` — the houses and the split, a whole number (default 1).
 * - `autoplay` — boolean: train as soon as the slide is shown.
 * Learning rates set on the widget are kept in the page URL (defaults < attributes < URL).
 *
 * Controls (accessible names): toggle button `one learning rate` (pressed: one slider `learning rate`; not
 * pressed: sliders `raw learning rate` and `standardised learning rate`, log scale 10⁻⁸…1), button
 * `largest stable rates` (each panel at 0.9 · 2/λmax), `Play` `Pause` `Step` `Reset` (Step = one GD step
 * of both runs), `Show code`. Status (role=status): per panel the step, (w1, w2) and the training MSE, or
 * the divergence.
 *
 * Idle until its slide is shown, pauses when hidden, frees its tensors when removed. `settled` resolves once
 * both runs have reached `steps` (or diverged) and are drawn; `settle()` gets there at once (the handout
 * contract, components/shared/handout.ts; Play does so under prefers-reduced-motion).
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
import { axisTicks, contourBands, mapScales, type ContourBand, type MapDomain, type PlotBox } from '../shared/contour-map.ts';
import {
  LEARNING_RATE_SLIDER,
  curvature,
  descentHistory,
  formatNumber,
  makeHouses,
  meanSquaredError,
  optimum,
  parseScalingAttributes,
  scalingSettings,
  pytorchCode,
  trainerSpec,
  verdict,
  type Curvature,
  type DescentStep,
  type Houses,
  type ScaledData,
  type Scaling,
  type ScalingSettings,
  type Weights,
} from './feature-scaling.model.ts';
import { warningStyles } from '../shared/warning.ts';

/** A map's SVG geometry (SVG units ≈ CSS px at the usual size). */
const MAP = { width: 370, height: 330, box: { left: 66, top: 10, width: 290, height: 262 } as PlotBox } as const;
const LOSS = { width: 400, height: 190, box: { left: 62, top: 10, width: 326, height: 136 } as PlotBox } as const;
/** A default run of 40 steps takes 4 s: slow enough to follow each step. */
const WATCH_SECONDS = 4;
/** Levels drawn, as fractions of the way from the minimum loss L* to the loss at the start L(0). */
const LEVEL_FRACTIONS = [0.01, 0.04, 0.1, 0.2, 0.35, 0.55, 0.8, 1.1, 1.5, 2];
const STYLE: Record<Scaling, { colour: string; dash: string; label: string }> = {
  raw: { colour: '#b45309', dash: '8 5', label: 'raw' },
  standardised: { colour: '#1d4ed8', dash: '', label: 'standardised' },
};

/** One panel's run as drawn: (w1, w2) after each step read back, from w = 0 (`path`: the points of `series`). */
interface RunView {
  series: ReturnType<typeof descentHistory>;
  path: readonly DescentStep[];
  divergedAt: number | undefined;
}
const freshView = (): RunView => ({ series: descentHistory(), path: [], divergedAt: undefined });

/** One panel's fixed picture (depends on data only). */
interface PanelPicture {
  data: ScaledData;
  curvature: Curvature;
  optimum: Weights;
  domain: MapDomain;
  bands: ContourBand[];
  /** How much more w1 is stretched than w2 on screen (1 = to scale). */
  stretch: number;
}

export class FeatureScaling extends LitElement implements HandoutWidget {
  static override styles = [
    warningStyles,
    transportStyles,
    css`
      :host { display: block; max-width: 1200px; margin: 0 auto; font-size: 20px; line-height: 1.25; color: inherit; text-align: left; }
      .layout { display: grid; grid-template-columns: minmax(0, 370fr) minmax(0, 370fr) minmax(0, 420fr); gap: 0 16px; align-items: start; }
      .panel { margin: 0; min-width: 0; }
      .panel h3 { margin: 0; font-size: 0.95em; font-weight: 700; display: flex; align-items: center; gap: 0.4em; }
      .panel .sub { font-weight: 400; font-size: 0.8em; opacity: 0.9; }
      svg { display: block; width: 100%; height: auto; overflow: hidden; }
      svg text { fill: currentColor; font-family: inherit; }
      .tick { font-size: 16px; font-variant-numeric: tabular-nums; }
      .axis-label { font-size: 17px; font-style: italic; }
      .frame { fill: none; stroke: currentColor; stroke-width: 1.5; }
      .band { stroke: rgba(0, 0, 0, 0.35); stroke-width: 0.8; }
      .halo { fill: none; stroke: #ffffff; stroke-opacity: 0.9; stroke-width: 6; stroke-linejoin: round; }
      .path { fill: none; stroke-width: 3; stroke-linejoin: round; stroke-linecap: round; }
      .dot { stroke: #ffffff; stroke-width: 1.5; }
      .optimum { stroke: #ffffff; stroke-width: 4; stroke-linecap: round; }
      .optimum-inner { stroke: #111827; stroke-width: 2; stroke-linecap: round; }
      .grid { stroke: currentColor; stroke-opacity: 0.15; }
      .loss { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
      .floor { stroke: currentColor; stroke-opacity: 0.6; stroke-dasharray: 2 4; }
      table { border-collapse: collapse; font-size: 0.78em; font-variant-numeric: tabular-nums; width: 100%; }
      td, th { padding: 0 0.3em; text-align: right; font-weight: 400; white-space: nowrap; }
      th { text-align: left; }
      .verdict { margin: 0.1em 0 0; font-size: 0.82em; font-weight: 700; }
      .verdict.bad { color: #b91c1c; }
      .side { display: flex; flex-direction: column; gap: 0.35em; min-width: 0; }
      .control { display: grid; grid-template-columns: 7.6em minmax(0, 1fr) 4.6em; align-items: center; gap: 0.4em; }
      .control .value { text-align: right; font-variant-numeric: tabular-nums; font-size: 0.9em; }
      input[type='range'] { width: 100%; min-height: 1.5em; margin: 0; accent-color: var(--axon-accent, #1d4ed8); }
      .buttons { display: flex; gap: 0.4em; flex-wrap: wrap; }
      .toggle, .preset {
        font: inherit; font-size: 0.9em; color: inherit; background: transparent; cursor: pointer;
        border: 2px solid currentColor; border-radius: 6px; padding: 0.1em 0.6em;
      }
      .toggle[aria-pressed='true'] { background: var(--axon-accent, #1d4ed8); border-color: var(--axon-accent, #1d4ed8); color: #ffffff; }
      :is(input, button):focus-visible { outline: 3px solid var(--axon-focus, #f59e0b); outline-offset: 2px; }
      [role='status'] { font-variant-numeric: tabular-nums; font-size: 0.82em; }
      [role='status'] p { margin: 0; }
      .note { margin: 0; font-size: 0.75em; line-height: 1.25; }
      .legend { display: flex; gap: 0.9em; margin: 0; padding: 0; list-style: none; font-size: 0.8em; }
      .legend svg { display: inline-block; width: 2em; height: 0.8em; vertical-align: middle; }
      axon-code-panel { font-size: 0.8em; }
      .side:has(axon-code-panel[open]) .loss-plot { display: none; }
    `,
  ];

  static override properties = {
    ...scalingSettings.properties,
    settings: { state: true },
  };

  /** Train as soon as the slide is shown (the `autoplay` attribute). */
  private autoplayOn = false;
  /** The current settings (attributes, then the URL, then the controls). */
  declare private settings: ScalingSettings;

  private warnings: string[] = [];
  private houses: Houses | undefined;
  private pictures: Partial<Record<Scaling, PanelPicture>> = {};
  private views: Record<Scaling, RunView> = { raw: freshView(), standardised: freshView() };
  private started: Promise<void> = Promise.resolve();
  /** Keeps the handout contract: `settled` per pair of runs, and whether `settle()` was asked (restarted runs go to `steps` too). */
  private readonly handout = new HandoutLatch(this);
  private readonly reducedMotion = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;

  private readonly training: Record<Scaling, TrainingController> = {
    raw: this.controller('raw'),
    standardised: this.controller('standardised'),
  };

  /** Resolves once both runs have reached `steps` (or diverged) and are drawn; a new run gets a new promise. */
  get settled(): Promise<void> {
    return this.handout.settled;
  }

  constructor() {
    super();
    this.settings = parseScalingAttributes({}).settings;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after being removed (its trainers were freed): train afresh.
    if (!this.hasUpdated) return;
    this.restart(false);
    if (this.handout.asked) void this.settle();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The first update reads too: with no attribute written no property changes, but the URL may hold values.
    if (!this.hasUpdated || scalingSettings.touches(changed)) {
      const { values, warnings } = scalingSettings.resolve(this);
      const { autoplay, ...settings } = values;
      this.autoplayOn = autoplay;
      this.warnings = warnings;
      this.settings = settings;
      this.restart(false);
    }
  }

  /** Trains both runs to `steps` (or their divergence) at once, every step read back; resolves with `settled`. */
  settle(): Promise<void> {
    return this.handout.settle(async () => {
      await this.started;
      for (const scaling of ['raw', 'standardised'] as const) {
        // One step at a time: every step is read back, so the path shows each one.
        await this.training[scaling].trainToBudget({ maxEpochs: 1 });
      }
      this.checkSettled();
    });
  }

  private controller(scaling: Scaling): TrainingController {
    return new TrainingController(this, {
      autoplay: () => this.autoplayOn,
      onReadout: (readout, trainer) => this.handleReadout(scaling, readout, trainer),
      pace: { seconds: WATCH_SECONDS, minStepsPerSecond: 2 },
    });
  }

  /** Starts both runs afresh from w = 0 with the current settings. */
  private restart(keepPlaying: boolean): void {
    if (!keepPlaying) for (const t of Object.values(this.training)) t.pause();
    const { points, seed, steps } = this.settings;
    if (this.houses?.all.inputs.length !== points || this.houseSeed !== seed) {
      this.houses = makeHouses(points, seed);
      this.houseSeed = seed;
      this.pictures = {};
    }
    const houses = this.houses;
    this.handout.renew();
    this.views = { raw: freshView(), standardised: freshView() };
    this.started = Promise.all(
      (['raw', 'standardised'] as const).map((scaling) => {
        const data = houses[scaling];
        return this.training[scaling].start(trainerSpec(this.rate(scaling), seed, scaling), { inputs: data.train, targets: data.trainTargets.map((y) => [y]) }, steps);
      }),
    ).then(() => {
      if (this.training.raw.error || this.training.standardised.error) this.handout.resolveWhenDrawn();
    });
  }

  private houseSeed: number | undefined;

  private rate(scaling: Scaling): number {
    return scaling === 'raw' ? (this.settings.rawLearningRate ?? this.settings.learningRate) : this.settings.learningRate;
  }

  /** Records the weights after each readback (the run starts at w = 0, written at its first readout). */
  private handleReadout(scaling: Scaling, readout: Readout, trainer: Trainer): void {
    if (trainer !== this.training[scaling].trainer && this.training[scaling].trainer !== undefined) return;
    if (readout.step === 0 && trainer.steps === 0) trainer.writeWeights([{ weights: [[0], [0]], biases: [0] }]);
    const [layer] = trainer.latestWeights;
    const w: Weights = [layer!.weights[0]![0]!, layer!.weights[1]![0]!];
    const data = this.houses![scaling];
    const view = this.views[scaling];
    // NOTE - the step the read-back weights belong to: more steps may have been queued since (Play and settle()).
    const step = readout.epoch;
    const last = view.path.at(-1);
    if (!last || last.step < step) {
      view.series.push({ step, w, loss: meanSquaredError(w, data.train, data.trainTargets) });
      view.path = view.series.points();
    }
    if (trainer.divergence && view.divergedAt === undefined) view.divergedAt = trainer.divergence.step;
    this.checkSettled();
  }

  private checkSettled(): void {
    const done = (['raw', 'standardised'] as const).every((scaling) => {
      const view = this.views[scaling];
      return view.divergedAt !== undefined || view.path.at(-1)?.step === this.settings.steps;
    });
    if (done) this.handout.resolveWhenDrawn();
  }

  private handlePlay = (): void => {
    if (this.reducedMotion?.matches) {
      void this.settle();
      return;
    }
    for (const t of Object.values(this.training)) if (!t.done && !t.divergence) t.play();
  };

  private handlePause = (): void => {
    for (const t of Object.values(this.training)) t.pause();
  };

  private handleStep = (): void => {
    for (const t of Object.values(this.training)) void t.step();
  };

  private handleReset = (): void => {
    this.restart(false);
  };

  private setRates(learningRate: number, rawLearningRate: number | null): void {
    this.settings = { ...this.settings, learningRate, rawLearningRate };
    scalingSettings.keep(this, { ...this.settings, autoplay: this.autoplayOn });
    this.restart(false);
  }

  private handleRate(which: 'both' | Scaling, event: Event): void {
    const rate = Number((10 ** Number((event.target as HTMLInputElement).value)).toPrecision(3));
    if (which === 'both') this.setRates(rate, null);
    else if (which === 'raw') this.setRates(this.settings.learningRate, rate);
    else this.setRates(rate, this.settings.rawLearningRate ?? this.settings.learningRate);
  }

  private handleLink = (): void => {
    const linked = this.settings.rawLearningRate === null;
    this.setRates(this.settings.learningRate, linked ? this.settings.learningRate : null);
  };

  private handleStableRates = (): void => {
    const rate = (s: Scaling) => Number((0.9 * this.picture(s).curvature.stableRate).toPrecision(3));
    this.setRates(rate('standardised'), rate('raw'));
  };

  // ---- rendering ---------------------------------------------------------------------------------------

  /** The panel's fixed picture: curvature, optimum, window and contour bands (computed once per data set). */
  private picture(scaling: Scaling): PanelPicture {
    const cached = this.pictures[scaling];
    if (cached) return cached;
    const houses = this.houses!;
    const data = houses[scaling];
    const c = curvature(data.train);
    const best = optimum(data.train, data.trainTargets);
    const lowest = meanSquaredError(best, data.train, data.trainTargets);
    const start = meanSquaredError([0, 0], data.train, data.trainTargets);
    const span = (value: number): [number, number] => {
      const pad = 0.22 * Math.abs(value);
      return [Math.min(0, value) - pad, Math.max(0, value) + pad];
    };
    let domain: MapDomain = { x: span(best[0]), y: span(best[1]) };
    if (scaling === 'standardised') {
      // Equal scales on both axes, so the bowl's shape (and that each step is perpendicular to the contours) is true.
      const width = Math.max(domain.x[1] - domain.x[0], ((domain.y[1] - domain.y[0]) * MAP.box.width) / MAP.box.height);
      const mid = (domain.y[0] + domain.y[1]) / 2;
      const height = (width * MAP.box.height) / MAP.box.width;
      domain = { x: [domain.x[0], domain.x[0] + width], y: [Math.min(domain.y[0], mid - height / 2), Math.min(domain.y[0], mid - height / 2) + height] };
    }
    const stretch = ((domain.y[1] - domain.y[0]) / MAP.box.height) / ((domain.x[1] - domain.x[0]) / MAP.box.width);
    const levels = LEVEL_FRACTIONS.map((f) => lowest + f * (start - lowest));
    const bands = contourBands(([w1, w2]) => meanSquaredError([w1, w2], data.train, data.trainTargets), domain, MAP.box, levels, 70);
    const picture = { data, curvature: c, optimum: best, domain, bands, stretch };
    this.pictures[scaling] = picture;
    return picture;
  }

  private renderMap(scaling: Scaling) {
    const picture = this.picture(scaling);
    const { box } = MAP;
    const { x, y } = mapScales(picture.domain, box);
    const style = STYLE[scaling];
    const view = this.views[scaling];
    const clamp = (v: number) => Math.max(-1e4, Math.min(1e4, v));
    const points = view.path.map((p) => `${clamp(x(p.w[0])).toFixed(1)},${clamp(y(p.w[1])).toFixed(1)}`).join(' ');
    const last = view.path.at(-1);
    const [ox, oy] = [x(picture.optimum[0]), y(picture.optimum[1])];
    const colour = (i: number) => `hsl(215 45% ${30 + (i * 55) / LEVEL_FRACTIONS.length}%)`;
    const clip = `clip-${scaling}`;
    const unit = scaling === 'raw' ? ['k$ per ft²', 'k$ per room'] : ['k$ per s.d. of area', 'k$ per s.d. of rooms'];
    return html`<svg viewBox="0 0 ${MAP.width} ${MAP.height}" role="img"
      aria-label=${`MSE contours over w1 and w2, ${style.label} features, with the gradient-descent path from w = 0${last ? ` to (${formatNumber(last.w[0])}, ${formatNumber(last.w[1])}) at step ${last.step}` : ''}; minimum at (${formatNumber(picture.optimum[0])}, ${formatNumber(picture.optimum[1])})`}>
      <defs><clipPath id=${clip}><rect x=${box.left} y=${box.top} width=${box.width} height=${box.height}></rect></clipPath></defs>
      <g clip-path="url(#${clip})">
        <rect x=${box.left} y=${box.top} width=${box.width} height=${box.height} fill=${colour(0)}></rect>
        ${picture.bands.map((band, i) => svg`<path class="band" d=${band.d} fill=${colour(i + 1)}></path>`)}
        <path class="optimum" d="M${ox - 7} ${oy - 7}L${ox + 7} ${oy + 7}M${ox + 7} ${oy - 7}L${ox - 7} ${oy + 7}"></path>
        <path class="optimum-inner" d="M${ox - 7} ${oy - 7}L${ox + 7} ${oy + 7}M${ox + 7} ${oy - 7}L${ox - 7} ${oy + 7}"></path>
        <polyline class="halo" points=${points}></polyline>
        <polyline class="path" points=${points} stroke=${style.colour} stroke-dasharray=${style.dash || nothing}></polyline>
        ${view.path.map((p) => svg`<circle class="dot" cx=${clamp(x(p.w[0]))} cy=${clamp(y(p.w[1]))} r="4" fill=${style.colour}></circle>`)}
      </g>
      <rect class="frame" x=${box.left} y=${box.top} width=${box.width} height=${box.height}></rect>
      ${axisTicks(x, 4).map((t) => svg`<text class="tick" x=${t.at} y=${box.top + box.height + 19} text-anchor="middle">${t.label}</text>`)}
      ${axisTicks(y, 5).map((t) => svg`<text class="tick" x=${box.left - 6} y=${t.at + 5} text-anchor="end">${t.label}</text>`)}
      <text class="axis-label" x=${box.left + box.width / 2} y=${MAP.height - 8} text-anchor="middle">w₁ (${unit[0]})</text>
      <text class="axis-label" transform="translate(15 ${box.top + box.height / 2}) rotate(-90)" text-anchor="middle">w₂ (${unit[1]})</text>
    </svg>`;
  }

  private renderPanel(scaling: Scaling) {
    const picture = this.picture(scaling);
    const c = picture.curvature;
    const rate = this.rate(scaling);
    const said = verdict(c, rate, this.settings.steps);
    const ratio = rate / c.stableRate;
    const scale = picture.stretch > 1.5 ? html`<span class="sub">(axes not to scale: w₁ ×${formatNumber(picture.stretch, 2)})</span>` : html`<span class="sub">(axes to scale)</span>`;
    return html`<figure class="panel" data-scaling=${scaling}>
      <h3><span style="color:${STYLE[scaling].colour}">${scaling === 'raw' ? 'Raw' : 'Standardised'}</span>${scale}</h3>
      ${this.renderMap(scaling)}
      <table aria-label=${`${scaling} curvature`}>
        <tr><th>λmax, λmin</th><td>${formatNumber(c.lambdaMax)}, ${formatNumber(c.lambdaMin)}</td></tr>
        <tr><th>κ = λmax/λmin</th><td data-quantity="condition">${formatNumber(c.condition)}</td></tr>
        <tr><th>largest stable η</th><td data-quantity="stable-rate">2/λmax = ${formatNumber(c.stableRate)}</td></tr>
        <tr><th>η</th><td>${formatNumber(ratio, 2)} × 2/λmax</td></tr>
      </table>
      <p class="verdict ${said === 'diverges' || said === 'crawls' ? 'bad' : ''}">${VERDICT_TEXT[said]}</p>
    </figure>`;
  }

  private renderLossPlot() {
    const { box } = LOSS;
    const houses = this.houses!;
    const lowest = meanSquaredError(this.picture('standardised').optimum, houses.standardised.train, houses.standardised.trainTargets);
    const start = meanSquaredError([0, 0], houses.standardised.train, houses.standardised.trainTargets);
    const top = Math.ceil(Math.log10(start * 10));
    const bottom = Math.floor(Math.log10(lowest * 0.8));
    const x = (step: number) => box.left + (step / this.settings.steps) * box.width;
    const y = (loss: number) => box.top + ((top - Math.min(top, Math.max(bottom, Math.log10(loss)))) / (top - bottom)) * box.height;
    const decades = Array.from({ length: top - bottom + 1 }, (_, i) => bottom + i);
    const line = (scaling: Scaling) =>
      this.views[scaling].path
        .filter((p) => Number.isFinite(p.loss))
        .map((p, i) => `${i ? 'L' : 'M'}${x(p.step).toFixed(1)},${y(p.loss).toFixed(1)}`)
        .join('');
    return html`<svg class="loss-plot" viewBox="0 0 ${LOSS.width} ${LOSS.height}" role="img" aria-label="Training MSE against step, log scale, both runs; dotted: the minimum">
      ${decades.map((d) => svg`<line class="grid" x1=${box.left} x2=${box.left + box.width} y1=${y(10 ** d)} y2=${y(10 ** d)}></line>
        <text class="tick" x=${box.left - 6} y=${y(10 ** d) + 5} text-anchor="end">10${superscript(d)}</text>`)}
      <line class="floor" x1=${box.left} x2=${box.left + box.width} y1=${y(lowest)} y2=${y(lowest)}></line>
      ${(['raw', 'standardised'] as const).map((s) => svg`<path class="loss" d=${line(s)} stroke=${STYLE[s].colour} stroke-dasharray=${STYLE[s].dash || nothing}></path>`)}
      <rect class="frame" x=${box.left} y=${box.top} width=${box.width} height=${box.height}></rect>
      <text class="tick" x=${box.left} y=${box.top + box.height + 19} text-anchor="middle">0</text>
      <text class="tick" x=${box.left + box.width} y=${box.top + box.height + 19} text-anchor="middle">${this.settings.steps}</text>
      <text class="axis-label" x=${box.left + box.width / 2} y=${box.top + box.height + 19} text-anchor="middle">step</text>
      <text class="axis-label" transform="translate(14 ${box.top + box.height / 2}) rotate(-90)" text-anchor="middle">MSE</text>
    </svg>`;
  }

  private statusLine(scaling: Scaling): string {
    const training = this.training[scaling];
    const name = scaling === 'raw' ? 'raw' : 'standardised';
    if (training.error) return `${name}: no training — ${training.error}`;
    const view = this.views[scaling];
    if (view.divergedAt !== undefined) return `${name}: diverged at step ${view.divergedAt} — lower the learning rate`;
    const last = view.path.at(-1);
    if (!last) return `${name}: step 0`;
    const data = this.houses![scaling];
    const test = meanSquaredError(last.w, data.test, data.testTargets);
    return `${name}: step ${last.step} · w = (${formatNumber(last.w[0])}, ${formatNumber(last.w[1])}) · MSE ${formatNumber(last.loss, 4)} (test ${formatNumber(test, 4)})`;
  }

  private renderControls() {
    const linked = this.settings.rawLearningRate === null;
    const slider = (which: 'both' | Scaling, label: string, rate: number) => html`<label class="control">
      <span>${label}</span>
      <input type="range" aria-label=${which === 'both' ? 'learning rate' : `${which} learning rate`} aria-valuetext=${formatNumber(rate)}
        min=${LEARNING_RATE_SLIDER.min} max=${LEARNING_RATE_SLIDER.max} step=${LEARNING_RATE_SLIDER.step}
        .value=${String(Math.log10(rate))} @change=${(e: Event) => this.handleRate(which, e)} />
      <span class="value" aria-hidden="true">${formatNumber(rate)}</span>
    </label>`;
    return html`
      <div class="buttons">
        <button class="toggle" aria-pressed=${linked ? 'true' : 'false'} @click=${this.handleLink}>one learning rate</button>
        <button class="preset" @click=${this.handleStableRates}>largest stable rates</button>
      </div>
      ${linked
        ? slider('both', 'η (both)', this.settings.learningRate)
        : html`${slider('raw', 'η raw', this.rate('raw'))}${slider('standardised', 'η standardised', this.settings.learningRate)}`}
    `;
  }

  override render() {
    if (!this.houses) return nothing;
    const canContinue = (['raw', 'standardised'] as const).some((s) => this.training[s].trainer && !this.training[s].divergence && !this.training[s].done);
    const running = this.training.raw.running || this.training.standardised.running;
    const error = this.training.raw.error ?? this.training.standardised.error;
    const { featureMean, featureDeviation, train, test } = this.houses;
    return html`
      ${this.warnings.length ? html`<p class="warning" role="alert">&lt;feature-scaling&gt; ${this.warnings.join('; ')}</p>` : nothing}
      ${error ? html`<p class="warning" role="alert">&lt;feature-scaling&gt; no training engine: ${error}</p>` : nothing}
      <div class="layout">
        ${this.renderPanel('raw')}
        ${this.renderPanel('standardised')}
        <div class="side">
          ${this.renderControls()}
          ${transportControls({ running, canContinue, onPlay: this.handlePlay, onPause: this.handlePause, onStep: this.handleStep, onReset: this.handleReset })}
          <div role="status" aria-live="polite">
            <p>${this.statusLine('raw')}</p>
            <p>${this.statusLine('standardised')}</p>
          </div>
          ${this.renderLossPlot()}
          <ul class="legend" aria-hidden="true">
            ${(['raw', 'standardised'] as const).map((s) => html`<li><svg viewBox="0 0 40 16"><line x1="2" x2="38" y1="8" y2="8" stroke=${STYLE[s].colour} stroke-width="3" stroke-dasharray=${STYLE[s].dash || nothing}></line></svg>${STYLE[s].label}</li>`)}
            <li>✕ minimum</li>
          </ul>
          <p class="note">
            ŷ − ȳ = w₁x₁ + w₂x₂ on centred features and price, so the bias is at its optimum and the contours are the whole loss.
            Standardised: x divided by its s.d. (area ${formatNumber(featureDeviation[0])} ft², rooms ${formatNumber(featureDeviation[1])});
            means (${formatNumber(featureMean[0])} ft², ${formatNumber(featureMean[1])} rooms) and s.d. from the ${train.inputs.length} training houses only; ${test.inputs.length} held out.
          </p>
          <axon-code-panel .code=${pytorchCode(this.settings)}></axon-code-panel>
        </div>
      </div>
    `;
  }
}

const VERDICT_TEXT: Record<ReturnType<typeof verdict>, string> = {
  diverges: 'η > 2/λmax: diverges along the steep direction',
  oscillates: '1/λmax < η < 2/λmax: zigzags across the valley, converges',
  converges: 'η < 2/λmax: converges',
  crawls: 'stable, but crawls along the flat direction (small ηλmin)',
};

function superscript(exponent: number): string {
  const digits: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
  return String(exponent)
    .split('')
    .map((ch) => digits[ch] ?? ch)
    .join('');
}

customElements.define('feature-scaling', FeatureScaling);

declare global {
  interface HTMLElementTagNameMap {
    'feature-scaling': FeatureScaling;
  }
}
