/**
 * The maths of `<rnn-euler>`: Euler's method as a recurrence with fixed weights beside a recurrence learned
 * from data. Pure (no DOM, no Lit): the two systems, their true solution (the damped oscillator's closed form,
 * a fine RK4 for the pendulum), Euler's rollout and its matrix I + hA, the training pairs (sₜ, sₜ₊₁) of one
 * true trajectory, the learned step map evaluated from the engine's weights, and the settings table.
 *
 * The state is s = (x, v): position and velocity (θ and θ′ for the pendulum). The learned map is a
 * 2 → hidden → 2 tanh network g with sₜ₊₁ = sₜ + h·g(sₜ): the same form as Euler's step, whose g is the
 * true right-hand side f; trained on (sₜ₊₁ − sₜ)/h, g learns the exact one-step map of the data instead.
 */
import type { LayerWeights } from '../../engine/mlp.ts';
import type { TrainerSpec, TrainingData } from '../../engine/trainer.ts';
import { choice, defineSettings, number, numberList, seed, wholeNumber, type NumberRange } from '../shared/runtime/settings.ts';
import { formatNumber } from '../shared/views/format-number.ts';

/** The systems a student can pick, in menu order. */
export const SYSTEMS = ['oscillator', 'pendulum'] as const;
export type SystemName = (typeof SYSTEMS)[number];

/** The oscillator's natural frequency ω and the pendulum's g/L: both 1, so one time unit is 1/ω. */
export const OMEGA = 1;
export const G_OVER_L = 1;

/** A state (x, v). */
export type State = readonly [number, number];

/** How the widget names each system, its equation and its coordinates. */
export const SYSTEM_TEXT: Record<SystemName, { label: string; equation: string; constant: string; x: string; v: string }> = {
  oscillator: { label: 'damped oscillator', equation: 'x″ = −ω²x − 2ζω x′', constant: 'ω = 1', x: 'x', v: 'x′' },
  pendulum: { label: 'pendulum', equation: 'θ″ = −(g/L) sin θ − c θ′', constant: 'g/L = 1', x: 'θ', v: 'θ′' },
};

/** Where the one training trajectory starts: a wide swing, so its spiral covers much of the plane. */
export const TRAINING_START: Record<SystemName, State> = { oscillator: [2, 0], pendulum: [2.5, 0] };
/**
 * The default new start: another phase, close to the training trajectory's first swing, so that it lies where
 * the data is even without damping (then the data is one closed orbit). Measured: from here the learned map
 * beats Euler for every h and damping of the lecture; a start far from the grey points shows it drift instead.
 */
export const DEFAULT_START: Record<SystemName, State> = { oscillator: [-1.4, 1.4], pendulum: [-1.4, 1.4] };
/** The phase plane shown: x and v both in [−R, R]. */
export const PLANE_RADIUS: Record<SystemName, number> = { oscillator: 2.5, pendulum: 3.2 };

/** Allowed ranges of the numeric attributes (ends included). */
export const LIMITS = {
  h: { min: 0.01, max: 0.5 },
  damping: { min: 0, max: 1 },
  hidden: { min: 4, max: 64 },
  steps: { min: 10, max: 1000 },
  epochs: { min: 1, max: 20_000 },
  start: { min: -3, max: 3 },
} as const satisfies Record<string, NumberRange>;

/** Adam's learning rate for the step map (measured: converges in the default budget for every h). */
export const LEARNING_RATE = 0.01;

/** The attributes (README: Widgets). `start` comes after `system`: its default follows it. */
export const rnnEulerSettings = defineSettings({
  system: { attribute: 'system', parse: choice(SYSTEMS), default: 'oscillator' as SystemName },
  h: { attribute: 'h', parse: number(LIMITS.h), default: 0.1 },
  damping: { attribute: 'damping', parse: number(LIMITS.damping), default: 0.1 },
  // NOT `hidden`: that is HTML's global attribute (it hides the element) and HTMLElement's own property.
  hidden: { attribute: 'units', property: 'hiddenUnits', parse: wholeNumber(LIMITS.hidden), default: 16 },
  steps: { attribute: 'steps', parse: wholeNumber(LIMITS.steps), default: 100 },
  epochs: { attribute: 'epochs', parse: wholeNumber(LIMITS.epochs), default: 1500 },
  start: {
    attribute: 'start',
    parse: numberList({ range: LIMITS.start, length: 2 }),
    default: (above: Record<string, unknown>) => [...DEFAULT_START[above.system as SystemName]],
  },
  seed: { attribute: 'seed', parse: seed(), default: 1 },
});

