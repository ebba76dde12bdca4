/**
 * What `npm run bench` prints at the end of a run, and the JSON it writes with `--json`: the table of rows,
 * the per-workload lines, the frame and load figures, the targets of issues 9 and 18, what was not measured.
 * Kept apart from bench/run.ts, which measures; this file only reports what it is handed.
 */
import { LAYERED_WORKLOADS, layeredEpochMultiplyAdds } from './layered-workloads.ts';
import { compileTable, type CompileRow } from './compile.ts';
import type { FrameMetrics, LoadMetrics } from './deck-metrics.ts';
import type { ExportTiming } from './export.ts';
import type { machineBasics } from './machine.ts';
import type { OnScreenResult, Probe } from './protocol.ts';
import { columns, fmt, layeredLines, layeredTargetLines, layeredTargets, layeredThroughputLines, onScreenLines, pageTargetLines, table, targetLines, targets, type Row, type Skipped } from './report.ts';
import { MLP_WORKLOAD, WIDGET_WORKLOADS, workloadByName } from './workloads.ts';

/** The heading of the compiler's table (also printed by a compile-only run). */
export const COMPILE_HEADING = 'compileDeck, ms for one compile and ms per KB (fastest of a few runs; flat ms/KB = linear):';

/** The machine a run measured on. */
export type BenchMachine = ReturnType<typeof machineBasics> & {
  chromium: string;
  userAgent: string;
  gpu: { webgl: Probe['webgl']; webgpu: Probe['webgpu']; webgpuSoftware: Probe['webgpu'] };
  /** 1-minute load averages when the bench started and ended: other work on the machine skews the numbers. */
  loadAverage: { start: number; end: number };
  pytorch?: string;
};

/** Everything one run measured. */
export interface BenchOutcome {
  /** The repository root (paths are reported relative to it). */
  root: string;
  machine: BenchMachine;
  settings: { quick: boolean; budgetMs: number; warmupMs: number; softwareBudgetMs: number; softwareMinSteps: number };
  rows: Row[];
  skipped: Skipped[];
  workloads: string[];
  extras: string[];
  deckMetrics?: { frames: FrameMetrics[]; load: LoadMetrics };
  onScreen: OnScreenResult[];
  compileRows?: CompileRow[];
  exportTiming?: ExportTiming;
  seconds: number;
}

/** The Long Tasks API reports tasks of 50 ms or more only: 0 means none that long. */
const longest = (ms: number) => (ms > 0 ? `longest task ${fmt(ms)} ms` : 'no task ≥ 50 ms');

