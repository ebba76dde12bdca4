// The compile worker's entry (see deck-compiler.ts). Plain JavaScript: a worker thread does not inherit the
// TypeScript loader that bin/axon.js registered, so it registers its own before loading the TypeScript body.
import { register } from 'tsx/esm/api';

register();
await import('./compile-worker.ts');
