import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { LayeredSpec } from '../../engine/layers.ts';
import { pytorchLayeredModel, pytorchLayeredTrainingLoop, pytorchModel } from './pytorch.ts';

/** Python parses the script (no torch needed: `ast.parse` checks the syntax only), or says why not. */
function pythonSyntaxError(code: string): string | undefined {
  try {
    execFileSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: code, stdio: ['pipe', 'ignore', 'pipe'] });
    return undefined;
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}
const hasPython = (() => {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The lecture's motif finder: one-hot DNA of length 100, 16 filters of width 12, global max-pool. */
const MOTIF_CNN: LayeredSpec = {
  input: [4, 100],
  layers: [
    { type: 'conv1d', filters: 16, kernelSize: 12, activation: 'relu' },
    { type: 'global-max-pool1d' },
    { type: 'flatten' },
    { type: 'dropout', rate: 0.25 },
    { type: 'dense', units: 1 },
  ],
  output: 'sigmoid',
};

describe('the PyTorch code for a layered model', () => {
  it('writes the motif finder as nn.Conv1d, nn.AdaptiveMaxPool1d, nn.Flatten and nn.Linear, logits into BCEWithLogitsLoss', () => {
    // The motif finder, smaller: 30 positions, 8 filters of width 4.
    const small: LayeredSpec = { ...MOTIF_CNN, input: [4, 30], layers: [{ type: 'conv1d', filters: 8, kernelSize: 4, activation: 'relu' }, ...MOTIF_CNN.layers.slice(1)] };
    const code = pytorchLayeredModel(small, 'bce');
    expect(code).toBe(
      [
        '# x: [N, 4, 30] (channels first, as PyTorch takes it)',
        'model = nn.Sequential(',
        '    nn.Conv1d(4, 8, kernel_size=4), nn.ReLU(),',
        '    nn.AdaptiveMaxPool1d(1),',
        '    nn.Flatten(),',
        '    nn.Dropout(0.25),',
        '    nn.Linear(8, 1),',
        ')',
      ].join('\n'),
    );
  });

  it('writes a small image classifier with the in-channels and features worked out', () => {
    const code = pytorchLayeredModel(
      {
        input: [784],
        layers: [
          { type: 'reshape', shape: [1, 28, 28] },
          { type: 'conv2d', filters: 6, kernelSize: 5, padding: 'same', activation: 'tanh' },
          { type: 'max-pool2d', size: 2 },
          { type: 'conv2d', filters: 16, kernelSize: [3, 3], stride: 2, bias: false, activation: 'relu' },
          { type: 'flatten' },
          { type: 'dense', units: 10 },
        ],
        output: 'softmax',
      },
      'softmax-ce',
    );
    expect(code).toContain(
      [
        'nn.Unflatten(1, (1, 28, 28)),',
        "    nn.Conv2d(1, 6, kernel_size=5, padding='same'), nn.Tanh(),",
        '    nn.MaxPool2d(2),',
        '    nn.Conv2d(6, 16, kernel_size=(3, 3), stride=2, bias=False), nn.ReLU(),',
        '    nn.Flatten(),',
        // 14×14 after the pool, (14 − 3) / 2 + 1 = 6 after the strided conv: 16·6·6 features.
        '    nn.Linear(576, 10),',
      ].join('\n'),
    );
  });

  it('writes a 1-D pooling stack with a softmax read by CrossEntropyLoss (no nn.Softmax)', () => {
    const code = pytorchLayeredModel(
      {
        input: [2, 12],
        layers: [
          { type: 'conv1d', filters: 3, kernelSize: 3, padding: 1, activation: 'sigmoid' },
          { type: 'max-pool1d', size: 2, stride: 1 },
          { type: 'flatten' },
          { type: 'dense', units: 3 },
        ],
        output: 'softmax',
      },
      'softmax-ce',
    );
    expect(code).toContain('nn.Conv1d(2, 3, kernel_size=3, padding=1), nn.Sigmoid(),\n    nn.MaxPool1d(2, stride=1),\n    nn.Flatten(),\n    nn.Linear(33, 3),\n)');
    expect(code).not.toContain('Softmax');
  });

  it('leaves what it writes for an MLP unchanged', () => {
    expect(pytorchModel({ layers: [2, 3, 1], hidden: 'relu', output: 'sigmoid', loss: 'mse' })).toBe('model = nn.Sequential(\n    nn.Linear(2, 3), nn.ReLU(),\n    nn.Linear(3, 1), nn.Sigmoid(),\n)');
  });
});

describe('the PyTorch script for a layered trainer', () => {
  const withValidation = pytorchLayeredTrainingLoop(
    { model: MOTIF_CNN, loss: 'bce', optimizer: { kind: 'adam', learningRate: 0.001 }, batching: { mode: 'minibatch', size: 64 }, validation: { fraction: 0.2, patience: 5 }, seed: 7 },
    50,
  );

  it('holds out the validation split, validates with dropout off, keeps the best epoch and stops after the patience', () => {
    for (const line of [
      'torch.manual_seed(7)',
      '# y: 0/1 labels, shape [N, 1] (float)',
      '    nn.Conv1d(4, 16, kernel_size=12), nn.ReLU(),',
      'loss_fn = nn.BCEWithLogitsLoss()',
      'optimizer = torch.optim.Adam(model.parameters(), lr=0.001)',
      '# 20 % of the samples held out for validation, never trained on',
      'x_val, y_val = x[order[:held]], y[order[:held]]',
      'loader = DataLoader(TensorDataset(x_train, y_train), batch_size=64, shuffle=True)',
      'for epoch in range(1, 51):',
      '    model.train()  # dropout on',
      '    model.eval()  # dropout off',
      '        val_loss = loss_fn(model(x_val), y_val).item()',
      '        if since_best >= 5:  # patience ran out: stop',
      'model.load_state_dict(best_state)  # the best epoch’s weights',
    ]) {
      expect(withValidation.split('\n'), line).toContain(line);
    }
    // Validation comes after the epoch's steps, and the best weights come back after the loop.
    expect(withValidation.indexOf('optimizer.step()')).toBeLessThan(withValidation.indexOf('model.eval()'));
    expect(withValidation.trimEnd().endsWith('model.load_state_dict(best_state)  # the best epoch’s weights')).toBe(true);
  });

  it('without a validation split trains on every sample and neither validates nor stops', () => {
    const code = pytorchLayeredTrainingLoop(
      { model: MOTIF_CNN, loss: 'bce', optimizer: { kind: 'sgd', learningRate: 0.1 }, batching: { mode: 'full' }, seed: 'a' },
      10,
    );
    expect(code).toContain('loader = DataLoader(TensorDataset(x, y), batch_size=len(x), shuffle=False)');
    expect(code).not.toMatch(/x_val|best_state|model\.eval|import copy|manual_seed/);
  });

  it('measures without stopping when no patience is given, and says what softmax cross-entropy wants of y', () => {
    const code = pytorchLayeredTrainingLoop(
      { model: { input: [10], layers: [{ type: 'dense', units: 3 }], output: 'softmax' }, loss: 'softmax-ce', optimizer: { kind: 'adam', learningRate: 0.01 }, validation: { fraction: 0.25 }, seed: 1 },
      5,
    );
    expect(code).toContain('# y: class indices 0…K−1, shape [N] (long)');
    expect(code).toContain('best_state');
    expect(code).not.toContain('break');
  });

  it.skipIf(!hasPython)('is valid Python (python3 parses it)', () => {
    expect(pythonSyntaxError(withValidation)).toBeUndefined();
    const withPenalty = pytorchLayeredTrainingLoop(
      { model: MOTIF_CNN, loss: 'bce', optimizer: { kind: 'sgd', learningRate: 0.1, momentum: 0.9 }, regularization: { kind: 'l2', rate: 0.001 }, validation: { fraction: 0.1, patience: 3 }, seed: 2 },
      3,
    );
    expect(pythonSyntaxError(withPenalty)).toBeUndefined();
  });
});

