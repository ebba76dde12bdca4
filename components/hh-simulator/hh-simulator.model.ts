/**
 * The Hodgkin–Huxley (1952) squid-axon membrane in the modern sign convention (rest ≈ −65 mV), driven by
 * a current step. Pure TypeScript: no DOM, so the lecture's numbers are tested in Node.
 *
 *   C_m dV/dt = I_ext − g_Na m³h (V − E_Na) − g_K n⁴ (V − E_K) − g_L (V − E_L)
 *   dx/dt     = α_x(V)(1 − x) − β_x(V) x        for each gate x ∈ {m, h, n}
 *
 * Units: V in mV, t in ms, currents in µA/cm², conductances in mS/cm², C_m in µF/cm², rates in 1/ms.
 *
 * The step: `current` is switched on at `onset` and stays on to the end of the window [0, `duration`].
 * Over each integration step the current is held at its value at the step's midpoint, so it switches at
 * the grid point nearest `onset` and no Runge–Kutta stage ever straddles the jump.
 */
import { choice, defineSettings, number } from '../shared/runtime/settings.ts';

/** The membrane's constants (Hodgkin & Huxley 1952, shifted so that rest is −65 mV). */
export const MEMBRANE = {
  /** Membrane capacitance, µF/cm². */
  capacitance: 1,
  /** Maximal sodium conductance, mS/cm². */
  gNa: 120,
  /** Maximal potassium conductance, mS/cm². */
  gK: 36,
  /** Leak conductance, mS/cm². */
  gL: 0.3,
  /** Sodium reversal potential, mV. */
  eNa: 50,
  /** Potassium reversal potential, mV. */
  eK: -77,
  /** Leak reversal potential, mV (chosen so that −65 mV is the resting potential). */
  eL: -54.387,
  /** The resting potential the gates start in equilibrium with, mV. */
  rest: -65,
} as const;

/** Where an upward crossing counts as a spike, mV. */
export const SPIKE_THRESHOLD_MV = 0;

/** The integrators on offer. */
export const METHODS = ['rk4', 'euler'] as const;
export type Method = (typeof METHODS)[number];

/** What to simulate. */
export interface StepProtocol {
  /** Injected current once the step is on, µA/cm². */
  current: number;
  /** Length of the simulated window, ms (t runs from 0 to `duration`). */
  duration: number;
  /** When the step switches on, ms. */
  onset: number;
  /** Integration step, ms. */
  dt: number;
  /** Classic fourth-order Runge–Kutta, or forward Euler (to show what a crude integrator does). */
  method: Method;
}

/** The lecture's default protocol: 10 µA/cm² from 10 ms, 100 ms at 0.01 ms with RK4. */
export const DEFAULT_PROTOCOL: Readonly<StepProtocol> = { current: 10, duration: 100, onset: 10, dt: 0.01, method: 'rk4' };

/** Range of the injected-current slider and attribute, µA/cm². */
export const CURRENT_RANGE = { min: 0, max: 50 } as const;
const DURATION_RANGE = { min: 20, max: 500 } as const;
const DT_RANGE = { min: 0.001, max: 0.05 } as const;

/** The attributes (README: Widgets). `onset` must also fall before the window's end, checked once both are read. */
export const hhSimulatorSettings = defineSettings({
  current: { attribute: 'current', parse: number(CURRENT_RANGE), default: DEFAULT_PROTOCOL.current },
  duration: { attribute: 'duration', parse: number(DURATION_RANGE), default: DEFAULT_PROTOCOL.duration },
  onset: { attribute: 'onset', parse: number({ min: 0, max: DURATION_RANGE.max }), default: DEFAULT_PROTOCOL.onset },
  dt: { attribute: 'dt', parse: number(DT_RANGE), default: DEFAULT_PROTOCOL.dt },
  method: { attribute: 'method', parse: choice(METHODS), default: DEFAULT_PROTOCOL.method },
});

