/**
 * The default workloads of the widgets that train on the engine: for each, exactly the TrainerSpec and
 * TrainingData the widget hands to the engine when it sits on a slide with no attributes. Each is built by
 * the widget's own model functions from the widget's own defaults (no default re-typed), so a bench row
 * follows its widget when the widget's defaults change. Only the spec's `name` differs: `bench <workload>`.
 *
 * What a workload cannot carry: some widgets overwrite the seeded initial weights before the first step
 * (`<feature-scaling>` starts at w = 0, `<gd-trajectory>` and `<gd-modes>` at β = (0, 0),
 * `<perceptron-boundary>` at its `w` and `b`); the bench starts from the seed's weights. A step costs the same.
 *
 * Left out: `<backprop-walkthrough>`. It builds a 1 → 1 → 1 trainer on one sample with hand-set weights,
 * reads one gradient and takes one SGD step each time a field changes: there is no training loop to time,
 * and its spec exists only inside `computeWalkthrough` (which needs a running engine), so a workload would
 * have to re-type it. bench/plain-trainer.test.ts checks that worked example's numbers instead.
 *
 * Pure, like workloads.ts (no TF.js, no DOM): `npm run bench` imports it in Node, whose ES-module loader
 * cannot load TF.js's build (the regression runs' spec comes from regression-spec.ts, which has none).
 */
import type { Loss } from '../engine/losses.ts';
import type { OptimizerKind } from '../engine/optimizers.ts';
import type { Batching, TrainerSpec, TrainingData } from '../engine/trainer.ts';
import { SCALINGS, curvature, makeHouses, parseScalingAttributes, trainerSpec as scalingSpec, verdict, type Scaling } from '../components/feature-scaling/feature-scaling.model.ts';
import { MODES, batchingOf, parseModesAttributes, type Mode, type ModesAttributes } from '../components/gd-modes/gd-modes.model.ts';
import { parseTrajectoryAttributes, type TrajectoryAttributes } from '../components/gd-trajectory/gd-trajectory.model.ts';
import { DATASET_LABELS, FEATURE_LABELS, activeFeatures, makeData, parsePlaygroundAttributes, trainerSpec as playgroundSpec, trainingData } from '../components/nn-playground/nn-playground.model.ts';
import { logisticSpec, makePoints, parseBoundaryAttributes } from '../components/perceptron-boundary/perceptron-boundary.model.ts';
import { pythonNumber } from '../components/shared/pytorch.ts';
import { regressionProblem } from '../components/shared/regression/regression-problem.ts';
import { trainerSpecOf } from '../components/shared/regression/regression-spec.ts';
import { TARGET_LABELS, parseFitAttributes, samplePoints, trainerSpec as fitSpec } from '../components/ua-fitter/ua-fitter.model.ts';
import type { Workload } from './workloads.ts';

/** A widget's run as it reaches the engine, with words on its data for the legend. */
interface WidgetRun {
  spec: TrainerSpec;
  data: TrainingData;
  /** What a row is, after its count: `samples of sin x`. */
  rows: string;
  /** Anything the reader of the table should know, e.g. that the run diverges on purpose. */
  note?: string;
}

const LOSS_WORDS: Record<Loss, string> = { mse: 'MSE', bce: 'sigmoid + binary cross-entropy', 'softmax-ce': 'softmax cross-entropy' };
const OPTIMIZER_WORDS: Record<OptimizerKind, string> = { sgd: 'SGD', momentum: 'SGD with momentum', adam: 'Adam' };

function batchingWords(batching: Batching): string {
  switch (batching.mode) {
    case 'full':
      return 'full batch';
    case 'sgd':
      return 'one sample per step';
    case 'minibatch':
      return `minibatches of ${batching.size}`;
  }
}

/** The legend's line, from the spec and the data: network, rows, loss, optimizer and batching. */
function describeRun({ spec, data, rows, note }: WidgetRun): string {
  const { layers, hidden, bias } = spec.network;
  const network = `${layers.join('→')}${layers.length > 2 ? ` ${hidden}` : ''}${bias === false ? ' without bias' : ''}`;
  const regularization = spec.regularization && spec.regularization.kind !== 'none' ? `, ${spec.regularization.kind.toUpperCase()} λ ${pythonNumber(spec.regularization.rate)}` : '';
  const optimizer = `${OPTIMIZER_WORDS[spec.optimizer.kind]} lr ${pythonNumber(spec.optimizer.learningRate)}`;
  const line = `${network}, ${data.inputs.length} ${rows}, ${LOSS_WORDS[spec.loss]}${regularization}, ${optimizer}, ${batchingWords(spec.batching ?? { mode: 'full' })}`;
  return note ? `${line} — ${note}` : line;
}

/**
 * A workload from a widget's run. The run is built once here for the spec and the legend (a few hundred
 * rows at most, and `<nn-playground>`'s batch size depends on its split), and again on every `data()` call,
 * so each bench run gets rows of its own.
 */
