/**
 * Starts the page's training engine for a deck that needs one, with the deck's backend request
 * (`?backend=` in the URL beats `backend:` in the front matter), the WASM files this site serves itself,
 * and a small corner badge that says which backend runs and why.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.wasm?url';
import { parseBackendRequest, type EngineInfo } from '../../engine/backends.ts';
import { getEngine, type Engine } from '../../engine/runtime.ts';

/** The request in force: URL query first, then front matter. */
export function backendRequest(frontMatter: string, search = location.search) {
  const fromUrl = new URLSearchParams(search).get('backend');
  return parseBackendRequest(fromUrl ?? frontMatter);
}

/** Starts (or returns) the page's engine and keeps the badge up to date. */
export async function startDeckEngine(frontMatter: string, revealElement: HTMLElement): Promise<Engine> {
  const { request, warning } = backendRequest(frontMatter);
  const badge = document.createElement('div');
  badge.className = 'axon-engine-badge';
  badge.setAttribute('role', 'status');
  badge.textContent = 'Starting the training engine…';
  revealElement.append(badge);
  try {
    const engine = await getEngine({
      request,
      wasmPaths: {
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
      },
    });
    const show = (info: EngineInfo) => {
      badge.textContent = info.label;
      badge.title = [info.reason, warning].filter(Boolean).join(' — ');
      badge.dataset.backend = info.backend;
      badge.classList.toggle('axon-engine-badge-warning', Boolean(info.recoveredFrom || warning));
    };
    show(engine.info);
    engine.events.on('backend', show);
    return engine;
  } catch (error) {
    badge.textContent = `No training engine: ${error instanceof Error ? error.message : String(error)}`;
    badge.classList.add('axon-engine-badge-warning');
    throw error;
  }
}
