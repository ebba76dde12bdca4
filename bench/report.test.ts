/** The bench's arithmetic on rows made up for the purpose: which row counts as the engine's, and the ratios. */
import { describe, expect, it } from 'vitest';
import { enginePick, layeredLines, layeredTargetLines, layeredTargets, layeredThroughputLines, pageTargetLines, table, targetLines, targets, type Row } from './report.ts';

function row(workload: string, implementation: Row['implementation'], backend: Row['backend'], msPerStep: number, autoPath?: string): Row {
  return { workload, implementation, backend, msPerStep, stepsPerSecond: 1000 / msPerStep, steps: 100, ...(autoPath ? { autoPath } : {}) };
}

const ROWS: Row[] = [
  row('w1', 'pytorch', 'cpu', 5),
  row('w1', 'plain-js', 'js', 4),
  // On the CPU backends the engine picks the fused step; on WebGL the op-by-op path.
  row('w1', 'engine-fused', 'cpu', 2, 'fused-wasm'),
  row('w1', 'engine-fused-js', 'cpu', 9, 'fused-wasm'),
  row('w1', 'engine', 'cpu', 100, 'fused-wasm'),
  row('w1', 'engine-fused', 'webgl', 1.5, 'op-by-op'),
  row('w1', 'engine', 'webgl', 60, 'op-by-op'),
  row('fitter', 'engine-fused', 'cpu', 0.05, 'fused-wasm'),
  row('fitter', 'engine', 'cpu', 2, 'fused-wasm'),
  row('fitter', 'engine-fused', 'wasm', 0.05, 'fused-wasm'),
  row('fitter', 'engine', 'wasm', 0.4, 'fused-wasm'),
  { ...row('w1', 'engine-fused-webgpu', 'webgpu-software', 30, 'op-by-op'), dispatchesPerStep: 2 },
];

describe('the targets of issue 9, from one run', () => {
  it('counts only the paths the engine takes by itself as "the engine"', () => {
    // The 1.5 ms fused row on WebGL is faster, but there the engine goes op by op: it does not count.
    expect(enginePick(ROWS, 'w1')).toMatchObject({ implementation: 'engine-fused', backend: 'cpu', msPerStep: 2 });
    expect(enginePick(ROWS, 'nothing')).toBeUndefined();
  });

  it('divides the engine’s ms/step by PyTorch’s for W1, and fused by op-by-op steps/s per backend', () => {
    const t = targets(ROWS, 'w1', ['fitter']);
    expect(t.w1).toMatchObject({ engineMsPerStep: 2, pytorchMsPerStep: 5, ratio: 0.4 });
    expect(t.widgets.speedups.map((s) => [s.backend, s.ratio])).toEqual([
      ['cpu', 40],
      ['wasm', 8],
    ]);
    const lines = targetLines(t);
    expect(lines[0]).toEqual(['W1 w1: engine ÷ PyTorch ms/step', '0.400 (2.00 ÷ 5.00 ms; engine-fused on cpu)', '≤ 0.5', 'met']);
    expect(lines[1]).toEqual(['GPU dispatches per fused WebGPU step', "2 (1 rows on webgpu-software; all of a call's steps in one submission)", '≤ 2', 'met']);
    // The least speed-up decides: 8× on wasm misses the target of 10.
    expect(lines[2]).toEqual(['fitter: engine ÷ TF.js op-by-op steps/s', 'cpu 40.0×, wasm 8.00×', '≥ 10', 'NOT met']);
  });

  it('says when PyTorch was not there to compare with', () => {
    const t = targets(
      ROWS.filter((r) => r.implementation !== 'pytorch'),
      'w1',
      [],
    );
    expect(t.w1?.ratio).toBeUndefined();
    expect(targetLines(t)[0]).toEqual(['W1 w1: engine ÷ PyTorch ms/step', '2.00 ms (no PyTorch)', '≤ 0.5', 'not measured']);
    const noGpu = targets(
      ROWS.filter((r) => r.dispatchesPerStep === undefined),
      'w1',
      [],
    );
    expect(targetLines(noGpu)[1]).toEqual(['GPU dispatches per fused WebGPU step', 'not measured: no WebGPU adapter in this run', '≤ 2', 'not measured']);
  });

  it('checks the page measures against their targets', () => {
    const lines = pageTargetLines({ frames: [{ widget: 'ua-fitter', p95Ms: 21, longestTaskMs: 0 }], load: { firstSlideMs: 300, initialJsGzipBytes: 200 * 1024 } });
    expect(lines.map((l) => l[3])).toEqual(['NOT met', 'met', 'met', 'NOT met']);
    expect(lines[1]![1]).toBe('none ≥ 50 ms');
  });

  it('holds the Hodgkin–Huxley window to 2 ms', () => {
    expect(pageTargetLines({ hhMsPer100ms: 1.85 })).toEqual([['<hh-simulator>: 100 ms window (RK4, dt 0.01 ms)', '1.85 ms', '≤ 2 ms', 'met']]);
    expect(pageTargetLines({ hhMsPer100ms: 2.4 })[0]![3]).toBe('NOT met');
  });
});

