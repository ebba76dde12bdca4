import { describe, expect, it } from 'vitest';
import { pytorchLayeredModel, pytorchModel } from './pytorch.ts';

describe('the PyTorch code for a layered model', () => {
  it('writes the motif finder as nn.Conv1d, nn.AdaptiveMaxPool1d, nn.Flatten and nn.Linear, logits into BCEWithLogitsLoss', () => {
    const code = pytorchLayeredModel(
      {
        input: [4, 30],
        layers: [
          { type: 'conv1d', filters: 8, kernelSize: 4, activation: 'relu' },
          { type: 'global-max-pool1d' },
          { type: 'flatten' },
          { type: 'dropout', rate: 0.25 },
          { type: 'dense', units: 1 },
        ],
        output: 'sigmoid',
      },
      'bce',
    );
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