/** Everything a run depends on, in the lecture's words. */
export interface EulerSettings {
  system: SystemName;
  /** The step size h of Euler's method and of the learned recurrence. */
  h: number;
  /** ζ for the oscillator, c for the pendulum. */
  damping: number;
  /** Hidden units of the learned step map. */
  hidden: number;
  /** Rollout length (and the training trajectory's length), in steps of h. */
  steps: number;
  /** The training budget, full batch: one optimizer step per epoch. */
  epochs: number;
  /** The new starting point the rollouts are compared from. */
  start: number[];
  seed: number;
}

/** The right-hand side f of s′ = f(s). */
export function rightHandSide(system: SystemName, damping: number): (s: State) => [number, number] {
  if (system === 'oscillator') return ([x, v]) => [v, -OMEGA * OMEGA * x - 2 * damping * OMEGA * v];
  return ([x, v]) => [v, -G_OVER_L * Math.sin(x) - damping * v];
}

/** A trajectory: states 0…steps at times 0, h, 2h, … */
export interface Trajectory {
  x: Float64Array;
  v: Float64Array;
}

function emptyTrajectory(steps: number): Trajectory {
  return { x: new Float64Array(steps + 1), v: new Float64Array(steps + 1) };
}

/** One Euler step: sₙ₊₁ = sₙ + h f(sₙ). */
export function eulerStep(f: (s: State) => [number, number], s: State, h: number): [number, number] {
  const [dx, dv] = f(s);
  return [s[0] + h * dx, s[1] + h * dv];
}

/** Euler's rollout from `start`: the fixed recurrence, `steps` times. */
export function eulerRollout(system: SystemName, damping: number, start: State, h: number, steps: number): Trajectory {
  const f = rightHandSide(system, damping);
  return iterate((s) => eulerStep(f, s, h), start, steps);
}

/** One classical RK4 step of size dt. */
export function rk4Step(f: (s: State) => [number, number], s: State, dt: number): [number, number] {
  const k1 = f(s);
  const k2 = f([s[0] + (dt / 2) * k1[0], s[1] + (dt / 2) * k1[1]]);
  const k3 = f([s[0] + (dt / 2) * k2[0], s[1] + (dt / 2) * k2[1]]);
  const k4 = f([s[0] + dt * k3[0], s[1] + dt * k3[1]]);
  return [s[0] + (dt / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]), s[1] + (dt / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])];
}

/** The fine RK4 reference: each step of h taken as substeps of at most `fine` (global error ~ fine⁴). */
export function rk4Reference(system: SystemName, damping: number, start: State, h: number, steps: number, fine = 1e-3): Trajectory {
  const f = rightHandSide(system, damping);
  const substeps = Math.max(1, Math.ceil(h / fine - 1e-9));
  const dt = h / substeps;
  return iterate((s) => {
    let next: State = s;
    for (let i = 0; i < substeps; i += 1) next = rk4Step(f, next, dt);
    return [next[0], next[1]];
  }, start, steps);
}

/**
 * The damped oscillator's exact state at time t, x″ = −ω²x − 2ζωx′ from (x₀, v₀): under-damped (ζ < 1)
 * e^{−ζωt}(x₀ cos ω_d t + (v₀ + ζωx₀)/ω_d · sin ω_d t) with ω_d = ω√(1 − ζ²); critically damped (ζ = 1)
 * e^{−ωt}(x₀ + (v₀ + ωx₀)t); over-damped (ζ > 1) with the two real rates.
 */
