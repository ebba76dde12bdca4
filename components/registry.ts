/**
 * Every widget Axon knows, by tag: one entry each. A deck loads only the widgets it uses: `load` is a dynamic
 * import, so a widget's code is a separate chunk fetched when a deck needs it. The compiler reports any other
 * custom element in a deck as an unknown widget, naming these tags.
 */

/** What the deck runtime needs to know about one widget. */
export interface WidgetEntry {
  /** Loads the element's module, which defines its tag. */
  load: () => Promise<unknown>;
  /**
   * Trains through the shared engine: a deck using it starts the engine (and shows its badge) before loading
   * widgets, so the engine gets the deck's backend request.
   */
  trains: boolean;
}

export const widgets = {
  'demo-sigmoid': { load: () => import('./demo-sigmoid/demo-sigmoid.ts'), trains: false },
  'mp-neuron': { load: () => import('./mp-neuron/mp-neuron.ts'), trains: false },
  'hh-simulator': { load: () => import('./hh-simulator/hh-simulator.ts'), trains: false },
  'ua-fitter': { load: () => import('./ua-fitter/ua-fitter.ts'), trains: true },
  'backprop-walkthrough': { load: () => import('./backprop-walkthrough/backprop-walkthrough.ts'), trains: true },
  'loss-landscape': { load: () => import('./loss-landscape/loss-landscape.ts'), trains: true },
  'nn-playground': { load: () => import('./nn-playground/nn-playground.ts'), trains: true },
  'gd-trajectory': { load: () => import('./gd-trajectory/gd-trajectory.ts'), trains: true },
  'gd-modes': { load: () => import('./gd-modes/gd-modes.ts'), trains: true },
  'feature-scaling': { load: () => import('./feature-scaling/feature-scaling.ts'), trains: true },
  'perceptron-boundary': { load: () => import('./perceptron-boundary/perceptron-boundary.ts'), trains: true },
  'activation-explorer': { load: () => import('./activation-explorer/activation-explorer.ts'), trains: false },
  'softmax-temperature': { load: () => import('./softmax-temperature/softmax-temperature.ts'), trains: false },
  'dna-onehot': { load: () => import('./dna-onehot/dna-onehot.ts'), trains: false },
  'param-counter': { load: () => import('./param-counter/param-counter.ts'), trains: false },
  'gd-parabola': { load: () => import('./gd-parabola/gd-parabola.ts'), trains: false },
  'motif-scan': { load: () => import('./motif-scan/motif-scan.ts'), trains: true },
  'conv-explorer': { load: () => import('./conv-explorer/conv-explorer.ts'), trains: true },
  'autoencoder-latent': { load: () => import('./autoencoder-latent/autoencoder-latent.ts'), trains: true },
  'rnn-euler': { load: () => import('./rnn-euler/rnn-euler.ts'), trains: true },
  'norm-layers': { load: () => import('./norm-layers/norm-layers.ts'), trains: false },
} satisfies Record<string, WidgetEntry>;

/** The registered widget tags. */
export const widgetTags: readonly string[] = Object.keys(widgets);

/** The widgets that train through the shared engine (`trains: true`). */
export const trainingWidgets: ReadonlySet<string> = new Set(widgetTags.filter((tag) => widgets[tag as keyof typeof widgets].trains));
