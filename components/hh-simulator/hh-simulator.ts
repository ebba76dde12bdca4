/**
 * `<hh-simulator>`: the Hodgkin–Huxley membrane under a current step. Drag the injected current and watch
 * the membrane potential V(t) go from a damped wobble (below ≈ 2.24 µA/cm²) to a single spike, to
 * repetitive firing (from ≈ 6.26 µA/cm²); below it the gates m, h, n open and close, and beside it one of
 * the six rate functions α(V), β(V) with a marker at the present V as a replay cursor runs along the trace.
 *
 * Attributes (a bad value shows a warning on the widget and falls back to the default):
 * - `current` — injected current once the step is on, µA/cm², 0…50 (default 10). The slider starts here.
 * - `duration` — length of the simulated window, ms, 20…500 (default 100).
 * - `onset` — when the step switches on, ms, 0…duration, strictly before the end (default 10).
 * - `dt` — integration step, ms, 0.001…0.05 (default 0.01); duration/dt may be at most 100,000 steps.
 * - `method` — the integrator: `rk4` (classic Runge–Kutta, default) or `euler` (forward Euler).
 * The current a student sets with the slider is kept in the page address (`?hh-simulator=current%3D6.5`).
 *
 * Controls: a slider "injected current" (0…50 µA/cm², step 0.1), a select "rate functions" (α_m, β_m, α_h,
 * β_h, α_n, β_n; β_m first shown), a pressed-toggle button "Replay" (the cursor runs while pressed) and a
 * button "Download CSV" (`t_ms,V_mV,m,h,n`, one row per simulation step).
 * Status: "6 spikes in 100 ms · 66.7 Hz" — spikes are upward crossings of 0 mV in the whole window; the
 * rate is spikes per second of stimulation, count / (duration − onset).
 *
 * The replay runs (on the run controller's frame clock, components/shared/runtime/run-controller.ts) only
 * while its slide is shown, never under `prefers-reduced-motion` unless the user presses Replay; at rest the
 * cursor sits at the window's end.
 *
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the first data colour: curves, weights, the main run (default #1d4ed8).
 * @cssprop --axon-accent-2 — the second data colour: derivatives, biases, the compared run (default #b45309).
 * @cssprop --axon-bg — the widget's background (default #ffffff).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 */
import { html, type PropertyValues } from 'lit';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import { RunController, type Stepper } from '../shared/runtime/run-controller.ts';
import type { ResolvedSettings, SettingValues } from '../shared/runtime/settings.ts';
import { CURRENT_RANGE, DEFAULT_PROTOCOL, hhSimulatorSettings, stepCount, traceToCsv, type RateName, type StepProtocol } from './hh-simulator.model.ts';
import { formatTick } from './hh-simulator.plot.ts';
import { hhSimulatorStyles } from './hh-simulator.styles.ts';
import { GATES_PANEL, RATE_CHOICES, RATES_PANEL, VOLTAGE_PANEL, cursorIndex, drawingOf, gatesView, ratesView, voltageView, type Drawing } from './hh-simulator.views.ts';

/** Slider step, µA/cm²: fine enough to find the single-spike and repetitive-firing thresholds. */
const CURRENT_STEP = 0.1;
/** Most steps one simulation may take, so a slider drag stays within a frame. */
const MAX_STEPS = 100_000;
/** Real time one replay of the window takes, ms per simulated ms (clamped to 3…12 s). */
const REPLAY_SLOWDOWN = 60;
/** The replay's steps: one per millisecond of real time, so the cursor moves by the clock, frame by frame. */
const REPLAY_STEPS_PER_SECOND = 1000;

// The window is simulated at the first render: that render is the handout state (`settle()` also stops the replay).
export class HhSimulator extends axonElement(hhSimulatorSettings, { firstRender: true }) {
  static override styles = hhSimulatorStyles;

  static override properties = stateProperties('injectedCurrent', 'rateName', 'cursorTime');

