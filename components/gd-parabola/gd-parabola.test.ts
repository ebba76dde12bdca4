import { describe, expect, it } from 'vitest';
import { afterSteps, descend, gdParabolaSettings, loss } from './gd-parabola.model.ts';

describe('gradient descent on (w − 3)²', () => {
  it('steps as the closed form says, for a creeping, a one-step, a zigzag and a diverging η', () => {
    for (const learningRate of [0.1, 0.5, 0.9, 1.2]) {
      let w = -2;
      for (let t = 1; t <= 20; t += 1) {
        w = descend(w, learningRate);
        expect(w).toBeCloseTo(afterSteps(-2, learningRate, t), 6);
      }
    }
  });

  it('lowers the loss while η < 1 and raises it above', () => {
    expect(loss(descend(-2, 0.1))).toBeLessThan(loss(-2));
    expect(loss(descend(-2, 1.2))).toBeGreaterThan(loss(-2));
  });

  it('reads lr, its alias learning-rate, and warns on a value out of range', () => {
    const read = (attributes: Record<string, string>) => gdParabolaSettings.read({ attribute: (name) => attributes[name] });
    expect(read({ 'learning-rate': '0.3' }).values.learningRate).toBe(0.3);
    const bad = read({ lr: '7' });
    expect(bad.values.learningRate).toBe(0.1);
    expect(bad.warnings.join()).toContain('lr="7"');
  });
});
