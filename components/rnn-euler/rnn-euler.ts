/**
 * `<rnn-euler>`: Euler's method is a recurrence with fixed weights, sₙ₊₁ = sₙ + h f(sₙ) — for the linear
 * oscillator, multiplication by I + hA; an RNN learns its recurrence from data. Beside Euler, a small network
 * g (2 → hidden → 2, tanh, trained by the engine) learns the step map sₜ₊₁ = sₜ + h g(sₜ) from the pairs
 * (sₜ, sₜ₊₁) of one true trajectory, then rolls out autoregressively from a new start. The phase plane and the
 * time series show where the learned recurrence and Euler agree with the truth and where they drift.
 *
 * Attributes (a bad value shows a warning naming it, role=alert, and its default is used):
 * - `system` — `oscillator` (default; x″ = −ω²x − 2ζωx′, ω = 1) or `pendulum` (θ″ = −(g/L) sin θ − cθ′, g/L = 1).
 * - `h` — the step size, 0.01…0.5 (default 0.1).
 * - `damping` — ζ for the oscillator, c for the pendulum, 0…1 (default 0.1).
 * - `hidden` — hidden units of the learned step map, 4…64 (default 16).
 * - `steps` — rollout length (and the training trajectory's), 10…1000 (default 100).
 * - `epochs` — the training budget, full batch, 1…20000 (default 1500).
 * - `start` — the new start "x,v", each in −3…3 (default −1.4,1.4).
 * - `seed` — the network's initial weights (default 1).
 * Everything a student changes is kept in the page address (`?rnn-euler=h%3D0.3`).
 *
 * Controls: select `system`, sliders `step size h`, `damping`, `hidden units`; the phase plane is a button
 * (click or tap a new start, or arrow keys when focused); `Play` `Pause` `Step` (one epoch) `Reset`.
 * Status (role=status): `epoch 1500 · loss 1.48 × 10⁻⁵ · at t = 10: Euler off by 0.325, learned by 0.0278`.
 *
 * Idle until its slide is shown, paused while hidden; `settle()` trains to the epoch budget (the handout).
 *
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the learned recurrence (default #1d4ed8).
 * @cssprop --axon-accent-2 — Euler's rollout (default #b45309).
 * @cssprop --axon-bg — the widget's background, inside the start marker (default #ffffff).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 */
import { html } from 'lit';
import type { LayerWeights } from '../../engine/mlp.ts';
import type { Trainer } from '../../engine/trainer.ts';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import type { ResolvedSettings } from '../shared/runtime/settings.ts';
import { TrainingController } from '../shared/training-controller.ts';
import { divergenceWarning, transportControls } from '../shared/transport.ts';
import {
  DEFAULT_START,
  LIMITS,
  PLANE_RADIUS,
  SYSTEMS,
  SYSTEM_TEXT,
  distanceAt,
  eulerRollout,
  formatError,
  formatValue,
  learnedRollout,
  rnnEulerSettings,
  trainerSpec,
  trainingLoss,
  trainingPairs,
  trueTrajectory,
  type EulerSettings,
  type SystemName,
  type Trajectory,
} from './rnn-euler.model.ts';
import { rnnEulerStyles } from './rnn-euler.styles.ts';
import { fixedWeights, phasePlane, planeScales, timeSeries, type Rollouts } from './rnn-euler.views.ts';

/** A run of the default 1500 epochs takes about 4 s: slow enough to watch the learned rollout settle on the truth. */
const WATCH_SECONDS = 4;
const MIN_EPOCHS_PER_SECOND = 150;
/** An arrow key moves the new start this far; a click lands on this grid. */
const KEY_STEP = 0.1;
const CLICK_GRID = 0.05;

export class RnnEuler extends axonElement(rnnEulerSettings) {
  static override styles = rnnEulerStyles;

  static override properties = stateProperties('settings', 'picture');

  /** The settings of the current run (attributes and the URL, then the controls). */
  declare private settings: EulerSettings;
  /** What the learned map is drawn from: its weights, epoch and training loss (float64, over the pairs). */
  declare private picture: { epoch: number; loss: number; layers: LayerWeights[] } | undefined;

  /** The training pairs of the current run, and their trajectory (drawn as points). */
  private data = trainingPairs({ system: 'oscillator', damping: 0.1, h: 0.1, steps: 10 });
  private truth: Trajectory | undefined;
  private euler: Trajectory | undefined;
  private learned: Trajectory | undefined;

