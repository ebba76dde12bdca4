import { defineConfig } from 'vitest/config';

// Unit tests run in Node: the compiler, the CLI's pure parts, widget models and the engine.
// Browser behaviour lives in e2e/ (Playwright), named *.spec.ts so Vitest never picks it up.
export default defineConfig({
  test: {
    include: ['deck/**/*.test.ts', 'components/**/*.test.ts', 'engine/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // The CLI tests start real `axon` processes; on a loaded 2-core machine one takes seconds, not Vitest's 5 s default.
    testTimeout: 60_000,
  },
});
