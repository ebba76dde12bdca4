import { describe, expect, it } from 'vitest';
import {
  alphaH,
  alphaM,
  alphaN,
  betaH,
  betaM,
  betaN,
  detectSpikes,
  effectiveOnset,
  gateRates,
  ionicCurrents,
  simulate,
  steadyState,
  summarizeFiring,
  traceToCsv,
} from './hh-simulator.model.ts';
import { decimate, formatTick, niceTicks } from './hh-simulator.plot.ts';

// ---------------------------------------------------------------------------------------------------
// An independent reference, written here from the 1952 equations without the model's code: textbook rate
// formulas, its own classic RK4 at dt = 0.0005 ms (20× finer than the widget's default), its own spike
// detector. It is itself checked twice below: against the same integrator at twice the step (converged),
// and against spike times from SciPy's DOP853 (rtol = atol = 1e-12, integrated before and after the onset
// separately, events at V = 0 rising), which agree with it to 1e-4 ms.

const REF_DT = 0.0005;

function refRates(V: number): [number, number, number, number, number, number] {
  const xm = V + 40;
  const xn = V + 55;
  // Textbook form; only the exact singular point itself would be 0/0, use the first-order expansion there.
  const am = Math.abs(xm) < 1e-6 ? 1 + xm / 20 : (0.1 * xm) / (1 - Math.exp(-xm / 10));
  const an = Math.abs(xn) < 1e-6 ? 0.1 + xn / 200 : (0.01 * xn) / (1 - Math.exp(-xn / 10));
  return [am, 4 * Math.exp(-(V + 65) / 18), 0.07 * Math.exp(-(V + 65) / 20), 1 / (1 + Math.exp(-(V + 35) / 10)), an, 0.125 * Math.exp(-(V + 65) / 80)];
}

function refField(y: readonly number[], I: number): number[] {
  const [V, m, h, n] = y as [number, number, number, number];
  const [am, bm, ah, bh, an, bn] = refRates(V);
  const iNa = 120 * m ** 3 * h * (V - 50);
  const iK = 36 * n ** 4 * (V + 77);
  const iL = 0.3 * (V + 54.387);
  return [I - iNa - iK - iL, am * (1 - m) - bm * m, ah * (1 - h) - bh * h, an * (1 - n) - bn * n];
}

interface RefRun {
  spikeTimes: number[];
  peaks: number[];
  maxRestDeviation: number;
}

/** Reference run: current step I from `onset` to the end of `duration`, starting at rest. */
function reference(I: number, { duration = 100, onset = 10, dt = REF_DT } = {}): RefRun {
  const [am, bm, ah, bh, an, bn] = refRates(-65);
  let y = [-65, am / (am + bm), ah / (ah + bh), an / (an + bn)];
  const steps = Math.round(duration / dt);
  const onsetStep = Math.round(onset / dt);
  const spikeTimes: number[] = [];
  const peaks: number[] = [];
  let maxRestDeviation = 0;
  let inSpike = false;
  for (let i = 0; i < steps; i += 1) {
    const current = i >= onsetStep ? I : 0;
    const k1 = refField(y, current);
    const k2 = refField(y.map((v, j) => v + (dt / 2) * k1[j]!), current);
    const k3 = refField(y.map((v, j) => v + (dt / 2) * k2[j]!), current);
    const k4 = refField(y.map((v, j) => v + dt * k3[j]!), current);
    const next = y.map((v, j) => v + (dt / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!));
    const [before, after] = [y[0]!, next[0]!];
    if (before < 0 && after >= 0) {
      spikeTimes.push((i + -before / (after - before)) * dt);
      peaks.push(after);
      inSpike = true;
    } else if (inSpike && after >= 0) {
      peaks[peaks.length - 1] = Math.max(peaks[peaks.length - 1]!, after);
    } else {
      inSpike = false;
    }
    maxRestDeviation = Math.max(maxRestDeviation, Math.abs(after + 65));
    y = next;
  }
  return { spikeTimes, peaks, maxRestDeviation };
}