  private readonly training = new TrainingController(this, {
    autoplay: () => false,
    onReadout: (_readout, trainer) => this.handleReadout(trainer),
    pace: { seconds: WATCH_SECONDS, minStepsPerSecond: MIN_EPOCHS_PER_SECOND },
    handout: this.handout,
  });

  /** Back on the page after being removed (its trainer was freed): train afresh with the settings it had. */
  protected override reconnected(): void {
    this.restart(false);
    if (this.handout.asked) void this.settle();
  }

  protected override settingsChanged({ values }: ResolvedSettings<EulerSettings>): void {
    this.settings = { ...values, start: [...values.start] };
    this.restart(this.training.running);
  }

  /** Trains the current run to its epoch budget as fast as possible; resolves with `settled`. */
  override async settle(): Promise<void> {
    // Asked before the first update (a page that appends the element and settles it at once): the run starts there.
    if (!this.hasUpdated) await this.updateComplete;
    return this.training.settle({ maxEpochs: 300 });
  }

  /** A fresh run: new training pairs, truth and Euler, an untrained network; keeps training if `keepPlaying`. */
  private restart(keepPlaying: boolean): void {
    if (!keepPlaying) this.training.pause();
    this.data = trainingPairs(this.settings);
    this.picture = undefined;
    this.learned = undefined;
    this.rollFromStart();
    void this.training.start(trainerSpec(this.settings), this.data, this.settings.epochs);
  }

  /** The truth, Euler and (with weights) the learned recurrence from the new start. */
  private rollFromStart(): void {
    const { system, damping, h, steps, start } = this.settings;
    const s = [start[0]!, start[1]!] as const;
    this.truth = trueTrajectory(system, damping, s, h, steps);
    this.euler = eulerRollout(system, damping, s, h, steps);
    this.learned = this.picture ? learnedRollout(this.picture.layers, s, h, steps) : undefined;
  }

  /** The network as it is now: its weights read back, the learned rollout and the training loss from them. */
  private async handleReadout(trainer: Trainer): Promise<void> {
    const epoch = trainer.epochs;
    const data = this.data;
    const layers = await this.training.read(trainer, (t) => t.readWeights());
    if (!layers || data !== this.data) return;
    this.picture = { epoch, loss: trainingLoss(layers, data), layers };
    this.rollFromStart();
    this.training.pictured(epoch);
  }

  /** A student changed a setting: kept in the page address; a change of the system, h, damping or hidden retrains. */
  private change(changes: Partial<EulerSettings>, retrain: boolean): void {
    this.settings = { ...this.settings, ...changes };
    this.keepSettings(this.settings);
    if (retrain) this.restart(this.training.running);
    else {
      this.rollFromStart();
      this.requestUpdate();
    }
  }

  private handleSystem(event: Event): void {
    const system = (event.target as HTMLSelectElement).value as SystemName;
    if (system !== this.settings.system) this.change({ system, start: [...DEFAULT_START[system]] }, true);
  }

  private handleNumber(name: 'h' | 'damping' | 'hidden', event: Event): void {
    const value = Number((event.target as HTMLInputElement).value);
    if (value !== this.settings[name]) this.change({ [name]: value }, true);
  }

  /** Moves the new start (clamped to the plane and to the attribute's range); the network is not retrained. */
  private moveStart(x: number, v: number): void {
    const r = Math.min(PLANE_RADIUS[this.settings.system], LIMITS.start.max);
    const clamp = (value: number) => Number(Math.max(-r, Math.min(r, value)).toFixed(2));
    this.change({ start: [clamp(x), clamp(v)] }, false);
  }

  /** A click or tap on the plane starts the rollouts there (measured under reveal's CSS scaling, not assumed). */
  private readonly handlePlanePointer = (event: PointerEvent): void => {
    const target = event.currentTarget as SVGGraphicsElement;
    const svgElement = target.ownerSVGElement;
    if (!svgElement) return;
    event.preventDefault();
    const box = svgElement.getBoundingClientRect();
    const viewBox = svgElement.viewBox.baseVal;
    const px = viewBox.x + ((event.clientX - box.left) * viewBox.width) / box.width;
    const py = viewBox.y + ((event.clientY - box.top) * viewBox.height) / box.height;
    const { x, y } = planeScales(this.settings.system);
    const snap = (value: number) => Math.round(value / CLICK_GRID) * CLICK_GRID;
    target.focus({ preventScroll: true });
    this.moveStart(snap(x.invert(px)), snap(y.invert(py)));
  };