export function oscillatorExact(damping: number, [x0, v0]: State, t: number): [number, number] {
  const w = OMEGA;
  const z = damping;
  if (Math.abs(1 - z) < 1e-9) {
    const e = Math.exp(-w * t);
    const b = v0 + w * x0;
    return [e * (x0 + b * t), e * (v0 - w * b * t)];
  }
  if (z < 1) {
    const wd = w * Math.sqrt(1 - z * z);
    const e = Math.exp(-z * w * t);
    const c = Math.cos(wd * t);
    const s = Math.sin(wd * t);
    return [e * (x0 * c + ((v0 + z * w * x0) / wd) * s), e * (v0 * c - ((w * w * x0 + z * w * v0) / wd) * s)];
  }
  const root = w * Math.sqrt(z * z - 1);
  const r1 = -z * w + root;
  const r2 = -z * w - root;
  const c1 = (v0 - r2 * x0) / (r1 - r2);
  const c2 = x0 - c1;
  return [c1 * Math.exp(r1 * t) + c2 * Math.exp(r2 * t), c1 * r1 * Math.exp(r1 * t) + c2 * r2 * Math.exp(r2 * t)];
}

/** The true solution sampled every h: the closed form for the oscillator, the fine RK4 for the pendulum. */
export function trueTrajectory(system: SystemName, damping: number, start: State, h: number, steps: number): Trajectory {
  if (system === 'pendulum') return rk4Reference(system, damping, start, h, steps);
  const out = emptyTrajectory(steps);
  for (let n = 0; n <= steps; n += 1) {
    const [x, v] = oscillatorExact(damping, start, n * h);
    out.x[n] = x;
    out.v[n] = v;
  }
  return out;
}

/** A state iterated `steps` times by `step` (values beyond 10⁶ are kept as they are: the plots clip them). */
function iterate(step: (s: State) => [number, number], start: State, steps: number): Trajectory {
  const out = emptyTrajectory(steps);
  let s: State = start;
  out.x[0] = s[0];
  out.v[0] = s[1];
  for (let n = 1; n <= steps; n += 1) {
    s = step(s);
    out.x[n] = s[0];
    out.v[n] = s[1];
  }
  return out;
}

/** A 2 × 2 matrix, rows first. */
export type Matrix2 = [[number, number], [number, number]];

/**
 * A of s′ = As: the oscillator's exactly, the pendulum's linearised at rest (sin θ ≈ θ).
 */
export function systemMatrix(system: SystemName, damping: number): Matrix2 {
  const k = system === 'oscillator' ? OMEGA * OMEGA : G_OVER_L;
  const c = system === 'oscillator' ? 2 * damping * OMEGA : damping;
  return [
    [0, 1],
    [-k, -c],
  ];
}

/** Euler's fixed weights I + hA: one Euler step of a linear system is sₙ₊₁ = (I + hA) sₙ. */
export function eulerMatrix(system: SystemName, damping: number, h: number): Matrix2 {
  const [[a, b], [c, d]] = systemMatrix(system, damping);
  return [
    [1 + h * a, h * b],
    [h * c, 1 + h * d],
  ];
}

/** A complex number. */
export interface Complex {
  re: number;
  im: number;
}

/** The two eigenvalues of a 2 × 2 matrix (roots of λ² − tr λ + det). */
export function eigenvalues([[a, b], [c, d]]: Matrix2): [Complex, Complex] {
  const trace = a + d;
  const det = a * d - b * c;
  const disc = (trace * trace) / 4 - det;
  if (disc >= 0) {
    const r = Math.sqrt(disc);
    return [
      { re: trace / 2 + r, im: 0 },
      { re: trace / 2 - r, im: 0 },
    ];
  }
  const r = Math.sqrt(-disc);
  return [
    { re: trace / 2, im: r },
    { re: trace / 2, im: -r },
  ];
}

/** The largest |μ| of Euler's matrix: its rollout grows by this factor per step (> 1: spirals out). */
export function eulerGrowth(system: SystemName, damping: number, h: number): number {
  return Math.max(...eigenvalues(eulerMatrix(system, damping, h)).map(({ re, im }) => Math.hypot(re, im)));
}

/** The true flow's decay per step of h near rest, e^{Re λ · h} of A's slowest eigenvalue. */
export function trueGrowth(system: SystemName, damping: number, h: number): number {
  return Math.max(...eigenvalues(systemMatrix(system, damping)).map(({ re }) => Math.exp(re * h)));
}

