/**
 * The McCulloch–Pitts unit (1943): binary inputs xᵢ, real weights wᵢ and a threshold θ; the unit fires,
 * y = 1, exactly when Σ wᵢxᵢ ≥ θ. This module holds the unit, the logic gates it can (and cannot) be set
 * to, and the reading of the widget's attributes. No DOM: it runs under Vitest in Node.
 */
import { defineSettings, number, text, wholeNumber, type NumberRange } from '../shared/runtime/settings.ts';
import { formatNumber as formatShared } from '../shared/views/format-number.ts';

/** A binary value: an input xᵢ or the output y. */
export type Bit = 0 | 1;

/** One threshold unit: a weight per input and the threshold. Its input count is `weights.length`. */
export interface ThresholdUnit {
  weights: readonly number[];
  threshold: number;
}

/** Range of every weight and of the threshold (the sliders' range). */
export const WEIGHT_RANGE: NumberRange = { min: -3, max: 3 };
/** The sliders' step: weights and threshold live on this grid. */
export const SLIDER_STEP = 0.5;
/** How many inputs the unit may have. */
export const INPUT_COUNT_RANGE: NumberRange = { min: 1, max: 4 };
/** Input count when neither `inputs` nor `gate` says otherwise. */
export const DEFAULT_INPUT_COUNT = 2;
/** Each weight's default: an excitatory synapse of strength 1. */
export const DEFAULT_WEIGHT = 1;
/** Default threshold: with two unit weights, the unit is an AND gate. */
export const DEFAULT_THRESHOLD = 1.5;

/** Σ wᵢxᵢ over the inputs. */
export function weightedSum(weights: readonly number[], inputs: readonly Bit[]): number {
  let sum = 0;
  weights.forEach((weight, i) => {
    if (inputs[i] === 1) sum += weight;
  });
  return sum;
}

/** The unit's output: 1 when Σ wᵢxᵢ ≥ θ, else 0. */
export function unitOutput(unit: ThresholdUnit, inputs: readonly Bit[]): Bit {
  return weightedSum(unit.weights, inputs) >= unit.threshold ? 1 : 0;
}

/** All 2ⁿ input rows in truth-table order: x₁ is the most significant bit (00, 01, 10, 11). */
export function inputCombinations(count: number): Bit[][] {
  return Array.from({ length: 2 ** count }, (_, row) =>
    Array.from({ length: count }, (_, i) => ((row >> (count - 1 - i)) & 1) as Bit),
  );
}

/** The gates the widget knows by name. */
export const GATE_NAMES = ['and', 'or', 'nand', 'nor', 'not', 'xor'] as const;
export type GateName = (typeof GATE_NAMES)[number];

/** A logic gate: the truth function a unit is asked to compute. */
export interface Gate {
  /** Its name as printed on the preset button. */
  label: string;
  /** How many inputs it takes (NOT: x₁ alone). */
  arity: number;
  /** Its truth function. */
  compute(inputs: readonly Bit[]): Bit;
}

const bit = (value: boolean): Bit => (value ? 1 : 0);

/** The gates, as truth functions (independent of any unit). */
export const GATES: Record<GateName, Gate> = {
  and: { label: 'AND', arity: 2, compute: ([a, b]) => bit(a === 1 && b === 1) },
  or: { label: 'OR', arity: 2, compute: ([a, b]) => bit(a === 1 || b === 1) },
  nand: { label: 'NAND', arity: 2, compute: ([a, b]) => bit(!(a === 1 && b === 1)) },
  nor: { label: 'NOR', arity: 2, compute: ([a, b]) => bit(!(a === 1 || b === 1)) },
  not: { label: 'NOT', arity: 1, compute: ([a]) => bit(a !== 1) },
  xor: { label: 'XOR', arity: 2, compute: ([a, b]) => bit(a !== b) },
};

/**
 * The weights and threshold each preset button sets. XOR has none that work (see `searchGrid`); its
 * preset is OR's, the natural first attempt, which gets every row right except x₁ = x₂ = 1.
 */
export const PRESETS: Record<GateName, ThresholdUnit> = {
  and: { weights: [1, 1], threshold: 2 },
  or: { weights: [1, 1], threshold: 1 },
  nand: { weights: [-1, -1], threshold: -1.5 },
  nor: { weights: [-1, -1], threshold: 0 },
  not: { weights: [-1], threshold: 0 },
  xor: { weights: [1, 1], threshold: 1 },
};

/** One row of a unit's truth table, with the target gate's value when there is a target. */
export interface TruthRow {
  inputs: Bit[];
  sum: number;
  output: Bit;
  /** What the target gate wants on this row (absent without a target). */
  target?: Bit;
}

/** The unit's truth table over all input rows; with a target gate, each row also says what it wants. */
export function truthTable(unit: ThresholdUnit, target?: GateName | null): TruthRow[] {
  const gate = target ? GATES[target] : null;
  return inputCombinations(unit.weights.length).map((inputs) => {
    const row: TruthRow = { inputs, sum: weightedSum(unit.weights, inputs), output: unitOutput(unit, inputs) };
    if (gate) row.target = gate.compute(inputs);
    return row;
  });
}

