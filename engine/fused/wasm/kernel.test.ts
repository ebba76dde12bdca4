/** The checked-in kernel (kernel.wasm.ts) is what kernel.as.ts compiles to: nobody edits one and forgets the other. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { compileKernel, moduleText, OUTPUT } from './build.ts';

it('kernel.wasm.ts is kernel.as.ts compiled (run `npm run build:kernel` after changing the source)', async () => {
  const binary = await compileKernel();
  expect(WebAssembly.validate(new Uint8Array(binary))).toBe(true);
  expect(readFileSync(OUTPUT, 'utf8') === moduleText(binary), 'kernel.wasm.ts is stale: run `npm run build:kernel`').toBe(true);
}, 60_000);
