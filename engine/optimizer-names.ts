/**
 * The optimizers' names, with no TF.js (engine/optimizers.ts has their update rules): `<loss-landscape>`'s and
 * `<ua-fitter>`'s settings tables read them in plain Node when a deck is built (components/widget-settings.ts).
 */
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];