/** The input rows on which the unit disagrees with the gate (empty when it computes the gate). */
export function failingRows(unit: ThresholdUnit, gate: GateName): Bit[][] {
  if (unit.weights.length !== GATES[gate].arity) throw new Error(`${GATES[gate].label} takes ${GATES[gate].arity} inputs, the unit has ${unit.weights.length}`);
  return truthTable(unit, gate)
    .filter((row) => row.output !== row.target)
    .map((row) => row.inputs);
}

/** True when the unit computes the gate on every row. */
export function computesGate(unit: ThresholdUnit, gate: GateName): boolean {
  return failingRows(unit, gate).length === 0;
}

/** The values a slider can take: −3, −2.5, …, 3. */
export function sliderGrid(range: NumberRange = WEIGHT_RANGE, step = SLIDER_STEP): number[] {
  const count = Math.round((range.max - range.min) / step) + 1;
  return Array.from({ length: count }, (_, i) => range.min + i * step);
}

/** Every unit on the slider grid (each weight and θ in −3…3, step 0.5) with the given input count. */
export function* gridUnits(inputCount: number): Generator<ThresholdUnit> {
  const grid = sliderGrid();
  const weights: number[] = new Array<number>(inputCount).fill(0);
  function* choose(i: number): Generator<ThresholdUnit> {
    if (i === inputCount) {
      for (const threshold of grid) yield { weights: [...weights], threshold };
      return;
    }
    for (const w of grid) {
      weights[i] = w;
      yield* choose(i + 1);
    }
  }
  yield* choose(0);
}

/** Exhaustive search: every setting of the sliders that makes a single unit compute the gate. */
export function searchGrid(gate: GateName): ThresholdUnit[] {
  const found: ThresholdUnit[] = [];
  for (const unit of gridUnits(GATES[gate].arity)) if (computesGate(unit, gate)) found.push(unit);
  return found;
}

/** The most rows of the gate that any single unit on the slider grid gets right. */
export function bestRowsOnGrid(gate: GateName): number {
  const rows = 2 ** GATES[gate].arity;
  let best = 0;
  for (const unit of gridUnits(GATES[gate].arity)) best = Math.max(best, rows - failingRows(unit, gate).length);
  return best;
}

/**
 * Why no unit computes XOR: each row of XOR's table is one inequality on (w₁, w₂, θ). The first three
 * give θ > 0 and w₁ + w₂ ≥ 2θ > θ, which contradicts the fourth, so every unit breaks at least one.
 */
export interface XorCondition {
  /** The row (x₁, x₂). */
  inputs: [Bit, Bit];
  /** What the row needs, written out, e.g. `w₁ + w₂ < θ`. */
  needs: string;
  /** Whether the given unit meets it. */
  holds: boolean;
}

/** XOR's four conditions, checked against a two-input unit. */
export function xorConditions(unit: ThresholdUnit): XorCondition[] {
  const [w1 = 0, w2 = 0] = unit.weights;
  const theta = unit.threshold;
  return [
    { inputs: [0, 0], needs: '0 < θ', holds: 0 < theta },
    { inputs: [0, 1], needs: 'w₂ ≥ θ', holds: w2 >= theta },
    { inputs: [1, 0], needs: 'w₁ ≥ θ', holds: w1 >= theta },
    { inputs: [1, 1], needs: 'w₁ + w₂ < θ', holds: w1 + w2 < theta },
  ];
}

/** One unit of the two-layer XOR network. */
export interface NetworkUnit extends ThresholdUnit {
  /** The gate it computes. */
  gate: GateName;
}

/** XOR with two layers: OR and NAND both fire exactly when x₁ ≠ x₂, and an AND unit joins them. */
export const XOR_NETWORK: { hidden: [NetworkUnit, NetworkUnit]; output: NetworkUnit } = {
  hidden: [
    { gate: 'or', ...PRESETS.or },
    { gate: 'nand', ...PRESETS.nand },
  ],
  output: { gate: 'and', ...PRESETS.and },
};

/** Runs the two-layer XOR network: the hidden units' outputs and y. */
export function runXorNetwork(inputs: readonly [Bit, Bit]): { hidden: [Bit, Bit]; output: Bit } {
  const hidden: [Bit, Bit] = [unitOutput(XOR_NETWORK.hidden[0], inputs), unitOutput(XOR_NETWORK.hidden[1], inputs)];
  return { hidden, output: unitOutput(XOR_NETWORK.output, hidden) };
}

/** A number for display: one decimal, a true minus sign, never "−0.0". */
export function formatNumber(value: number): string {
  return formatShared(value, { decimals: 1 });
}

/** The comparison the unit makes, e.g. `Σ wᵢxᵢ = 1.0 ≥ θ = 1.5? no`. */
export function describeComparison(unit: ThresholdUnit, inputs: readonly Bit[]): string {
  const sum = weightedSum(unit.weights, inputs);
  return `Σ wᵢxᵢ = ${formatNumber(sum)} ≥ θ = ${formatNumber(unit.threshold)}? ${sum >= unit.threshold ? 'yes' : 'no'}`;
}