/** SciPy DOP853 (rtol = atol = 1e-12) spike times for I = 10 µA/cm² from 10 ms, first 100 ms. */
const SCIPY_SPIKES_AT_10 = [11.9013, 26.8228, 41.472, 56.1092, 70.7454, 85.3817];

const referenceCache = new Map<number, RefRun>();
function ref(I: number): RefRun {
  if (!referenceCache.has(I)) referenceCache.set(I, reference(I));
  return referenceCache.get(I)!;
}

const spikeCount = (current: number, extra: Parameters<typeof simulate>[0] = {}) => detectSpikes(simulate({ current, ...extra })).length;

/** The smallest current (to `tolerance`) at which `fires(I)` turns true, between `low` (false) and `high` (true). */
function threshold(fires: (I: number) => boolean, low: number, high: number, tolerance = 1e-3): number {
  expect(fires(low)).toBe(false);
  expect(fires(high)).toBe(true);
  while (high - low > tolerance) {
    const mid = (low + high) / 2;
    if (fires(mid)) high = mid;
    else low = mid;
  }
  return (low + high) / 2;
}

// ---------------------------------------------------------------------------------------------------

describe('the reference itself', () => {
  it('is converged: halving its step moves no spike time by more than 1e-4 ms', () => {
    const coarse = reference(10, { dt: 2 * REF_DT });
    expect(coarse.spikeTimes).toHaveLength(ref(10).spikeTimes.length);
    coarse.spikeTimes.forEach((t, i) => expect(Math.abs(t - ref(10).spikeTimes[i]!)).toBeLessThan(1e-4));
  });

  it('agrees with SciPy DOP853 at I = 10 to 1e-3 ms', () => {
    expect(ref(10).spikeTimes).toHaveLength(SCIPY_SPIKES_AT_10.length);
    ref(10).spikeTimes.forEach((t, i) => expect(Math.abs(t - SCIPY_SPIKES_AT_10[i]!)).toBeLessThan(1e-3));
  });
});

describe('rate functions', () => {
  const textbook = {
    alphaM: (V: number) => (0.1 * (V + 40)) / (1 - Math.exp(-(V + 40) / 10)),
    betaM: (V: number) => 4 * Math.exp(-(V + 65) / 18),
    alphaH: (V: number) => 0.07 * Math.exp(-(V + 65) / 20),
    betaH: (V: number) => 1 / (1 + Math.exp(-(V + 35) / 10)),
    alphaN: (V: number) => (0.01 * (V + 55)) / (1 - Math.exp(-(V + 55) / 10)),
    betaN: (V: number) => 0.125 * Math.exp(-(V + 65) / 80),
  };
  const model = { alphaM, betaM, alphaH, betaH, alphaN, betaN };

  it('match the textbook formulas away from the singular points', () => {
    for (let V = -120; V <= 60; V += 0.73) {
      for (const name of Object.keys(textbook) as Array<keyof typeof textbook>) {
        expect(model[name](V)).toBeCloseTo(textbook[name](V), 12);
      }
    }
    // Hand values at rest: α_m(−65) = 2.5 / (e^2.5 − 1), β_h(−65) = 1 / (1 + e^3).
    expect(alphaM(-65)).toBeCloseTo(2.5 / (Math.exp(2.5) - 1), 14);
    expect(betaH(-65)).toBeCloseTo(1 / (1 + Math.exp(3)), 14);
  });

  it('take their limits at the removable singularities: α_m(−40) = 1, α_n(−55) = 0.1', () => {
    expect(alphaM(-40)).toBe(1);
    expect(alphaN(-55)).toBe(0.1);
  });

  // Near x = V + 40 (or V + 55) the exact value is the series 1 + u/2 + u²/12 − u⁴/720 with u = x/10. The
  // plain quotient is off by up to 1e-7 at |x| = 1e-9 (1 − e^(−u) cancels); the model must not be.
  const offsets = [1e-9, 3e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 9.9e-3, 1.01e-2, 2e-2];
  const series = (x: number) => {
    const u = x / 10;
    return 1 + u / 2 + (u * u) / 12 - u ** 4 / 720 + u ** 6 / 30240;
  };

  it('are exact within 1e-9…1e-2 mV of the singular points (both sides)', () => {
    for (const d of offsets) {
      for (const x of [d, -d]) {
        expect(Math.abs(alphaM(-40 + x) - series(x))).toBeLessThan(1e-13);
        expect(Math.abs(alphaN(-55 + x) - 0.1 * series(x))).toBeLessThan(1e-14);
      }
    }
  });

  it('have no step or kink across the singular points: neighbours line up on a straight line to 1e-12', () => {
    for (const [f, at] of [[alphaM, -40], [alphaN, -55]] as const) {
      for (const h of [1e-6, 1e-4, 5e-3]) {
        for (let k = -20; k <= 20; k += 1) {
          const V = at + (k * h) / 4;
          const secondDifference = f(V - h) - 2 * f(V) + f(V + h);
          // The true second difference is f''·h² ≈ h²/60 (α_m) or h²/600 (α_n): far below 1e-12 here.
          expect(Math.abs(secondDifference)).toBeLessThan(1e-12 + h * h / 50);
        }
      }
    }
  });

  it('are the same numbers inside the integrator (gateRates) as outside, singular points included', () => {
    const voltages = [-150, -100, -65, -55, -40, 0, 50, 100];
    for (let V = -150; V <= 100; V += 0.37) voltages.push(V);
    for (const d of offsets) voltages.push(-40 + d, -40 - d, -55 + d, -55 - d);
    for (const V of voltages) {
      const r = gateRates(V);
      const named = [alphaM(V), betaM(V), alphaH(V), betaH(V), alphaN(V), betaN(V)];
      named.forEach((value, i) => expect(Math.abs(r[i]! - value)).toBeLessThanOrEqual(1e-12 * Math.max(1, value)));
    }
  });

  it('give the classic steady states at rest and a membrane current that balances there', () => {
    const { m, h, n } = steadyState(-65);
    expect(m).toBeCloseTo(0.0529, 4);
    expect(h).toBeCloseTo(0.5961, 4);
    expect(n).toBeCloseTo(0.3177, 4);
    const { sodium, potassium, leak } = ionicCurrents(-65, m, h, n);
    expect(Math.abs(sodium + potassium + leak)).toBeLessThan(0.01);
  });
});

