/**
 * The widgets' bench workloads are what the widgets train: each spec and data set equals what the widget's
 * model makes from its defaults reached another way (its DEFAULTS object, or the attributes as the element
 * passes them, all absent), and every workload trains on the engine's Trainer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../engine/tf.ts';
import { Trainer } from '../engine/trainer.ts';
import { SCALINGS, SCALING_DEFAULTS, curvature, makeHouses, trainerSpec as scalingSpec, verdict } from '../components/feature-scaling/feature-scaling.model.ts';
import { MODES, MODES_DEFAULTS, batchingOf } from '../components/gd-modes/gd-modes.model.ts';
import { TRAJECTORY_DEFAULTS } from '../components/gd-trajectory/gd-trajectory.model.ts';
import {
  PLAYGROUND_DEFAULTS,
  STATE_KEYS,
  activeFeatures,
  makeData,
  parsePlaygroundAttributes,
  trainerSpec as playgroundSpec,
  trainingData,
} from '../components/nn-playground/nn-playground.model.ts';
import { pytorchSettings as playgroundPytorch } from '../components/nn-playground/nn-playground.pytorch.ts';
import { BOUNDARY_DEFAULTS, DEFAULT_LEARNING_RATE, logisticSpec, makePoints } from '../components/perceptron-boundary/perceptron-boundary.model.ts';
import { regressionProblem, type ProblemSettings } from '../components/shared/regression/regression-problem.ts';
import { trainerSpecOf } from '../components/shared/regression/regression-spec.ts';
import { FIT_DEFAULTS, parseFitAttributes, pytorchSettings as fitPytorch, samplePoints, trainerSpec as fitSpec } from '../components/ua-fitter/ua-fitter.model.ts';
import { WIDGET_WORKLOADS } from './widget-workloads.ts';
import { WORKLOADS, type Workload } from './workloads.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function widgetWorkload(name: string): Workload {
  const found = WIDGET_WORKLOADS.find((w) => w.name === name);
  if (!found) throw new Error(`no widget workload "${name}"; known: ${WIDGET_WORKLOADS.map((w) => w.name).join(', ')}`);
  return found;
}

function columnVariance(rows: readonly (readonly number[])[], column: number): number {
  const values = rows.map((row) => row[column]!);
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
}

/** The raw panel at the default η is the widget's point: the ill-conditioned valley throws gradient descent off. */
const DIVERGES_BY_DESIGN: ReadonlySet<string> = new Set(['feature-scaling-raw']);

describe('WIDGET_WORKLOADS', () => {
  it('names every workload once, apart from the standard workloads', () => {
    const names = WIDGET_WORKLOADS.map((w) => w.name);
    expect(new Set(names).size).toBe(names.length);
    for (const standard of WORKLOADS) expect(names).not.toContain(standard.name);
    expect(names).toEqual(
      expect.arrayContaining(['ua-fitter', 'nn-playground', 'feature-scaling-raw', 'feature-scaling-standardised', 'perceptron-boundary-logistic', 'gd-trajectory', 'gd-modes-batch', 'gd-modes-sgd', 'gd-modes-minibatch']),
    );
  });

  for (const workload of WIDGET_WORKLOADS) {
    it(`${workload.name}: builds the same seeded rows on every call, shaped for its network`, () => {
      const { layers } = workload.spec.network;
      const first = workload.data();
      const second = workload.data();
      expect(second).toEqual(first);
      expect(second.inputs).not.toBe(first.inputs); // rows of its own for every run
      expect(first.inputs.length).toBeGreaterThan(0);
      expect(first.targets.length).toBe(first.inputs.length);
      for (const row of first.inputs) expect(row.length).toBe(layers[0]);
      for (const row of first.targets) expect(row.length).toBe(layers.at(-1));
      expect([...first.inputs, ...first.targets].flat().every(Number.isFinite)).toBe(true);
      expect(workload.spec.name).toBe(`bench ${workload.name}`);
      expect(workload.description).not.toContain('\n');
      expect(workload.description).toContain(`${layers.join('→')}`);
      expect(workload.description).toContain(`, ${first.inputs.length} `);
    });
  }

  for (const workload of WIDGET_WORKLOADS) {
    it(`${workload.name}: takes 5 steps on the engine's Trainer (CPU)`, async () => {
      const trainer = new Trainer(workload.spec, workload.data());
      trainer.step(5);
      const readout = await trainer.readBack();
      if (DIVERGES_BY_DESIGN.has(workload.name)) {
        expect(trainer.divergence, 'the widget shows this run diverging').toBeDefined();
      } else {
        expect(readout?.step).toBe(5);
        expect(Number.isFinite(readout?.loss)).toBe(true);
        expect(trainer.divergence).toBeUndefined();
      }
      trainer.dispose();
    });
  }
});