  /** The current the slider is at, µA/cm². */
  declare private injectedCurrent: number;
  /** The rate function the rate plot shows. */
  declare private rateName: RateName;
  /** Where the replay cursor is, ms. */
  declare private cursorTime: number;

  private protocol: StepProtocol = { ...DEFAULT_PROTOCOL };
  private drawing: Drawing | null = null;
  private readonly reducedMotion = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
  /** The replay cursor's clock: it runs while Replay is pressed and the slide is shown. */
  private readonly replay = new RunController(this);

  constructor() {
    super();
    this.injectedCurrent = DEFAULT_PROTOCOL.current;
    this.rateName = 'betaM';
    this.cursorTime = DEFAULT_PROTOCOL.duration;
    // Replay is pressed from the start, unless the reader asked for less motion.
    if (!this.reducedMotion?.matches) this.replay.play();
  }

  override connectedCallback(): void {
    // Put back on the page, the base reads the settings again (`reconnected()`) before the replay goes on.
    super.connectedCallback();
    this.reducedMotion?.addEventListener('change', this.handleReducedMotion);
    // NOTE - the run controller left the clock when the widget left the page; a replay that was on goes on.
    this.replay.start(this.replayStepper());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.reducedMotion?.removeEventListener('change', this.handleReducedMotion);
  }

  /**
   * Put back on the page: the settings read again (a replay that was on goes on, see `connectedCallback`); a
   * `settle()` asked before is not repeated, so a replay pressed since then is not stopped.
   */
  protected override reconnected(): void {
    this.readSettings();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // `injectedCurrent` is private, so not among the typed keys of `changed`.
    if (!this.drawing || (changed as PropertyValues).has('injectedCurrent') || hhSimulatorSettings.touches(changed)) this.resimulate();
  }

  /** The handout state: the window simulated, the replay stopped with its cursor at the end; resolves once drawn. */
  override settle(): Promise<void> {
    return this.handout.settle(async () => {
      if (!this.hasUpdated) await this.settled; // the attributes (the window's length) are read by then
      this.replay.pause();
      this.cursorTime = this.protocol.duration;
      await this.updateComplete;
    });
  }

  /** New settings (defaults < attributes < URL), checked against each other: the window to simulate. */
  protected override settingsChanged({ values }: ResolvedSettings<SettingValues<typeof hhSimulatorSettings.table>>): void {
    const { current, duration, method } = values;
    let { onset, dt } = values;
    if (onset >= duration) {
      this.warnings.push(`onset="${onset}" must be before the end of the ${duration} ms window — using ${DEFAULT_PROTOCOL.onset}`);
      onset = DEFAULT_PROTOCOL.onset;
    }
    if (stepCount({ duration, dt }) > MAX_STEPS) {
      this.warnings.push(`dt="${dt}" gives more than ${MAX_STEPS.toLocaleString('en')} steps over ${duration} ms — using ${DEFAULT_PROTOCOL.dt}`);
      dt = DEFAULT_PROTOCOL.dt;
    }
    this.protocol = { current, duration, onset, dt, method };
    this.injectedCurrent = current;
    this.cursorTime = Math.min(this.cursorTime, duration);
  }

  /** Simulates the window at the slider's current and prepares every path (one per trace, not per frame). */
  private resimulate(): void {
    this.drawing = drawingOf({ ...this.protocol, current: this.injectedCurrent });
    if (this.drawing.trace.diverged) this.warnings = [...this.warnings.filter((w) => !w.startsWith('diverged')), 'diverged — lower dt or use method="rk4"'];
  }

  // ---- replay ---------------------------------------------------------------------------------------

  private get replayLength(): number {
    return Math.min(12_000, Math.max(3_000, this.protocol.duration * REPLAY_SLOWDOWN));
  }

  /**
   * The replay as the run controller steps it: a step is a millisecond of real time, moving the cursor by
   * its share of the window; it loops, so it never ends. From the window's end it starts again at 0.
   */
  private replayStepper(): Stepper {
    return {
      name: 'hh-simulator replay',
      stepsPerSecond: REPLAY_STEPS_PER_SECOND,
      canContinue: true,
      advance: (count) => {
        const duration = this.protocol.duration;
        const phase = this.cursorTime >= duration ? 0 : this.cursorTime / duration;
        this.cursorTime = ((phase + count / this.replayLength) % 1) * duration;
      },
    };
  }

