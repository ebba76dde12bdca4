/**
 * Each widget's settings table by tag, for checking a deck's widget attributes when it is built
 * (deck/compile/widget-attributes.ts): the same tables the widgets read in the browser, so a build warns in
 * the words the slide would show.
 *
 * Node imports this with the CLI, the dev server's compile worker and the exporter, so it imports only the
 * model files (no Lit, no DOM, no TF.js): the twenty-one load in about a third of a second
 * (components/widget-settings.test.ts holds them to that).
 */
import type { WidgetSettingsTable } from '../deck/compile/widget-attributes.ts';
import { explorerSettings } from './activation-explorer/activation-explorer.model.ts';
import { autoencoderSettings } from './autoencoder-latent/autoencoder-latent.model.ts';
import { walkthroughSettings } from './backprop-walkthrough/backprop-walkthrough.model.ts';
import { convSettings } from './conv-explorer/conv-explorer.model.ts';
import { demoSigmoidSettings } from './demo-sigmoid/demo-sigmoid.model.ts';
import { dnaSettings } from './dna-onehot/dna-onehot.model.ts';
import { scalingSettings } from './feature-scaling/feature-scaling.model.ts';
import { modesSettings } from './gd-modes/gd-modes.model.ts';
import { gdParabolaSettings } from './gd-parabola/gd-parabola.model.ts';
import { trajectorySettings } from './gd-trajectory/gd-trajectory.model.ts';
import { hhSimulatorSettings } from './hh-simulator/hh-simulator.model.ts';
import { motifScanSettings } from './motif-scan/motif-scan.model.ts';
import { mpNeuronSettings } from './mp-neuron/mp-neuron.model.ts';
import { playgroundSettings } from './nn-playground/nn-playground.model.ts';
import { normLayersSettings } from './norm-layers/norm-layers.model.ts';
import { counterSettings } from './param-counter/param-counter.model.ts';
import { boundarySettings } from './perceptron-boundary/perceptron-boundary.model.ts';
import { rnnEulerSettings } from './rnn-euler/rnn-euler.model.ts';
import { softmaxSettings } from './softmax-temperature/softmax-temperature.model.ts';
import { fitSettings } from './ua-fitter/ua-fitter.model.ts';
import { landscapeSettings } from './loss-landscape/loss-landscape.settings.ts';

/** The settings table of each registered widget, by tag. */
export const widgetSettings: Readonly<Record<string, WidgetSettingsTable>> = {
  'demo-sigmoid': demoSigmoidSettings,
  'mp-neuron': mpNeuronSettings,
  'hh-simulator': hhSimulatorSettings,
  'ua-fitter': fitSettings,
  'backprop-walkthrough': walkthroughSettings,
  'loss-landscape': landscapeSettings,
  'nn-playground': playgroundSettings,
  'gd-trajectory': trajectorySettings,
  'gd-modes': modesSettings,
  'feature-scaling': scalingSettings,
  'perceptron-boundary': boundarySettings,
  'activation-explorer': explorerSettings,
  'softmax-temperature': softmaxSettings,
  'dna-onehot': dnaSettings,
  'param-counter': counterSettings,
  'gd-parabola': gdParabolaSettings,
  'motif-scan': motifScanSettings,
  'conv-explorer': convSettings,
  'autoencoder-latent': autoencoderSettings,
  'rnn-euler': rnnEulerSettings,
  'norm-layers': normLayersSettings,
};
