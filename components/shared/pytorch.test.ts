import { describe, expect, it } from 'vitest';
import { pythonNumber, pytorchModel, pytorchOptimizer, pytorchTrainingLoop } from './pytorch.ts';
import { expectLines } from './test-support.ts';

describe('the PyTorch code shown beside a widget', () => {
  it('writes the lecture notebook loop: 1→20→15→1, Adam lr 0.01, 5000 epochs', () => {
    const code = pytorchTrainingLoop({
      layers: [1, 20, 15, 1],
      hidden: 'relu',
      output: 'linear',
      loss: 'mse',
      optimizer: { kind: 'adam', learningRate: 0.01 },
      epochs: 5000,
    });
    expectLines(code, [
      'nn.Linear(1, 20), nn.ReLU(),\n    nn.Linear(20, 15), nn.ReLU(),\n    nn.Linear(15, 1),\n)',
      'loss_fn = nn.MSELoss()',
      'optimizer = torch.optim.Adam(model.parameters(), lr=0.01)',
      'for epoch in range(5000):\n    optimizer.zero_grad()\n    loss = loss_fn(model(x), y)\n    loss.backward()\n    optimizer.step()',
    ]);
  });

  it('uses logits with the cross-entropy losses and a DataLoader for minibatches', () => {
    const code = pytorchTrainingLoop({
      layers: [2, 4, 1],
      hidden: 'tanh',
      output: 'sigmoid',
      loss: 'bce',
      optimizer: { kind: 'momentum', learningRate: 0.1, momentum: 0.9, weightDecay: 1e-4 },
      epochs: 100,
      batching: { mode: 'minibatch', size: 10 },
      regularization: { kind: 'l1', rate: 0.001 },
    });
    expect(code).toContain('nn.Linear(4, 1),\n)');
    expect(code).not.toContain('nn.Sigmoid()');
    expectLines(code, [
      'nn.BCEWithLogitsLoss()',
      'torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=0.0001)',
      'DataLoader(TensorDataset(x, y), batch_size=10, shuffle=True)',
      'loss = loss + 0.001 * sum(p.abs().sum()',
    ]);
  });

  it('writes numbers as Python would read them', () => {
    expect(pythonNumber(0.005)).toBe('0.005');
    expect(pythonNumber(1e-5)).toBe('1e-05');
    expect(pythonNumber(800)).toBe('800');
    expect(pytorchOptimizer({ kind: 'sgd', learningRate: 0.1 }, '[w]')).toBe('torch.optim.SGD([w], lr=0.1)');
  });
});

describe('a model without biases', () => {
  it('writes bias=False on every linear layer', () => {
    expect(pytorchModel({ layers: [2, 1], hidden: 'linear', output: 'linear', loss: 'mse', bias: false })).toBe('model = nn.Sequential(\n    nn.Linear(2, 1, bias=False),\n)');
  });
});
