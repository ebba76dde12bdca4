/**
 * Which TF.js backend the engine runs on, and why. WebGPU when the machine has a hardware adapter, else
 * WebGL, else WASM, else the CPU. A software WebGPU adapter (SwiftShader) is slower than WebGL on the same
 * machine by ~30× (measured: 1,723 ms vs 59 ms per step of the 1→1024→1 MLP), so it counts as no WebGPU
 * unless WebGPU is asked for by name. Decisions are pure functions of what a probe reports, so they are
 * tested in Node; the probe that touches the browser lives in runtime.ts.
 */

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** What the deck or the URL asked for: a backend by name, or `auto`. */
export type BackendRequest = BackendName | 'auto';

/** Display names, as the badge shows them. */
export const BACKEND_LABELS: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** What the engine found and chose; shown in the deck's badge and readable as `engine.info`. */
export interface EngineInfo {
  backend: BackendName;
  /** The GPU adapter's name for WebGPU ('' otherwise). */
  adapter: string;
  /** One sentence: why this backend. */
  reason: string;
  /** The badge text, e.g. "WebGPU · NVIDIA H200" or "WASM — no WebGPU on this browser". */
  label: string;
  /** What was asked for. */
  requested: BackendRequest;
  /** Set when training moved to this backend after the previous one failed mid-run. */
  recoveredFrom?: { backend: BackendName; reason: string };
}

/** What a WebGPU adapter says about itself (a subset of GPUAdapterInfo). */
export interface AdapterDescription {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/** True for a software adapter such as SwiftShader (a CPU pretending to be a GPU). */
export function isSoftwareAdapter(info: AdapterDescription): boolean {
  const text = `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.device ?? ''} ${info.description ?? ''}`.toLowerCase();
  return Boolean(info.isFallbackAdapter) || /swiftshader|llvmpipe|lavapipe|software|microsoft basic render/.test(text);
}

/** A readable adapter name for the badge. */
export function adapterName(info: AdapterDescription): string {
  const parts = [info.description, [info.vendor, info.architecture].filter(Boolean).join(' ')].map((s) => s?.trim()).filter(Boolean);
  return parts[0] ?? 'unknown adapter';
}

/** Parses `?backend=…` or front matter `backend:`; anything else is `auto`, with the reason why. */
export function parseBackendRequest(value: string | null | undefined): { request: BackendRequest; warning?: string } {
  const clean = (value ?? '').trim().toLowerCase();
  if (!clean || clean === 'auto') return { request: 'auto' };
  if ((BACKENDS as readonly string[]).includes(clean)) return { request: clean as BackendName };
  return { request: 'auto', warning: `backend "${value}" is not one of auto, ${BACKENDS.join(', ')} — choosing automatically` };
}

/** The backends to try, best first, for a request. */
export function candidates(request: BackendRequest): BackendName[] {
  if (request === 'auto') return [...BACKENDS];
  return [request, ...BACKENDS.filter((b) => b !== request)];
}

/** Why WebGPU was passed over, given what the probe saw. */
export function webGpuVerdict(request: BackendRequest, adapter: AdapterDescription | null | 'no-api'): { usable: boolean; why: string } {
  if (adapter === 'no-api') return { usable: false, why: 'no WebGPU on this browser' };
  if (adapter === null) return { usable: false, why: 'no WebGPU adapter on this machine' };
  if (isSoftwareAdapter(adapter) && request !== 'webgpu') {
    return { usable: false, why: `WebGPU here is software only (${adapterName(adapter)})` };
  }
  return { usable: true, why: isSoftwareAdapter(adapter) ? 'WebGPU on a software adapter, as requested' : 'a hardware WebGPU adapter' };
}

/**
 * Why WebGL was passed over: a software renderer (SwiftShader, llvmpipe) is slower than TF.js's WASM
 * backend on every lecture workload (measured in `npm run bench`: 4.7× on the 1→1024→1 MLP, 10–15× on the
 * small nets), so it counts as no WebGL unless WebGL is asked for by name.
 */
export function webGlVerdict(request: BackendRequest, renderer: string): { usable: boolean; why: string } {
  if (request !== 'webgl' && isSoftwareAdapter({ description: renderer })) {
    return { usable: false, why: `WebGL here is software only (${renderer})` };
  }
  return { usable: true, why: renderer ? `WebGL on ${renderer}` : 'WebGL' };
}

/** Builds the info the badge shows once a backend is running. */
export function describeChoice(options: {
  backend: BackendName;
  requested: BackendRequest;
  adapter?: string;
  passedOver: Array<{ backend: BackendName; why: string }>;
}): EngineInfo {
  const { backend, requested, adapter = '', passedOver } = options;
  const label = BACKEND_LABELS[backend];
  const firstMiss = passedOver[0];
  let reason: string;
  if (requested !== 'auto' && requested === backend) reason = `${label} was requested`;
  else if (requested !== 'auto') reason = `${BACKEND_LABELS[requested]} was requested but ${firstMiss?.why ?? 'it could not start'}`;
  else if (firstMiss) reason = firstMiss.why;
  else reason = backend === 'webgpu' ? 'a hardware WebGPU adapter' : `${label} is the best this browser offers`;
  const badge = backend === 'webgpu' ? `WebGPU · ${adapter || 'unknown adapter'}` : firstMiss ? `${label} — ${firstMiss.why}` : label;
  return { backend, adapter: backend === 'webgpu' ? adapter : '', reason, label: badge, requested };
}
