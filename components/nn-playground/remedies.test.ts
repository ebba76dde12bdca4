/**
 * `<nn-playground>`'s overfitting remedies and its hidden-space view: the attributes, which trainer a run gets
 * (the MLP trainer untouched without dropout and early stopping), dropout (on in training, off in evaluation),
 * early stopping (stopping at best + patience, the best weights restored), the hidden-space coordinates, the
 * status and the PyTorch script. Numbers are checked against float64 passes written here, by hand.
 */
import { describe, expect, it } from 'vitest';
import { LayeredTrainer } from '../../engine/layered-trainer.ts';
import type { LayerWeights } from '../../engine/mlp.ts';
import { expectLines, useCpuBackend } from '../shared/test-support.ts';
import { axisTicks, hiddenCoordinates, hiddenRange, lineInBox } from './hidden-space.ts';
import { PLAYGROUND_DEFAULTS, activeFeatures, featureRows, makeData, parsePlaygroundAttributes, trainerSpec, trainingData, urlStateOf, type PlaygroundSettings } from './nn-playground.model.ts';
import { forwardAll } from './nn-playground.picture.ts';
import { pytorchCode } from './nn-playground.pytorch.ts';
import { statusParts } from './nn-playground.status.ts';
import { describeTraining, hiddenSpaceWarning, layeredSpec, mlpWeightsOf, usesLayeredTrainer, validationSplit } from './nn-playground.training.ts';

useCpuBackend();

/** Mean binary cross-entropy of P(class 1) in float64, written out here. */
function bce(probabilities: readonly number[], labels: readonly number[]): number {
  return probabilities.reduce((sum, p, i) => sum - (labels[i]! * Math.log(p) + (1 - labels[i]!) * Math.log(1 - p)), 0) / probabilities.length;
}

/** A layered trainer exactly as the widget makes one for `settings`. */
function layeredRun(changes: Partial<PlaygroundSettings>) {
  const settings: PlaygroundSettings = { ...PLAYGROUND_DEFAULTS, ...changes };
  const data = makeData(settings);
  const features = activeFeatures(settings);
  const trainCount = data.train.inputs.length;
  const trainer = new LayeredTrainer(layeredSpec(settings, trainCount), trainingData(data, features));
  return { settings, data, features, trainer, rows: featureRows(data.train.inputs, features) };
}

describe('the remedies’ attributes', () => {
  it('default to none: no dropout, no early stopping (patience 10, validation 0.2 when on), no hidden-space view', () => {
    const { settings, warnings } = parsePlaygroundAttributes({});
    expect(warnings).toEqual([]);
    expect(settings).toMatchObject({ dropout: 0, earlyStopping: false, patience: 10, validation: 0.2, hiddenSpace: false });
    const slide = parsePlaygroundAttributes({ dropout: '0.5', 'early-stopping': '', patience: '25', validation: '0.3', 'hidden-space': 'true' });
    expect(slide.warnings).toEqual([]);
    expect(slide.settings).toMatchObject({ dropout: 0.5, earlyStopping: true, patience: 25, validation: 0.3, hiddenSpace: true });
  });

  it('out of range, fall back to the default with a warning naming the attribute', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['dropout', '0.95', /^dropout="0.95" is outside 0…0.9 — using 0$/],
      ['dropout', '-0.1', /^dropout="-0.1" is outside 0…0.9 — using 0$/],
      ['patience', '0', /^patience="0" is outside 1…200 — using 10$/],
      ['patience', '2.5', /^patience="2.5" /],
      ['validation', '0.6', /^validation="0.6" is outside 0.05…0.5 — using 0.2$/],
      ['early-stopping', 'maybe', /^early-stopping="maybe" /],
      ['hidden-space', 'yes please', /^hidden-space="yes please" /],
    ];
    for (const [attribute, text, pattern] of cases) {
      const { warnings } = parsePlaygroundAttributes({ [attribute]: text });
      expect(warnings, `${attribute}="${text}"`).toHaveLength(1);
      expect(warnings[0]).toMatch(pattern);
    }
  });

  it('go into a shared link only where they differ from the slide, so the links shared before them read the same', () => {
    expect(Object.keys(urlStateOf(PLAYGROUND_DEFAULTS))).not.toContain('dropout');
    const changed = urlStateOf({ ...PLAYGROUND_DEFAULTS, dropout: 0.5, earlyStopping: true, patience: 20, validation: 0.3, hiddenSpace: true });
    expect(changed).toMatchObject({ dropout: '0.5', 'early-stopping': 'true', patience: '20', validation: '0.3', 'hidden-space': 'true' });
    const reopened = parsePlaygroundAttributes({}, new Map(Object.entries(changed).map(([key, text]) => [key, String(text)])));
    expect(reopened.settings).toMatchObject({ dropout: 0.5, earlyStopping: true, patience: 20, validation: 0.3, hiddenSpace: true });
  });
});