describe('the layered workloads, per epoch', () => {
  const rows: Row[] = [
    { ...row('cnn', 'engine', 'cpu', 250), msPerEpoch: 8000 },
    { ...row('cnn', 'engine', 'wasm', 25), msPerEpoch: 800 },
    { ...row('cnn', 'tfjs-layers', 'wasm', 30), msPerEpoch: 960 },
    { ...row('cnn', 'tfjs-layers', 'webgl', 40), msPerEpoch: 1280 },
  ];

  it('prints ms per epoch beside ms per step', () => {
    expect(table(rows, ['cnn'])).toContain('800 ms/epoch, fastest');
  });

  it('sets the engine’s fastest epoch against each peer’s fastest, and says which peer was not measured', () => {
    expect(layeredLines(rows, ['cnn', 'absent'])).toEqual(['cnn: engine 800 ms per epoch (wasm); TF.js Layers 960 ms (wasm): 0.833×; PyTorch CPU: not measured']);
  });
});

describe('the layered workloads against PyTorch on the CPU (issue 18)', () => {
  const rows: Row[] = [
    { ...row('cnn', 'engine', 'cpu', 250), msPerEpoch: 8000 },
    { ...row('cnn', 'engine', 'wasm', 25), msPerEpoch: 800 },
    { ...row('cnn', 'tfjs-layers', 'wasm', 30), msPerEpoch: 960 },
    { ...row('cnn', 'pytorch', 'cpu-2-threads', 12.5), msPerEpoch: 400 },
    { ...row('cnn', 'pytorch', 'cpu-1-thread', 20), msPerEpoch: 640 },
    { ...row('cnn', 'pytorch', 'cpu', 31.25), msPerEpoch: 1000 },
    { ...row('ae', 'engine', 'wasm', 5), msPerEpoch: 160 },
    { ...row('ae', 'pytorch', 'cpu', 6.25), msPerEpoch: 200 },
  ];

  it('sets the engine’s fastest epoch against every PyTorch row, default threads first', () => {
    expect(layeredLines(rows, ['cnn'])).toEqual([
      'cnn: engine 800 ms per epoch (wasm); TF.js Layers 960 ms (wasm): 0.833×; PyTorch CPU 1000 ms (cpu): 0.800×; PyTorch CPU 640 ms (cpu-1-thread): 1.25×; PyTorch CPU 400 ms (cpu-2-threads): 2.00×',
    ]);
  });

  it('divides by PyTorch’s fastest thread setting for the target of ≤ 1.0, and says where PyTorch is missing', () => {
    expect(layeredTargetLines(rows, ['cnn', 'ae', 'absent'])).toEqual([
      ['cnn: engine ÷ PyTorch CPU ms/epoch', '2.00 (800 ms on wasm ÷ 400 ms, PyTorch cpu-2-threads)', '≤ 1.0', 'NOT met'],
      ['ae: engine ÷ PyTorch CPU ms/epoch', '0.800 (160 ms on wasm ÷ 200 ms, PyTorch cpu)', '≤ 1.0', 'met'],
    ]);
    expect(layeredTargetLines(rows.filter((r) => r.implementation !== 'pytorch'), ['ae'])).toEqual([['ae: engine ÷ PyTorch CPU ms/epoch', '160 ms (no PyTorch)', '≤ 1.0', 'not measured']]);
    // The JSON's targets.layered: the same, as numbers.
    expect(layeredTargets(rows, ['ae'])).toEqual([{ workload: 'ae', engineMsPerEpoch: 160, engineBackend: 'wasm', pytorchMsPerEpoch: 200, pytorchBackend: 'cpu', ratio: 0.8, target: 1 }]);
  });

  it('turns each side of the target into GFLOP/s from the multiply-adds of an epoch', () => {
    // ae: 8 M multiply-adds an epoch = 16 MFLOP; 160 ms → 0.1 GFLOP/s; PyTorch's 200 ms → 0.08 GFLOP/s.
    const macs = (workload: string) => (workload === 'ae' ? 8e6 : undefined);
    expect(layeredThroughputLines(rows, ['cnn', 'ae'], macs)).toEqual(['ae: 8.00 M multiply-adds an epoch — engine 0.100 GFLOP/s (wasm), PyTorch 0.080 GFLOP/s (cpu)']);
  });

  it('divides every row by PyTorch at its default threads in the table, with the thread settings just after it', () => {
    const text = table(rows, ['cnn']);
    const order = ['cpu  ', 'cpu-1-thread', 'cpu-2-threads', 'wasm'].map((backend) => text.indexOf(` ${backend}`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(text).toMatch(/engine\s+wasm\s+25\.0\s+40\.0\s+0\.800×/);
  });
});
