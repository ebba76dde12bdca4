/**
 * Optimizers written out as the update rules of the lecture (and of PyTorch's torch.optim), so a widget
 * can show the exact numbers: plain SGD, SGD with momentum, and Adam, each with optional weight decay
 * (L2 added to the gradient, PyTorch's `weight_decay`).
 *
 *   SGD:      w ← w − η g
 *   momentum: v ← μ v + g;            w ← w − η v
 *   Adam:     m ← β₁ m + (1 − β₁) g;  s ← β₂ s + (1 − β₂) g²;  w ← w − η m̂ / (√ŝ + ε),
 *             m̂ = m / (1 − β₁ᵗ), ŝ = s / (1 − β₂ᵗ)
 * with g = ∇L(w) + λ_wd w.
 */
import { tf, type Tensor, type Variable } from './tf.ts';

import type { OptimizerKind } from './optimizer-names.ts';

export { OPTIMIZERS, type OptimizerKind } from './optimizer-names.ts';

export interface OptimizerSpec {
  kind: OptimizerKind;
  /** η. */
  learningRate: number;
  /** μ for momentum (default 0.9). */
  momentum?: number;
  /** β₁, β₂ and ε for Adam (defaults 0.9, 0.999, 1e-8, as PyTorch). */
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** λ_wd, weight decay added to the gradient (default 0). */
  weightDecay?: number;
}

/** An optimizer's state as plain numbers: its update count and each parameter's slots, in parameter order. */
export interface OptimizerState {
  updates: number;
  slots: Float32Array[][];
}

export class Optimizer {
  /** Updates applied so far (Adam's t). */
  private updates = 0;
  /** Per-parameter state: momentum's velocity, Adam's first and second moments. */
  private readonly slots = new Map<Variable, Variable[]>();

  constructor(readonly spec: OptimizerSpec) {
    if (!(spec.learningRate > 0) || !Number.isFinite(spec.learningRate)) {
      throw new Error(`learning rate must be a positive number, got ${spec.learningRate}`);
    }
  }

  /** Applies one update to every parameter from its gradient. Call inside `tf.tidy`. */
  apply(parameters: readonly Variable[], gradients: readonly Tensor[]): void {
    this.updates += 1;
    const { kind, learningRate, weightDecay = 0 } = this.spec;
    parameters.forEach((w, i) => {
      let g = gradients[i]!;
      if (weightDecay) g = tf.add(g, tf.mul(w, weightDecay));
      if (kind === 'sgd') {
        w.assign(tf.sub(w, tf.mul(g, learningRate)));
      } else if (kind === 'momentum') {
        const [velocity] = this.slotsFor(w, 1);
        velocity!.assign(tf.add(tf.mul(velocity!, this.spec.momentum ?? 0.9), g));
        w.assign(tf.sub(w, tf.mul(velocity!, learningRate)));
      } else {
        const beta1 = this.spec.beta1 ?? 0.9;
        const beta2 = this.spec.beta2 ?? 0.999;
        const epsilon = this.spec.epsilon ?? 1e-8;
        const [first, second] = this.slotsFor(w, 2);
        first!.assign(tf.add(tf.mul(first!, beta1), tf.mul(g, 1 - beta1)));
        second!.assign(tf.add(tf.mul(second!, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const firstHat = tf.div(first!, 1 - beta1 ** this.updates);
        const secondHat = tf.div(second!, 1 - beta2 ** this.updates);
        w.assign(tf.sub(w, tf.mul(tf.div(firstHat, tf.add(tf.sqrt(secondHat), epsilon)), learningRate)));
      }
    });
  }

  /** Forgets the accumulated state (e.g. after the weights were reset). */
  reset(): void {
    this.updates = 0;
    for (const slots of this.slots.values()) for (const slot of slots) slot.dispose();
    this.slots.clear();
  }

  dispose(): void {
    this.reset();
  }

  /**
   * Copies the state out to plain numbers (one async transfer per slot). With `importState` it lets a
   * trainer free its tensors while its slide is hidden and carry on later exactly where it stopped.
   */
  async exportState(parameters: readonly Variable[]): Promise<OptimizerState> {
    const slots = await Promise.all(
      parameters.map(async (parameter) => Promise.all((this.slots.get(parameter) ?? []).map(async (slot) => (await slot.data()) as Float32Array))),
    );
    return { updates: this.updates, slots };
  }

  /** Restores a state exported for the same parameter shapes, onto `parameters` (new variables allowed). */
  importState(parameters: readonly Variable[], state: OptimizerState): void {
    this.forget();
    this.updates = state.updates;
    parameters.forEach((parameter, i) => {
      const values = state.slots[i] ?? [];
      if (values.length === 0) return;
      this.slots.set(
        parameter,
        values.map((slot) => tf.tidy(() => tf.variable(tf.tensor(slot, parameter.shape, 'float32'), false))),
      );
    });
  }

  /** Drops the state without touching its tensors (they died with a lost backend). */
  forget(): void {
    this.updates = 0;
    for (const slots of this.slots.values()) {
      for (const slot of slots) {
        try {
          slot.dispose();
        } catch {
          // already gone with the backend
        }
      }
    }
    this.slots.clear();
  }

  private slotsFor(parameter: Variable, count: number): Variable[] {
    let slots = this.slots.get(parameter);
    if (!slots) {
      // NOTE - created outside the caller's tidy on purpose: tf.variable is never collected by tidy.
      slots = Array.from({ length: count }, () => tf.variable(tf.zerosLike(parameter), false));
      this.slots.set(parameter, slots);
    }
    return slots;
  }
}