/** A row of inputs written out, e.g. `x₁ = 1, x₂ = 0`. */
export function describeRow(inputs: readonly Bit[]): string {
  return inputs.map((x, i) => `x${subscript(i + 1)} = ${x}`).join(', ');
}

/** i written with subscript digits: 1 → ₁. */
export function subscript(i: number): string {
  return String(i).replace(/\d/g, (d) => String.fromCharCode(0x2080 + Number(d)));
}

// ---------- attributes ----------

/** The widget's attributes as written (null when absent). */
export interface NeuronAttributes {
  inputs: string | null;
  weights: string | null;
  threshold: string | null;
  gate: string | null;
}

/**
 * The attributes (README: Widgets), merged with the URL as text: gate, inputs, weights and θ only make sense
 * together (a preset sets all three), so the model's parseNeuronAttributes reads them after the merge.
 */
export const mpNeuronSettings = defineSettings({
  inputs: { attribute: 'inputs', parse: text(), default: '' },
  weights: { attribute: 'weights', parse: text(), default: '' },
  threshold: { attribute: 'threshold', parse: text(), default: '' },
  gate: { attribute: 'gate', parse: text(), default: '' },
});

/** What the attributes configure: the unit, and the gate it is asked to compute (if any). */
export interface NeuronConfig {
  unit: ThresholdUnit;
  target: GateName | null;
}

/** True when the value sits on the slider grid (a multiple of 0.5 within −3…3). */
export function onSliderGrid(value: number): boolean {
  return value >= WEIGHT_RANGE.min && value <= WEIGHT_RANGE.max && Number.isInteger((value - WEIGHT_RANGE.min) / SLIDER_STEP);
}

const RANGE_TEXT = `${WEIGHT_RANGE.min}…${WEIGHT_RANGE.max} in steps of ${SLIDER_STEP}`;
const list = (values: readonly number[]) => values.join(',');

/**
 * Reads the attributes. `gate` picks a preset (its inputs, weights, θ and target); `weights` and
 * `threshold`, when given, override the preset's. Anything unusable falls back to the default — the
 * gate's, or 2 inputs with weights 1 and θ = 1.5 — and adds a warning naming the attribute.
 */
export function parseNeuronAttributes(raw: NeuronAttributes): { config: NeuronConfig; warnings: string[] } {
  const warnings: string[] = [];

  let target: GateName | null = null;
  if (raw.gate !== null && raw.gate.trim() !== '') {
    const clean = raw.gate.trim().toLowerCase();
    target = GATE_NAMES.find((name) => name === clean) ?? null;
    if (!target) warnings.push(`gate="${raw.gate}" is not one of ${GATE_NAMES.join(', ')} — using no gate`);
  }
  const preset = target ? PRESETS[target] : null;

  let inputCount = preset ? preset.weights.length : DEFAULT_INPUT_COUNT;
  const count = raw.inputs === null ? null : wholeNumber(INPUT_COUNT_RANGE).read(raw.inputs);
  if (count && 'refusal' in count) warnings.push(`inputs="${raw.inputs}" ${count.refusal} — using ${inputCount}`);
  else if (count && preset && count.value !== inputCount) {
    warnings.push(`inputs="${raw.inputs}" does not fit gate="${raw.gate}", which takes ${inputCount} — using ${inputCount}`);
  } else if (count) inputCount = count.value;

  const defaultWeights = preset ? [...preset.weights] : new Array<number>(inputCount).fill(DEFAULT_WEIGHT);
  let weights = defaultWeights;
  if (raw.weights !== null && raw.weights.trim() !== '') {
    const values = raw.weights.split(',').map((part) => (part.trim() === '' ? NaN : Number(part)));
    if (values.length !== inputCount) {
      warnings.push(`weights="${raw.weights}" has ${values.length} value${values.length === 1 ? '' : 's'}, needs one per input (${inputCount}) — using ${list(defaultWeights)}`);
    } else if (values.some((value) => !Number.isFinite(value))) {
      warnings.push(`weights="${raw.weights}" is not a comma list of numbers — using ${list(defaultWeights)}`);
    } else if (!values.every(onSliderGrid)) {
      warnings.push(`weights="${raw.weights}": each weight must be in ${RANGE_TEXT} — using ${list(defaultWeights)}`);
    } else weights = values;
  }

  const defaultThreshold = preset ? preset.threshold : DEFAULT_THRESHOLD;
  let threshold = defaultThreshold;
  const given = raw.threshold === null ? null : number().read(raw.threshold);
  if (given && 'refusal' in given) warnings.push(`threshold="${raw.threshold}" ${given.refusal} — using ${defaultThreshold}`);
  else if (given && !onSliderGrid(given.value)) {
    warnings.push(`threshold="${raw.threshold}" must be in ${RANGE_TEXT} — using ${defaultThreshold}`);
  } else if (given) threshold = given.value;

  return { config: { unit: { weights, threshold }, target }, warnings };
}
