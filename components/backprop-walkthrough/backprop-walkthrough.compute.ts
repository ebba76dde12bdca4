/**
 * The walkthrough's numbers, from the engine's automatic differentiation — never from the chain-rule
 * formulas the widget displays (the tests check those formulas against these numbers).
 *
 * - L, ∂L/∂w₁, ∂L/∂b₁, ∂L/∂w₂, ∂L/∂b₂: a 1→1→1 engine trainer's `gradients()`;
 * - v and ŷ: the trainer's `activations([x])`;
 * - w₁′, b₁′, w₂′, b₂′: the trainer's own SGD `step()`, read back;
 * - z₁ and the gradients of the intermediate values (∂L/∂ŷ, ∂L/∂v, ∂L/∂z₁, and the slope f′(z₁)), which a
 *   trainer does not expose: `tf.grad` through the engine's own activation and loss functions.
 * Every tensor is released before the promise resolves.
 */
import { activate } from '../../engine/activations.ts';
import { lossOf } from '../../engine/losses.ts';
import type { Engine } from '../../engine/runtime.ts';
import { tf, type Scalar, type Tensor, type Tensor2D } from '../../engine/tf.ts';
import type { WalkthroughSettings, WalkthroughValues } from './backprop-walkthrough.model.ts';

/** What the computation needs of the engine: a way to make trainers on its backend. */
export type TrainerFactory = Pick<Engine, 'createTrainer'>;

/** Computes one iteration of the walkthrough on the engine. */
export async function computeWalkthrough(engine: TrainerFactory, settings: WalkthroughSettings): Promise<WalkthroughValues> {
  const { x, y, w1, b1, w2, b2, learningRate, activation } = settings;
  const trainer = engine.createTrainer(
    {
      network: { layers: [1, 1, 1], hidden: activation, output: 'linear' },
      loss: 'mse',
      optimizer: { kind: 'sgd', learningRate },
      seed: 1,
      name: 'backprop-walkthrough',
    },
    { inputs: [[x]], targets: [[y]] },
  );
  try {
    trainer.writeWeights([
      { weights: [[w1]], biases: [b1] },
      { weights: [[w2]], biases: [b2] },
    ]);
    const { loss, layers } = await trainer.gradients();
    const [hidden, output] = await trainer.activations([x]);
    const intermediates = await intermediateGradients(settings);
    trainer.step();
    const [hiddenNext, outputNext] = await trainer.readWeights();
    return {
      z1: intermediates.z1,
      v: hidden![0]!,
      yhat: output![0]!,
      loss,
      dLdyhat: intermediates.dLdyhat,
      dLdw2: layers[1]!.weights[0]![0]!,
      dLdb2: layers[1]!.biases[0]!,
      dLdv: intermediates.dLdv,
      dvdz1: intermediates.dvdz1,
      dLdz1: intermediates.dLdz1,
      dLdw1: layers[0]!.weights[0]![0]!,
      dLdb1: layers[0]!.biases[0]!,
      w1Next: hiddenNext!.weights[0]![0]!,
      b1Next: hiddenNext!.biases[0]!,
      w2Next: outputNext!.weights[0]![0]!,
      b2Next: outputNext!.biases[0]!,
    };
  } finally {
    trainer.dispose();
  }
}

/**
 * z₁ and the gradients of L with respect to ŷ, v and z₁, and f′(z₁), by `tf.grad`: L is written as a
 * function of each intermediate value in turn, using the engine's activation and loss.
 */
async function intermediateGradients(settings: WalkthroughSettings): Promise<{ z1: number; dLdyhat: number; dLdv: number; dvdz1: number; dLdz1: number }> {
  const packed = tf.tidy(() => {
    const target = tf.tensor2d([[settings.y]]);
    const w2 = tf.scalar(settings.w2);
    const b2 = tf.scalar(settings.b2);
    const lossOfOutput = (yhat: Tensor): Scalar => lossOf('mse', tf.reshape(yhat, [1, 1]) as Tensor2D, target, 'linear');
    const outputOf = (v: Tensor): Tensor => tf.add(tf.mul(w2, v), b2);
    // f(z) + 0: a linear f returns z itself, and tf.grad needs its result to be a new tensor.
    const hiddenOf = (z1: Tensor): Tensor => tf.add(activate(z1, settings.activation), 0);
    const z1 = tf.add(tf.mul(tf.scalar(settings.w1), tf.scalar(settings.x)), tf.scalar(settings.b1));
    const v = hiddenOf(z1);
    const yhat = outputOf(v);
    return tf.stack([
      z1,
      tf.grad(lossOfOutput)(yhat),
      tf.grad((v: Tensor) => lossOfOutput(outputOf(v)))(v),
      tf.grad(hiddenOf)(z1),
      tf.grad((z: Tensor) => lossOfOutput(outputOf(hiddenOf(z))))(z1),
    ]);
  });
  const [z1, dLdyhat, dLdv, dvdz1, dLdz1] = Array.from(await packed.data());
  packed.dispose();
  return { z1: z1!, dLdyhat: dLdyhat!, dLdv: dLdv!, dvdz1: dvdz1!, dLdz1: dLdz1! };
}
