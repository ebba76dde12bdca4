/**
 * What `<hh-simulator>` draws from one simulation: the paths and scales prepared once per trace
 * (`drawingOf`), and the three panels — membrane potential, gates, one rate function — as SVG templates of
 * that drawing and the replay cursor's sample, so a replay frame redraws only the cursor.
 */
import { svg, nothing } from 'lit';
import { formatNumber } from '../shared/views/format-number.ts';
import { RATE_FUNCTIONS, detectSpikes, effectiveOnset, simulate, summarizeFiring, type FiringSummary, type RateName, type StepProtocol, type Trace } from './hh-simulator.model.ts';
import { decimate, formatTick, linearScale, niceTicks, pathThrough, type LinearScale } from './hh-simulator.plot.ts';

/** Voltage range of the rate plot, mV. */
const RATE_PLOT_V: readonly [number, number] = [-100, 50];
/** The rate plot's choices: key, the option's text, and the parts of its SVG label (with a true subscript). */
export const RATE_CHOICES: ReadonlyArray<{ name: RateName; greek: string; gate: string; option: string }> = [
  { name: 'alphaM', greek: 'α', gate: 'm', option: 'αₘ: m opens' },
  { name: 'betaM', greek: 'β', gate: 'm', option: 'βₘ: m closes' },
  { name: 'alphaH', greek: 'α', gate: 'h', option: 'αₕ: h opens' },
  { name: 'betaH', greek: 'β', gate: 'h', option: 'βₕ: h closes' },
  { name: 'alphaN', greek: 'α', gate: 'n', option: 'αₙ: n opens' },
  { name: 'betaN', greek: 'β', gate: 'n', option: 'βₙ: n closes' },
];

/**
 * Panel sizes in SVG units. On a 1280×720 slide each panel is drawn as wide as its viewBox, so a unit is a CSS
 * pixel and the styles' 21-unit text is the room's 21 px (hh-simulator.styles.ts, issue 17).
 */
