import { describe, expect, it } from 'vitest';
import { adapterName, candidates, describeChoice, isSoftwareAdapter, parseBackendRequest, webGlVerdict, webGpuVerdict } from './backends.ts';

const SWIFTSHADER = { vendor: 'google', architecture: 'swiftshader', description: '' };
const HARDWARE = { vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' };

describe('backend choice', () => {
  it('tries WebGPU, WebGL, WASM, CPU in that order, a requested backend first', () => {
    expect(candidates('auto')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(candidates('wasm')).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
  });

  it('treats SwiftShader as no WebGPU unless WebGPU is asked for by name', () => {
    expect(isSoftwareAdapter(SWIFTSHADER)).toBe(true);
    expect(isSoftwareAdapter(HARDWARE)).toBe(false);
    expect(isSoftwareAdapter({ isFallbackAdapter: true })).toBe(true);
    expect(webGpuVerdict('auto', SWIFTSHADER)).toEqual({ usable: false, why: 'WebGPU here is software only (google swiftshader)' });
    expect(webGpuVerdict('webgpu', SWIFTSHADER).usable).toBe(true);
    expect(webGpuVerdict('auto', HARDWARE).usable).toBe(true);
    expect(webGpuVerdict('auto', 'no-api').why).toBe('no WebGPU on this browser');
    expect(webGpuVerdict('auto', null).why).toBe('no WebGPU adapter on this machine');
  });

  it('treats a software WebGL renderer as no WebGL unless WebGL is asked for by name', () => {
    const swiftshader = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
    expect(webGlVerdict('auto', swiftshader).usable).toBe(false);
    expect(webGlVerdict('auto', swiftshader).why).toMatch(/^WebGL here is software only/);
    expect(webGlVerdict('webgl', swiftshader).usable).toBe(true);
    expect(webGlVerdict('auto', 'ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 Direct3D11)').usable).toBe(true);
  });

  it('reads ?backend= and front matter, warning about anything it does not know', () => {
    expect(parseBackendRequest('WebGPU')).toEqual({ request: 'webgpu' });
    expect(parseBackendRequest(undefined)).toEqual({ request: 'auto' });
    expect(parseBackendRequest('cuda').warning).toMatch(/"cuda" is not one of auto, webgpu, webgl, wasm, cpu/);
  });

  it('labels the badge with the adapter, or with what was missing', () => {
    expect(describeChoice({ backend: 'webgpu', requested: 'auto', adapter: adapterName(HARDWARE), passedOver: [] }).label).toBe('WebGPU · NVIDIA H200');
    const wasm = describeChoice({ backend: 'wasm', requested: 'auto', passedOver: [{ backend: 'webgpu', why: 'no WebGPU on this browser' }] });
    expect(wasm.label).toBe('WASM — no WebGPU on this browser');
    const fallback = describeChoice({ backend: 'webgl', requested: 'webgpu', passedOver: [{ backend: 'webgpu', why: 'no WebGPU on this browser' }] });
    expect(fallback.reason).toBe('WebGPU was requested but no WebGPU on this browser');
  });
});
