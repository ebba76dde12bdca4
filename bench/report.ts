/**
 * What `npm run bench` prints and writes, from what it measured: the rows of issue 3's format, the table
 * of them, and the targets of issue 9 worked out as ratios within this one run. Pure (no browser, no
 * files), so the arithmetic is unit-tested (report.test.ts).
 */
import type { BenchBackend, Implementation } from './protocol.ts';

/**
 * A row's backend as printed: TF.js's names, `js` / `cpu` for the peers, `webgpu-software` for SwiftShader, and
 * `cpu-1-thread` / `cpu-N-threads` for PyTorch set to other than its default threads (bench/pytorch-layered.ts).
 */
export type RowBackend = BenchBackend | 'webgpu-software' | `cpu-${number}-thread${'' | 's'}`;
export type RowImplementation = Implementation | 'pytorch';

export interface Row {
  workload: string;
  backend: RowBackend;
  implementation: RowImplementation;
  msPerStep: number;
  /** Layered workloads: ms per epoch. */
  msPerEpoch?: number;
  stepsPerSecond: number;
  steps: number;
  firstStepMs?: number;
  loss?: number;
  /** Engine rows: the path the engine picks by itself for this workload on this backend. */
  autoPath?: string;
  /** GPU dispatches per step, where a row's path has a fixed count. */
  dispatchesPerStep?: number;
  note?: string;
}

export interface Skipped {
  workload: string;
  backend: RowBackend;
  implementation: RowImplementation;
  reason: string;
}

/** The path each engine implementation runs. */
export const IMPLEMENTATION_PATHS: Partial<Record<RowImplementation, string>> = {
  engine: 'op-by-op',
  'engine-fused': 'fused-wasm',
  'engine-fused-js': 'fused-js',
  'engine-fused-webgpu': 'fused-webgpu',
};

const BACKEND_ORDER: RowBackend[] = ['js', 'cpu', 'wasm', 'webgl', 'webgpu', 'webgpu-software'];
/** Where a backend sorts: PyTorch's thread settings just after `cpu`, fewest threads first. */
function backendRank(backend: RowBackend): number {
  const threads = /^cpu-(\d+)-thread/.exec(backend);
  return threads ? BACKEND_ORDER.indexOf('cpu') + 1 - 1 / (1 + Number(threads[1])) : BACKEND_ORDER.indexOf(backend);
}
const IMPLEMENTATION_ORDER: RowImplementation[] = ['plain-js', 'pytorch', 'engine-fused', 'engine-fused-js', 'engine-fused-webgpu', 'engine', 'tfjs-layers'];

