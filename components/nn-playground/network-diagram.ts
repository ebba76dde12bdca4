/**
 * `<nn-playground>`'s network diagram: the feature column, the hidden layers and the output, each node a
 * thumbnail of its output over the input plane (2-D) or along x₁ (1-D), links coloured by their weight's
 * sign (purple +, orange −) and as thick as its size; the feature toggles and the `Add neuron` / `Remove
 * neuron` buttons are HTML laid over the SVG (real buttons: named, focusable, pressable). A plain function
 * of what it shows: the element passes its state and its handlers in.
 */
import { html, nothing, svg } from 'lit';
import type { LayerWeights } from '../../engine/mlp.ts';
import { columnCentres, stackCentres, stackNodeSide, weightedLinks } from '../shared/views/network-diagram.ts';
import { ACTIVATION_LABELS, FEATURES, FEATURE_LABELS, PLAYGROUND_LIMITS, X2_FEATURES, isOneDimensional, type Feature, type PlaygroundSettings } from './nn-playground.model.ts';
import { columnTextSize } from './nn-playground.layout.ts';
import { normalisedShades } from './nn-playground.picture.ts';

/** The network diagram (SVG units ≈ slide pixels); `node` is the largest node's side. */
export const NET = { width: 540, height: 450, top: 80, bottom: 442, featureX: 112, outputX: 505, node: 34 } as const;
/** The layer labels' size in user units: at least 21 CSS px as the diagram is drawn in its column on a slide. */
export const NET_TEXT = columnTextSize(0, NET.width);

/** What the diagram shows, and what its buttons do. */
export interface NetworkView {
  settings: Pick<PlaygroundSettings, 'dataset' | 'hiddenLayers' | 'activation'>;
  /** The features the network is fed. */
  active: readonly Feature[];
  /** Each feature's thumbnail: a PNG data URL (2-D) or an SVG path (1-D); none before the run is prepared. */
  featureThumbs: ReadonlyMap<Feature, string> | undefined;
  /**
   * Each feature's name for screen readers and its tooltip (default FEATURE_LABELS; on a CSV, x₁ and x₂ name
   * their columns, which a line under the diagram also shows: a column's name does not fit on its tile).
   */
  featureLabels?: Record<Feature, string> | undefined;
  /** On a CSV: the columns on x₁ and x₂. */
  columns?: readonly [string, string] | undefined;
  /** The weights as last read back (none before the first picture). */
  weights: readonly LayerWeights[] | undefined;
  /** The hidden units' thumbnails, `[layer][unit]`, as `featureThumbs`. */
  thumbnails: readonly (readonly string[])[] | undefined;
  /** The output node's thumbnail: the heatmap PNG (2-D) or the fitted curve's path (1-D). */
  output: string | undefined;
  /** The layer and neuron buttons are shown (`hide` does not name `layers`). */
  editable: boolean;
  /** The feature toggles are enabled (`hide` does not name `features`). */
  featuresEditable: boolean;
  onFeature(feature: Feature): void;
  onNeurons(layer: number, delta: 1 | -1): void;
}

/** A unit's values along x as a path in a node box of `size` (1-D thumbnails), scaled by its largest |value|. */
export function thumbPath(values: ArrayLike<number>, size: number): string {
  const shades = normalisedShades(values);
  let d = '';
  for (let i = 0; i < shades.length; i += 1) {
    const v = shades[i]!;
    if (!Number.isFinite(v)) continue;
    d += `${d ? 'L' : 'M'}${((i / (shades.length - 1)) * size).toFixed(1)},${(size / 2 - v * (size / 2 - 2)).toFixed(1)}`;
  }
  return d;
}

/** A hidden layer's label: "4 units"; with three layers or more the columns are too close, and it is "4". */
function layerLabel(units: number, layers: number): string {
  if (layers >= 3) return String(units);
  return `${units} ${units === 1 ? 'unit' : 'units'}`;
}

/** Vertical centres of `count` nodes in a column. */
function nodeYs(count: number): number[] {
  return stackCentres(count, NET.top, NET.bottom);
}

/** A node's side in a column of `count`: smaller in a crowded column. */
function nodeSize(count: number): number {
  return stackNodeSide(count, NET.top, NET.bottom, NET.node);
}