  private readonly handlePlaneKey = (event: KeyboardEvent): void => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    // NOTE - the deck's keyboard rule gives arrows to a focused control; this keeps them off the page too.
    event.stopPropagation();
    const [x, v] = this.settings.start;
    this.moveStart(x! + move[0] * KEY_STEP, v! + move[1] * KEY_STEP);
  };

  private rollouts(): Rollouts {
    const { system, h, steps, start } = this.settings;
    return { system, h, steps, truth: this.truth!, euler: this.euler!, learned: this.learned, training: this.data.trajectory, start: [start[0]!, start[1]!] };
  }

  private renderStatus(): string {
    if (this.training.error) return `no training: ${this.training.error}`;
    const { h, steps } = this.settings;
    const picture = this.picture;
    const end = `at t = ${formatValue(steps * h)}: Euler off by ${formatError(distanceAt(this.euler!, this.truth!, steps))}`;
    if (!picture || !this.learned) return `epoch 0 · loss … · ${end}`;
    const done = picture.epoch >= this.settings.epochs ? ' · done' : '';
    return `epoch ${picture.epoch} · loss ${formatValue(picture.loss)} · ${end}, learned by ${formatError(distanceAt(this.learned, this.truth!, steps))}${done}`;
  }

  /** A slider: `label` is its accessible name, `shown` what the slide writes beside it (with the symbol). */
  private renderSlider(name: 'h' | 'damping' | 'hidden', label: string, shown: string, range: { min: number; max: number }, step: number) {
    const value = this.settings[name];
    return html`<label class="control">
      <span>${shown}</span>
      <span class="value" aria-hidden="true">${value}</span>
      <input type="range" aria-label=${label} min=${range.min} max=${range.max} step=${step} .value=${String(value)}
        @input=${(event: Event) => this.handleNumber(name, event)} />
    </label>`;
  }

  override render() {
    const settings = this.settings;
    const text = SYSTEM_TEXT[settings.system];
    const rollouts = this.rollouts();
    return html`
      ${this.renderWarnings()}
      ${this.renderAlert(this.training.error)}
      <div class="layout">
        <div class="column">
          ${phasePlane(rollouts, { onPointer: this.handlePlanePointer, onKey: this.handlePlaneKey })}
          <ul class="legend" aria-hidden="true">
            <li><svg viewBox="0 0 40 16"><line class="truth" x1="2" x2="38" y1="8" y2="8"></line></svg>truth</li>
            <li><svg viewBox="0 0 40 16"><line class="euler" x1="2" x2="38" y1="8" y2="8"></line></svg>Euler</li>
            <li><svg viewBox="0 0 40 16"><line class="learned" x1="2" x2="38" y1="8" y2="8"></line></svg>learned</li>
            <li><svg viewBox="0 0 40 16"><circle class="data" cx="12" cy="8" r="4"></circle><circle class="data" cx="28" cy="8" r="4"></circle></svg>training data</li>
          </ul>
        </div>
        <div class="column">
          ${timeSeries(rollouts)}
          ${fixedWeights(settings.system, settings.damping, settings.h)}
          <p class="learned-form">Learned: s<sub>t+1</sub> = s<sub>t</sub> + h·g(s<sub>t</sub>), g a 2→${settings.hidden}→2 tanh net fit to ${this.data.inputs.length} pairs of one trajectory</p>
        </div>
        <div class="column">
          <label class="control">
            <span>system</span>
            <select aria-label="system" .value=${settings.system} @change=${this.handleSystem}>
              ${SYSTEMS.map((s) => html`<option value=${s} ?selected=${s === settings.system}>${SYSTEM_TEXT[s].label}</option>`)}
            </select>
          </label>
          <p class="hint">${text.equation}, <span class="nowrap">${text.constant}</span></p>
          ${this.renderSlider('h', 'step size h', 'step size h', LIMITS.h, 0.01)}
          ${this.renderSlider('damping', 'damping', settings.system === 'oscillator' ? 'damping ζ' : 'damping c', LIMITS.damping, 0.01)}
          ${this.renderSlider('hidden', 'hidden units', 'hidden units', LIMITS.hidden, 1)}
          ${transportControls({
            running: this.training.running,
            canContinue: this.training.canContinue,
            onPlay: () => this.training.play(),
            onPause: () => this.training.pause(),
            onStep: () => void this.training.step(),
            onReset: () => this.restart(false),
          })}
          ${divergenceWarning(this.training.divergence)}
        </div>
      </div>
      <p role="status">${this.renderStatus()}</p>
    `;
  }
}

customElements.define('rnn-euler', RnnEuler);

declare global {
  interface HTMLElementTagNameMap {
    'rnn-euler': RnnEuler;
  }
}
