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
 * The replay runs (requestAnimationFrame) only while its slide is shown, never under
 * `prefers-reduced-motion` unless the user presses Replay; at rest the cursor sits at the window's end.
 *
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the first data colour: curves, weights, the main run (default #1d4ed8).
 * @cssprop --axon-accent-2 — the second data colour: derivatives, biases, the compared run (default #b45309).
 * @cssprop --axon-bg — the widget's background (default #ffffff).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 */
import { LitElement, css, html, svg, nothing, type PropertyValues } from 'lit';
import type { HandoutWidget } from '../shared/handout.ts';
import { HandoutLatch } from '../shared/runtime/handout-latch.ts';
import { SLIDE_VISIBILITY_EVENT, type SlideVisibilityDetail } from '../shared/visibility.ts';
import {
  CURRENT_RANGE,
  DEFAULT_PROTOCOL,
  hhSimulatorSettings,
  METHODS,
  RATE_FUNCTIONS,
  detectSpikes,
  effectiveOnset,
  simulate,
  stepCount,
  summarizeFiring,
  traceToCsv,
  type FiringSummary,
  type RateName,
  type StepProtocol,
  type Trace,
} from './hh-simulator.model.ts';
import { decimate, formatTick, linearScale, niceTicks, pathThrough, type LinearScale } from './hh-simulator.plot.ts';
import { warningStyles } from '../shared/warning.ts';

/** Slider step, µA/cm²: fine enough to find the single-spike and repetitive-firing thresholds. */
const CURRENT_STEP = 0.1;
/** Most steps one simulation may take, so a slider drag stays within a frame. */
const MAX_STEPS = 100_000;
/** Voltage range of the rate plot, mV. */
const RATE_PLOT_V: readonly [number, number] = [-100, 50];
/** Real time one replay of the window takes, ms per simulated ms (clamped to 3…12 s). */
const REPLAY_SLOWDOWN = 60;

/** The rate plot's choices: key, the option's text, and the parts of its SVG label (with a true subscript). */
const RATE_CHOICES: ReadonlyArray<{ name: RateName; greek: string; gate: string; option: string }> = [
  { name: 'alphaM', greek: 'α', gate: 'm', option: 'αₘ: m opens' },
  { name: 'betaM', greek: 'β', gate: 'm', option: 'βₘ: m closes' },
  { name: 'alphaH', greek: 'α', gate: 'h', option: 'αₕ: h opens' },
  { name: 'betaH', greek: 'β', gate: 'h', option: 'βₕ: h closes' },
  { name: 'alphaN', greek: 'α', gate: 'n', option: 'αₙ: n opens' },
  { name: 'betaN', greek: 'β', gate: 'n', option: 'βₙ: n closes' },
];

/** Panel sizes in SVG units; at a 1280×720 slide these are slide pixels (text ≥ 17px). */
const VOLTAGE_PANEL = { width: 740, height: 236, left: 68, right: 34, top: 30, bottom: 30 } as const;
const GATES_PANEL = { width: 740, height: 174, left: 68, right: 34, top: 12, bottom: 50 } as const;
const RATES_PANEL = { width: 440, height: 410, left: 68, right: 16, top: 44, bottom: 50 } as const;

/** Sampled rate curves over the rate plot's V range, computed once. */
const RATE_CURVES: Record<RateName, { V: Float64Array; rate: Float64Array; max: number }> = (() => {
  const count = 301;
  const curves = {} as Record<RateName, { V: Float64Array; rate: Float64Array; max: number }>;
  for (const { name } of RATE_CHOICES) {
    const V = new Float64Array(count);
    const rate = new Float64Array(count);
    let max = 0;
    for (let i = 0; i < count; i += 1) {
      V[i] = RATE_PLOT_V[0] + (i * (RATE_PLOT_V[1] - RATE_PLOT_V[0])) / (count - 1);
      rate[i] = RATE_FUNCTIONS[name](V[i]!);
      max = Math.max(max, rate[i]!);
    }
    curves[name] = { V, rate, max };
  }
  return curves;
})();

/** Everything drawn from one simulation, computed once per trace (the replay redraws only the cursor). */
interface Drawing {
  trace: Trace;
  summary: FiringSummary;
  time: LinearScale;
  voltage: LinearScale;
  gate: LinearScale;
  voltagePath: string;
  gatePaths: { m: string; h: string; n: string };
  stepStart: number;
}

/** Ticks for an axis from 0 whose last tick reaches at least `max`. */
function ticksReaching(max: number, target: number): number[] {
  const ticks = niceTicks(0, max, target);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : max;
  while (ticks[ticks.length - 1]! < max - 1e-12) ticks.push(Number((ticks[ticks.length - 1]! + step).toPrecision(12)));
  return ticks;
}

/** A rate's name as SVG text with a real subscript. */
function rateLabel(choice: { greek: string; gate: string }) {
  return svg`${choice.greek}<tspan class="sub" baseline-shift="sub">${choice.gate}</tspan>`;
}

export class HhSimulator extends LitElement implements HandoutWidget {
  static override styles = [
    warningStyles,
    css`
    :host {
      display: block;
      max-width: 1200px;
      margin: 0 auto;
      font-size: 20px;
      line-height: 1.3;
      color: inherit;
      --hh-v: var(--axon-accent, #1d4ed8);
      --hh-step: var(--axon-accent-2, #b45309);
    }
    .layout {
      display: grid;
      grid-template-columns: 740fr 440fr;
      grid-template-areas: 'controls controls' 'status picker' 'plots rates';
      column-gap: 20px;
      row-gap: 6px;
      align-items: center;
    }
    .controls { grid-area: controls; display: flex; align-items: center; gap: 0.7em; flex-wrap: wrap; }
    .current { display: flex; align-items: center; gap: 0.6em; flex: 1 1 24em; }
    .current input { flex: 1; min-width: 8em; }
    .value { font-variant-numeric: tabular-nums; min-width: 7.2em; }
    [role='status'] { grid-area: status; margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
    .picker { grid-area: picker; display: flex; align-items: center; gap: 0.5em; justify-self: start; padding-left: 14px; white-space: nowrap; }
    .plots { grid-area: plots; align-self: start; }
    .rates { grid-area: rates; align-self: start; }
    svg { display: block; width: 100%; height: auto; overflow: visible; }
    input[type='range'] { accent-color: var(--axon-accent, #1d4ed8); min-height: 1.6em; margin: 0; }
    select,
    button {
      font: inherit;
      font-size: 0.9em;
      color: inherit;
      background: transparent;
      border: 2px solid currentColor;
      border-radius: 6px;
      padding: 0.15em 0.6em;
      cursor: pointer;
    }
    select option { color: #111827; background: #ffffff; }
    button[aria-pressed='true'] { background: var(--axon-accent, #1d4ed8); border-color: var(--axon-accent, #1d4ed8); color: var(--axon-bg, #ffffff); }
    :is(input, select, button):focus-visible { outline: 3px solid var(--axon-focus, #f59e0b); outline-offset: 3px; }
    .axis { stroke: currentColor; stroke-opacity: 0.55; stroke-width: 1.5; fill: none; }
    .grid { stroke: currentColor; stroke-opacity: 0.14; stroke-width: 1; }
    .threshold { stroke: currentColor; stroke-opacity: 0.45; stroke-width: 1.5; stroke-dasharray: 6 6; }
    .tick { fill: currentColor; font-size: 17px; font-variant-numeric: tabular-nums; }
    .label { fill: currentColor; font-size: 18px; }
    .label.strong { font-weight: 600; }
    .sub { font-size: 0.75em; }
    .band { fill: var(--hh-step); fill-opacity: 0.1; }
    .band-edge { stroke: var(--hh-step); stroke-width: 2; }
    .band-label { fill: currentColor; font-size: 17px; }
    .voltage { fill: none; stroke: var(--hh-v); stroke-width: 2.5; stroke-linejoin: round; }
    .gate { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
    .gate.m { stroke: var(--axon-accent, #1d4ed8); }
    .gate.h { stroke: var(--axon-accent-2, #b45309); stroke-dasharray: 9 5; }
    .gate.n { stroke: currentColor; stroke-dasharray: 2.5 4; stroke-linecap: round; }
    .gate-name { font-size: 19px; font-weight: 700; font-style: italic; }
    .gate-name.m { fill: var(--axon-accent, #1d4ed8); }
    .gate-name.h { fill: var(--axon-accent-2, #b45309); }
    .gate-name.n { fill: currentColor; }
    .rate { fill: none; stroke: var(--axon-accent, #1d4ed8); stroke-width: 3; }
    .cursor { stroke: currentColor; stroke-opacity: 0.6; stroke-width: 1.5; }
    .marker { fill: var(--axon-accent-2, #b45309); stroke: var(--axon-bg, #ffffff); stroke-width: 2; }
  `];

  static override properties = {
    current: { type: String },
    duration: { type: String },
    onset: { type: String },
    dt: { type: String },
    method: { type: String },
    injectedCurrent: { state: true },
    rateName: { state: true },
    cursorTime: { state: true },
    playing: { state: true },
  };

  /** The current the slider is at, µA/cm². */
  declare private injectedCurrent: number;
  /** The rate function the rate plot shows. */
  declare private rateName: RateName;
  /** Where the replay cursor is, ms. */
  declare private cursorTime: number;
  /** Whether the replay cursor runs (the Replay button is pressed). */
  declare private playing: boolean;

  private protocol: StepProtocol = { ...DEFAULT_PROTOCOL };
  private warnings: string[] = [];
  private drawing: Drawing | null = null;
  private slideVisible = true;
  private frame = 0;
  private replayStartedAt = 0;
  private readonly reducedMotion = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
  /** Keeps the handout contract: the window is simulated at the first render. */
  private readonly handout = new HandoutLatch(this, { firstRender: true });

  /** Resolves once the default window is simulated and drawn (the handout state). */
  get settled(): Promise<void> {
    return this.handout.settled;
  }

  constructor() {
    super();
    this.injectedCurrent = DEFAULT_PROTOCOL.current;
    this.rateName = 'betaM';
    this.cursorTime = DEFAULT_PROTOCOL.duration;
    this.playing = !(this.reducedMotion?.matches ?? false);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // NOTE - in a deck the runtime says when the slide is shown; a widget that never hears it (any other
    // page) behaves as visible, but on a deck it stays idle until told.
    this.slideVisible = !this.closest('.reveal .slides');
    this.addEventListener(SLIDE_VISIBILITY_EVENT, this.handleSlideVisibility);
    this.reducedMotion?.addEventListener('change', this.handleReducedMotion);
    // The URL may hold a current even when no attribute is written (so no property changes): read it here too.
    this.readAttributes();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener(SLIDE_VISIBILITY_EVENT, this.handleSlideVisibility);
    this.reducedMotion?.removeEventListener('change', this.handleReducedMotion);
    this.stopReplay();
  }

  protected override willUpdate(changed: PropertyValues): void {
    const touched = hhSimulatorSettings.touches(changed);
    if (touched) this.readAttributes();
    if (!this.drawing || changed.has('injectedCurrent') || touched) this.resimulate();
  }

  /** The handout state: the window simulated, the replay stopped with its cursor at the end; resolves once drawn. */
  settle(): Promise<void> {
    return this.handout.settle(async () => {
      if (!this.hasUpdated) await this.settled; // the attributes (the window's length) are read by then
      this.playing = false;
      this.stopReplay();
      this.cursorTime = this.protocol.duration;
      await this.updateComplete;
    });
  }

  protected override updated(): void {
    this.syncReplay();
  }

  private readAttributes(): void {
    const { values, warnings } = hhSimulatorSettings.resolve(this);
    const { current, duration, method } = values;
    let { onset, dt } = values;
    if (onset >= duration) {
      warnings.push(`onset="${onset}" must be before the end of the ${duration} ms window — using ${DEFAULT_PROTOCOL.onset}`);
      onset = DEFAULT_PROTOCOL.onset;
    }
    if (stepCount({ duration, dt }) > MAX_STEPS) {
      warnings.push(`dt="${dt}" gives more than ${MAX_STEPS.toLocaleString('en')} steps over ${duration} ms — using ${DEFAULT_PROTOCOL.dt}`);
      dt = DEFAULT_PROTOCOL.dt;
    }
    this.warnings = warnings;
    this.protocol = { current, duration, onset, dt, method };
    this.injectedCurrent = current;
    this.cursorTime = Math.min(this.cursorTime, duration);
  }

  /** Simulates the window at the slider's current and prepares every path (one per trace, not per frame). */
  private resimulate(): void {
    const protocol = { ...this.protocol, current: this.injectedCurrent };
    const trace = simulate(protocol);
    const summary = summarizeFiring(trace, detectSpikes(trace));
    const vp = VOLTAGE_PANEL;
    const gp = GATES_PANEL;
    const time = linearScale([0, protocol.duration], [vp.left, vp.width - vp.right]);
    let low = -85;
    let high = 55;
    for (const v of trace.V) {
      if (v < low) low = v;
      if (v > high) high = v;
    }
    const voltage = linearScale([Math.floor(low / 5) * 5, Math.ceil(high / 5) * 5], [vp.height - vp.bottom, vp.top]);
    const gate = linearScale([0, 1], [gp.height - gp.bottom, gp.top]);
    const columns = Math.round(vp.width - vp.left - vp.right);
    const through = (values: Float64Array, y: LinearScale) => pathThrough(decimate(trace.t, values, 0, protocol.duration, columns), time, y);
    this.drawing = {
      trace,
      summary,
      time,
      voltage,
      gate,
      voltagePath: through(trace.V, voltage),
      gatePaths: { m: through(trace.m, gate), h: through(trace.h, gate), n: through(trace.n, gate) },
      stepStart: effectiveOnset(protocol),
    };
    if (trace.diverged) this.warnings = [...this.warnings.filter((w) => !w.startsWith('diverged')), 'diverged — lower dt or use method="rk4"'];
  }

  // ---- replay ---------------------------------------------------------------------------------------

  private get replayLength(): number {
    return Math.min(12_000, Math.max(3_000, this.protocol.duration * REPLAY_SLOWDOWN));
  }

  /** Runs the animation loop exactly while the replay is on and the slide is shown. */
  private syncReplay(): void {
    const shouldRun = this.playing && this.slideVisible && this.isConnected;
    if (shouldRun && !this.frame) {
      const phase = this.cursorTime >= this.protocol.duration ? 0 : this.cursorTime / this.protocol.duration;
      this.replayStartedAt = performance.now() - phase * this.replayLength;
      this.frame = requestAnimationFrame(this.tick);
    } else if (!shouldRun) {
      this.stopReplay();
    }
  }

  private stopReplay(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private readonly tick = (now: number): void => {
    const phase = ((now - this.replayStartedAt) % this.replayLength) / this.replayLength;
    this.cursorTime = Math.max(0, phase) * this.protocol.duration;
    this.frame = requestAnimationFrame(this.tick);
  };

  // ---- handlers -------------------------------------------------------------------------------------

  private readonly handleSlideVisibility = (event: CustomEvent<SlideVisibilityDetail>): void => {
    this.slideVisible = event.detail.visible;
    this.syncReplay();
  };

  private readonly handleReducedMotion = (event: MediaQueryListEvent): void => {
    if (event.matches) this.playing = false;
  };

  private handleCurrentInput(event: Event): void {
    this.injectedCurrent = Number((event.target as HTMLInputElement).value);
    hhSimulatorSettings.keep(this, { ...this.protocol, current: this.injectedCurrent });
  }

  private handleRateChange(event: Event): void {
    this.rateName = (event.target as HTMLSelectElement).value as RateName;
  }

  private handleReplayToggle(): void {
    this.playing = !this.playing;
    if (!this.playing) this.stopReplay();
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

  // ---- views ----------------------------------------------------------------------------------------

  /** The sample index under the replay cursor. */
  private cursorIndex(trace: Trace): number {
    return Math.min(trace.t.length - 1, Math.max(0, Math.round(this.cursorTime / trace.protocol.dt)));
  }

  private renderVoltage(d: Drawing, index: number) {
    const p = VOLTAGE_PANEL;
    const { time, voltage, trace } = d;
    const bottom = p.height - p.bottom;
    const x0 = time(d.stepStart);
    const x1 = time(trace.protocol.duration);
    const vTicks = niceTicks(voltage.domain[0], voltage.domain[1], 4);
    const tTicks = niceTicks(0, trace.protocol.duration, 10);
    const cx = time(trace.t[index]!);
    const cy = voltage(trace.V[index]!);
    return svg`
      <rect class="band" x=${x0} y=${p.top} width=${Math.max(0, x1 - x0)} height=${bottom - p.top}></rect>
      <line class="band-edge" x1=${x0} x2=${x0} y1=${p.top} y2=${bottom}></line>
      <text class="band-label" x=${x0 + 6} y=${p.top - 9}>I = ${trace.protocol.current.toFixed(1)} µA/cm² from ${formatTick(d.stepStart)} ms</text>
      ${vTicks.map((v) => svg`
        <line class="grid" x1=${p.left} x2=${p.width - p.right} y1=${voltage(v)} y2=${voltage(v)}></line>
        <text class="tick" x=${p.left - 8} y=${voltage(v) + 6} text-anchor="end">${formatTick(v)}</text>`)}
      <line class="threshold" x1=${p.left} x2=${p.width - p.right} y1=${voltage(0)} y2=${voltage(0)}></line>
      ${tTicks.map((t) => svg`<line class="axis" x1=${time(t)} x2=${time(t)} y1=${bottom} y2=${bottom + 6}></line>`)}
      <line class="axis" x1=${p.left} x2=${p.width - p.right} y1=${bottom} y2=${bottom}></line>
      <line class="axis" x1=${p.left} x2=${p.left} y1=${p.top} y2=${bottom}></line>
      <text class="label" transform="translate(20 ${(p.top + bottom) / 2}) rotate(-90)" text-anchor="middle"><tspan font-style="italic">V</tspan> (mV)</text>
      <path class="voltage" d=${d.voltagePath}></path>
      <line class="cursor" x1=${cx} x2=${cx} y1=${p.top} y2=${bottom}></line>
      <circle class="marker" cx=${cx} cy=${cy} r="7"></circle>
    `;
  }

  private renderGates(d: Drawing, index: number) {
    const p = GATES_PANEL;
    const { time, gate, trace } = d;
    const bottom = p.height - p.bottom;
    const tTicks = niceTicks(0, trace.protocol.duration, 10);
    const cx = time(trace.t[index]!);
    const end = trace.t.length - 1;
    // Direct labels at the right end of each curve, nudged apart so they never overlap.
    const labels = (['m', 'h', 'n'] as const)
      .map((name) => ({ name, y: gate(trace[name][end]!) }))
      .sort((a, b) => a.y - b.y);
    for (let i = 1; i < labels.length; i += 1) labels[i]!.y = Math.max(labels[i]!.y, labels[i - 1]!.y + 19);
    const overflow = labels[labels.length - 1]!.y - (bottom - 5);
    if (overflow > 0) for (const label of labels) label.y -= overflow;
    return svg`
      ${[0, 0.5, 1].map((g) => svg`
        <line class="grid" x1=${p.left} x2=${p.width - p.right} y1=${gate(g)} y2=${gate(g)}></line>
        <text class="tick" x=${p.left - 8} y=${gate(g) + 6} text-anchor="end">${formatTick(g)}</text>`)}
      ${tTicks.map((t) => svg`
        <line class="axis" x1=${time(t)} x2=${time(t)} y1=${bottom} y2=${bottom + 6}></line>
        <text class="tick" x=${time(t)} y=${bottom + 24} text-anchor="middle">${formatTick(t)}</text>`)}
      <line class="axis" x1=${p.left} x2=${p.width - p.right} y1=${bottom} y2=${bottom}></line>
      <line class="axis" x1=${p.left} x2=${p.left} y1=${p.top} y2=${bottom}></line>
      <text class="label" transform="translate(20 ${(p.top + bottom) / 2}) rotate(-90)" text-anchor="middle">gates</text>
      <text class="label" x=${(p.left + p.width - p.right) / 2} y=${p.height - 4} text-anchor="middle"><tspan font-style="italic">t</tspan> (ms)</text>
      <path class="gate m" d=${d.gatePaths.m}></path>
      <path class="gate h" d=${d.gatePaths.h}></path>
      <path class="gate n" d=${d.gatePaths.n}></path>
      ${labels.map(({ name, y }) => svg`<text class="gate-name ${name}" x=${p.width - p.right + 8} y=${y + 6}>${name}</text>`)}
      <line class="cursor" x1=${cx} x2=${cx} y1=${p.top} y2=${bottom}></line>
    `;
  }

  private renderRates(d: Drawing, index: number) {
    const p = RATES_PANEL;
    const choice = RATE_CHOICES.find((c) => c.name === this.rateName)!;
    const curve = RATE_CURVES[this.rateName];
    const bottom = p.height - p.bottom;
    const sv = linearScale(RATE_PLOT_V, [p.left, p.width - p.right]);
    const rTicks = ticksReaching(curve.max, 5);
    const sr = linearScale([0, rTicks[rTicks.length - 1]!], [bottom, p.top]);
    const path = pathThrough(Array.from(curve.V, (v, i) => [v, curve.rate[i]!]).flat(), sv, sr);
    const V = d.trace.V[index]!;
    const rate = RATE_FUNCTIONS[this.rateName](V);
    const inside = V >= RATE_PLOT_V[0] && V <= RATE_PLOT_V[1];
    const vText = `${V < 0 ? '−' : ''}${Math.abs(V).toFixed(1)}`;
    return svg`
      <text class="label strong" x=${p.left} y="24">${rateLabel(choice)}(${vText} mV) = ${rate.toPrecision(3)} ms⁻¹</text>
      ${rTicks.map((r) => svg`
        <line class="grid" x1=${p.left} x2=${p.width - p.right} y1=${sr(r)} y2=${sr(r)}></line>
        <text class="tick" x=${p.left - 8} y=${sr(r) + 6} text-anchor="end">${formatTick(r)}</text>`)}
      ${[-100, -50, 0, 50].map((v) => svg`
        <line class="axis" x1=${sv(v)} x2=${sv(v)} y1=${bottom} y2=${bottom + 6}></line>
        <text class="tick" x=${sv(v)} y=${bottom + 24} text-anchor="middle">${formatTick(v)}</text>`)}
      <line class="axis" x1=${p.left} x2=${p.width - p.right} y1=${bottom} y2=${bottom}></line>
      <line class="axis" x1=${p.left} x2=${p.left} y1=${p.top} y2=${bottom}></line>
      <text class="label" transform="translate(20 ${(p.top + bottom) / 2}) rotate(-90)" text-anchor="middle">rate (ms⁻¹)</text>
      <text class="label" x=${(p.left + p.width - p.right) / 2} y=${p.height - 4} text-anchor="middle"><tspan font-style="italic">V</tspan> (mV)</text>
      <path class="rate" d=${path}></path>
      ${inside
        ? svg`<line class="cursor" x1=${sv(V)} x2=${sv(V)} y1=${p.top} y2=${bottom}></line>
              <circle class="marker" cx=${sv(V)} cy=${sr(rate)} r="8"></circle>`
        : nothing}
    `;
  }

  override render() {
    const d = this.drawing!;
    const index = this.cursorIndex(d.trace);
    const { count } = d.summary;
    const choice = RATE_CHOICES.find((c) => c.name === this.rateName)!;
    const status = `${count} ${count === 1 ? 'spike' : 'spikes'} in ${formatTick(d.trace.protocol.duration)} ms · ${d.summary.rate.toFixed(1)} Hz`;
    const currentText = `${this.injectedCurrent.toFixed(1)} µA/cm²`;
    return html`
      ${this.warnings.length
        ? html`<p class="warning" role="alert">&lt;hh-simulator&gt; ${this.warnings.join('; ')}</p>`
        : nothing}
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
          <button type="button" aria-pressed=${this.playing ? 'true' : 'false'} @click=${this.handleReplayToggle}>Replay</button>
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
            ${this.renderVoltage(d, index)}
          </svg>
          <svg viewBox="0 0 ${GATES_PANEL.width} ${GATES_PANEL.height}" role="img" aria-label="Gating variables m, h and n over time">
            ${this.renderGates(d, index)}
          </svg>
        </div>
        <svg
          class="rates"
          viewBox="0 0 ${RATES_PANEL.width} ${RATES_PANEL.height}"
          role="img"
          aria-label="Rate function ${choice.greek}_${choice.gate} against V from −100 to 50 mV, with a marker at the present V"
        >
          ${this.renderRates(d, index)}
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
