/**
 * The training worker's script: an engine of its own (the backend the page asked for, the WASM files from
 * where the page serves them) hosting the page's heavy layered trainers (host.ts). TF.js picks its backend
 * here as on the page: WebGPU and WASM run in workers as they are, WebGL through an OffscreenCanvas.
 */
import { startEngine } from '../runtime.ts';
import { WorkerHost } from './host.ts';
import type { Endpoint } from './protocol.ts';

new WorkerHost(globalThis as unknown as Endpoint, ({ request, wasmPaths }) => startEngine({ request, wasmPaths }));