/** Prints the run's report to stdout. */
export function printSummary(outcome: BenchOutcome): void {
  const { machine, settings, rows, skipped, workloads, extras, deckMetrics, onScreen, compileRows, exportTiming, root } = outcome;
  const { gpu } = machine;
  console.log('');
  console.log(`Axon bench — ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium}`);
  console.log(`WebGL: ${gpu.webgl?.renderer ?? 'none'} · WebGPU: ${gpu.webgpu ? (gpu.webgpu.software ? 'software only' : gpu.webgpu.description || gpu.webgpu.vendor) : 'none'}`);
  console.log(`load average ${machine.loadAverage.start} at the start, ${machine.loadAverage.end} at the end (${machine.cores} cores)`);
  if (machine.pytorch) console.log(`PyTorch ${machine.pytorch}`);
  console.log(`budget ${settings.budgetMs} ms per row after warm-up (webgpu-software: ${settings.softwareBudgetMs} ms, ≥ ${settings.softwareMinSteps} steps)${settings.quick ? ' — quick' : ''}`);
  console.log('');
  console.log(table(rows, [...workloads, ...extras]));
  console.log('');
  for (const line of layeredLines(rows, workloads)) console.log(line);
  console.log('÷ plain-js, ÷ pytorch: this row’s ms/step divided by that peer’s (PyTorch at its default threads; above 1 = slower than it).');
  console.log('A step of the MLP workloads is one full-batch SGD update, of the layered ones one minibatch update; every timed stretch ends with an awaited readback.');
  for (const workload of workloads) console.log(`  ${workload}: ${(LAYERED_WORKLOADS.find((w) => w.name === workload) ?? workloadByName(workload)).description}`);
  if (extras.some((e) => rows.some((r) => r.workload === e))) console.log('  hh-rk4-100ms: one Hodgkin–Huxley run, 100 ms at dt 0.01 ms with RK4 (ms per run)');
  if (deckMetrics) {
    for (const f of deckMetrics.frames) console.log(`<${f.widget}> training on screen: p95 frame interval ${fmt(f.p95Ms)} ms, ${longest(f.longestTaskMs)} (${f.frames} frames, epochs ${f.epochs[0]} → ${f.epochs[1]})`);
    const { deck, firstSlideMs, initialJsGzipBytes, scripts } = deckMetrics.load;
    console.log(`${deck} from the built site: first slide painted at ${fmt(firstSlideMs)} ms, ${(initialJsGzipBytes / 1024).toFixed(0)} KB of JS (gzip, ${scripts} files) loaded before it`);
  }
  for (const r of onScreen) {
    console.log(`${r.workload} training on screen ${r.worker ? 'in the worker' : 'on the main thread'} (${r.backend}): p95 frame interval ${fmt(r.p95Ms)} ms, ${longest(r.longestTaskMs)} (${r.frames} frames, ${r.steps} steps, ${r.readouts} readouts)`);
  }
  if (compileRows) {
    console.log('');
    console.log(COMPILE_HEADING);
    console.log(compileTable(compileRows));
  }
  if (exportTiming) {
    const { deck, seconds: s, pages, widgets, notConverged } = exportTiming;
    console.log(`axon export ${deck.slice(root.length + 1)}: ${s.toFixed(1)} s for ${pages} pages with ${widgets} widgets settled${notConverged ? ` (${notConverged} not converged)` : ''}`);
  }
  const hhRow = rows.find((r) => r.workload === 'hh-rk4-100ms');
  const exported = exportTiming ? { seconds: exportTiming.seconds, pages: exportTiming.pages } : undefined;
  console.log('');
  console.log('Targets (issues 9 and 18), from this run:');
  console.log(
    columns(
      ['measure', 'value', 'target', ''],
      [...targetLines(goalsOf(outcome)), ...layeredTargetLines(rows, workloads), ...pageTargetLines({ frames: deckMetrics?.frames, load: deckMetrics?.load, hhMsPer100ms: hhRow?.msPerStep, exported }), ...onScreenLines(onScreen)],
    ),
  );
  const throughput = layeredThroughputLines(rows, workloads, layeredEpochMultiplyAdds);
  if (throughput.length) {
    console.log('Arithmetic throughput of the architectures workloads (2 FLOP a multiply-add; why a ratio is what it is):');
    for (const line of throughput) console.log(`  ${line}`);
  }
  console.log('');
  const skippedLines = new Map<string, string[]>();
  for (const s of skipped) {
    const key = `${s.implementation} on ${s.backend}: ${s.reason}`;
    skippedLines.set(key, [...(skippedLines.get(key) ?? []), s.workload]);
  }
  if (skippedLines.size) {
    console.log('Not measured:');
    for (const [line, names] of skippedLines) console.log(`  ${line} (${names.length === workloads.length ? 'all workloads' : names.join(', ')})`);
  }
  console.log(`(${outcome.seconds.toFixed(0)} s in all)`);
}

/** Issue 9's targets for the MLP and widget workloads this run measured. */
function goalsOf({ rows, workloads }: BenchOutcome) {
  return targets(rows, MLP_WORKLOAD, WIDGET_WORKLOADS.map((w) => w.name).filter((name) => workloads.includes(name)));
}

/** The `--json` file: { machine, settings, rows, skipped, targets, … } as documented in the README. */
export function summaryJson(outcome: BenchOutcome): object {
  const { machine, settings, rows, skipped, workloads, deckMetrics, onScreen, compileRows, exportTiming, root } = outcome;
  const hhRow = rows.find((r) => r.workload === 'hh-rk4-100ms');
  return {
    machine,
    settings: { quick: settings.quick, budgetMs: settings.budgetMs, warmupMs: settings.warmupMs, softwareBudgetMs: settings.softwareBudgetMs, softwareMinSteps: settings.softwareMinSteps },
    rows,
    skipped,
    // Issue 18: engine ÷ PyTorch CPU ms/epoch per layered workload, beside issue 9's targets.
    targets: { ...goalsOf(outcome), ...(workloads.some((w) => LAYERED_WORKLOADS.some((l) => l.name === w)) ? { layered: layeredTargets(rows, workloads) } : {}) },
    ...(hhRow ? { hh: { msPer100ms: Math.round(hhRow.msPerStep * 1000) / 1000 } } : {}),
    ...(deckMetrics
      ? {
          frames: {
            p95Ms: Math.max(...deckMetrics.frames.map((f) => f.p95Ms)),
            longestTaskMs: Math.max(...deckMetrics.frames.map((f) => f.longestTaskMs)),
            widgets: deckMetrics.frames,
          },
          load: { firstSlideMs: Math.round(deckMetrics.load.firstSlideMs), initialJsGzipBytes: deckMetrics.load.initialJsGzipBytes, deck: deckMetrics.load.deck },
        }
      : {}),
    // Issue 18: frames while the autoencoder trains on screen, in the worker and on the main thread.
    ...(onScreen.length ? { layeredFrames: onScreen } : {}),
    ...(compileRows ? { compile: compileRows } : {}),
    ...(exportTiming ? { export: { seconds: Math.round(exportTiming.seconds * 10) / 10, pages: exportTiming.pages, deck: exportTiming.deck.slice(root.length + 1) } } : {}),
  };
}
