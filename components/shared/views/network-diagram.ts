/**
 * The layout of a layered network diagram: columns of nodes spread across the picture (inputs, hidden
 * layers, output), nodes stacked in equal bands and smaller in a crowded column, and the links of a dense
 * layer as curves coloured by their weight's sign (purple +, orange −: the ends of the shared diverging map,
 * colour-maps.ts, as the playground draws them) and as thick as its size. The geometry is pure (tested in
 * Node); `weightedLinks` gives Lit `svg` templates.
 * Used by `<nn-playground>`; `<param-counter>` and `<mp-neuron>` lay out columns of units the same way.
 */
import { svg, type TemplateResult } from 'lit';
import type { LayerWeights } from '../../../engine/mlp.ts';
import { cssColour } from './heatmap.ts';

/** One column of nodes as drawn: its centre x, each node's centre y, and the nodes' side. */
export interface NodeColumn {
  x: number;
  ys: readonly number[];
  side: number;
}

/** `count` column centres evenly spread from `left` to `right`, both ends included. */
export function columnCentres(count: number, left: number, right: number): number[] {
  if (count <= 1) return [(left + right) / 2].slice(0, count);
  return Array.from({ length: count }, (_, i) => left + ((right - left) * i) / (count - 1));
}

/** The centres of `count` nodes stacked in equal bands from `top` to `bottom`. */
export function stackCentres(count: number, top: number, bottom: number): number[] {
  const band = (bottom - top) / Math.max(count, 1);
  return Array.from({ length: count }, (_, i) => top + band * (i + 0.5));
}

/** A node's side in a column of `count` stacked from `top` to `bottom`: `largest`, or less in a crowded column, leaving `gap` between nodes. */
export function stackNodeSide(count: number, top: number, bottom: number, largest: number, gap = 6): number {
  return Math.min(largest, (bottom - top) / Math.max(count, 1) - gap);
}

/** A link from (x1, y1) to (x2, y2) as a horizontal S-curve (it leaves and enters level, as the playground's do). */
export function curvedLink(x1: number, y1: number, x2: number, y2: number): string {
  const mid = (x1 + x2) / 2;
  return `M${x1},${y1}C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
}

/** How a weight's link is stroked: purple for +, orange for − (the diverging map's ends), wider as |w| grows (up to |w| = 4); grey and thin when not a number. */
export function weightStroke(weight: number): { colour: string; width: number } {
  if (!Number.isFinite(weight)) return { colour: '#888', width: 1 };
  return { colour: cssColour(weight > 0 ? 1 : -1), width: 0.6 + Math.min(Math.abs(weight), 4) * 1.6 };
}

/**
 * The links of every dense layer between successive columns: `weights[layer].weights[i][j]` joins node i of
 * column `layer` to node j of column `layer + 1`, from the right edge of one node to the left edge of the other.
 * None when the weights do not match the columns (a picture of an older network).
 */
export function weightedLinks(columns: readonly NodeColumn[], weights: readonly LayerWeights[] | undefined): TemplateResult[] {
  const links: TemplateResult[] = [];
  if (!weights || weights.length !== columns.length - 1) return links;
  weights.forEach((layer, index) => {
    const from = columns[index]!;
    const to = columns[index + 1]!;
    const x1 = from.x + from.side / 2;
    const x2 = to.x - to.side / 2;
    from.ys.forEach((y1, i) =>
      to.ys.forEach((y2, j) => {
        const w = layer.weights[i]?.[j];
        if (w === undefined) return;
        const stroke = weightStroke(w);
        links.push(svg`<path class="link" d=${curvedLink(x1, y1, x2, y2)} stroke=${stroke.colour} stroke-width=${stroke.width.toFixed(2)} stroke-opacity="0.75"></path>`);
      }),
    );
  });
  return links;
}