describe('the membrane under a current step (100 ms, step on at 10 ms, RK4 at dt = 0.01 ms)', () => {
  /** Expects `count` spikes at I over the 100 ms window, in the model and in the reference. */
  const expectSpikeCount = (I: number, count: number) => {
    expect(spikeCount(I), `I = ${I}`).toBe(count);
    expect(ref(I).spikeTimes, `reference, I = ${I}`).toHaveLength(count);
  };
  /** The spikes of a 500 ms step: how many, and when the last came (NaN when none, so that no bound holds). */
  const longRun = (current: number, dt?: number) => {
    const spikes = detectSpikes(simulate({ current, duration: 500, ...(dt === undefined ? {} : { dt }) }));
    return { count: spikes.length, last: spikes.at(-1)?.time ?? Number.NaN };
  };

  it('rests at −65 mV with no current: drift below 0.1 mV over 100 ms, no spike', () => {
    const trace = simulate({ current: 0 });
    let drift = 0;
    for (const V of trace.V) drift = Math.max(drift, Math.abs(V + 65));
    expect(drift).toBeLessThan(0.1);
    expect(ref(0).maxRestDeviation).toBeLessThan(0.1);
    expect(detectSpikes(trace)).toHaveLength(0);
  });

  it('does not spike at 0, 2 or 2.2 µA/cm², in the model and in the reference', () => {
    for (const I of [0, 2, 2.2]) expectSpikeCount(I, 0);
  });

  it('fires exactly one spike from 2.3 up to 5.9 µA/cm², as the reference does', () => {
    for (const I of [2.3, 3, 4, 5, 5.9]) expectSpikeCount(I, 1);
  });

  it('has its single-spike threshold at 2.2408 µA/cm² (the reference bisects to the same value)', () => {
    const model = threshold((I) => spikeCount(I) >= 1, 2, 2.5);
    expect(model).toBeGreaterThan(2.235);
    expect(model).toBeLessThan(2.245);
  });

  it('gives only a transient of 2–3 spikes at 6.0–6.2 µA/cm², then falls silent', () => {
    expectSpikeCount(6.0, 2);
    const long = longRun(6.2);
    expect(long.count).toBeLessThanOrEqual(3);
    expect(long.last).toBeLessThan(60);
  });

  it('fires repetitively from ≈ 6.26 µA/cm²: at 6.3 it still fires at the end of a 500 ms window', () => {
    expectSpikeCount(6.3, 5);
    const long = longRun(6.3);
    expect(long.count).toBeGreaterThan(20);
    expect(long.last).toBeGreaterThan(450);
    // Where sustained firing begins: still spiking in the last 50 ms of a 500 ms window.
    const sustained = (I: number) => longRun(I, 0.02).last > 450;
    const onset = threshold(sustained, 6.2, 6.4, 2e-3);
    expect(onset).toBeGreaterThan(6.24);
    expect(onset).toBeLessThan(6.28);
  });

  it('fires 6 spikes in 100 ms at 10 µA/cm², 66.7 Hz over the 90 ms of stimulus', () => {
    const trace = simulate({ current: 10 });
    const summary = summarizeFiring(trace);
    expect(summary.count).toBe(6);
    expect(summary.rate).toBeCloseTo(66.67, 2);
    expect(ref(10).spikeTimes).toHaveLength(6);
  });

  it('puts every spike within 0.2 ms of the reference (RK4, dt = 0.01) at 3, 6.3, 10 and 20 µA/cm²', () => {
    for (const I of [3, 6.3, 10, 20]) {
      const spikes = detectSpikes(simulate({ current: I }));
      const expected = ref(I).spikeTimes;
      expect(spikes.map((s) => s.time)).toHaveLength(expected.length);
      spikes.forEach((s, i) => expect(Math.abs(s.time - expected[i]!), `I = ${I}, spike ${i}`).toBeLessThan(0.2));
    }
  });

  it('peaks near +40 mV on the first spike (within 3 mV of 40 and 0.5 mV of the reference); later spikes lower', () => {
    for (const I of [3, 5, 10, 20]) {
      const spikes = detectSpikes(simulate({ current: I }));
      expect(Math.abs(spikes[0]!.peak - 40), `I = ${I}`).toBeLessThan(3);
      expect(Math.abs(spikes[0]!.peak - ref(I).peaks[0]!)).toBeLessThan(0.5);
    }
    // In the train at 10 µA/cm² the spikes start from a less deactivated h and peak near +30 mV.
    const train = detectSpikes(simulate({ current: 10 }));
    for (const spike of train.slice(1)) {
      expect(spike.peak).toBeGreaterThan(28);
      expect(spike.peak).toBeLessThan(33);
    }
  });

  it('is worse with forward Euler at dt = 0.01 (≥ 10× the spike-time error) but still fires the same 6 spikes', () => {
    const expected = ref(10).spikeTimes;
    const error = (method: 'rk4' | 'euler') =>
      Math.max(...detectSpikes(simulate({ current: 10, method })).map((s, i) => Math.abs(s.time - expected[i]!)));
    expect(spikeCount(10, { method: 'euler' })).toBe(6);
    expect(error('euler')).toBeGreaterThan(10 * error('rk4'));
    expect(error('euler')).toBeLessThan(0.2);
  });

  it('reports a diverged run instead of returning numbers: forward Euler at dt = 0.1', () => {
    expect(simulate({ current: 50, method: 'euler', dt: 0.1 }).diverged).toBe(true);
    expect(simulate({ current: 50, method: 'euler', dt: 0.05 }).diverged).toBe(false);
  });

  it('switches the step on at the grid point nearest the onset and not before', () => {
    const trace = simulate({ current: 10, onset: 10 });
    expect(effectiveOnset(trace.protocol)).toBe(10);
    const i = Math.round(10 / 0.01);
    expect(trace.V[i]).toBeCloseTo(-65, 1);
    // dV/dt jumps by I/C = 10 mV/ms right after the onset.
    expect((trace.V[i + 1]! - trace.V[i]!) / 0.01).toBeGreaterThan(9);
    expect(effectiveOnset({ onset: 10.004, dt: 0.01, duration: 100 })).toBeCloseTo(10, 9);
    expect(effectiveOnset({ onset: 10.006, dt: 0.01, duration: 100 })).toBeCloseTo(10.01, 9);
  });

  it('is, step for step, the textbook RK4 at the same dt: V within 1e-9 mV over the whole window', () => {
    // The model's inner loop is tuned for speed (one exponential per stage, scratch arrays); this holds it to
    // the plain integrator above — arrays, six exponentials — on the same grid, so the tuning changes only
    // rounding. Currents below, at and above the repetitive-firing threshold, and the run the bench times.
    for (const I of [0, 3, 6.3, 10, 20, 50]) {
      const trace = simulate({ current: I });
      const { dt, onset } = trace.protocol;
      const [am, bm, ah, bh, an, bn] = refRates(-65);
      let y = [-65, am / (am + bm), ah / (ah + bh), an / (an + bn)];
      let worst = 0;
      for (let i = 0; i + 1 < trace.V.length; i += 1) {
        const current = i * dt + dt / 2 >= onset ? I : 0;
        const k1 = refField(y, current);
        const k2 = refField(y.map((v, j) => v + (dt / 2) * k1[j]!), current);
        const k3 = refField(y.map((v, j) => v + (dt / 2) * k2[j]!), current);
        const k4 = refField(y.map((v, j) => v + dt * k3[j]!), current);
        y = y.map((v, j) => v + (dt / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!));
        worst = Math.max(worst, Math.abs(trace.V[i + 1]! - y[0]!));
      }
      expect(worst, `I = ${I} µA/cm²`).toBeLessThan(1e-9);
    }
  });
});

