/**
 * Counting the parameters of a fully connected network, layer by layer. Between a layer of fan_in units and
 * the next of fan_out units sit fan_in × fan_out weights (one per edge) and fan_out biases (one per unit
 * that receives them); the network's total is the sum over its weight layers. 2 → 3 → 1 has
 * (2·3 + 3) + (3·1 + 1) = 9 weights + 4 biases = 13 parameters. No DOM: this runs under Vitest in Node.
 */
import { boolean, choice, defineSettings, type Parser } from '../shared/runtime/settings.ts';

/** The lecture's example network. */
export const DEFAULT_LAYERS: readonly number[] = [2, 3, 1];
/** Fewest layer sizes: an input and an output. */
export const MIN_LAYERS = 2;
/** Most layer sizes (the drawing needs room for each column). */
export const MAX_LAYERS = 8;
/** Largest layer size accepted (counts stay exact integers far below 2⁵³). */
export const MAX_LAYER_SIZE = 1_000_000;
/** How many nodes a layer's column draws at most; larger layers draw some with "⋮" between. */
export const DRAWN_NODES = 7;

/** The counts of one weight layer (the connections from one layer of units into the next). */
export interface LayerCount {
  /** 1-based: weight layer k connects layer k − 1 to layer k of units. */
  index: number;
  fanIn: number;
  fanOut: number;
  /** fan_in × fan_out. */
  weights: number;
  /** fan_out, or 0 without biases. */
  biases: number;
  /** weights + biases. */
  parameters: number;
}

/** A network's counts. */
export interface ParameterCount {
  layers: LayerCount[];
  weights: number;
  biases: number;
  total: number;
}

/** Counts weights and biases of each weight layer and in all. */
export function countParameters(sizes: readonly number[], bias = true): ParameterCount {
  const layers: LayerCount[] = [];
  for (let k = 1; k < sizes.length; k += 1) {
    const fanIn = sizes[k - 1]!;
    const fanOut = sizes[k]!;
    const weights = fanIn * fanOut;
    const biases = bias ? fanOut : 0;
    layers.push({ index: k, fanIn, fanOut, weights, biases, parameters: weights + biases });
  }
  const sum = (pick: (layer: LayerCount) => number) => layers.reduce((total, layer) => total + pick(layer), 0);
  return { layers, weights: sum((l) => l.weights), biases: sum((l) => l.biases), total: sum((l) => l.parameters) };
}

/** Reads a layer-size list ("2,3,1", "2 3 1", "2 → 3 → 1"): positive whole numbers, 2…8 of them. */
export function parseLayerSizes(text: string): { sizes: number[]; error?: undefined } | { sizes?: undefined; error: string } {
  const clean = text.trim();
  if (clean === '') return { error: `type at least ${MIN_LAYERS} layer sizes, e.g. 2,3,1` };
  const parts = clean.split(/\s*(?:,|;|→|->|\s)\s*/);
  if (parts.some((part) => part === '')) return { error: `"${text}" has an empty entry — write sizes separated by commas, e.g. 2,3,1` };
  const sizes: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part) || Number(part) < 1) return { error: `"${part}" is not a positive whole number` };
    const size = Number(part);
    if (size > MAX_LAYER_SIZE) return { error: `${part} units is more than ${formatCount(MAX_LAYER_SIZE)}` };
    sizes.push(size);
  }
  if (sizes.length < MIN_LAYERS) return { error: `a network needs at least ${MIN_LAYERS} layer sizes (inputs and outputs), e.g. 2,3,1` };
  if (sizes.length > MAX_LAYERS) return { error: `at most ${MAX_LAYERS} layer sizes fit the drawing` };
  return { sizes };
}

/** A count with thousands separators, as the lecture writes it: 101,770. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** Steps of the exercise: one per weight layer, then the total. */
export function stepCount(sizes: readonly number[]): number {
  return sizes.length;
}

/** How many weight layers are revealed after `step` steps (the last step reveals the total). */
export function revealedLayers(sizes: readonly number[], step: number): number {
  return Math.min(step, sizes.length - 1);
}

/** True when the total is shown. */
export function totalRevealed(sizes: readonly number[], step: number): boolean {
  return step >= stepCount(sizes);
}

/** One weight layer's formula: "2·3 + 3" (or "2·3" without biases). */
export function layerFormula(layer: LayerCount, bias = true): string {
  return bias ? `${layer.fanIn}·${layer.fanOut} + ${layer.fanOut}` : `${layer.fanIn}·${layer.fanOut}`;
}

