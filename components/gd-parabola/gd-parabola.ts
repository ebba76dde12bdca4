/**
 * `<gd-parabola>`: gradient descent on L(w) = (w − 3)², one step at a time — the ball rolls down the
 * parabola, creeps for a small learning rate, zigzags for a large one and flies off above η = 1. The
 * example the README's "Adding a widget" walkthrough builds: a settings table, a stepper on the shared run
 * controller, the handout latch and the base styles, and nothing else.
 *
 * Attributes (README: Widgets): `lr` (alias `learning-rate`) 0.001–1.5 (default 0.1), `start` −10–10 (−2),
 * `steps` 1–1000 (30).
 *
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the curve (default #1d4ed8).
 * @cssprop --axon-accent-2 — the ball (default #b45309).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 */
import { scaleLinear } from 'd3-scale';
import { html, nothing, svg } from 'lit';
import { axonElement } from '../shared/runtime/axon-element.ts';
import { RunController, type Stepper } from '../shared/runtime/run-controller.ts';
import type { ResolvedSettings, SettingValues } from '../shared/runtime/settings.ts';
import { transportControls } from '../shared/transport.ts';
import { formatNumber } from '../shared/views/format-number.ts';
import { MINIMUM, descend, gdParabolaSettings, loss } from './gd-parabola.model.ts';
import { gdParabolaStyles } from './gd-parabola.styles.ts';

type Settings = SettingValues<typeof gdParabolaSettings.table>;

/** Farther than this from the minimum the run has left the picture far behind: it stops and says it diverged. */
const FAR = 100;

/** One run: w and the step count, advanced by the run controller. */
class ParabolaRun implements Stepper {
  readonly name = 'gd-parabola';
  /** Slow enough to follow each step with the eye. */
  readonly stepsPerSecond = 4;
  w: number;
  step = 0;

  constructor(private readonly settings: Settings) {
    this.w = settings.start;
  }

  get diverged(): boolean {
    return !(Math.abs(this.w - MINIMUM) < FAR);
  }

  get canContinue(): boolean {
    return this.step < this.settings.steps && !this.diverged;
  }

  advance(count: number): void {
    for (let i = 0; i < count && this.canContinue; i += 1) {
      this.w = descend(this.w, this.settings.learningRate);
      this.step += 1;
    }
  }

  reset(): void {
    this.w = this.settings.start;
    this.step = 0;
  }
}

const PLOT = { width: 480, height: 240, pad: 12 } as const;
const x = scaleLinear().domain([MINIMUM - 13, MINIMUM + 13]).range([PLOT.pad, PLOT.width - PLOT.pad]);
const y = scaleLinear().domain([0, 169]).range([PLOT.height - PLOT.pad, PLOT.pad]);
const CURVE = x.ticks(60).map((w, i) => `${i ? 'L' : 'M'}${x(w).toFixed(1)},${y(loss(w)).toFixed(1)}`).join('');

export class GdParabola extends axonElement(gdParabolaSettings) {
  static override styles = gdParabolaStyles;

  private settings: Settings = gdParabolaSettings.read({ attribute: () => null }).values;
  private readonly run = new RunController<ParabolaRun>(this, { handout: this.handout });

  /** Takes the run to its end at once (components/shared/handout.ts). */
  override settle(): Promise<void> {
    return this.run.settle();
  }

  /** Put back on the page: the run controller freed the run when the widget left, so build it again. */
  protected override reconnected(): void {
    this.run.start(new ParabolaRun(this.settings));
  }

  /** New settings (defaults < attributes < URL): a fresh run on them. */
  protected override settingsChanged({ values }: ResolvedSettings<Settings>): void {
    this.settings = values;
    this.run.start(new ParabolaRun(values));
  }

  private readonly handleRate = (event: Event): void => {
    const learningRate = Number((event.target as HTMLInputElement).value);
    this.keepSettings({ ...this.settings, learningRate });
    this.settings = { ...this.settings, learningRate };
    this.run.start(new ParabolaRun(this.settings));
  };

  override render() {
    const run = this.run.stepper;
    const w = run?.w ?? this.settings.start;
    const shown = Math.max(x.domain()[0]!, Math.min(x.domain()[1]!, w));
    return html`
      ${this.renderWarnings()}
      <svg viewBox="0 0 ${PLOT.width} ${PLOT.height}" role="img" aria-label="The parabola L(w) = (w − 3)² and the current w on it">
        ${svg`<path class="curve" d=${CURVE}></path>
        <circle class="point" cx=${x(shown)} cy=${y(Math.min(169, loss(shown)))} r="9"></circle>`}
      </svg>
      <label class="row">learning rate η
        <input type="range" min="0.01" max="1.2" step="0.01" .value=${String(this.settings.learningRate)} @input=${this.handleRate} aria-label="learning rate η" />
        <span>${this.settings.learningRate.toFixed(2)}</span>
      </label>
      ${transportControls({
        running: this.run.running,
        canContinue: this.run.canContinue,
        onPlay: () => this.run.play(),
        onPause: () => this.run.pause(),
        onStep: () => void this.run.step(),
        onReset: () => void this.run.reset(),
      })}
      <p role="status">
        step ${run?.step ?? 0} · w = ${formatNumber(w)} · L(w) = ${formatNumber(loss(w), { floor: 1e-6 })}
        ${run?.diverged ? html` · diverged: η above 1 makes every step overshoot further` : nothing}
      </p>
    `;
  }
}

customElements.define('gd-parabola', GdParabola);

declare global {
  interface HTMLElementTagNameMap {
    'gd-parabola': GdParabola;
  }
}
