/**
 * Test support: failures injected into TF.js where a failing backend or a lost device would raise them, so
 * tests can check that every error path frees its tensors. Used by the engine's tests only.
 */
import { vi } from 'vitest';
import { tf } from './tf.ts';

/** The message every injected failure carries. */
export const INJECTED = 'injected failure';

/** Makes the next TF.js op of this kernel throw (once), as a backend failing mid-step would. */
export function failKernel(kernelName: string): void {
  const engine = tf.engine();
  const runKernel = engine.runKernel.bind(engine);
  let fired = false;
  vi.spyOn(engine, 'runKernel').mockImplementation(((name: string, ...rest: unknown[]) => {
    if (!fired && name === kernelName) {
      fired = true;
      throw new Error(INJECTED);
    }
    return (runKernel as (...args: unknown[]) => unknown)(name, ...rest);
  }) as typeof engine.runKernel);
}

/** Lets TF.js compute the gradients, then throws (once): the value and every gradient exist when it does. */
export function failAfterGradients(): void {
  const engine = tf.engine();
  const gradients = engine.gradients.bind(engine);
  vi.spyOn(engine, 'gradients').mockImplementationOnce(((...args: Parameters<typeof engine.gradients>) => {
    gradients(...args);
    throw new Error(INJECTED);
  }) as typeof engine.gradients);
}

/** Makes the next read of a tensor's values (`data()` or `array()`) reject, as a lost device's would. */
export function failRead(method: 'data' | 'array'): void {
  vi.spyOn(tf.Tensor.prototype, method).mockImplementationOnce(() => Promise.reject(new Error(INJECTED)));
}
