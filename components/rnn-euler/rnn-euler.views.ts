/**
 * The pictures of `<rnn-euler>`: the phase plane (the training trajectory's points, the truth, Euler's and the
 * learned rollout from the new start, which a click, a tap or the arrow keys move) and the time series x(t)
 * of the same three, plus Euler's fixed weights I + hA. Templates only: the element owns the state.
 */
import { html, nothing, svg } from 'lit';
import { linearScale, roundTicks, tickLabel } from '../shared/views/axes.ts';
import { linePath } from '../shared/views/paths.ts';
import {
  PLANE_RADIUS,
  SYSTEM_TEXT,
  eulerGrowth,
  eulerMatrix,
  formatEntry,
  formatValue,
  trueGrowth,
  type SystemName,
  type Trajectory,
} from './rnn-euler.model.ts';

/** The phase plane in SVG units, drawn one unit to one CSS px in its 440 px column (22-unit text ≥ 21 px). */
export const PLANE = { size: 440, left: 52, right: 10, top: 10, bottom: 46 } as const;
/** The time series, drawn about one unit to one CSS px in the middle column. */
export const SERIES = { width: 460, height: 260, left: 52, right: 16, top: 10, bottom: 40 } as const;

/** The three rollouts drawn, and the training data. */
export interface Rollouts {
  system: SystemName;
  h: number;
  steps: number;
  truth: Trajectory;
  euler: Trajectory;
  learned: Trajectory | undefined;
  training: Trajectory;
  start: readonly [number, number];
}

/** Values far off the plot, held at a finite distance so that a blown-up rollout still leaves in its direction. */
function held(values: Float64Array, limit: number): Float64Array {
  return values.map((value) => (Number.isFinite(value) ? Math.max(-limit, Math.min(limit, value)) : Number.NaN));
}

/** Where the phase plane's plot area is, for the element's pointer mapping. */
export function planeScales(system: SystemName) {
  const r = PLANE_RADIUS[system];
  const { size, left, right, top, bottom } = PLANE;
  return { x: linearScale([-r, r], [left, size - right]), y: linearScale([-r, r], [size - bottom, top]) };
}

/** The phase plane. `handlers` move the new start (a click or tap, the arrow keys on the focused plane). */
export function phasePlane(rollouts: Rollouts, handlers: { onPointer(event: PointerEvent): void; onKey(event: KeyboardEvent): void }) {
  const { system, truth, euler, learned, training, start } = rollouts;
  const r = PLANE_RADIUS[system];
  const text = SYSTEM_TEXT[system];
  const { size, left, right, top, bottom } = PLANE;
  const { x, y } = planeScales(system);
  const width = size - left - right;
  const height = size - top - bottom;
  const ticks = roundTicks(-r, r, 4).filter((t) => Number.isInteger(t));
  const limit = 50 * r;
  const path = (run: Trajectory, className: string) => svg`<path class=${className} d=${linePath(held(run.x, limit), held(run.v, limit), x, y)}></path>`;
  const label = `new start (${text.x}, ${text.v}) = (${formatValue(start[0])}, ${formatValue(start[1])}): click the plane or use the arrow keys to start elsewhere`;
  return html`<svg class="plane" viewBox="0 0 ${size} ${size}" role="group" aria-label=${`Phase plane ${text.x} against ${text.v}: the training trajectory's points, the true solution, Euler's and the learned rollout from the new start`}>
    <defs><clipPath id="plane-area"><rect x=${left} y=${top} width=${width} height=${height}></rect></clipPath></defs>
    ${ticks.map(
      (t) => svg`<line class="grid" x1=${left} x2=${size - right} y1=${y(t)} y2=${y(t)}></line>
        <line class="grid" x1=${x(t)} x2=${x(t)} y1=${top} y2=${size - bottom}></line>
        <text class="tick" x=${left - 6} y=${y(t) + 8} text-anchor="end">${tickLabel(t)}</text>
        <text class="tick" x=${x(t)} y=${size - bottom + 26} text-anchor="middle">${tickLabel(t)}</text>`,
    )}
    <rect class="axis" x=${left} y=${top} width=${width} height=${height}></rect>
    <text class="axis-label" x=${size - right - 6} y=${size - bottom - 8} text-anchor="end">${text.x}</text>
    <text class="axis-label" x=${left + 8} y=${top + 22}>${text.v}</text>
    <g clip-path="url(#plane-area)">
      ${Array.from(training.x, (tx, i) => svg`<circle class="data" cx=${x(tx)} cy=${y(training.v[i]!)} r="3"></circle>`)}
      ${path(euler, 'euler')} ${learned ? path(learned, 'learned') : nothing} ${path(truth, 'truth')}
      <circle class="start" cx=${x(start[0])} cy=${y(start[1])} r="9"></circle>
    </g>
    <rect class="hit" x=${left} y=${top} width=${width} height=${height} role="button" tabindex="0" aria-label=${label}
      @pointerdown=${handlers.onPointer} @keydown=${handlers.onKey}></rect>
  </svg>`;
}