/** The training pairs from one true trajectory from TRAINING_START: inputs sₜ, targets (sₜ₊₁ − sₜ)/h. */
export function trainingPairs(settings: Pick<EulerSettings, 'system' | 'damping' | 'h' | 'steps'>): TrainingData & { inputs: number[][]; targets: number[][]; trajectory: Trajectory } {
  const { system, damping, h, steps } = settings;
  const trajectory = trueTrajectory(system, damping, TRAINING_START[system], h, steps);
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let n = 0; n < steps; n += 1) {
    inputs.push([trajectory.x[n]!, trajectory.v[n]!]);
    targets.push([(trajectory.x[n + 1]! - trajectory.x[n]!) / h, (trajectory.v[n + 1]! - trajectory.v[n]!) / h]);
  }
  return { inputs, targets, trajectory };
}

/** The engine's spec: 2 → hidden → 2, tanh, linear output, MSE, Adam, full batch. */
export function trainerSpec(settings: Pick<EulerSettings, 'hidden' | 'seed'>): TrainerSpec {
  return {
    network: { layers: [2, settings.hidden, 2], hidden: 'tanh', output: 'linear' },
    loss: 'mse',
    optimizer: { kind: 'adam', learningRate: LEARNING_RATE },
    batching: { mode: 'full' },
    seed: settings.seed,
    name: 'rnn-euler',
  };
}

/** g(s) of a 2 → N → 2 tanh network, from the weights as `Trainer.readWeights()` gives them (`weights[input][unit]`). */
export function networkOutput(layers: readonly LayerWeights[], s: State): [number, number] {
  const [hidden, output] = layers;
  if (!hidden || !output || layers.length !== 2) throw new Error('networkOutput needs the weights of a 2 → N → 2 network');
  let gx = output.biases[0]!;
  let gv = output.biases[1]!;
  for (let j = 0; j < hidden.biases.length; j += 1) {
    const a = Math.tanh(hidden.weights[0]![j]! * s[0] + hidden.weights[1]![j]! * s[1] + hidden.biases[j]!);
    gx += output.weights[j]![0]! * a;
    gv += output.weights[j]![1]! * a;
  }
  return [gx, gv];
}

/** One step of the learned recurrence: sₜ₊₁ = sₜ + h g(sₜ). */
export function learnedStep(layers: readonly LayerWeights[], s: State, h: number): [number, number] {
  const [gx, gv] = networkOutput(layers, s);
  return [s[0] + h * gx, s[1] + h * gv];
}

/** The learned recurrence rolled out autoregressively from `start`. */
export function learnedRollout(layers: readonly LayerWeights[], start: State, h: number, steps: number): Trajectory {
  return iterate((s) => learnedStep(layers, s, h), start, steps);
}

/** The training loss (MSE over both outputs, as the engine's 'mse'), in float64. */
export function trainingLoss(layers: readonly LayerWeights[], data: { inputs: number[][]; targets: number[][] }): number {
  let sum = 0;
  data.inputs.forEach((input, i) => {
    const [gx, gv] = networkOutput(layers, [input[0]!, input[1]!]);
    sum += (gx - data.targets[i]![0]!) ** 2 + (gv - data.targets[i]![1]!) ** 2;
  });
  return sum / (2 * data.inputs.length);
}

/** The distance between two trajectories' states at step n (Euclidean in the phase plane). */
export function distanceAt(a: Trajectory, b: Trajectory, n: number): number {
  return Math.hypot(a.x[n]! - b.x[n]!, a.v[n]! - b.v[n]!);
}

/** A number as the widget writes it: 3 significant figures, a true minus, powers of ten when tiny or huge. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : '∞';
  return formatNumber(value, { digits: 3 });
}

/** A matrix entry: 3 decimals on one grid ("1.000", "−0.100"). */
export function formatEntry(value: number): string {
  return formatNumber(value, { decimals: 3 });
}

/** An error distance: 3 significant figures, "≈ 0" below 10⁻⁴, "off the chart" once it has blown up. */
export function formatError(value: number): string {
  if (!Number.isFinite(value) || value > 1e6) return 'blew up';
  return formatNumber(value, { digits: 3, floor: 1e-4 });
}
