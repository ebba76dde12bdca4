/**
 * The maths of `<softmax-temperature>`, with no DOM. The temperature T divides the logits, as in most texts:
 *
 *   p = softmax(z / T),  pᵢ = e^(zᵢ/T) / Σⱼ e^(zⱼ/T)
 *
 * so T > 1 flattens p toward uniform and T → 0 sharpens it toward one-hot on the largest logit (issue 17:
 * the widget once multiplied by a factor τ = 1/T it called "temperature"; every deck wrote temperature="1",
 * where the two readings agree). The softmax subtracts the largest scaled logit before exponentiating, so
 * logits of 1000 work as well as logits of 1; the entropy comes from the log-probabilities (log-softmax), so
 * p = 0 terms never give 0·log 0 = NaN.
 */
import type { Random } from '../../engine/random.ts';
import { defineSettings, number, seed, wholeNumber, type NumberRange, type Parser } from '../shared/runtime/settings.ts';
import { formatNumber as formatShared } from '../shared/views/format-number.ts';

/** How many classes the widget shows. */
export const CLASS_COUNT_RANGE: NumberRange = { min: 3, max: 6 };
/** Range of each logit (number fields and the `logits` attribute). */
export const LOGIT_RANGE: NumberRange = { min: -1000, max: 1000 };
/** The number fields' step. */
export const LOGIT_STEP = 0.1;
/** Range of T (the slider and the `temperature` attribute): two decades each side of 1. */
export const TEMPERATURE_RANGE: NumberRange = { min: 0.01, max: 100 };
/** The T slider moves in twentieths of a decade (×1.122 per arrow key). */
export const TEMPERATURE_SLIDER_STEP = 0.05;
/** Range of the number of samples drawn per press of Sample. */
export const SAMPLES_RANGE: NumberRange = { min: 1, max: 100000 };
/** Sample sizes offered in the widget's select. */
export const SAMPLE_SIZES = [10, 100, 1000, 10000] as const;

export const DEFAULT_LOGITS: readonly number[] = [2, 1, 0.1];
export const DEFAULT_TEMPERATURE = 1;
export const DEFAULT_SAMPLES = 100;
export const DEFAULT_SEED = 1;

// ---- softmax -------------------------------------------------------------------------------------------------

/** z / T: the logits divided by the temperature. */
export function scaleLogits(logits: readonly number[], temperature: number): number[] {
  return logits.map((z) => z / temperature);
}

/** log softmax(v), stable: vᵢ − m − log Σⱼ e^(vⱼ − m) with m = max v. */
export function logSoftmax(values: readonly number[]): number[] {
  const m = Math.max(...values);
  const logSum = Math.log(values.reduce((sum, v) => sum + Math.exp(v - m), 0));
  return values.map((v) => v - m - logSum);
}

/** p = softmax(z / T), stable for any finite logits (the largest z / T is subtracted before exponentiating). */
export function softmax(logits: readonly number[], temperature = 1): number[] {
  const scaled = scaleLogits(logits, temperature);
  const m = Math.max(...scaled);
  const exps = scaled.map((v) => Math.exp(v - m));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** The entropy H = −Σ pᵢ log pᵢ in nats, from the log-probabilities (a pᵢ of 0 adds 0). */
export function entropyNats(logits: readonly number[], temperature = 1): number {
  const logP = logSoftmax(scaleLogits(logits, temperature));
  const h = -logP.reduce((sum, lp) => sum + (lp === -Infinity ? 0 : Math.exp(lp) * lp), 0);
  return Math.max(0, h);
}

/** Nats → bits. */
export function natsToBits(nats: number): number {
  return nats / Math.LN2;
}

// ---- sampling -----------------------------------------------------------------------------------------------

/** Draws n classes from p by inverse-CDF sampling (one uniform per draw); returns the count of each class. */
export function sampleCounts(p: readonly number[], n: number, random: Random): number[] {
  const cumulative: number[] = [];
  let total = 0;
  for (const pi of p) cumulative.push((total += pi));
  const counts = new Array<number>(p.length).fill(0);
  for (let draw = 0; draw < n; draw += 1) {
    const u = random.uniform() * total;
    let k = cumulative.findIndex((c) => u < c);
    if (k < 0) k = p.length - 1; // rounding: u at the very top
    counts[k]! += 1;
  }
  return counts;
}

/** Pearson's χ² of observed counts against p (classes with p = 0 are left out). */
export function chiSquare(counts: readonly number[], p: readonly number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  return counts.reduce((sum, observed, i) => {
    const expected = n * p[i]!;
    return expected > 0 ? sum + (observed - expected) ** 2 / expected : sum;
  }, 0);
}

// ---- the slider's log scale -----------------------------------------------------------------------------------

/** Slider position (log₁₀ T) for a T. */
export function sliderPosition(temperature: number): number {
  return Math.log10(temperature);
}

/** T at a slider position, rounded to 4 significant digits so it reads cleanly. */
export function temperatureAt(position: number): number {
  return Number((10 ** position).toPrecision(4));
}

// ---- attributes -------------------------------------------------------------------------------------------------

/** The attributes (or URL values) as written, null when absent. */
export interface SoftmaxAttributes {
  logits: string | null;
  labels: string | null;
  temperature: string | null;
  samples: string | null;
  seed: string | null;
}

export interface SoftmaxConfig {
  logits: number[];
  /** One name per class. */
  labels: string[];
  temperature: number;
  samples: number;
  seed: number;
}

/** "class 1", "class 2", … */
export function defaultLabels(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `class ${i + 1}`);
}