function widgetWorkload(name: string, run: () => WidgetRun): Workload {
  const built = run();
  return { name, description: describeRun(built), spec: { ...built.spec, name: `bench ${name}` }, data: () => run().data };
}

/** `<ua-fitter>` (ua-fitter.ts, `restart`): 1 → N → 1 on samples of the target curve. */
function uaFitter(): WidgetRun {
  const { settings } = parseFitAttributes({});
  return { spec: fitSpec(settings), data: samplePoints(settings), rows: `samples of ${TARGET_LABELS[settings.target]}` };
}

/** `<nn-playground>` (nn-playground.ts, `restart` and `prepareRun`): the training split as feature rows. */
function nnPlayground(): WidgetRun {
  const { settings } = parsePlaygroundAttributes({});
  const data = makeData(settings);
  const features = activeFeatures(settings);
  return {
    spec: playgroundSpec(settings, data.train.inputs.length),
    data: trainingData(data, features),
    rows: `${DATASET_LABELS[settings.dataset]} points (training split; features ${features.map((f) => FEATURE_LABELS[f]).join(', ')})`,
  };
}

/** One panel of `<feature-scaling>` (feature-scaling.ts, `restart` and `rate`): the training houses, centred price. */
function featureScaling(scaling: Scaling): WidgetRun {
  const { settings } = parseScalingAttributes({});
  const panel = makeHouses(settings.points, settings.seed)[scaling];
  const learningRate = scaling === 'raw' ? (settings.rawLearningRate ?? settings.learningRate) : settings.learningRate;
  return {
    spec: scalingSpec(learningRate, settings.seed, scaling),
    data: { inputs: panel.train, targets: panel.trainTargets.map((y) => [y]) },
    rows: `houses, ${scaling} features`,
    note: `gradient descent ${verdict(curvature(panel.train), learningRate, settings.steps)} at this lr (the widget's verdict)`,
  };
}

/**
 * `<perceptron-boundary>` (perceptron-boundary.ts, `ensureLogistic`). Its default rule, the perceptron's,
 * runs in plain float64 without the engine; the engine trains logistic regression once that rule is picked,
 * with the rule's own defaults for η and epochs (`handleRule`). Labels ±1 become the 0/1 targets of the loss.
 */
function perceptronBoundaryLogistic(): WidgetRun {
  const { settings } = parseBoundaryAttributes({ rule: 'logistic' });
  const points = makePoints(settings.dataset, settings.points, settings.seed);
  return {
    spec: logisticSpec(settings),
    data: { inputs: points.map((p) => p.x), targets: points.map((p) => [p.y === 1 ? 1 : 0]) },
    rows: `${settings.dataset} points`,
  };
}

const NO_TRAJECTORY_ATTRIBUTES: TrajectoryAttributes = { samples: null, noise: null, coefficients: null, seed: null, lr: null, steps: null, stepsPerSecond: null, compareLr: null };
const NO_MODES_ATTRIBUTES: ModesAttributes = { samples: null, noise: null, coefficients: null, seed: null, lr: null, batchSize: null, epochs: null, epochsPerSecond: null, xAxis: null };

/** `<gd-trajectory>` (gd-trajectory.ts, `restart`): its single run, full-batch gradient descent at its η. */
function gdTrajectory(): WidgetRun {
  const { settings } = parseTrajectoryAttributes(NO_TRAJECTORY_ATTRIBUTES);
  const problem = regressionProblem(settings.problem);
  return {
    spec: trainerSpecOf({ name: 'gd-trajectory 1', learningRate: settings.learningRate, batching: { mode: 'full' }, seed: settings.problem.seed }),
    data: { inputs: problem.inputs, targets: problem.targets },
    rows: 'make_regression samples',
  };
}

/** One of `<gd-modes>`' three runs (gd-modes.ts, `restart`): the same regression, batched its way. */
function gdModes(mode: Mode): WidgetRun {
  const { settings } = parseModesAttributes(NO_MODES_ATTRIBUTES);
  const problem = regressionProblem(settings.problem);
  return {
    spec: trainerSpecOf({ name: `gd-modes ${mode}`, learningRate: settings.learningRate, batching: batchingOf(mode, settings.batchSize), seed: settings.problem.seed }),
    data: { inputs: problem.inputs, targets: problem.targets },
    rows: 'make_regression samples',
  };
}

export const WIDGET_WORKLOADS: readonly Workload[] = [
  widgetWorkload('ua-fitter', uaFitter),
  widgetWorkload('nn-playground', nnPlayground),
  ...SCALINGS.map((scaling) => widgetWorkload(`feature-scaling-${scaling}`, () => featureScaling(scaling))),
  widgetWorkload('perceptron-boundary-logistic', perceptronBoundaryLogistic),
  widgetWorkload('gd-trajectory', gdTrajectory),
  ...MODES.map((mode) => widgetWorkload(`gd-modes-${mode}`, () => gdModes(mode))),
];