describe('CSV export', () => {
  it('has the header t_ms,V_mV,m,h,n and one row per simulation step, ends included', () => {
    const trace = simulate({ current: 10 });
    const lines = traceToCsv(trace).trimEnd().split('\n');
    expect(lines[0]).toBe('t_ms,V_mV,m,h,n');
    expect(lines).toHaveLength(1 + 100 / 0.01 + 1);
    expect(lines[1]).toMatch(/^0\.000,-65\.000000,0\.05293\d+,0\.59612\d+,0\.31767\d+$/);
    expect(lines[lines.length - 1]!.startsWith('100.000,')).toBe(true);
  });

  it('carries the same spikes as the model: upward 0 mV crossings recounted from the text', () => {
    for (const I of [0, 4, 10]) {
      const trace = simulate({ current: I });
      const rows = traceToCsv(trace).trimEnd().split('\n').slice(1).map((line) => line.split(',').map(Number));
      let crossings = 0;
      for (let i = 1; i < rows.length; i += 1) if (rows[i - 1]![1]! < 0 && rows[i]![1]! >= 0) crossings += 1;
      expect(crossings).toBe(detectSpikes(trace).length);
    }
  });
});

describe('plot helpers', () => {
  it('chooses round ticks that cover the range', () => {
    expect(niceTicks(0, 100, 10)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(niceTicks(-85, 55, 4)).toEqual([-50, 0, 50]);
    expect(niceTicks(0, 0.4, 5)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(formatTick(-50)).toBe('−50');
    expect(formatTick(0.30000000000000004)).toBe('0.3');
  });

  it('decimates a 10,001-sample trace to ≤ 2 points per column and keeps every spike at full height', () => {
    const trace = simulate({ current: 10 });
    const columns = 600;
    const points = decimate(trace.t, trace.V, 0, 100, columns);
    expect(points.length / 2).toBeLessThanOrEqual(2 * columns);
    const ys = points.filter((_, i) => i % 2 === 1);
    for (const spike of detectSpikes(trace)) expect(ys).toContain(spike.peak);
    expect(Math.min(...ys)).toBe(Math.min(...trace.V));
    // Points stay in time order, so the path never doubles back.
    for (let i = 2; i < points.length; i += 2) expect(points[i]!).toBeGreaterThanOrEqual(points[i - 2]!);
  });
});