describe('each workload is its widget’s default run', () => {
  it('ua-fitter: the spec and samples of FIT_DEFAULTS, and of the attributes the element passes when none is written', () => {
    const workload = widgetWorkload('ua-fitter');
    const written = { neurons: null, target: null, points: null, epochs: null, lr: null, optimizer: null, activation: null, noise: null, seed: null };
    const { settings, warnings } = parseFitAttributes(written);
    expect(warnings).toEqual([]);
    for (const defaults of [FIT_DEFAULTS, settings]) {
      expect(workload.spec).toEqual({ ...fitSpec(defaults), name: 'bench ua-fitter' });
      expect(workload.data()).toEqual(samplePoints(defaults));
    }
    expect(workload.data().inputs.length).toBe(FIT_DEFAULTS.points);
    // The `Show code` panel shows the same run.
    const shown = fitPytorch(FIT_DEFAULTS);
    expect(workload.spec.network.layers).toEqual(shown.layers);
    expect(workload.spec.optimizer).toEqual(shown.optimizer);
    expect(workload.spec.batching).toEqual(shown.batching);
  });

  it('nn-playground: the spec and training split of PLAYGROUND_DEFAULTS, and of the attributes the element passes when none is written', () => {
    const workload = widgetWorkload('nn-playground');
    const written: Record<string, null> = { lr: null };
    for (const key of STATE_KEYS) written[key] = null;
    const { settings, warnings } = parsePlaygroundAttributes(written);
    expect(warnings).toEqual([]);
    for (const defaults of [PLAYGROUND_DEFAULTS, settings]) {
      const data = makeData(defaults);
      expect(workload.spec).toEqual({ ...playgroundSpec(defaults, data.train.inputs.length), name: 'bench nn-playground' });
      expect(workload.data()).toEqual(trainingData(data, activeFeatures(defaults)));
    }
    // Only the training split: the test points are held out.
    expect(workload.data().inputs.length).toBe(Math.floor(PLAYGROUND_DEFAULTS.samples * PLAYGROUND_DEFAULTS.trainRatio));
    expect(workload.spec.batching).toEqual(playgroundPytorch(PLAYGROUND_DEFAULTS, workload.data().inputs.length).batching);
  });

  it('feature-scaling: one run per panel, raw and standardised, on the training houses with the price centred', () => {
    const houses = makeHouses(SCALING_DEFAULTS.points, SCALING_DEFAULTS.seed);
    for (const scaling of SCALINGS) {
      const workload = widgetWorkload(`feature-scaling-${scaling}`);
      expect(workload.spec).toEqual({ ...scalingSpec(SCALING_DEFAULTS.learningRate, SCALING_DEFAULTS.seed, scaling), name: `bench feature-scaling-${scaling}` });
      const data = workload.data();
      expect(data.inputs).toEqual(houses[scaling].train);
      expect(Math.abs(data.targets.reduce((sum, [y]) => sum + y!, 0) / data.targets.length)).toBeLessThan(1e-9);
    }
    // Standardised: unit variance; raw: areas in ft², a spread of hundreds of thousands.
    const standardised = widgetWorkload('feature-scaling-standardised').data().inputs;
    expect(columnVariance(standardised, 0)).toBeCloseTo(1, 9);
    expect(columnVariance(standardised, 1)).toBeCloseTo(1, 9);
    expect(columnVariance(widgetWorkload('feature-scaling-raw').data().inputs, 0)).toBeGreaterThan(1e5);
    // What the trainer test expects of the raw run is what the widget says of it.
    expect(verdict(curvature(houses.raw.train), SCALING_DEFAULTS.learningRate, SCALING_DEFAULTS.steps)).toBe('diverges');
    expect(verdict(curvature(houses.standardised.train), SCALING_DEFAULTS.learningRate, SCALING_DEFAULTS.steps)).not.toBe('diverges');
  });

  it('perceptron-boundary-logistic: logistic regression at its own default η, on the default points with labels ±1 as 1/0', () => {
    const workload = widgetWorkload('perceptron-boundary-logistic');
    expect(workload.spec).toEqual({ ...logisticSpec({ learningRate: DEFAULT_LEARNING_RATE.logistic, seed: BOUNDARY_DEFAULTS.seed }), name: 'bench perceptron-boundary-logistic' });
    const points = makePoints(BOUNDARY_DEFAULTS.dataset, BOUNDARY_DEFAULTS.points, BOUNDARY_DEFAULTS.seed);
    const data = workload.data();
    expect(data.inputs).toEqual(points.map((p) => p.x));
    expect(data.targets.map(([t]) => (t === 1 ? 1 : -1))).toEqual(points.map((p) => p.y));
  });

  it('gd-trajectory and gd-modes: regression-run.ts’s spec at the widgets’ defaults, on their make_regression data', () => {
    const cases = [
      { name: 'gd-trajectory', defaults: TRAJECTORY_DEFAULTS, learningRate: TRAJECTORY_DEFAULTS.learningRate, batching: { mode: 'full' } as const },
      ...MODES.map((mode) => ({ name: `gd-modes-${mode}`, defaults: MODES_DEFAULTS, learningRate: MODES_DEFAULTS.learningRate, batching: batchingOf(mode, MODES_DEFAULTS.batchSize) })),
    ];
    for (const { name, defaults, learningRate, batching } of cases) {
      const workload = widgetWorkload(name);
      expect(workload.spec, name).toEqual(trainerSpecOf({ name: `bench ${name}`, learningRate, batching, seed: defaults.seed }));
      const problem: ProblemSettings = { samples: defaults.samples, noise: defaults.noise, seed: defaults.seed, coefficients: undefined };
      const { inputs, targets } = regressionProblem(problem);
      expect(workload.data(), name).toEqual({ inputs, targets });
    }
  });
});