/**
 * The logits: a comma list of 3…6 numbers in −1000…1000. Its own parser, because its refusals say which
 * of the three things is wrong (the count of classes, a non-number, a logit out of range).
 */
function logitList(): Parser<number[]> {
  return {
    read(text) {
      if (text.trim() === '') return null;
      const parts = text.split(',').map((part) => part.trim());
      const values = parts.map(Number);
      if (parts.some((part) => part === '') || !values.every(Number.isFinite)) return { refusal: 'is not a comma list of numbers' };
      if (values.length < CLASS_COUNT_RANGE.min || values.length > CLASS_COUNT_RANGE.max) {
        return { refusal: `has ${values.length} classes, not ${CLASS_COUNT_RANGE.min}…${CLASS_COUNT_RANGE.max}` };
      }
      if (values.some((v) => v < LOGIT_RANGE.min || v > LOGIT_RANGE.max)) return { refusal: `has a logit outside ${LOGIT_RANGE.min}…${LOGIT_RANGE.max}` };
      return { value: values };
    },
    write: (values) => values.join(','),
  };
}

/** Class names: a comma list with no empty name (whether there is one per logit is checked after reading). */
function nameList(): Parser<string[]> {
  return {
    read(text) {
      if (text.trim() === '') return null;
      const names = text.split(',').map((name) => name.trim());
      return names.some((name) => name === '') ? { refusal: 'has an empty name' } : { value: names };
    },
    write: (names) => names.join(','),
  };
}

/**
 * The attributes (README: Widgets), also the URL's keys. The labels follow the logits: their default is one
 * generated name per logit, so a URL holds them only when a student's classes no longer have those names.
 */
export const softmaxSettings = defineSettings({
  logits: { attribute: 'logits', parse: logitList(), default: [...DEFAULT_LOGITS] },
  labels: { attribute: 'labels', parse: nameList(), default: (above: Record<string, unknown>) => defaultLabels((above.logits as number[]).length) },
  temperature: { attribute: 'temperature', parse: number(TEMPERATURE_RANGE), default: DEFAULT_TEMPERATURE },
  samples: { attribute: 'samples', parse: wholeNumber(SAMPLES_RANGE), default: DEFAULT_SAMPLES },
  seed: { attribute: 'seed', parse: seed(), default: DEFAULT_SEED },
});

/**
 * The labels must name every class: a list that does not (its own, or one kept from before the logits
 * changed) is replaced by the generated names, with a warning. Returns the config to use.
 */
export function checkLabels(values: SoftmaxConfig, warnings: string[]): SoftmaxConfig {
  if (values.labels.length === values.logits.length) return values;
  const labels = defaultLabels(values.logits.length);
  warnings.push(`labels="${values.labels.join(',')}" needs ${values.logits.length} names, one per logit — using ${labels.join(', ')}`);
  return { ...values, labels };
}

/** Reads the settings; every bad value becomes a warning naming the attribute, and its default is used. */
export function parseSoftmaxAttributes(raw: SoftmaxAttributes): { config: SoftmaxConfig; warnings: string[] } {
  const { values, warnings } = softmaxSettings.read({ attribute: (name) => raw[name as keyof SoftmaxAttributes] });
  return { config: checkLabels(values, warnings), warnings };
}

// ---- numbers --------------------------------------------------------------------------------------------------------

/** A number with fixed decimals and a true minus sign ("−0.000" is written "0.000"). */
export function formatNumber(value: number, digits = 3): string {
  return formatShared(value, { decimals: digits });
}

/** T for display: 3 significant digits, zeros kept (0.0100, 0.562, 1.00, 10.0, 100). */
export function formatTemperature(value: number): string {
  return formatShared(value, { digits: 3, zeros: 'keep' });
}