export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  if (value >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

/** Lays out rows of cells in columns; `numeric` columns are right-aligned. */
export function columns(header: string[], lines: string[][], numeric: ReadonlySet<number> = new Set()): string {
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => (l[c] ?? '').length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [render(header), render(widths.map((w) => '─'.repeat(w))), ...lines.map((l) => (l.length ? render(l) : ''))].join('\n').trimEnd();
}

/** The throughput table: every row of every workload, with its ratio to the plain-JS and PyTorch peers. */
export function table(rows: readonly Row[], workloads: readonly string[]): string {
  const hasPytorch = rows.some((r) => r.implementation === 'pytorch');
  const header = ['workload', 'implementation', 'backend', 'ms/step', 'steps/s', '÷ plain-js', ...(hasPytorch ? ['÷ pytorch'] : []), 'note'];
  const lines: string[][] = [];
  for (const workload of workloads) {
    const mine = rows
      .filter((r) => r.workload === workload)
      .sort((a, b) => {
        const peer = (r: Row) => (r.implementation === 'plain-js' || r.implementation === 'pytorch' ? 0 : 1);
        return (
          peer(a) - peer(b) ||
          backendRank(a.backend) - backendRank(b.backend) ||
          IMPLEMENTATION_ORDER.indexOf(a.implementation) - IMPLEMENTATION_ORDER.indexOf(b.implementation)
        );
      });
    if (mine.length === 0) continue;
    const plain = mine.find((r) => r.implementation === 'plain-js');
    const torch = mine.find((r) => r.implementation === 'pytorch');
    const fastest = Math.min(...mine.map((r) => r.msPerStep));
    mine.forEach((r, i) => {
      const picked = r.autoPath !== undefined && r.autoPath === IMPLEMENTATION_PATHS[r.implementation];
      lines.push([
        i === 0 ? workload : '',
        r.implementation,
        r.backend,
        fmt(r.msPerStep),
        fmt(r.stepsPerSecond),
        plain ? `${fmt(r.msPerStep / plain.msPerStep)}×` : '',
        ...(hasPytorch ? [torch ? `${fmt(r.msPerStep / torch.msPerStep)}×` : ''] : []),
        [
          r.msPerEpoch !== undefined ? `${fmt(r.msPerEpoch)} ms/epoch` : '',
          r.msPerStep === fastest ? 'fastest' : '',
          picked ? 'engine’s pick' : '',
          r.note?.includes('loss is') || r.note?.includes('leaked') ? `! ${r.note}` : '',
        ]
          .filter(Boolean)
          .join(', '),
      ]);
    });
    lines.push([]);
  }
  return columns(header, lines, new Set(hasPytorch ? [3, 4, 5, 6] : [3, 4, 5]));
}

/** The engine's speed-up on one workload and backend: its fused step against TF.js op by op. */
export interface Speedup {
  workload: string;
  backend: RowBackend;
  fusedStepsPerSecond: number;
  opByOpStepsPerSecond: number;
  ratio: number;
  /** Whether the engine takes the fused path there by itself. */
  enginePicksFused: boolean;
}

export interface Targets {
  /** The lecture notebook's MLP: the engine (the path it picks) against PyTorch on the CPU. */
  w1?: { workload: string; engineMsPerStep: number; implementation: RowImplementation; backend: RowBackend; pytorchMsPerStep?: number; ratio?: number; target: 0.5 };
  /** Every widget's default workload, on every backend measured. */
  widgets: { speedups: Speedup[]; target: 10 };
  /** The most GPU dispatches a fused step took, over every row that counted them, and where. */
  dispatches?: { perStep: number; rows: number; backends: RowBackend[]; target: 2 };
}

/**
 * The engine's fastest row among the paths it would take itself: for a workload, the time a lecture
 * actually sees (a row it would not pick does not count, however fast).
 */
export function enginePick(rows: readonly Row[], workload: string): Row | undefined {
  const mine = rows.filter((r) => r.workload === workload && r.autoPath !== undefined && r.autoPath === IMPLEMENTATION_PATHS[r.implementation]);
  return mine.sort((a, b) => a.msPerStep - b.msPerStep)[0];
}

/** The ratios issue 9 sets targets on, from one run's rows. */
export function targets(rows: readonly Row[], notebookWorkload: string, widgetWorkloads: readonly string[]): Targets {
  const result: Targets = { widgets: { speedups: [], target: 10 } };
  const pick = enginePick(rows, notebookWorkload);
  if (pick) {
    const torch = rows.find((r) => r.workload === notebookWorkload && r.implementation === 'pytorch');
    result.w1 = {
      workload: notebookWorkload,
      engineMsPerStep: pick.msPerStep,
      implementation: pick.implementation,
      backend: pick.backend,
      target: 0.5,
      ...(torch ? { pytorchMsPerStep: torch.msPerStep, ratio: pick.msPerStep / torch.msPerStep } : {}),
    };
  }
  const counted = rows.filter((r) => r.dispatchesPerStep !== undefined);
  if (counted.length) {
    result.dispatches = { perStep: Math.max(...counted.map((r) => r.dispatchesPerStep!)), rows: counted.length, backends: [...new Set(counted.map((r) => r.backend))], target: 2 };
  }
  for (const workload of widgetWorkloads) {
    for (const backend of BACKEND_ORDER) {
      const fused = rows.find((r) => r.workload === workload && r.backend === backend && r.implementation === 'engine-fused');
      const opByOp = rows.find((r) => r.workload === workload && r.backend === backend && r.implementation === 'engine');
      if (!fused || !opByOp) continue;
      result.widgets.speedups.push({
        workload,
        backend,
        fusedStepsPerSecond: fused.stepsPerSecond,
        opByOpStepsPerSecond: opByOp.stepsPerSecond,
        ratio: fused.stepsPerSecond / opByOp.stepsPerSecond,
        enginePicksFused: fused.autoPath === 'fused-wasm',
      });
    }
  }
  return result;
}

/** The lines of the targets table for the throughput targets. */
export function targetLines(t: Targets): string[][] {
  const lines: string[][] = [];
  if (t.w1) {
    const { engineMsPerStep, pytorchMsPerStep, ratio, implementation, backend } = t.w1;
    lines.push([
      `W1 ${t.w1.workload}: engine ÷ PyTorch ms/step`,
      ratio === undefined ? `${fmt(engineMsPerStep)} ms (no PyTorch)` : `${fmt(ratio)} (${fmt(engineMsPerStep)} ÷ ${fmt(pytorchMsPerStep!)} ms; ${implementation} on ${backend})`,
      `≤ ${t.w1.target}`,
      ratio === undefined ? 'not measured' : ratio <= t.w1.target ? 'met' : 'NOT met',
    ]);
  }
  lines.push(
    t.dispatches
      ? [
          'GPU dispatches per fused WebGPU step',
          `${t.dispatches.perStep} (${t.dispatches.rows} rows on ${t.dispatches.backends.join(', ')}; all of a call's steps in one submission)`,
          `≤ ${t.dispatches.target}`,
          t.dispatches.perStep <= 2 ? 'met' : 'NOT met',
        ]
      : ['GPU dispatches per fused WebGPU step', 'not measured: no WebGPU adapter in this run', '≤ 2', 'not measured'],
  );
  const byWorkload = new Map<string, Speedup[]>();
  for (const s of t.widgets.speedups) byWorkload.set(s.workload, [...(byWorkload.get(s.workload) ?? []), s]);
  for (const [workload, speedups] of byWorkload) {
    const least = Math.min(...speedups.map((s) => s.ratio));
    lines.push([
      `${workload}: engine ÷ TF.js op-by-op steps/s`,
      speedups.map((s) => `${s.backend} ${fmt(s.ratio)}×`).join(', '),
      `≥ ${t.widgets.target}`,
      least >= t.widgets.target ? 'met' : 'NOT met',
    ]);
  }
  return lines;
}

/**
 * Issue 18's frame target while a layered workload trains on screen: a pair of lines (p95 frame interval,
 * longest task) for each of the worker and main-thread runs.
 */
export function onScreenLines(results: readonly { workload: string; worker: boolean; backend: string; p95Ms: number; longestTaskMs: number }[]): string[][] {
  return results.flatMap((r) => {
    const where = `${r.workload} on screen, ${r.worker ? 'in the worker' : 'main thread'} (${r.backend})`;
    return [
      [`${where}: p95 frame interval`, `${fmt(r.p95Ms)} ms`, '≤ 20 ms', r.p95Ms <= 20 ? 'met' : 'NOT met'],
      // The Long Tasks API reports tasks of 50 ms or more only: 0 means none that long.
      [`${where}: longest task`, r.longestTaskMs > 0 ? `${fmt(r.longestTaskMs)} ms` : 'none ≥ 50 ms', '≤ 50 ms', r.longestTaskMs <= 50 ? 'met' : 'NOT met'],
    ];
  });
}

/** Issue 18's target for one Hodgkin–Huxley window of 100 ms (RK4, dt 0.01 ms), ms. */
export const HH_TARGET_MS = 2;

/** The rest of issue 9's measures, as lines of the targets table (absent measures are left out). */
export function pageTargetLines(m: {
  frames?: readonly { widget: string; p95Ms: number; longestTaskMs: number }[];
  load?: { firstSlideMs: number; initialJsGzipBytes: number };
  hhMsPer100ms?: number;
  exported?: { seconds: number; pages: number };
}): string[][] {
  const lines: string[][] = [];
  for (const f of m.frames ?? []) {
    lines.push([`<${f.widget}> training: p95 frame interval`, `${fmt(f.p95Ms)} ms`, '≤ 20 ms', f.p95Ms <= 20 ? 'met' : 'NOT met']);
    // The Long Tasks API reports tasks of 50 ms or more only: 0 means none that long.
    lines.push([`<${f.widget}> training: longest task`, f.longestTaskMs > 0 ? `${fmt(f.longestTaskMs)} ms` : 'none ≥ 50 ms', '≤ 50 ms', f.longestTaskMs <= 50 ? 'met' : 'NOT met']);
  }
  if (m.load) {
    lines.push(['first slide painted (built site)', `${fmt(m.load.firstSlideMs)} ms`, '≤ 1 s', m.load.firstSlideMs <= 1000 ? 'met' : 'NOT met']);
    const kb = m.load.initialJsGzipBytes / 1024;
    lines.push(['JS loaded before it (gzip)', `${kb.toFixed(0)} KB`, '≤ 150 KB', kb <= 150 ? 'met' : 'NOT met']);
  }
  // Issue 18: the Hodgkin–Huxley window was 2.4–3.9 ms; it must come under 2 ms.
  if (m.hhMsPer100ms !== undefined) lines.push(['<hh-simulator>: 100 ms window (RK4, dt 0.01 ms)', `${fmt(m.hhMsPer100ms)} ms`, '≤ 2 ms', m.hhMsPer100ms <= HH_TARGET_MS ? 'met' : 'NOT met']);
  if (m.exported) lines.push(['axon export, largest lecture', `${m.exported.seconds.toFixed(1)} s for ${m.exported.pages} pages`, '—', '']);
  return lines;
}

/**
 * One line per layered workload (issue 18): the engine's fastest epoch against TF.js Layers' fastest, each on
 * the backend where it was fastest, and against each PyTorch CPU row (its default threads, 1 thread, …).
 */
export function layeredLines(rows: readonly Row[], workloads: readonly string[]): string[] {
  return workloads.flatMap((workload) => {
    const engine = bestEpoch(rows, workload, 'engine');
    if (!engine) return [];
    const layers = bestEpoch(rows, workload, 'tfjs-layers');
    const torches = pytorchEpochs(rows, workload);
    const versus = (peer: Row | undefined, name: string) => (peer ? `${name} ${fmt(peer.msPerEpoch!)} ms (${peer.backend}): ${fmt(engine.msPerEpoch! / peer.msPerEpoch!)}×` : `${name}: not measured`);
    const torchParts = torches.length ? torches.map((t) => versus(t, 'PyTorch CPU')) : [versus(undefined, 'PyTorch CPU')];
    return [`${workload}: engine ${fmt(engine.msPerEpoch!)} ms per epoch (${engine.backend}); ${versus(layers, 'TF.js Layers')}; ${torchParts.join('; ')}`];
  });
}

/** The fastest row by ms/epoch of an implementation on a workload, whatever its backend. */
function bestEpoch(rows: readonly Row[], workload: string, implementation: RowImplementation): Row | undefined {
  return rows.filter((r) => r.workload === workload && r.implementation === implementation && r.msPerEpoch !== undefined).sort((a, b) => a.msPerEpoch! - b.msPerEpoch!)[0];
}

/** A workload's PyTorch rows with an epoch time, default threads first. */
function pytorchEpochs(rows: readonly Row[], workload: string): Row[] {
  return rows.filter((r) => r.workload === workload && r.implementation === 'pytorch' && r.msPerEpoch !== undefined).sort((a, b) => backendRank(a.backend) - backendRank(b.backend));
}

/** Issue 18's throughput target on one layered workload, as the JSON's `targets.layered` holds it. */
export interface LayeredTarget {
  workload: string;
  engineMsPerEpoch: number;
  engineBackend: RowBackend;
  /** PyTorch's fastest thread setting (absent when PyTorch was not measured). */
  pytorchMsPerEpoch?: number;
  pytorchBackend?: RowBackend;
  ratio?: number;
  target: 1;
}

/**
 * Issue 18's throughput target per layered workload: the engine's fastest epoch (its pick: the backend it runs
 * best on) ÷ PyTorch CPU's fastest, whichever thread setting that was, ≤ 1.0.
 */
export function layeredTargets(rows: readonly Row[], workloads: readonly string[]): LayeredTarget[] {
  return workloads.flatMap((workload) => {
    const engine = bestEpoch(rows, workload, 'engine');
    if (!engine) return [];
    const torch = pytorchEpochs(rows, workload).sort((a, b) => a.msPerEpoch! - b.msPerEpoch!)[0];
    return [
      {
        workload,
        engineMsPerEpoch: engine.msPerEpoch!,
        engineBackend: engine.backend,
        ...(torch ? { pytorchMsPerEpoch: torch.msPerEpoch!, pytorchBackend: torch.backend, ratio: engine.msPerEpoch! / torch.msPerEpoch! } : {}),
        target: 1,
      },
    ];
  });
}

/**
 * Why a layered target is met or not, in arithmetic throughput: GFLOP/s of the engine's fastest epoch and of
 * PyTorch's, from the workload's multiply-adds per epoch (2 FLOP each; forward + backward ≈ 3 × forward). An
 * engine far below PyTorch in GFLOP/s is behind on the arithmetic itself, not on overhead: see the README.
 */
export function layeredThroughputLines(rows: readonly Row[], workloads: readonly string[], multiplyAddsPerEpoch: (workload: string) => number | undefined): string[] {
  return layeredTargets(rows, workloads).flatMap((t) => {
    const multiplyAdds = multiplyAddsPerEpoch(t.workload);
    if (!multiplyAdds) return [];
    const gflops = (ms: number) => fmt((2 * multiplyAdds) / (ms * 1e6));
    const torch = t.pytorchMsPerEpoch === undefined ? '' : `, PyTorch ${gflops(t.pytorchMsPerEpoch)} GFLOP/s (${t.pytorchBackend})`;
    return [`${t.workload}: ${fmt(multiplyAdds / 1e6)} M multiply-adds an epoch — engine ${gflops(t.engineMsPerEpoch)} GFLOP/s (${t.engineBackend})${torch}`];
  });
}

/** The lines of the targets table for issue 18's throughput target, one per layered workload. */
export function layeredTargetLines(rows: readonly Row[], workloads: readonly string[]): string[][] {
  return layeredTargets(rows, workloads).map((t) => {
    const measure = `${t.workload}: engine ÷ PyTorch CPU ms/epoch`;
    if (t.ratio === undefined) return [measure, `${fmt(t.engineMsPerEpoch)} ms (no PyTorch)`, '≤ 1.0', 'not measured'];
    return [measure, `${fmt(t.ratio)} (${fmt(t.engineMsPerEpoch)} ms on ${t.engineBackend} ÷ ${fmt(t.pytorchMsPerEpoch!)} ms, PyTorch ${t.pytorchBackend})`, '≤ 1.0', t.ratio <= t.target ? 'met' : 'NOT met'];
  });
}
