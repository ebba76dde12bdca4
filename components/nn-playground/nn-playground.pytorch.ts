/**
 * `<nn-playground>`'s run as PyTorch (for `Show code`): the same features, network, loss, optimizer, batching
 * and regularisation as the engine trains, written as a script a student can run. With dropout or early
 * stopping, the layered model's script: `nn.Dropout` after each hidden activation in the `nn.Sequential`, and
 * the loop with its validation split, `model.train()` / `model.eval()`, patience and the best weights restored.
 */
import { pytorchLayeredTrainingLoop, pytorchTrainingLoop, type TrainingSettings } from '../shared/pytorch.ts';
import { activeFeatures, isOneDimensional, trainerSpec, type Feature, type PlaygroundSettings } from './nn-playground.model.ts';
import { layeredSpec, usesLayeredTrainer } from './nn-playground.training.ts';

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

/** The whole PyTorch script for the current settings: the features, the network, the training loop. */
export function pytorchCode(settings: PlaygroundSettings, trainCount: number): string {
  const features = activeFeatures(settings);
  const points = isOneDimensional(settings.dataset) ? 'x1' : 'x1, x2';
  const target = settings.problem === 'classification' ? 'y: 0/1 labels, shape (n, 1)' : 'y: targets, shape (n, 1)';
  const header = [`# ${points}: the points' coordinates, shape (n,); ${target}`, `x = torch.stack([${features.map((f) => TORCH_FEATURES[f]).join(', ')}], dim=1)  # the input features`];
  if (usesLayeredTrainer(settings)) {
    // The layered script describes y itself (the line starting "# y:"): the features go just above it.
    const lines = pytorchLayeredTrainingLoop(layeredSpec(settings, trainCount), settings.epochs).split('\n');
    const at = lines.findIndex((line) => line.startsWith('# y:'));
    lines.splice(at < 0 ? 0 : at, 0, `# ${points}: the points' coordinates, shape (n,)`, header[1]!);
    return lines.join('\n');
  }
  const loop = pytorchTrainingLoop(pytorchSettings(settings, trainCount));
  const marker = '# x: inputs, one row per sample; y: targets';
  return loop.includes(marker) ? loop.replace(marker, header.join('\n')) : `${header.join('\n')}\n${loop}`;
}