/** A simulated trace: one sample per integration step, ends included (length = steps + 1). */
export interface Trace {
  /** The protocol that produced it. */
  protocol: StepProtocol;
  /** Time, ms. */
  t: Float64Array;
  /** Membrane potential, mV. */
  V: Float64Array;
  /** Sodium activation gate. */
  m: Float64Array;
  /** Sodium inactivation gate. */
  h: Float64Array;
  /** Potassium activation gate. */
  n: Float64Array;
  /** True when the integration blew up (V stopped being a finite number): the step is too coarse. */
  diverged: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Rate functions (1/ms)

/**
 * u / (1 − e^(−u)), which is 1 at u = 0. Computed with expm1 away from zero (no cancellation) and with
 * its Taylor series 1 + u/2 + u²/12 − u⁴/720 near zero, where the quotient is 0/0 at the point itself.
 */
export function exprelInverse(u: number): number {
  if (Math.abs(u) < 1e-3) {
    const u2 = u * u;
    // The next term, u⁶/30240, is below 4e-23 here.
    return 1 + u / 2 + u2 / 12 - (u2 * u2) / 720;
  }
  return u / -Math.expm1(-u);
}

/** α_m(V) = 0.1(V+40) / (1 − e^(−(V+40)/10)); its limit at V = −40 is 1. */
export function alphaM(V: number): number {
  return exprelInverse((V + 40) / 10);
}

/** β_m(V) = 4 e^(−(V+65)/18). */
export function betaM(V: number): number {
  return 4 * Math.exp(-(V + 65) / 18);
}

/** α_h(V) = 0.07 e^(−(V+65)/20). */
export function alphaH(V: number): number {
  return 0.07 * Math.exp(-(V + 65) / 20);
}

/** β_h(V) = 1 / (1 + e^(−(V+35)/10)). */
export function betaH(V: number): number {
  return 1 / (1 + Math.exp(-(V + 35) / 10));
}

/** α_n(V) = 0.01(V+55) / (1 − e^(−(V+55)/10)); its limit at V = −55 is 0.1. */
export function alphaN(V: number): number {
  return 0.1 * exprelInverse((V + 55) / 10);
}

/** β_n(V) = 0.125 e^(−(V+65)/80). */
export function betaN(V: number): number {
  return 0.125 * Math.exp(-(V + 65) / 80);
}

/** The six rate functions by name, in the order the lecture shows them. */
export const RATE_FUNCTIONS = {
  alphaM,
  betaM,
  alphaH,
  betaH,
  alphaN,
  betaN,
} as const satisfies Record<string, (V: number) => number>;
export type RateName = keyof typeof RATE_FUNCTIONS;

/** The gates' steady states at a clamped V: x∞ = α_x / (α_x + β_x). */
export function steadyState(V: number): { m: number; h: number; n: number } {
  const am = alphaM(V);
  const ah = alphaH(V);
  const an = alphaN(V);
  return { m: am / (am + betaM(V)), h: ah / (ah + betaH(V)), n: an / (an + betaN(V)) };
}

/** The ionic currents at a state, µA/cm² (positive = outward). */
export function ionicCurrents(V: number, m: number, h: number, n: number): { sodium: number; potassium: number; leak: number } {
  const { gNa, gK, gL, eNa, eK, eL } = MEMBRANE;
  const n2 = n * n;
  return { sodium: gNa * m * m * m * h * (V - eNa), potassium: gK * n2 * n2 * (V - eK), leak: gL * (V - eL) };
}

// ---------------------------------------------------------------------------------------------------
// Integration

/** The six rates at V, written by `gateRates` (α_m, β_m, α_h, β_h, α_n, β_n). Reused scratch. */
export const rateScratch = new Float64Array(6);

const E_HALF = Math.exp(0.5);
const E_MINUS_ONE_AND_HALF = Math.exp(-1.5);
const E_TWO_AND_HALF = Math.exp(2.5);
const MINUS_ONE_OVER_720 = -1 / 720;

/**
 * Below this |u| (and |u + 1.5|), e^(−u) for α_m, β_h, α_n comes from its own exponential rather than from
 * the power ladder: u / (1 − e^(−u)) divides by a difference near 1 − 1, which multiplies the ladder's
 * ~1e-14 relative error by 1/|u|. At 0.1 that is still ≤ 2e-13, well inside the 1e-12 the test holds.
 */
const LADDER_SAFE = 0.1;

/**
 * All six rates at V into `rateScratch`. Same maths as the named functions above (a test holds them to
 * 1e-12); this is the integrator's inner loop (4 calls per RK4 step), where exp dominates the cost, so it
 * takes one exponential where the named functions take six. Every exponent is a multiple of
 * a/720 with a = V + 65 (a/80 = 9·a/720, a/20 = 36·, a/18 = 40·, and (V+40)/10 = 72·a/720 − 2.5), so
 * x = e^(−a/720) and a few multiplications give them all: x⁹, x³⁶, x⁴⁰, x⁷². Each power's relative error
 * is at most its exponent times x's (≤ 72 × 1.1e-16 ≈ 1e-14).
 */
export function gateRates(V: number): Float64Array {
  const a = V + 65;
  const x = Math.exp(a * MINUS_ONE_OVER_720);
  const x2 = x * x;
  const x4 = x2 * x2;
  const x9 = x4 * x4 * x;
  const x18 = x9 * x9;
  const x36 = x18 * x18;
  const u = (V + 40) / 10;
  const un = u + 1.5;
  const e = Math.abs(u) < LADDER_SAFE || Math.abs(un) < LADDER_SAFE ? Math.exp(-u) : E_TWO_AND_HALF * (x36 * x36);
  const en = e * E_MINUS_ONE_AND_HALF;
  const r = rateScratch;
  r[0] = Math.abs(u) < 1e-3 ? exprelInverse(u) : u / (1 - e);
  r[1] = 4 * (x36 * x4);
  r[2] = 0.07 * x36;
  r[3] = 1 / (1 + e * E_HALF);
  r[4] = 0.1 * (Math.abs(un) < 1e-3 ? exprelInverse(un) : un / (1 - en));
  r[5] = 0.125 * x9;
  return r;
}

/** Number of integration steps in the window (the trace has one more sample). */
export function stepCount(protocol: Pick<StepProtocol, 'duration' | 'dt'>): number {
  return Math.max(1, Math.round(protocol.duration / protocol.dt));
}

/**
 * Simulates the membrane under a current step, starting from rest with every gate at its steady state for
 * −65 mV. Returns one sample per step (t_i = i·dt). This is the function `npm run bench` times.
 */
export function simulate(options: Partial<StepProtocol> = {}): Trace {
  const protocol: StepProtocol = { ...DEFAULT_PROTOCOL, ...options };
  const { current, onset, dt, method } = protocol;
  const steps = stepCount(protocol);
  const t = new Float64Array(steps + 1);
  const Vs = new Float64Array(steps + 1);
  const ms = new Float64Array(steps + 1);
  const hs = new Float64Array(steps + 1);
  const ns = new Float64Array(steps + 1);

  const start = steadyState(MEMBRANE.rest);
  let V: number = MEMBRANE.rest;
  let m = start.m;
  let h = start.h;
  let n = start.n;
  Vs[0] = V;
  ms[0] = m;
  hs[0] = h;
  ns[0] = n;
  const { capacitance, gNa, gK, gL, eNa, eK, eL } = MEMBRANE;
  const rk4 = method === 'rk4';
  const stageCount = rk4 ? 4 : 1;
  const half = dt / 2;

  // The stages are plain locals rather than a scratch array or a helper writing into one: this loop is what
  // `npm run bench` times, and V8 keeps locals in registers (≈ 1.9× faster than the helper it replaces).
  for (let i = 0; i < steps; i += 1) {
    const I = i * dt + half >= onset ? current : 0;
    // k = the previous stage's derivative; sum = k1 + 2 k2 + 2 k3 + k4 (RK4) or k1 (Euler).
    let kV = 0;
    let km = 0;
    let kh = 0;
    let kn = 0;
    let sumV = 0;
    let sumM = 0;
    let sumH = 0;
    let sumN = 0;
    for (let stage = 0; stage < stageCount; stage += 1) {
      const c = stage === 0 ? 0 : stage === 3 ? dt : half;
      const v = V + c * kV;
      const sm = m + c * km;
      const sh = h + c * kh;
      const sn = n + c * kn;
      const n2 = sn * sn;
      kV = (I - gNa * sm * sm * sm * sh * (v - eNa) - gK * n2 * n2 * (v - eK) - gL * (v - eL)) / capacitance;
      const r = gateRates(v);
      km = r[0]! * (1 - sm) - r[1]! * sm;
      kh = r[2]! * (1 - sh) - r[3]! * sh;
      kn = r[4]! * (1 - sn) - r[5]! * sn;
      const weight = stage === 1 || stage === 2 ? 2 : 1;
      sumV += weight * kV;
      sumM += weight * km;
      sumH += weight * kh;
      sumN += weight * kn;
    }
    const scale = rk4 ? dt / 6 : dt;
    V += scale * sumV;
    m += scale * sumM;
    h += scale * sumH;
    n += scale * sumN;
    t[i + 1] = (i + 1) * dt;
    Vs[i + 1] = V;
    ms[i + 1] = m;
    hs[i + 1] = h;
    ns[i + 1] = n;
  }
  return { protocol, t, V: Vs, m: ms, h: hs, n: ns, diverged: !Number.isFinite(V) || !Number.isFinite(n) };
}

/**
 * When the step really switches on, ms: the first grid point whose step midpoint is at or after `onset`
 * (the integrator's rule above), i.e. `onset` rounded to the grid. The view draws the step here.
 */
export function effectiveOnset(protocol: Pick<StepProtocol, 'onset' | 'dt' | 'duration'>): number {
  const steps = stepCount(protocol);
  for (let i = Math.max(0, Math.floor(protocol.onset / protocol.dt) - 1); i < steps; i += 1) {
    if (i * protocol.dt + protocol.dt / 2 >= protocol.onset) return i * protocol.dt;
  }
  return steps * protocol.dt;
}

// ---------------------------------------------------------------------------------------------------
// Spikes

/** A spike: an upward crossing of 0 mV, with its time (interpolated) and the peak that follows. */
export interface Spike {
  /** Time of the upward 0 mV crossing, ms, linearly interpolated between samples. */
  time: number;
  /** Highest V before V falls back below 0 mV, mV. */
  peak: number;
  /** Time of that peak, ms. */
  peakTime: number;
}

/** Every spike in a trace: each upward crossing of 0 mV (V[i−1] < 0 ≤ V[i]). */
export function detectSpikes(trace: Pick<Trace, 't' | 'V'>): Spike[] {
  const { t, V } = trace;
  const spikes: Spike[] = [];
  for (let i = 1; i < V.length; i += 1) {
    const before = V[i - 1]!;
    const after = V[i]!;
    if (!(before < SPIKE_THRESHOLD_MV && after >= SPIKE_THRESHOLD_MV)) continue;
    const fraction = (SPIKE_THRESHOLD_MV - before) / (after - before);
    const time = t[i - 1]! + fraction * (t[i]! - t[i - 1]!);
    let peak = after;
    let peakTime = t[i]!;
    for (let j = i + 1; j < V.length && V[j]! >= SPIKE_THRESHOLD_MV; j += 1) {
      if (V[j]! > peak) {
        peak = V[j]!;
        peakTime = t[j]!;
      }
    }
    spikes.push({ time, peak, peakTime });
  }
  return spikes;
}

/** The spike count over the window and the firing rate. */
export interface FiringSummary {
  /** Spikes in [0, duration]. */
  count: number;
  /**
   * Firing rate, Hz: spikes per second of stimulation, count / (duration − onset). This is what a
   * physiologist reads off a step response; it counts a lone onset spike too, so it is 1/(window) there.
   */
  rate: number;
  /** Length of the stimulated part of the window, ms (duration − onset). */
  stimulated: number;
}

/** Counts spikes and turns the count into a rate over the stimulated time: count / (duration − onset). */
export function summarizeFiring(trace: Trace, spikes: readonly Spike[] = detectSpikes(trace)): FiringSummary {
  const stimulated = trace.protocol.duration - trace.protocol.onset;
  const rate = stimulated > 0 ? (spikes.length * 1000) / stimulated : 0;
  return { count: spikes.length, rate, stimulated };
}

// ---------------------------------------------------------------------------------------------------
// Export

/** The CSV a student downloads: header `t_ms,V_mV,m,h,n`, then one row per simulation step. */
export function traceToCsv(trace: Trace): string {
  const decimals = Math.min(6, Math.max(2, Math.ceil(-Math.log10(trace.protocol.dt)) + 1));
  const rows: string[] = new Array(trace.t.length + 1);
  rows[0] = 't_ms,V_mV,m,h,n';
  for (let i = 0; i < trace.t.length; i += 1) {
    rows[i + 1] = `${trace.t[i]!.toFixed(decimals)},${trace.V[i]!.toFixed(6)},${trace.m[i]!.toFixed(8)},${trace.h[i]!.toFixed(8)},${trace.n[i]!.toFixed(8)}`;
  }
  return rows.join('\n') + '\n';
}