  // ---- handlers -------------------------------------------------------------------------------------

  private readonly handleReducedMotion = (event: MediaQueryListEvent): void => {
    if (event.matches) this.replay.pause();
  };

  private handleCurrentInput(event: Event): void {
    this.injectedCurrent = Number((event.target as HTMLInputElement).value);
    this.keepSettings({ ...this.protocol, current: this.injectedCurrent });
  }

  private handleRateChange(event: Event): void {
    this.rateName = (event.target as HTMLSelectElement).value as RateName;
  }

  private handleReplayToggle(): void {
    if (this.replay.playing) this.replay.pause();
    else this.replay.play();
  }

  private handleDownload(): void {
    if (!this.drawing) return;
    const { trace } = this.drawing;
    const blob = new Blob([traceToCsv(trace)], { type: 'text/csv' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `hh-simulator-${trace.protocol.current}uA-${trace.protocol.method}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // ---- view -----------------------------------------------------------------------------------------

  override render() {
    const d = this.drawing!;
    const index = cursorIndex(d.trace, this.cursorTime);
    const { count } = d.summary;
    const choice = RATE_CHOICES.find((c) => c.name === this.rateName)!;
    const status = `${count} ${count === 1 ? 'spike' : 'spikes'} in ${formatTick(d.trace.protocol.duration)} ms · ${d.summary.rate.toFixed(1)} Hz`;
    const currentText = `${this.injectedCurrent.toFixed(1)} µA/cm²`;
    return html`
      ${this.renderWarnings()}
      <div class="layout">
        <div class="controls">
          <div class="current">
            <label for="current">Injected current</label>
            <input
              id="current"
              type="range"
              min=${CURRENT_RANGE.min}
              max=${CURRENT_RANGE.max}
              step=${CURRENT_STEP}
              .value=${String(this.injectedCurrent)}
              aria-valuetext=${currentText}
              @input=${this.handleCurrentInput}
            />
            <span class="value" aria-hidden="true">${currentText}</span>
          </div>
          <button type="button" aria-pressed=${this.replay.playing ? 'true' : 'false'} @click=${this.handleReplayToggle}>Replay</button>
          <button type="button" @click=${this.handleDownload}>Download CSV</button>
        </div>
        <p role="status" aria-live="polite">${status}</p>
        <div class="picker">
          <label for="rates">Rate functions</label>
          <select id="rates" @change=${this.handleRateChange}>
            ${RATE_CHOICES.map(
              (c) => html`<option value=${c.name} ?selected=${c.name === this.rateName}>${c.option}</option>`,
            )}
          </select>
        </div>
        <div class="plots">
          <svg
            viewBox="0 0 ${VOLTAGE_PANEL.width} ${VOLTAGE_PANEL.height}"
            role="img"
            aria-label="Membrane potential V over time: ${status} at ${currentText}, step on from ${formatTick(d.stepStart)} ms"
          >
            ${voltageView(d, index)}
          </svg>
          <svg viewBox="0 0 ${GATES_PANEL.width} ${GATES_PANEL.height}" role="img" aria-label="Gating variables m, h and n over time">
            ${gatesView(d, index)}
          </svg>
        </div>
        <svg
          class="rates"
          viewBox="0 0 ${RATES_PANEL.width} ${RATES_PANEL.height}"
          role="img"
          aria-label="Rate function ${choice.greek}_${choice.gate} against V from −100 to 50 mV, with a marker at the present V"
        >
          ${ratesView(d, index, this.rateName)}
        </svg>
      </div>
    `;
  }
}

customElements.define('hh-simulator', HhSimulator);

declare global {
  interface HTMLElementTagNameMap {
    'hh-simulator': HhSimulator;
  }
}