/** The diagram with its feature toggles and neuron buttons laid over it, and the note on the cubic's one input. */
export function networkDiagram(view: NetworkView) {
  const s = view.settings;
  const oneD = isOneDimensional(s.dataset);
  const active = view.active;
  const shownFeatures = [...FEATURES];
  const featureYs = nodeYs(shownFeatures.length);
  const featureSize = nodeSize(shownFeatures.length);
  const hiddenLayers = s.hiddenLayers;
  // Columns from the features to the output, evenly spread: [features, ...hidden layers, output].
  const columnsX = columnCentres(hiddenLayers.length + 2, NET.featureX, NET.outputX);
  const columnX = (i: number) => columnsX[i + 1]!;
  const layerYs = hiddenLayers.map((n) => nodeYs(n));
  const layerSizes = hiddenLayers.map((n) => nodeSize(n));
  const outputY = (NET.top + NET.bottom) / 2;
  const outputSize = 40;
  // The links join the features the network is fed, each hidden layer, and the output.
  const links = weightedLinks(
    [
      { x: NET.featureX, ys: active.map((f) => featureYs[shownFeatures.indexOf(f)]!), side: featureSize },
      ...hiddenLayers.map((_, i) => ({ x: columnX(i), ys: layerYs[i]!, side: layerSizes[i]! })),
      { x: NET.outputX, ys: [outputY], side: outputSize },
    ],
    view.weights,
  );
  const node = (x: number, y: number, size: number, content: string | undefined, off = false) =>
    oneD
      ? svg`<g class=${off ? 'node-off' : ''}><rect class="node" x=${x - size / 2} y=${y - size / 2} width=${size} height=${size} fill="var(--axon-bg, #ffffff)"></rect>
          ${content ? svg`<path class="thumb-line" transform=${`translate(${x - size / 2} ${y - size / 2}) scale(${size / NET.node})`} d=${content}></path>` : nothing}</g>`
      : svg`<g class=${off ? 'node-off' : ''}><rect class="node" x=${x - size / 2} y=${y - size / 2} width=${size} height=${size} fill="#e8eaeb"></rect>
          ${content ? svg`<image href=${content} x=${x - size / 2} y=${y - size / 2} width=${size} height=${size} preserveAspectRatio="none"></image>` : nothing}</g>`;
  const names = view.featureLabels ?? FEATURE_LABELS;
  const featureNodes = shownFeatures.map((f, i) => node(NET.featureX, featureYs[i]!, featureSize, view.featureThumbs?.get(f), !active.includes(f)));
  const hiddenNodes = hiddenLayers.map((n, layer) =>
    Array.from({ length: n }, (_, unit) => node(columnX(layer), layerYs[layer]![unit]!, layerSizes[layer]!, view.thumbnails?.[layer]?.[unit])),
  );
  const outputNode = node(NET.outputX, outputY, outputSize, view.output);
  const label = `Network: ${active.length} input ${active.length === 1 ? 'feature' : 'features'} (${active.map((f) => names[f]).join(', ')}), ${hiddenLayers.length ? `hidden layers of ${hiddenLayers.join(', ')} ${ACTIVATION_LABELS[s.activation]} units` : 'no hidden layer'}, one output; links coloured by the weight's sign, as thick as its size`;
  const { editable, featuresEditable } = view;
  const pct = (value: number, of: number) => `${((value / of) * 100).toFixed(3)}%`;
  return html`<div class="diagram" style=${`--hidden-layers: ${hiddenLayers.length}`}>
    <svg viewBox="0 0 ${NET.width} ${NET.height}" role="img" aria-label=${label}>
      <text class="layer-label" x="2" y=${NET.top - 10} text-anchor="start">features</text>
      ${hiddenLayers.map((n, i) => svg`<text class="layer-label" x=${columnX(i)} y=${NET.top - 10} text-anchor="middle">${layerLabel(n, hiddenLayers.length)}</text>`)}
      <text class="layer-label" x=${NET.width} y=${NET.top - 10} text-anchor="end">output</text>
      ${links}
      ${featureNodes}
      ${hiddenNodes}
      ${outputNode}
    </svg>
    ${shownFeatures.map((f, i) => {
      const size = featureSize;
      const disabledX2 = oneD && X2_FEATURES.has(f);
      const lastOne = active.length === 1 && active[0] === f;
      return html`<button class="overlay feature" aria-pressed=${String(active.includes(f))} aria-label=${names[f]} ?disabled=${!featuresEditable || disabledX2 || lastOne}
          title=${disabledX2 ? 'needs x₂: the cubic has one input x₁' : lastOne ? 'the network needs at least one input' : `${active.includes(f) ? 'stop feeding' : 'feed'} ${names[f]} to the network`}
          style=${`left: 0; top: ${pct(featureYs[i]! - size / 2, NET.height)}; width: ${pct(NET.featureX + size / 2, NET.width)}; height: ${pct(size, NET.height)}`}
          @click=${() => view.onFeature(f)}>${FEATURE_LABELS[f]}</button>`;
    })}
    ${editable
      ? hiddenLayers.map(
          (n, layer) => html`<div class="overlay neuron-buttons" style=${`left: ${pct(columnX(layer) - 40, NET.width)}; width: ${pct(80, NET.width)}; top: ${pct(4, NET.height)}`}>
            <button aria-label=${`Add neuron to layer ${layer + 1}`} ?disabled=${n >= PLAYGROUND_LIMITS.neuronsControl.max} @click=${() => view.onNeurons(layer, 1)}>+</button>
            <button aria-label=${`Remove neuron from layer ${layer + 1}`} ?disabled=${n <= PLAYGROUND_LIMITS.neuronsControl.min} @click=${() => view.onNeurons(layer, -1)}>−</button>
          </div>`,
        )
      : nothing}
  </div>
  ${oneD ? html`<p class="note">One input x₁: x₂ features are off.</p>` : nothing}
  ${view.columns ? html`<p class="note columns">x₁ = ${view.columns[0]}, x₂ = ${view.columns[1]} (standardised)</p>` : nothing}`;
}