/** The time series x(t) of the truth, Euler and the learned recurrence over the rollout. */
export function timeSeries(rollouts: Rollouts) {
  const { system, h, steps, truth, euler, learned } = rollouts;
  const r = PLANE_RADIUS[system];
  const { width, height, left, right, top, bottom } = SERIES;
  const end = steps * h;
  const x = linearScale([0, end], [left, width - right]);
  const y = linearScale([-r, r], [height - bottom, top]);
  const times = Float64Array.from({ length: steps + 1 }, (_, n) => n * h);
  const yTicks = roundTicks(-r, r, 4).filter((t) => Number.isInteger(t) && t % 2 === 0);
  const tTicks = roundTicks(0, end, 4);
  const limit = 50 * r;
  const path = (run: Trajectory, className: string) => svg`<path class=${className} d=${linePath(times, held(run.x, limit), x, y)}></path>`;
  const name = SYSTEM_TEXT[system].x;
  return html`<svg class="series" viewBox="0 0 ${width} ${height}" role="img"
      aria-label=${`${name} against time t from 0 to ${formatValue(end)}: the true solution (dashed), Euler's rollout and the learned rollout`}>
    <defs><clipPath id="series-area"><rect x=${left} y=${top} width=${width - left - right} height=${height - top - bottom}></rect></clipPath></defs>
    ${yTicks.map((t) => svg`<line class="grid" x1=${left} x2=${width - right} y1=${y(t)} y2=${y(t)}></line>
      <text class="tick" x=${left - 6} y=${y(t) + 8} text-anchor="end">${tickLabel(t)}</text>`)}
    ${tTicks.map((t) => svg`<text class="tick" x=${x(t)} y=${height - bottom + 26} text-anchor="middle">${tickLabel(t)}</text>`)}
    <rect class="axis" x=${left} y=${top} width=${width - left - right} height=${height - top - bottom}></rect>
    <text class="axis-label" x=${width - right - 8} y=${height - bottom - 10} text-anchor="end">t</text>
    <text class="axis-label" x=${left + 8} y=${top + 22}>${name}</text>
    <g clip-path="url(#series-area)">${path(euler, 'euler')} ${learned ? path(learned, 'learned') : nothing} ${path(truth, 'truth')}</g>
  </svg>`;
}

/** Euler's fixed weights I + hA (the pendulum's linearised at rest) and the growth per step they give. */
export function fixedWeights(system: SystemName, damping: number, h: number) {
  const [[a, b], [c, d]] = eulerMatrix(system, damping, h);
  const growth = eulerGrowth(system, damping, h);
  const truth = trueGrowth(system, damping, h);
  const verdict =
    growth > 1 + 1e-9 ? 'grows: Euler spirals out' : growth > 1 - 1e-9 ? 'no decay: Euler circles for ever' : growth > truth + 1e-9 ? 'decays slower than the truth' : 'decays faster than the truth';
  return html`<div class="weights">
    <p class="formula">Euler's fixed weights: s<sub>n+1</sub> = (I + hA) s<sub>n</sub>${system === 'pendulum' ? ' (near rest)' : ''}</p>
    <div class="matrix" role="table" aria-label="I + hA">
      <div role="row"><span role="cell">${formatEntry(a)}</span><span role="cell">${formatEntry(b)}</span></div>
      <div role="row"><span role="cell">${formatEntry(c)}</span><span role="cell">${formatEntry(d)}</span></div>
    </div>
    <p class="growth">|1 + hλ| = ${growth.toFixed(4)} a step (truth ${truth.toFixed(4)}): ${verdict}</p>
  </div>`;
}
