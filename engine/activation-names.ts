/**
 * The activations' names, apart from their maths: specs, checks and the PyTorch code writer need the names
 * only, and must not pull TF.js in with them (activations.ts imports it).
 */

/** Hidden-unit activations. `threshold` is the McCulloch–Pitts step unit: for display, its gradient is 0. */
export const HIDDEN_ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear', 'threshold'] as const;
export type HiddenActivation = (typeof HIDDEN_ACTIVATIONS)[number];

/** What the last layer does to its pre-activations (logits). */
export const OUTPUT_ACTIVATIONS = ['linear', 'sigmoid', 'softmax'] as const;
export type OutputActivation = (typeof OUTPUT_ACTIVATIONS)[number];