export const VOLTAGE_PANEL = { width: 740, height: 262, left: 78, right: 36, top: 32, bottom: 24 } as const;
export const GATES_PANEL = { width: 740, height: 204, left: 78, right: 36, top: 14, bottom: 58 } as const;
export const RATES_PANEL = { width: 440, height: 466, left: 74, right: 18, top: 48, bottom: 58 } as const;
/** About how many time ticks an axis gets: few, so each label can be large. */
const TIME_TICKS = 5;
/** Vertical room a gate's name takes at the end of its curve, SVG units. */
const GATE_NAME_SPACING = 24;

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
export interface Drawing {
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

/**
 * A rate's value to 3 significant figures, keeping trailing zeros ("4.00") so the label does not change width
 * as the replay cursor runs; below 0.001 with a power of ten rather than "e−".
 */
function rateText(rate: number): string {
  return rate >= 1e-3 ? rate.toPrecision(3) : formatNumber(rate, { digits: 3 });
}

/** A rate's name as SVG text with a real subscript. */
function rateLabel(choice: { greek: string; gate: string }) {
  return svg`${choice.greek}<tspan class="sub" baseline-shift="sub">${choice.gate}</tspan>`;
}

/** Simulates the window under `protocol` and prepares every path (one per trace, not per frame). */
export function drawingOf(protocol: StepProtocol): Drawing {
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
  return {
    trace,
    summary,
    time,
    voltage,
    gate,
    voltagePath: through(trace.V, voltage),
    gatePaths: { m: through(trace.m, gate), h: through(trace.h, gate), n: through(trace.n, gate) },
    stepStart: effectiveOnset(protocol),
  };
}

/** The sample index under a replay cursor at `cursorTime` ms. */
export function cursorIndex(trace: Trace, cursorTime: number): number {
return Math.min(trace.t.length - 1, Math.max(0, Math.round(cursorTime / trace.protocol.dt)));
}

/** The membrane potential panel: the current step's band, V(t), the 0 mV line and the cursor. */
export function voltageView(d: Drawing, index: number) {
  const p = VOLTAGE_PANEL;
  const { time, voltage, trace } = d;
  const bottom = p.height - p.bottom;
  const x0 = time(d.stepStart);
  const x1 = time(trace.protocol.duration);
  const vTicks = niceTicks(voltage.domain[0], voltage.domain[1], 4);
  const tTicks = niceTicks(0, trace.protocol.duration, TIME_TICKS);
  const cx = time(trace.t[index]!);
  const cy = voltage(trace.V[index]!);
  return svg`
    <rect class="band" x=${x0} y=${p.top} width=${Math.max(0, x1 - x0)} height=${bottom - p.top}></rect>
    <line class="band-edge" x1=${x0} x2=${x0} y1=${p.top} y2=${bottom}></line>
    <text class="band-label" x=${x0 + 6} y=${p.top - 9}>I = ${trace.protocol.current.toFixed(1)} µA/cm² from ${formatTick(d.stepStart)} ms</text>
    ${vTicks.map((v) => svg`
      <line class="grid" x1=${p.left} x2=${p.width - p.right} y1=${voltage(v)} y2=${voltage(v)}></line>
      <text class="tick" x=${p.left - 8} y=${voltage(v) + 7} text-anchor="end">${formatTick(v)}</text>`)}
    <line class="threshold" x1=${p.left} x2=${p.width - p.right} y1=${voltage(0)} y2=${voltage(0)}></line>
    ${tTicks.map((t) => svg`<line class="axis" x1=${time(t)} x2=${time(t)} y1=${bottom} y2=${bottom + 6}></line>`)}
    <line class="axis" x1=${p.left} x2=${p.width - p.right} y1=${bottom} y2=${bottom}></line>
    <line class="axis" x1=${p.left} x2=${p.left} y1=${p.top} y2=${bottom}></line>
    <text class="label" transform="translate(22 ${(p.top + bottom) / 2}) rotate(-90)" text-anchor="middle"><tspan font-style="italic">V</tspan> (mV)</text>
    <path class="voltage" d=${d.voltagePath}></path>
    <line class="cursor" x1=${cx} x2=${cx} y1=${p.top} y2=${bottom}></line>
    <circle class="marker" cx=${cx} cy=${cy} r="7"></circle>
  `;
}

/** The gates panel: m, h and n over time, labelled at their right ends, and the cursor. */
export function gatesView(d: Drawing, index: number) {
  const p = GATES_PANEL;
  const { time, gate, trace } = d;
  const bottom = p.height - p.bottom;
  const tTicks = niceTicks(0, trace.protocol.duration, TIME_TICKS);
  const cx = time(trace.t[index]!);
  const end = trace.t.length - 1;
  // Direct labels at the right end of each curve, nudged apart so they never overlap.
  const labels = (['m', 'h', 'n'] as const)
    .map((name) => ({ name, y: gate(trace[name][end]!) }))
    .sort((a, b) => a.y - b.y);
  for (let i = 1; i < labels.length; i += 1) labels[i]!.y = Math.max(labels[i]!.y, labels[i - 1]!.y + GATE_NAME_SPACING);
  const overflow = labels[labels.length - 1]!.y - (bottom - 5);
  if (overflow > 0) for (const label of labels) label.y -= overflow;
  return svg`
    ${[0, 0.5, 1].map((g) => svg`
      <line class="grid" x1=${p.left} x2=${p.width - p.right} y1=${gate(g)} y2=${gate(g)}></line>
      <text class="tick" x=${p.left - 8} y=${gate(g) + 7} text-anchor="end">${formatTick(g)}</text>`)}
    ${tTicks.map((t) => svg`
      <line class="axis" x1=${time(t)} x2=${time(t)} y1=${bottom} y2=${bottom + 6}></line>
      <text class="tick" x=${time(t)} y=${bottom + 27} text-anchor="middle">${formatTick(t)}</text>`)}
    <line class="axis" x1=${p.left} x2=${p.width - p.right} y1=${bottom} y2=${bottom}></line>
    <line class="axis" x1=${p.left} x2=${p.left} y1=${p.top} y2=${bottom}></line>
    <text class="label" transform="translate(22 ${(p.top + bottom) / 2}) rotate(-90)" text-anchor="middle">gates</text>
    <text class="label" x=${(p.left + p.width - p.right) / 2} y=${p.height - 4} text-anchor="middle"><tspan font-style="italic">t</tspan> (ms)</text>
    <path class="gate m" d=${d.gatePaths.m}></path>
    <path class="gate h" d=${d.gatePaths.h}></path>
    <path class="gate n" d=${d.gatePaths.n}></path>
    ${labels.map(({ name, y }) => svg`<text class="gate-name ${name}" x=${p.width - p.right + 8} y=${y + 8}>${name}</text>`)}
    <line class="cursor" x1=${cx} x2=${cx} y1=${p.top} y2=${bottom}></line>
  `;
}

/** The rate plot: one rate function over V, with a marker at the V under the cursor. */
export function ratesView(d: Drawing, index: number, rateName: RateName) {
  const p = RATES_PANEL;
  const choice = RATE_CHOICES.find((c) => c.name === rateName)!;
  const curve = RATE_CURVES[rateName];
  const bottom = p.height - p.bottom;
  const sv = linearScale(RATE_PLOT_V, [p.left, p.width - p.right]);
  const rTicks = ticksReaching(curve.max, 5);
  const sr = linearScale([0, rTicks[rTicks.length - 1]!], [bottom, p.top]);
  const path = pathThrough(Array.from(curve.V, (v, i) => [v, curve.rate[i]!]).flat(), sv, sr);
  const V = d.trace.V[index]!;
  const rate = RATE_FUNCTIONS[rateName](V);
  const inside = V >= RATE_PLOT_V[0] && V <= RATE_PLOT_V[1];
  const vText = `${V < 0 ? '−' : ''}${Math.abs(V).toFixed(1)}`;
  return svg`
    <text class="label strong" x=${p.left} y="26">${rateLabel(choice)}(${vText} mV) = ${rateText(rate)} ms⁻¹</text>
    ${rTicks.map((r) => svg`
      <line class="grid" x1=${p.left} x2=${p.width - p.right} y1=${sr(r)} y2=${sr(r)}></line>
      <text class="tick" x=${p.left - 8} y=${sr(r) + 7} text-anchor="end">${formatTick(r)}</text>`)}
    ${[-100, -50, 0, 50].map((v) => svg`
      <line class="axis" x1=${sv(v)} x2=${sv(v)} y1=${bottom} y2=${bottom + 6}></line>
      <text class="tick" x=${sv(v)} y=${bottom + 27} text-anchor="middle">${formatTick(v)}</text>`)}
    <line class="axis" x1=${p.left} x2=${p.width - p.right} y1=${bottom} y2=${bottom}></line>
    <line class="axis" x1=${p.left} x2=${p.left} y1=${p.top} y2=${bottom}></line>
    <text class="label" transform="translate(22 ${(p.top + bottom) / 2}) rotate(-90)" text-anchor="middle">rate (ms⁻¹)</text>
    <text class="label" x=${(p.left + p.width - p.right) / 2} y=${p.height - 4} text-anchor="middle"><tspan font-style="italic">V</tspan> (mV)</text>
    <path class="rate" d=${path}></path>
    ${inside
      ? svg`<line class="cursor" x1=${sv(V)} x2=${sv(V)} y1=${p.top} y2=${bottom}></line>
            <circle class="marker" cx=${sv(V)} cy=${sr(rate)} r="8"></circle>`
      : nothing}
  `;
}
