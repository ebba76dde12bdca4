/**
 * What the widgets' unit tests (Vitest, Node) share, written once: the engine on TF.js's CPU backend, the check
 * that a PyTorch listing holds the lines a lecture shows, and a Lit template written out as markup. Test code
 * only: no widget imports it.
 */
import { beforeAll, expect } from 'vitest';

/**
 * Runs the file's tests on TF.js's CPU backend: Node has no WebGL or WebGPU, and the CPU backend gives the
 * same float32 numbers on every machine, so a seeded run can be compared with an independent computation.
 */
export function useCpuBackend(): void {
  beforeAll(async () => {
    // Imported here, so that a test file that only reads markup does not load TF.js.
    const { tf } = await import('../../engine/tf.ts');
    await tf.setBackend('cpu');
    await tf.ready();
  });
}

/** Expects `code` to contain each of `lines` (a piece may span several lines), naming the one that is missing. */
export function expectLines(code: string, lines: readonly string[]): void {
  for (const line of lines) expect(code, `missing from the code: ${line}`).toContain(line);
}

/** A Lit template written out as markup (values in place of their holes; enough to read what it draws). */
export function markup(value: unknown): string {
  if (Array.isArray(value)) return value.map(markup).join('');
  if (value && typeof value === 'object' && 'strings' in value && 'values' in value) {
    const { strings, values } = value as { strings: readonly string[]; values: readonly unknown[] };
    return strings.reduce((text, part, i) => text + part + (i < values.length ? markup(values[i]) : ''), '');
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