/** The sentence for one weight layer: "Layer 1 (2 → 3): 2 × 3 = 6 weights + 3 biases = 9". */
export function describeLayer(layer: LayerCount, bias = true): string {
  const head = `Layer ${layer.index} (${formatCount(layer.fanIn)} → ${formatCount(layer.fanOut)}): ${formatCount(layer.fanIn)} × ${formatCount(layer.fanOut)} = ${formatCount(layer.weights)} weights`;
  return bias ? `${head} + ${formatCount(layer.biases)} ${layer.biases === 1 ? 'bias' : 'biases'} = ${formatCount(layer.parameters)}` : head;
}

/**
 * The status after `step` steps: the formula revealed so far. Before the first step it says what to do;
 * after each layer, that layer's count and the running sum; at the end the total split into weights and
 * biases, with the whole formula.
 */
export function describeProgress(sizes: readonly number[], step: number, bias = true): string {
  const count = countParameters(sizes, bias);
  const steps = stepCount(sizes);
  if (step <= 0) return `Press Next to count layer 1 (${steps} steps: one per layer of weights, then the total).`;
  const shown = count.layers.slice(0, revealedLayers(sizes, step));
  const formula = shown.map((layer) => `(${layerFormula(layer, bias)})`).join(' + ');
  const sum = shown.reduce((total, layer) => total + layer.parameters, 0);
  const sums = shown.length > 1 ? ` = ${shown.map((layer) => formatCount(layer.parameters)).join(' + ')}` : '';
  if (totalRevealed(sizes, step)) {
    const split = bias ? `${formatCount(count.weights)} weights + ${formatCount(count.biases)} biases = ` : `${formatCount(count.weights)} weights = `;
    return `Total: ${split}${formatCount(count.total)} parameters. ${formula}${sums} = ${formatCount(count.total)}.`;
  }
  const latest = shown[shown.length - 1]!;
  return `${describeLayer(latest, bias)}. So far: ${formula}${sums} = ${formatCount(sum)}.`;
}

/** A slot in a drawn column: a unit (its 0-based index in the layer) or the "⋮" standing for the rest. */
export type DrawnSlot = { kind: 'unit'; unit: number } | { kind: 'more'; hidden: number };

/** Which units a column draws: all of a small layer; of a large one the first few, "⋮", and the last few. */
export function drawnSlots(size: number, cap = DRAWN_NODES): DrawnSlot[] {
  if (size <= cap) return Array.from({ length: size }, (_, unit) => ({ kind: 'unit', unit }));
  const head = Math.ceil((cap - 1) / 2);
  const tail = cap - 1 - head;
  return [
    ...Array.from({ length: head }, (_, unit): DrawnSlot => ({ kind: 'unit', unit })),
    { kind: 'more', hidden: size - head - tail },
    ...Array.from({ length: tail }, (_, i): DrawnSlot => ({ kind: 'unit', unit: size - tail + i })),
  ];
}

/** How the exercise starts: hidden, to be revealed step by step, or all shown. */
export const REVEAL_MODES = ['step', 'all'] as const;
export type RevealMode = (typeof REVEAL_MODES)[number];

/** The widget's settings. */
export interface ParamCounterConfig {
  sizes: number[];
  bias: boolean;
  reveal: RevealMode;
}

/** The raw attribute (or URL) values; null when absent. */
export interface ParamCounterAttributes {
  layers: string | null;
  bias: string | null;
  reveal: string | null;
}

/** The defaults, before any attribute. */
export const DEFAULT_CONFIG: ParamCounterConfig = { sizes: [...DEFAULT_LAYERS], bias: true, reveal: 'step' };

/** A layer-size list (see parseLayerSizes); its refusal quotes the entry at fault after a colon. */
function layerSizes(): Parser<number[]> {
  return {
    read(text) {
      if (text.trim() === '') return null;
      const parsed = parseLayerSizes(text);
      return parsed.sizes ? { value: parsed.sizes } : { refusal: `: ${parsed.error}` };
    },
    write: (sizes) => sizes.join(','),
  };
}

/** The attributes (README: Widgets), also the URL's keys. */
export const counterSettings = defineSettings({
  sizes: { attribute: 'layers', parse: layerSizes(), default: DEFAULT_CONFIG.sizes },
  bias: { attribute: 'bias', parse: boolean(), default: DEFAULT_CONFIG.bias },
  reveal: { attribute: 'reveal', parse: choice(REVEAL_MODES), default: DEFAULT_CONFIG.reveal },
});

/** Reads the attributes (and the URL's pairs, when given): a bad value falls back with a warning naming it. */
export function parseCounterAttributes(raw: ParamCounterAttributes, url?: Map<string, string>): { config: ParamCounterConfig; warnings: string[] } {
  const { values, warnings } = counterSettings.read({ attribute: (name) => raw[name as keyof ParamCounterAttributes], url });
  return { config: { ...values, sizes: [...values.sizes] }, warnings };
}