describe('which trainer', () => {
  it('without dropout and early stopping, the MLP trainer’s spec as before; with either, the same network as layers', () => {
    expect(usesLayeredTrainer(PLAYGROUND_DEFAULTS)).toBe(false);
    expect(usesLayeredTrainer({ dropout: 0.1, earlyStopping: false })).toBe(true);
    expect(usesLayeredTrainer({ dropout: 0, earlyStopping: true })).toBe(true);
    expect(trainerSpec(PLAYGROUND_DEFAULTS, 100).network).toEqual({ layers: [2, 4, 2, 1], hidden: 'tanh', output: 'sigmoid' });
    const spec = layeredSpec({ ...PLAYGROUND_DEFAULTS, dropout: 0.5, earlyStopping: true, patience: 7, validation: 0.25 }, 100);
    expect(spec.model).toEqual({
      input: [2],
      output: 'sigmoid',
      layers: [
        { type: 'dense', units: 4, activation: 'tanh' },
        { type: 'dropout', rate: 0.5 },
        { type: 'dense', units: 2, activation: 'tanh' },
        { type: 'dropout', rate: 0.5 },
        { type: 'dense', units: 1 },
      ],
    });
    expect(spec).toMatchObject({ loss: 'bce', optimizer: { kind: 'sgd', learningRate: 0.03 }, batching: { mode: 'minibatch', size: 10 }, validation: { fraction: 0.25, patience: 7 }, seed: 1 });
    expect(layeredSpec({ ...PLAYGROUND_DEFAULTS, dropout: 0.5 }, 100).validation).toBeUndefined();
  });
});

describe('dropout', () => {
  it('0.5 changes the training loss (units zeroed in training) but not evaluation (all units, unscaled); seeded', async () => {
    // The whole training set in one batch, so the first step's loss is a float64 loss written here.
    const plain = layeredRun({ dataset: 'xor', batchSize: 1000, dropout: 0 });
    const dropped = layeredRun({ dataset: 'xor', batchSize: 1000, dropout: 0.5 });
    const again = layeredRun({ dataset: 'xor', batchSize: 1000, dropout: 0.5 });
    const labels = plain.data.train.targets.map(([y]) => y!);
    // Same seed: the same initial weights (dropout has none), hence the same evaluation, which is the float64 pass.
    const weights = mlpWeightsOf(await plain.trainer.readWeights());
    expect(mlpWeightsOf(await dropped.trainer.readWeights())).toEqual(weights);
    const float64 = forwardAll(weights, 'tanh', 'classification', plain.rows).at(-1)![0]!;
    for (const run of [plain, dropped]) {
      const evaluated = (await run.trainer.predict(run.rows)).map(([p]) => p!);
      evaluated.forEach((p, i) => expect(p).toBeCloseTo(float64[i]!, 5));
    }
    const evaluationLoss = bce(Array.from(float64), labels);
    const firstLoss = async (run: ReturnType<typeof layeredRun>) => {
      run.trainer.step(1);
      return (await run.trainer.readBack())!.loss;
    };
    expect(await firstLoss(plain)).toBeCloseTo(evaluationLoss, 5);
    const droppedLoss = await firstLoss(dropped);
    expect(Math.abs(droppedLoss - evaluationLoss)).toBeGreaterThan(1e-3);
    expect(await firstLoss(again)).toBe(droppedLoss); // the same masks for the same seed
    for (const run of [plain, dropped, again]) run.trainer.dispose();
  });
});

