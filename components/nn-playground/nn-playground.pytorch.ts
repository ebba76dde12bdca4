/**
 * `<nn-playground>`'s run as PyTorch (for `Show code`): the same features, network, loss, optimizer, batching
 * and regularisation as the engine trains, written as a script a student can run. With dropout or early
 * stopping, the layered model's script: `nn.Dropout` after each hidden activation in the `nn.Sequential`, and
 * the loop with its validation split, `model.train()` / `model.eval()`, patience and the best weights restored.
 */
import { pythonNumber, pytorchLayeredTrainingLoop, pytorchTrainingLoop, type TrainingSettings } from '../shared/pytorch.ts';
import { activeFeatures, generatorNoise, isOneDimensional, trainerSpec, type Feature, type PlaygroundSettings } from './nn-playground.model.ts';
import { layeredSpec, usesLayeredTrainer } from './nn-playground.training.ts';
import { pytorchCsvData, type CsvInfo } from './nn-playground.csv.ts';

/** The same run as PyTorch settings (for `Show code`). */
export function pytorchSettings(settings: PlaygroundSettings, trainCount: number): TrainingSettings {
  const spec = trainerSpec(settings, trainCount);
  return {
    layers: spec.network.layers,
    hidden: spec.network.hidden,
    output: spec.network.output,
    loss: spec.loss,
    optimizer: spec.optimizer,
    epochs: settings.epochs,
    batching: spec.batching,
    regularization: spec.regularization,
  };
}

const TORCH_FEATURES: Record<Feature, string> = {
  x1: 'x1',
  x2: 'x2',
  x1sq: 'x1**2',
  x2sq: 'x2**2',
  x1x2: 'x1 * x2',
  sinx1: 'torch.sin(x1)',
  sinx2: 'torch.sin(x2)',
};

/** Each dataset's recipe in torch (the engine's generators, engine/data/; torch draws other numbers). */
const TORCH_DATASETS: Record<PlaygroundSettings['dataset'], readonly string[]> = {
  circle: [
    'r = torch.cat([U(0, 2.5, n - n // 2), U(3.5, 5, n // 2)])  # the inner disc, then the outer ring',
    'angle = U(0, 2 * torch.pi, n)',
    'x1, x2 = r * torch.sin(angle), r * torch.cos(angle)',
    '# label 1 inside radius 2.5, judged on the point jittered by the noise',
    'y = (torch.hypot(x1 + 5 * noise * U(-1, 1, n), x2 + 5 * noise * U(-1, 1, n)) < 2.5).float()',
  ],
  xor: [
    'x1, x2 = U(-5, 5, n), U(-5, 5, n)',
    'x1, x2 = x1 + 0.3 * torch.sign(x1), x2 + 0.3 * torch.sign(x2)  # a gap around each axis',
    'y = ((x1 + 5 * noise * U(-1, 1, n)) * (x2 + 5 * noise * U(-1, 1, n)) >= 0).float()',
  ],
  gauss: [
    'sd = (0.5 + noise / 0.5 * 3.5) ** 0.5  # the clouds widen with the noise',
    'y = torch.cat([torch.ones(n - n // 2), torch.zeros(n // 2)])  # label 1 around (2, 2), 0 around (-2, -2)',
    'x1, x2 = 4 * y - 2 + sd * torch.randn(n), 4 * y - 2 + sd * torch.randn(n)',
  ],
  spiral: [
    'def arm(count, delta):',
    '    i = torch.arange(count)',
    '    r, t = 5 * i / count, 1.75 * 2 * torch.pi * i / count + delta',
    '    return r * torch.sin(t), r * torch.cos(t)',
    '(a1, a2), (b1, b2) = arm(n - n // 2, 0), arm(n // 2, torch.pi)',
    'x1 = torch.cat([a1, b1]) + noise * U(-1, 1, n)',
    'x2 = torch.cat([a2, b2]) + noise * U(-1, 1, n)',
    'y = torch.cat([torch.ones(n - n // 2), torch.zeros(n // 2)])',
  ],
  plane: ['x1, x2 = U(-6, 6, n), U(-6, 6, n)', 'y = (x1 + 6 * noise * U(-1, 1, n) + x2 + 6 * noise * U(-1, 1, n)) / 10'],
  cubic: ['x1 = torch.randn(n)', 'y = x1**3 + noise * torch.randn(n)'],
};

/** The data cell: the dataset's recipe, seeded, and the widget's train split (the test points are left out). */
export function pytorchPlaygroundData(settings: Pick<PlaygroundSettings, 'dataset' | 'samples' | 'noise' | 'trainRatio' | 'seed'>): string[] {
  const oneD = isOneDimensional(settings.dataset);
  return [
    `# The ${settings.dataset} dataset: the widget's recipe; torch draws other numbers than its seeded generator`,
    `torch.manual_seed(${settings.seed})`,
    `n, noise = ${settings.samples}, ${pythonNumber(generatorNoise(settings.dataset, settings.noise))}`,
    'U = lambda low, high, size: low + (high - low) * torch.rand(size)',
    ...TORCH_DATASETS[settings.dataset],
    `train = torch.randperm(n)[: int(n * ${pythonNumber(settings.trainRatio)})]  # the training split`,
    oneD ? 'x1, y = x1[train], y[train].unsqueeze(1)' : 'x1, x2, y = x1[train], x2[train], y[train].unsqueeze(1)',
  ];
}

/**
 * The whole PyTorch script for the current settings: the data, the features, the network, the training loop.
 * `csv`: the run's CSV (pandas reads it by name; nn-playground.csv.ts), instead of the dataset's recipe.
 */
export function pytorchCode(settings: PlaygroundSettings, trainCount: number, csv?: CsvInfo): string {
  const features = activeFeatures(settings);
  const featureLine = `x = torch.stack([${features.map((f) => TORCH_FEATURES[f]).join(', ')}], dim=1)  # the input features`;
  const data = [...(csv ? pytorchCsvData(settings, csv) : pytorchPlaygroundData(settings)), featureLine];
  if (usesLayeredTrainer(settings)) {
    // The layered script has no data of its own: the data cell goes just above its model cell.
    const lines = pytorchLayeredTrainingLoop(layeredSpec(settings, trainCount), settings.epochs).split('\n');
    const at = lines.indexOf('# %% The model');
    lines.splice(at < 0 ? 0 : at, 0, '# %% The data', ...data, '');
    return lines.join('\n');
  }
  return pytorchTrainingLoop({ ...pytorchSettings(settings, trainCount), data });
}
