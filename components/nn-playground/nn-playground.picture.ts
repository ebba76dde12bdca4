/**
 * What `<nn-playground>`'s pictures show, as pure maths: where the points live, the grid the output view and
 * the thumbnails are computed on, a float64 forward pass that gives every neuron's value over that grid (its
 * thumbnail), and how an output becomes a shade of the diverging colour scale (components/shared/views/heatmap.ts).
 * No DOM: the element encodes the shades as PNGs (nn-playground.run.ts) and draws them.
 */
import type { LayerWeights } from '../../engine/mlp.ts';
import { isOneDimensional, type PlaygroundActivation, type PlaygroundData, type PlaygroundDataset, type Problem } from './nn-playground.model.ts';

/**
 * Where the points live: [−6, 6]² for the playground's 2-D datasets, x ∈ [−3, 3] for the cubic (x ~ N(0, 1));
 * a CSV's z-scores [−half, half]² (its `half`, nn-playground.csv.ts `csvDomain`).
 */
export function domainOf(dataset: PlaygroundDataset, half?: number): [number, number] {
  if (half !== undefined) return [-half, half];
  return isOneDimensional(dataset) ? [-3, 3] : [-6, 6];
}

/**
 * The points of the output view: a `size`×`size` grid of cell centres over the 2-D domain, row 0 at the top
 * (largest x₂), or `size` evenly spaced x over the 1-D domain (ends included).
 */
export function viewGrid(dataset: PlaygroundDataset, size: number, half?: number): number[][] {
  const [low, high] = domainOf(dataset, half);
  if (isOneDimensional(dataset)) return Array.from({ length: size }, (_, i) => [low + ((high - low) * i) / (size - 1)]);
  const points: number[][] = [];
  const cell = (high - low) / size;
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) points.push([low + (column + 0.5) * cell, high - (row + 0.5) * cell]);
  }
  return points;
}

/** A hidden activation as a plain float64 function. */
export function activationFunction(activation: PlaygroundActivation): (z: number) => number {
  switch (activation) {
    case 'relu':
      return (z) => (z > 0 ? z : 0);
    case 'tanh':
      return Math.tanh;
    case 'sigmoid':
      return (z) => 1 / (1 + Math.exp(-z));
    case 'linear':
      return (z) => z;
  }
}

/**
 * Every unit's value for every input row, in float64, from weights as the engine reads them back
 * (`weights[input][unit]`): element 0 is the first hidden layer, the last the output (sigmoid applied for
 * classification). `result[layer][unit][row]`. Draws the neurons' thumbnails; the tests check it against
 * the engine's own predictions.
 */
export function forwardAll(layers: readonly LayerWeights[], activation: PlaygroundActivation, problem: Problem, rows: readonly (readonly number[])[]): Float64Array[][] {
  const act = activationFunction(activation);
  const result: Float64Array[][] = [];
  let inputs: ArrayLike<number>[] = rows[0] ? rows[0].map((_, j) => Float64Array.from(rows, (r) => r[j]!)) : [];
  layers.forEach((layer, index) => {
    const last = index === layers.length - 1;
    const units = layer.biases.map((bias, unit) => {
      const values = new Float64Array(rows.length).fill(bias);
      inputs.forEach((column, input) => {
        const w = layer.weights[input]![unit]!;
        for (let k = 0; k < rows.length; k += 1) values[k]! += w * column[k]!;
      });
      for (let k = 0; k < rows.length; k += 1) {
        const z = values[k]!;
        values[k] = last ? (problem === 'classification' ? 1 / (1 + Math.exp(-z)) : z) : act(z);
      }
      return values;
    });
    result.push(units);
    inputs = units;
  });
  return result;
}

/**
 * The output at a point on the colour scale [−1, 1]: classification 2P − 1 (0.5 is the boundary), regression
 * ŷ / scale. Discretized: the sign only (the class, or which side of 0).
 */
export function outputShade(problem: Problem, value: number, scale: number, discretize: boolean): number {
  const t = problem === 'classification' ? 2 * value - 1 : value / scale;
  if (!discretize || !Number.isFinite(t)) return t;
  return t >= 0 ? 1 : -1;
}

/** Shades of a unit's values, scaled by their largest magnitude (so each thumbnail shows its pattern). */
export function normalisedShades(values: ArrayLike<number>): Float64Array {
  let largest = 0;
  for (let i = 0; i < values.length; i += 1) if (Number.isFinite(values[i]!)) largest = Math.max(largest, Math.abs(values[i]!));
  const scale = largest > 1e-9 ? largest : 1;
  return Float64Array.from(values as ArrayLike<number>, (v) => v / scale);
}

/** The regression colour scale: the largest |y| of the data (so ŷ = that is full purple). */
export function targetScale(data: PlaygroundData): number {
  let largest = 0;
  for (const [y] of data.dataset.targets) largest = Math.max(largest, Math.abs(y!));
  return largest || 1;
}
