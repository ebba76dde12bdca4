/**
 * The linear-to-mlp lecture's playground slides show what their slides and notes say. Each run is read from
 * the slide itself (the `<nn-playground>` tag under its heading in slides/linear-to-mlp.md), trained on the
 * engine to the widget's epoch budget exactly as the widget trains it, and measured as the room sees it: the
 * fitted curve's bends (where its slope changes, over the x range the widget draws) and the training loss.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer } from '../../engine/trainer.ts';
import {
  activeFeatures,
  dataLoss,
  featureRows,
  makeData,
  parsePlaygroundAttributes,
  stepsPerEpoch,
  trainerSpec,
  trainingData,
  type PlaygroundSettings,
} from './nn-playground.model.ts';
import { domainOf } from './nn-playground.picture.ts';
import { useCpuBackend } from '../shared/test-support.ts';

const LECTURE = readFileSync(fileURLToPath(new URL('../../slides/linear-to-mlp.md', import.meta.url)), 'utf8');

/** The settings of the `<nn-playground>` on the slide with this heading, as the widget reads its attributes. */
function slideSettings(heading: string): PlaygroundSettings {
  const start = LECTURE.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no slide "${heading}" in slides/linear-to-mlp.md`);
  const tag = /<nn-playground\b([^>]*)>/.exec(LECTURE.slice(start))?.[1] ?? '';
  const attributes = Object.fromEntries([...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map(([, name, value]) => [name!, value ?? '']));
  const { settings, warnings } = parsePlaygroundAttributes(attributes);
  expect(warnings, heading).toEqual([]);
  return settings;
}

interface Fit {
  trainLoss: number;
  /** Where the fitted curve bends in the widget's view of x (x of each slope change). */
  bends: number[];
}

/** Sample spacing of the fitted curve when looking for bends. */
const GRID = 0.01;
/** A bend: the slope changes by more than this share of the curve's steepest slope between two samples. */
const BEND = 0.02;

/** Trains a slide's run to its budget and reads its fit. */
async function fit(settings: PlaygroundSettings): Promise<Fit> {
  const data = makeData(settings);
  const features = activeFeatures(settings);
  const trainer = new Trainer(trainerSpec(settings, data.train.inputs.length), trainingData(data, features));
  try {
    trainer.step(settings.epochs * stepsPerEpoch(settings, data.train.inputs.length));
    await trainer.readBack();
    expect(trainer.divergence).toBeUndefined();
    const outputs = (await trainer.predict(featureRows(data.train.inputs, features))).map(([y]) => y!);
    const [low, high] = domainOf(settings.dataset);
    const count = Math.round((high - low) / GRID) + 1;
    const grid = Array.from({ length: count }, (_, i) => low + i * GRID);
    const curve = (await trainer.predict(grid.map((x) => [x]))).map(([y]) => y!);
    return { trainLoss: dataLoss('regression', outputs, data.train.targets), bends: bendsOf(grid, curve) };
  } finally {
    trainer.dispose();
  }
}

/** The x of each place a piecewise-linear curve changes slope (neighbouring changes are one bend). */
function bendsOf(xs: readonly number[], ys: readonly number[]): number[] {
  const slopes = ys.slice(1).map((y, i) => (y - ys[i]!) / (xs[i + 1]! - xs[i]!));
  const steepest = Math.max(...slopes.map(Math.abs));
  const bends: number[] = [];
  let inBend = false;
  for (let i = 1; i < slopes.length; i += 1) {
    const bending = Math.abs(slopes[i]! - slopes[i - 1]!) > BEND * steepest;
    if (bending && !inBend) bends.push(xs[i]!);
    inBend = bending;
  }
  return bends;
}

useCpuBackend();

describe('linear-to-mlp: the playground slides show what their notes say', () => {
  let straightLine: Fit;

  beforeAll(async () => {
    straightLine = await fit(slideSettings('The same model on a cubic'));
  });

  it('the straight line underfits the cubic: no bend, a loss well above the noise', () => {
    expect(straightLine.bends).toEqual([]);
    expect(straightLine.trainLoss).toBeGreaterThan(1);
  });

  it('"Two bends": two ReLU units bend the fit twice and beat the straight line', async () => {
    const settings = slideSettings('Two bends');
    expect(settings.hiddenLayers).toEqual([2]);
    const run = await fit(settings);
    expect(run.bends.length).toBe(2);
    expect(run.trainLoss).toBeLessThan(straightLine.trainLoss / 2);
  });

  it('"Four bends": four units fit closer than two', async () => {
    const [two, four] = await Promise.all([fit(slideSettings('Two bends')), fit(slideSettings('Four bends'))]);
    expect(four.bends.length).toBeGreaterThanOrEqual(3);
    expect(four.trainLoss).toBeLessThan(two.trainLoss);
  });

  it('"Two layers: 4 → 2" trains to a bent fit far below the straight line’s loss', async () => {
    const run = await fit(slideSettings('Two layers: 4 → 2'));
    expect(run.bends.length).toBeGreaterThanOrEqual(2);
    expect(run.trainLoss).toBeLessThan(straightLine.trainLoss / 4);
  });

  it('a deep network with linear activations fits the same straight line; switched to ReLU, the bends come back', async () => {
    const linear = slideSettings('Try it: a deep network with linear activations');
    expect(linear.hiddenLayers).toEqual([4, 2]);
    const deepLinear = await fit(linear);
    expect(deepLinear.bends).toEqual([]);
    expect(Math.abs(deepLinear.trainLoss - straightLine.trainLoss)).toBeLessThan(0.01 * straightLine.trainLoss);
    const relu = await fit({ ...linear, activation: 'relu' });
    expect(relu.bends.length).toBeGreaterThanOrEqual(2);
    expect(relu.trainLoss).toBeLessThan(straightLine.trainLoss / 4);
  });
});