describe('early stopping', () => {
  it('stops at the best epoch + patience and restores the best weights: the validation loss after is the best recorded', { timeout: 60_000 }, async () => {
    const patience = 5;
    const run = layeredRun({ dataset: 'gauss', noise: 0.5, trainRatio: 0.3, hiddenLayers: [8, 8], activation: 'relu', learningRate: 0.1, earlyStopping: true, patience, validation: 0.3 });
    const { trainer, settings, data } = run;
    const split = validationSplit(data.train.inputs.length, settings.validation, settings.seed);
    expect(trainer.samples).toBe(split.train.length);
    const perEpoch = Math.ceil(trainer.samples / trainer.batchSize);
    for (let epoch = 0; epoch < settings.epochs && !trainer.stoppedEarly; epoch += 1) {
      trainer.step(perEpoch);
      await trainer.readBack();
    }
    expect(trainer.stoppedEarly).toBe(true);
    const record = trainer.validationRecord!;
    expect(record.stoppedAt).toBe(record.bestEpoch + patience);
    // The best epoch is the lowest validation loss up to the stop, and none of the `patience` epochs after beat it.
    const upToStop = record.losses.slice(0, record.stoppedAt);
    expect(Math.min(...upToStop)).toBe(record.bestLoss);
    expect(upToStop.indexOf(record.bestLoss) + 1).toBe(record.bestEpoch);
    expect(upToStop.at(-1)!).toBeGreaterThan(record.bestLoss);
    // Restored: the validation loss of the weights now is the best recorded — by the engine, and in float64 on
    // the held-out samples as the widget picks them (validationSplit).
    expect(await trainer.validationLoss()).toBeCloseTo(record.bestLoss, 6);
    const held = split.validation.map((i) => run.rows[i]!);
    const probabilities = forwardAll(mlpWeightsOf(await trainer.readWeights()), 'relu', 'classification', held).at(-1)![0]!;
    expect(bce(Array.from(probabilities), split.validation.map((i) => data.train.targets[i]![0]!))).toBeCloseTo(record.bestLoss, 5);
    // No more steps once stopped.
    const steps = trainer.steps;
    trainer.step(perEpoch);
    expect(trainer.steps).toBe(steps);
    trainer.dispose();
  });

  it('a run that uses up its budget before patience runs out gets the best epoch’s weights back too', async () => {
    const run = layeredRun({ dataset: 'gauss', noise: 0.5, trainRatio: 0.3, hiddenLayers: [8, 8], activation: 'relu', learningRate: 0.1, earlyStopping: true, patience: 200, validation: 0.3 });
    const perEpoch = Math.ceil(run.trainer.samples / run.trainer.batchSize);
    run.trainer.step(40 * perEpoch);
    await run.trainer.readBack();
    const record = run.trainer.validationRecord!;
    expect(record.stoppedAt).toBeUndefined();
    expect(await run.trainer.restoreBest()).toBe(true);
    expect(await run.trainer.validationLoss()).toBeCloseTo(record.bestLoss, 6);
    run.trainer.dispose();
  });

  it('holds out the validation fraction of the training samples and says so', () => {
    const split = validationSplit(100, 0.2, 1);
    expect(split.validation).toHaveLength(20);
    expect(split.train).toHaveLength(80);
    expect(new Set([...split.train, ...split.validation]).size).toBe(100);
    expect(describeTraining({ ...PLAYGROUND_DEFAULTS, dropout: 0.5, earlyStopping: true }, 100, 100)).toBe(
      'SGD, lr 0.03, batch 10, dropout 0.5 · 80 train / 20 validation / 100 test · 300 epochs, early stopping (patience 10)',
    );
    expect(describeTraining(PLAYGROUND_DEFAULTS, 100, 100)).toBe('SGD, lr 0.03, batch 10 · 100 train / 100 test · 300 epochs');
  });

  it('the status names the best epoch, and that its weights were restored once it stopped', () => {
    const picture = { epoch: 87, trainLoss: 0.2, validationLoss: 0.31, testLoss: 0.35, testAccuracy: 0.9, stopping: { bestEpoch: 77, stoppedAt: 87, restored: true } };
    const view = { picture: picture as never, problem: 'classification' as const, epochs: 300, earlyStopping: true, diverged: false, error: undefined };
    expect(statusParts(view).join(' · ')).toBe('epoch 87 · stopped early · train loss 0.2 · validation loss 0.31 · test loss 0.35 · test accuracy 90 % · best epoch 77 · its weights restored');
    const training = { ...view, picture: { ...picture, epoch: 50, stopping: { bestEpoch: 45, stoppedAt: undefined, restored: false } } as never };
    expect(statusParts(training).at(-1)).toBe('best epoch 45 so far');
  });
});

