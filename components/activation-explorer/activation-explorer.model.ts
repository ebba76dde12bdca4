/**
 * The maths of `<activation-explorer>`, with no DOM: the activation functions a lecture names (threshold,
 * sigmoid, tanh, ReLU, leaky ReLU, GELU) and their derivatives, the error function GELU needs, the curves
 * the plot draws (split where a function or its derivative jumps) and the reading of the attributes. The 2-D
 * picture (a grid through a seeded linear layer, then f elementwise) is in activation-explorer.plane.ts.
 *
 * Conventions follow PyTorch where a function has no derivative: ReLU′(0) = 0, leaky ReLU′(0) = the slope
 * (`x > 0 ? 1 : slope`), and GELU is the exact z·Φ(z) with erf (`approximate='none'`, PyTorch's default).
 * The threshold unit is the McCulloch–Pitts step, 1 when z ≥ 0 (as in engine/activations.ts); its derivative
 * is 0 everywhere except at 0, where the step jumps and there is none (NaN here).
 */
import { boolean, choice, defineSettings, number, seed, type NumberRange, type Parser } from '../shared/runtime/settings.ts';
import { formatNumber as formatShared } from '../shared/views/format-number.ts';

// ---- the functions -----------------------------------------------------------------------------------

/** The activations the widget knows, in the order the select lists them. */
export const ACTIVATIONS = ['threshold', 'sigmoid', 'tanh', 'relu', 'leaky-relu', 'gelu'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

/** PyTorch's default negative slope of `nn.LeakyReLU`. */
export const DEFAULT_LEAKY_SLOPE = 0.01;

const SQRT2 = Math.SQRT2;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, to about one unit in the last place. For |x| < 2 the series
 * erf(x) = 2/√π · e^(−x²) · Σₙ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)) (all terms positive: no cancellation);
 * beyond, 1 − erfc(x) from the continued fraction.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return -erf(-x);
  if (x >= 2) return 1 - erfc(x);
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 0; n < 200; n += 1) {
    term *= (2 * x2) / (2 * n + 3);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/**
 * erfc(x) = 1 − erf(x), accurate in relative terms far into the tail (where 1 − erf(x) would round to 0):
 * for x ≥ 2 the continued fraction erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …)))), evaluated
 * by the modified Lentz method.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 2) return 1 - erf(x);
  if (x > 27) return 0; // below the smallest double
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k += 1) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

/** Φ(z), the standard normal CDF: ½ erfc(−z/√2), accurate in the lower tail too. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / SQRT2);
}

/** φ(z), the standard normal density. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** σ(z) = 1/(1 + e^(−z)), written so that neither branch overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** f(z) for the named activation; `slope` is leaky ReLU's negative slope. */
export function activate(name: ActivationName, z: number, slope = DEFAULT_LEAKY_SLOPE): number {
  switch (name) {
    case 'threshold':
      return z >= 0 ? 1 : 0;
    case 'sigmoid':
      return sigmoid(z);
    case 'tanh':
      return Math.tanh(z);
    case 'relu':
      return z > 0 ? z : 0;
    case 'leaky-relu':
      return z > 0 ? z : slope * z;
    case 'gelu':
      return z * normalCdf(z);
  }
}

/**
 * f′(z). Where f has no derivative the PyTorch convention is used (ReLU′(0) = 0, leaky ReLU′(0) = slope);
 * the threshold's derivative at 0 does not exist (the step jumps) and is NaN.
 */
export function derivative(name: ActivationName, z: number, slope = DEFAULT_LEAKY_SLOPE): number {
  switch (name) {
    case 'threshold':
      return z === 0 ? NaN : 0;
    case 'sigmoid': {
      const s = sigmoid(z);
      return s * (1 - s);
    }
    case 'tanh': {
      const t = Math.tanh(z);
      return 1 - t * t;
    }
    case 'relu':
      return z > 0 ? 1 : 0;
    case 'leaky-relu':
      return z > 0 ? 1 : slope;
    case 'gelu':
      // d/dz [z Φ(z)] = Φ(z) + z φ(z)
      return normalCdf(z) + z * normalPdf(z);
  }
}

/** How the widget names and explains each activation. */
export interface ActivationInfo {
  /** Name as the select and the legend show it. */
  label: string;
  /** f(z), in TeX (the widget typesets it with KaTeX, like the slide's maths). */
  formula: string;
  /** f′(z), in TeX. */
  derivativeFormula: string;
  /** What f′'s formula leaves out, in words (its bound, or its value at a kink). */
  derivativeNote: string;
  /** f(z) in plain text: what a screen reader reads for the typeset formula. */
  formulaText: string;
  /** f′(z) and its note in plain text, for a screen reader. */
  derivativeText: string;
  /** The range of f, as a box in the 2-D view: [low, high] for each coordinate, or null when unbounded. */
  range: [number, number] | null;
  /** Where f jumps (its curve is drawn in pieces there). */
  valueBreaks: readonly number[];
  /** Where f′ jumps. */
  derivativeBreaks: readonly number[];
  /** The PyTorch module. */
  pytorch: string;
}

export function activationInfo(name: ActivationName, slope = DEFAULT_LEAKY_SLOPE): ActivationInfo {
  switch (name) {
    case 'threshold':
      return {
        label: 'threshold',
        formula: String.raw`f(z) = 1 \text{ if } z \ge 0, \text{ else } 0`,
        derivativeFormula: String.raw`f'(z) = 0 \text{ for } z \ne 0`,
        derivativeNote: 'undefined at 0 (the step jumps)',
        formulaText: 'f(z) = 1 if z ≥ 0, else 0',
        derivativeText: 'f′(z) = 0 for z ≠ 0; undefined at 0 (the step jumps)',
        range: [0, 1],
        valueBreaks: [0],
        derivativeBreaks: [0],
        pytorch: '(z >= 0).float()',
      };
    case 'sigmoid':
      return {
        label: 'sigmoid',
        formula: String.raw`\sigma(z) = 1 / (1 + e^{-z})`,
        derivativeFormula: String.raw`\sigma'(z) = \sigma(z)\,(1 - \sigma(z))`,
        derivativeNote: 'at most ¼',
        formulaText: 'σ(z) = 1 / (1 + e⁻ᶻ)',
        derivativeText: 'σ′(z) = σ(z)(1 − σ(z)), at most ¼',
        range: [0, 1],
        valueBreaks: [],
        derivativeBreaks: [],
        pytorch: 'nn.Sigmoid()',
      };
    case 'tanh':
      return {
        label: 'tanh',
        formula: String.raw`\tanh z = (e^{z} - e^{-z}) / (e^{z} + e^{-z})`,
        derivativeFormula: String.raw`\tanh'(z) = 1 - \tanh^2 z`,
        derivativeNote: 'at most 1',
        formulaText: 'tanh(z) = (eᶻ − e⁻ᶻ) / (eᶻ + e⁻ᶻ)',
        derivativeText: 'tanh′(z) = 1 − tanh²(z), at most 1',
        range: [-1, 1],
        valueBreaks: [],
        derivativeBreaks: [],
        pytorch: 'nn.Tanh()',
      };
    case 'relu':
      return {
        label: 'ReLU',
        formula: String.raw`\operatorname{ReLU}(z) = \max(0, z)`,
        derivativeFormula: String.raw`\operatorname{ReLU}'(z) = 1 \text{ for } z > 0, \; 0 \text{ for } z < 0`,
        derivativeNote: 'at the kink z = 0 PyTorch uses 0',
        formulaText: 'ReLU(z) = max(0, z)',
        derivativeText: 'ReLU′(z) = 1 for z > 0, 0 for z < 0; at the kink z = 0 PyTorch uses 0',
        range: null,
        valueBreaks: [],
        derivativeBreaks: [0],
        pytorch: 'nn.ReLU()',
      };
    case 'leaky-relu':
      return {
        label: 'leaky ReLU',
        formula: String.raw`f(z) = z \text{ for } z > 0, \; ${formatNumber(slope, 2).replace('−', '-')}\,z \text{ otherwise}`,
        derivativeFormula: String.raw`f'(z) = 1 \text{ for } z > 0, \; ${formatNumber(slope, 2).replace('−', '-')} \text{ for } z < 0`,
        derivativeNote: `at z = 0 PyTorch uses ${formatNumber(slope, 2)}`,
        formulaText: `f(z) = z for z > 0, ${formatNumber(slope, 2)}·z otherwise`,
        derivativeText: `f′(z) = 1 for z > 0, ${formatNumber(slope, 2)} for z < 0; at z = 0 PyTorch uses ${formatNumber(slope, 2)}`,
        range: null,
        valueBreaks: [],
        derivativeBreaks: [0],
        pytorch: `nn.LeakyReLU(negative_slope=${slope})`,
      };
    case 'gelu':
      return {
        label: 'GELU',
        formula: String.raw`\operatorname{GELU}(z) = z\,\Phi(z)`,
        derivativeFormula: String.raw`\operatorname{GELU}'(z) = \Phi(z) + z\,\varphi(z)`,
        derivativeNote: 'Φ and φ the normal CDF and density',
        formulaText: 'GELU(z) = z·Φ(z), Φ(z) = ½(1 + erf(z/√2))',
        derivativeText: 'GELU′(z) = Φ(z) + z·φ(z)',
        range: null,
        valueBreaks: [],
        derivativeBreaks: [],
        pytorch: "nn.GELU()  # approximate='none': the exact erf form",
      };
  }
}

// ---- the plot ------------------------------------------------------------------------------------------

/** The z axis of the 1-D plot, and the range of the `input` attribute and slider. */
export const INPUT_RANGE: NumberRange = { min: -5, max: 5 };
/** The `input z` slider's step (a dragged z snaps to it too). */
export const INPUT_STEP = 0.05;
export const LEAKY_SLOPE_RANGE: NumberRange = { min: 0, max: 1 };
export const LEAKY_SLOPE_STEP = 0.01;

/** A point of a curve, [z, y]. */
export type CurvePoint = [number, number];

/** A marker where a curve jumps: a filled dot where the function's value is, an open one at the other limit. */
export interface JumpMarker {
  z: number;
  y: number;
  filled: boolean;
}

/** A curve as drawn: polylines (split at its jumps) and the dots that show which side holds the value. */
export interface Curve {
  pieces: CurvePoint[][];
  markers: JumpMarker[];
}

/**
 * Samples y = g(z) over [from, to] at `samples` points, split at the breaks: each piece runs up to its
 * one-sided limit at the break, and every break gets a filled dot at g(break) (unless undefined) and open
 * dots at the one-sided limits that differ from it.
 */
export function sampleCurve(g: (z: number) => number, from: number, to: number, samples: number, breaks: readonly number[]): Curve {
  const inside = breaks.filter((b) => b > from && b < to).sort((a, b) => a - b);
  const edges = [from, ...inside, to];
  const eps = 1e-9 * (to - from);
  const pieces: CurvePoint[][] = [];
  for (let i = 0; i + 1 < edges.length; i += 1) {
    const a = edges[i]!;
    const b = edges[i + 1]!;
    const count = Math.max(2, Math.round((samples * (b - a)) / (to - from)));
    const piece: CurvePoint[] = [];
    for (let k = 0; k <= count; k += 1) {
      // Ends that sit on a break take the one-sided limit, not the value at the break.
      let z = a + ((b - a) * k) / count;
      if (k === 0 && i > 0) z = a + eps;
      if (k === count && i + 1 < edges.length - 1) z = b - eps;
      piece.push([z, g(z)]);
    }
    pieces.push(piece);
  }
  const markers: JumpMarker[] = [];
  for (const b of inside) {
    const value = g(b);
    const limits = [g(b - eps), g(b + eps)];
    if (Number.isFinite(value)) markers.push({ z: b, y: value, filled: true });
    for (const limit of new Set(limits.map((y) => roundTo(y, 12)))) {
      if (!Number.isFinite(value) || Math.abs(limit - value) > 1e-9) markers.push({ z: b, y: limit, filled: false });
    }
  }
  return { pieces, markers };
}

/** The curve of f and of f′ for an activation over the plot's z axis. */
export function activationCurves(name: ActivationName, slope: number, samples = 400): { value: Curve; slope: Curve } {
  const info = activationInfo(name, slope);
  return {
    value: sampleCurve((z) => activate(name, z, slope), INPUT_RANGE.min, INPUT_RANGE.max, samples, info.valueBreaks),
    slope: sampleCurve((z) => derivative(name, z, slope), INPUT_RANGE.min, INPUT_RANGE.max, samples, info.derivativeBreaks),
  };
}

/** The y range the plot shows for these curves: all of them, with a margin, never less than −0.25…1.1. */
export function plotRange(curves: readonly Curve[]): [number, number] {
  let low = -0.25;
  let high = 1.1;
  for (const curve of curves) {
    for (const piece of curve.pieces) {
      for (const [, y] of piece) {
        if (!Number.isFinite(y)) continue;
        low = Math.min(low, y);
        high = Math.max(high, y);
      }
    }
  }
  const margin = 0.06 * (high - low);
  return [low - margin, high + margin];
}

/** What the status says about the derivative at z, in words, where it needs words. */
export function derivativeNote(name: ActivationName, z: number, slope: number): string | null {
  if (z !== 0) return null;
  if (name === 'threshold') return 'f′(0) is undefined: the step jumps from 0 to 1 at z = 0 (0 everywhere else)';
  if (name === 'relu') return 'ReLU has a kink at 0 and no derivative there; PyTorch uses ReLU′(0) = 0';
  if (name === 'leaky-relu') return `leaky ReLU has a kink at 0; PyTorch uses f′(0) = ${formatNumber(slope, 2)}, the negative slope`;
  return null;
}

// ---- attributes -------------------------------------------------------------------------------------------

export const MODES = ['1-d', '2-d'] as const;
export type Mode = (typeof MODES)[number];
export const LAYERS = ['random', 'identity'] as const;
export type LayerKind = (typeof LAYERS)[number];

/** The attributes (or URL values) as written, null when absent. */
export interface ExplorerAttributes {
  activation: string | null;
  input: string | null;
  mode: string | null;
  showDerivative: string | null;
  compare: string | null;
  leakySlope: string | null;
  layer: string | null;
  seed: string | null;
}

/** The settings they give. */
export interface ExplorerConfig {
  activation: ActivationName;
  input: number;
  mode: Mode;
  showDerivative: boolean;
  /** Activations drawn together, or null for one. */
  compare: ActivationName[] | null;
  leakySlope: number;
  layer: LayerKind;
  seed: number;
}

export const DEFAULT_CONFIG: ExplorerConfig = {
  activation: 'sigmoid',
  input: 0,
  mode: '1-d',
  showDerivative: true,
  compare: null,
  leakySlope: DEFAULT_LEAKY_SLOPE,
  layer: 'random',
  seed: 1,
};

/** Other spellings people write for the activations. */
const ALIASES: Record<string, ActivationName> = {
  step: 'threshold',
  heaviside: 'threshold',
  logistic: 'sigmoid',
  leaky_relu: 'leaky-relu',
  leakyrelu: 'leaky-relu',
  'leaky relu': 'leaky-relu',
};

/** An activation's name, in any case, or one of its other spellings. */
function activationChoice(): Parser<ActivationName> {
  const words = choice(ACTIVATIONS);
  return {
    ...words,
    read(text, spelling) {
      const alias = ALIASES[text.trim().toLowerCase()];
      return alias ? { value: alias } : words.read(text, spelling);
    },
  };
}

/** The input z: a number in range, snapped to the slider's step. */
function inputNumber(): Parser<number> {
  const plain = number(INPUT_RANGE);
  return {
    ...plain,
    read(text) {
      const reading = plain.read(text);
      return reading && 'value' in reading ? { value: snap(reading.value, INPUT_STEP) } : reading;
    },
  };
}

/** The activations compared: a comma list of names, `all`, or `none` (null: one curve). */
function compareList(): Parser<ActivationName[] | null> {
  const one = activationChoice();
  return {
    read(text) {
      const clean = text.trim().toLowerCase();
      if (clean === '' || clean === 'none') return clean === '' ? null : { value: null };
      if (clean === 'all') return { value: [...ACTIVATIONS] };
      const names = text.split(',').map((part) => one.read(part));
      if (names.some((reading) => !reading || !('value' in reading))) return { refusal: `names an activation not in ${ACTIVATIONS.join(', ')}` };
      return { value: ACTIVATIONS.filter((name) => names.some((reading) => reading && 'value' in reading && reading.value === name)) };
    },
    write: (names) => (names === null ? 'none' : names.join(',')),
  };
}

/** The attributes (README: Widgets), also the URL's keys. */
export const explorerSettings = defineSettings({
  activation: { attribute: 'activation', parse: activationChoice(), default: DEFAULT_CONFIG.activation },
  input: { attribute: 'input', parse: inputNumber(), default: DEFAULT_CONFIG.input },
  mode: { attribute: 'mode', parse: choice(MODES), default: DEFAULT_CONFIG.mode },
  showDerivative: { attribute: 'show-derivative', parse: boolean(), default: DEFAULT_CONFIG.showDerivative },
  compare: { attribute: 'compare', parse: compareList(), default: DEFAULT_CONFIG.compare },
  leakySlope: { attribute: 'leaky-slope', parse: number(LEAKY_SLOPE_RANGE), default: DEFAULT_CONFIG.leakySlope },
  layer: { attribute: 'layer', parse: choice(LAYERS), default: DEFAULT_CONFIG.layer },
  seed: { attribute: 'seed', parse: seed(), default: DEFAULT_CONFIG.seed },
});

/** Each field of ExplorerAttributes and the attribute it holds. */
const ATTRIBUTE_NAMES: Record<string, keyof ExplorerAttributes> = Object.fromEntries(
  Object.entries(explorerSettings.table).map(([field, row]) => [row.attribute, field as keyof ExplorerAttributes]),
);

/** Reads the settings; each bad value becomes a warning naming the attribute, and its default is used. */
export function parseExplorerAttributes(raw: ExplorerAttributes): { config: ExplorerConfig; warnings: string[] } {
  const { values, warnings } = explorerSettings.read({ attribute: (name) => raw[ATTRIBUTE_NAMES[name]!] });
  return { config: values, warnings };
}

// ---- numbers ---------------------------------------------------------------------------------------------------

export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Rounds to the step's grid (and cleans the float noise of doing so). */
export function snap(value: number, step: number): number {
  return roundTo(Math.round(value / step) * step, 10);
}

/** A number with fixed decimals and a true minus sign ("−0.0000" is written "0.0000"); NaN, where f′ does not exist, "undefined". */
export function formatNumber(value: number, digits = 4): string {
  return Number.isNaN(value) ? 'undefined' : formatShared(value, { decimals: digits });
}
