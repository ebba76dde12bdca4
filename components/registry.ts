/**
 * Every widget Axon knows, by tag. A deck loads only the widgets it uses: each entry is a dynamic
 * import, so its code is a separate chunk fetched when a deck needs it. The compiler reports any other
 * custom element in a deck as an unknown widget, naming these tags.
 */
export const widgetLoaders = {
  'demo-sigmoid': () => import('./demo-sigmoid/demo-sigmoid.ts'),
  'mp-neuron': () => import('./mp-neuron/mp-neuron.ts'),
  'hh-simulator': () => import('./hh-simulator/hh-simulator.ts'),
  'ua-fitter': () => import('./ua-fitter/ua-fitter.ts'),
  'backprop-walkthrough': () => import('./backprop-walkthrough/backprop-walkthrough.ts'),
  'loss-landscape': () => import('./loss-landscape/loss-landscape.ts'),
  'nn-playground': () => import('./nn-playground/nn-playground.ts'),
  'gd-trajectory': () => import('./gd-trajectory/gd-trajectory.ts'),
  'gd-modes': () => import('./gd-modes/gd-modes.ts'),
  'feature-scaling': () => import('./feature-scaling/feature-scaling.ts'),
  'perceptron-boundary': () => import('./perceptron-boundary/perceptron-boundary.ts'),
  'activation-explorer': () => import('./activation-explorer/activation-explorer.ts'),
  'softmax-temperature': () => import('./softmax-temperature/softmax-temperature.ts'),
  'dna-onehot': () => import('./dna-onehot/dna-onehot.ts'),
  'param-counter': () => import('./param-counter/param-counter.ts'),
} satisfies Record<string, () => Promise<unknown>>;

/** The registered widget tags. */
export const widgetTags: readonly string[] = Object.keys(widgetLoaders);

/**
 * Widgets that train through the shared engine: a deck using one starts the engine (and shows its badge)
 * before loading widgets, so the engine gets the deck's backend request.
 */
export const trainingWidgets: ReadonlySet<string> = new Set<string>([
  'backprop-walkthrough',
  'loss-landscape',
  'ua-fitter',
  'nn-playground',
  'gd-trajectory',
  'gd-modes',
  'feature-scaling',
  'perceptron-boundary',
]);