describe('the hidden-space view', () => {
  it('puts a point at its last hidden layer’s two values: a forward pass by hand', () => {
    // x = (1, −2) → 3 tanh units → 2 tanh units → 1 output, weights as the engine reads them (`weights[input][unit]`).
    const weights: LayerWeights[] = [
      { weights: [[0.5, -1, 0.25], [0.2, 0.3, -0.4]], biases: [0.1, 0, -0.2] },
      { weights: [[1, -0.5], [0.5, 0.5], [-1, 2]], biases: [0, 0.3] },
      { weights: [[2], [-1]], biases: [0.5] },
    ];
    const a1 = Math.tanh(0.5 * 1 + 0.2 * -2 + 0.1); // tanh(0.2)
    const a2 = Math.tanh(-1 * 1 + 0.3 * -2 + 0); // tanh(−1.6)
    const a3 = Math.tanh(0.25 * 1 - 0.4 * -2 - 0.2); // tanh(0.85)
    const h1 = Math.tanh(1 * a1 + 0.5 * a2 - 1 * a3 + 0);
    const h2 = Math.tanh(-0.5 * a1 + 0.5 * a2 + 2 * a3 + 0.3);
    const [x, y] = hiddenCoordinates(weights, 'tanh', 'classification', [[1, -2]]);
    expect(x[0]).toBeCloseTo(h1, 12);
    expect(y[0]).toBeCloseTo(h2, 12);
  });

  it('agrees with the engine’s own activations of the last hidden layer (dropout off)', async () => {
    const run = layeredRun({ hiddenLayers: [3, 2], dropout: 0.3, features: ['x1', 'x2', 'x1sq'] });
    run.trainer.step(30);
    await run.trainer.readBack();
    const [h1, h2] = hiddenCoordinates(mlpWeightsOf(await run.trainer.readWeights()), 'tanh', 'classification', run.rows.slice(0, 3));
    for (let i = 0; i < 3; i += 1) {
      const layers = await run.trainer.activations(run.rows[i]!);
      // dense 3, dropout, dense 2, dropout, dense 1: the last hidden layer's output is layers[2].
      expect(layers[2]!.values[0]).toBeCloseTo(h1[i]!, 5);
      expect(layers[2]!.values[1]).toBeCloseTo(h2[i]!, 5);
    }
    run.trainer.dispose();
  });

  it('needs a last hidden layer of 2 units, and says what to set when it has not', () => {
    expect(hiddenSpaceWarning({ hiddenSpace: true, hiddenLayers: [4, 2] })).toBeUndefined();
    expect(hiddenSpaceWarning({ hiddenSpace: false, hiddenLayers: [4] })).toBeUndefined();
    expect(hiddenSpaceWarning({ hiddenSpace: true, hiddenLayers: [4, 4] })).toBe(
      'hidden-space: the hidden-space view plots the last hidden layer\'s 2 units, but the last hidden layer has 4 units — set layers="4,2" (a last hidden layer of 2 units)',
    );
    expect(hiddenSpaceWarning({ hiddenSpace: true, hiddenLayers: [] })).toMatch(/there is no hidden layer — set layers="2"/);
  });

  it('draws the output unit’s boundary, w₁h₁ + w₂h₂ + b = 0, across its box; bounded activations keep their range', () => {
    expect(lineInBox(1, 1, 0, [-1, 1], [-1, 1])).toEqual([[-1, 1], [1, -1]]);
    expect(lineInBox(1, 0, -0.5, [0, 1], [0, 1])).toEqual([[0.5, 0], [0.5, 1]]);
    expect(lineInBox(1, 1, 5, [-1, 1], [-1, 1])).toBeUndefined();
    expect(hiddenRange('tanh', [0.1, 0.2])).toEqual([-1.05, 1.05]);
    const [low, high] = hiddenRange('relu', [0, 2, 4]);
    expect(low).toBeLessThanOrEqual(0);
    expect(high).toBeGreaterThan(4);
    // Short tick labels for the room: the bounds, or 0 and the top rounded inwards to one figure.
    expect(axisTicks('tanh', [-1.05, 1.05])).toEqual([-1, 1]);
    expect(axisTicks('relu', [-0.6, 12.3])).toEqual([0, 10]);
    expect(axisTicks('linear', [-3.7, -0.23])).toEqual([-3, -0.3]);
  });
});

describe('Show code with the remedies', () => {
  it('is nn.Dropout after each hidden activation, and the loop with validation, patience and the best weights restored', () => {
    const code = pytorchCode({ ...PLAYGROUND_DEFAULTS, dropout: 0.5, earlyStopping: true, patience: 10, validation: 0.2 }, 100);
    expectLines(code, [
      'x = torch.stack([x1, x2], dim=1)',
      'nn.Linear(2, 4), nn.Tanh(),',
      'nn.Dropout(0.5),',
      'nn.Linear(4, 2), nn.Tanh(),',
      'held = int(0.2 * len(x))',
      'model.train()  # dropout on',
      'model.eval()  # dropout off',
      'if since_best >= 10:  # patience ran out: stop',
      'model.load_state_dict(best_state)',
    ]);
    expect(pytorchCode(PLAYGROUND_DEFAULTS, 100)).not.toContain('Dropout');
  });
});
