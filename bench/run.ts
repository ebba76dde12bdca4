/**
 * `npm run bench` — training throughput of every standard workload on every backend this browser offers,
 * side by side in one run on one machine: the engine's Trainer, TF.js Layers (tf.sequential + fit) on
 * the same backend, a plain-JavaScript trainer, and PyTorch on the CPU when python3-torch is importable;
 * the frame interval and longest task while widgets train on a lecture's visible slide, the lecture's
 * first slide and the JavaScript loaded before it; `axon export` of the largest lecture, end to end; and the
 * Markdown compiler's time per KB on a lecture and on hostile input at 10 KB, 100 KB and 1 MB (no browser).
 * A benchmark, not a test: it prints numbers and never fails on them.
 *
 *   npm run bench [-- --quick] [-- --json FILE] [-- --only NAME] [-- --skip-build]
 *
 * --quick       shorter budgets (~a third): a rough table in about half the time
 * --json FILE   also writes { machine, settings, rows, skipped } to FILE
 * --only NAME   only workloads whose name contains NAME (repeatable; `frames` or `load`: the deck
 *               measurements, `on-screen`: the autoencoder trained on screen in the worker and on the main
 *               thread (also run by `frames`), `export`: the exporter, `compile`: the compiler alone)
 * --skip-build  reuse the bench page already built in .axon-cache/bench
 *
 * PyTorch: the first of $AXON_BENCH_PYTHON, python3, /usr/bin/python3 that can `import torch`; the notebook MLP
 * (bench/pytorch_mlp.py) and the layered workloads (bench/pytorch_layered.py: default threads, 1 thread, every core).
 *
 * How: bench/page (bundled by Vite into .axon-cache/bench, served by `vite preview`) times one
 * (workload, backend, implementation) per call of `window.axonBench.run`; this script drives it with
 * Playwright in the system Chromium, then a second Chromium with a software WebGPU adapter (SwiftShader)
 * for the `webgpu-software` rows, which get a small budget: a step of the big MLP takes seconds there.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/browser.ts';
import { measureDeck, measureOnScreen, type FrameMetrics, type LoadMetrics } from './deck-metrics.ts';
import { LAYERED_WORKLOADS } from './layered-workloads.ts';
import { machineBasics } from './machine.ts';
import { compileTable, runCompileBench, type CompileRow } from './compile.ts';
import { timeExport, type ExportTiming } from './export.ts';
import type { BenchBackend, OnScreenResult, Probe, RunOptions, RunOutcome, RunResult } from './protocol.ts';
import { runPytorch } from './pytorch.ts';
import { runPytorchLayered } from './pytorch-layered.ts';
import { fmt, type Row, type RowBackend, type RowImplementation, type Skipped } from './report.ts';
import { COMPILE_HEADING, printSummary, summaryJson, type BenchMachine, type BenchOutcome } from './summary.ts';
import { ALL_WORKLOADS, MLP_WORKLOAD } from './workloads.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PAGE_ROOT = join(ROOT, 'bench/page');
const OUT_DIR = join(ROOT, '.axon-cache/bench');
/** No single measurement may hang the bench. */
const RUN_TIMEOUT_MS = 180_000;

interface Settings {
  quick: boolean;
  budgetMs: number;
  warmupMs: number;
  softwareBudgetMs: number;
  softwareMinSteps: number;
  only: string[];
  json?: string;
  skipBuild: boolean;
}

function parseArgs(argv: string[]): Settings {
  const quick = argv.includes('--quick');
  const only: string[] = [];
  let json: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--json') json = argv[++i];
    else if (arg.startsWith('--json=')) json = arg.slice('--json='.length);
    else if (arg === '--only') only.push(argv[++i] ?? '');
    else if (arg.startsWith('--only=')) only.push(arg.slice('--only='.length));
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: npm run bench [-- --quick] [-- --json FILE] [-- --only NAME] [-- --skip-build]');
      process.exit(0);
    } else if (arg !== '--quick' && arg !== '--skip-build') {
      console.error(`bench: unknown argument ${arg}`);
      process.exit(2);
    }
  }
  if (argv.includes('--json') && !json) {
    console.error('bench: --json needs a file name');
    process.exit(2);
  }
  return {
    quick,
    budgetMs: quick ? 300 : 1000,
    warmupMs: quick ? 60 : 200,
    softwareBudgetMs: quick ? 100 : 300,
    softwareMinSteps: quick ? 2 : 3,
    only,
    json,
    skipBuild: argv.includes('--skip-build'),
  };
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function buildPage(): Promise<void> {
  await build({
    configFile: false,
    root: PAGE_ROOT,
    base: './',
    publicDir: false,
    logLevel: 'warn',
    cacheDir: join(ROOT, 'node_modules/.vite-bench'),
    // The engine's training worker splits its code (TF.js backends load on demand): module workers only.
    worker: { format: 'es' },
    build: {
      outDir: OUT_DIR,
      emptyOutDir: true,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 16_384,
    },
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') log(`  [page ${message.type()}] ${message.text()}`);
  });
  page.on('pageerror', (error) => log(`  [page error] ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => Boolean(window.axonBench), undefined, { timeout: 60_000 });
  return page;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

class Bench {
  readonly rows: Row[] = [];
  readonly skipped: Skipped[] = [];

  constructor(private readonly settings: Settings) {}

  record(outcome: RunOutcome, label: { workload: string; backend: RowBackend; implementation: RowImplementation }): void {
    if ('skipped' in outcome) {
      this.skipped.push({ ...label, reason: outcome.skipped });
      log(`  ${label.workload} · ${label.implementation} · ${label.backend}: skipped — ${outcome.skipped}`);
      return;
    }
    const r: RunResult = outcome;
    const row: Row = {
      ...label,
      msPerStep: r.msPerStep,
      ...(r.msPerEpoch ? { msPerEpoch: r.msPerEpoch } : {}),
      stepsPerSecond: r.stepsPerSecond,
      steps: r.steps,
      firstStepMs: r.firstStepMs,
      loss: r.loss,
      ...(r.autoPath ? { autoPath: r.autoPath.path } : {}),
      ...(r.dispatchesPerStep ? { dispatchesPerStep: r.dispatchesPerStep } : {}),
    };
    const notes = [r.note, r.leakedTensors > 0 ? `${r.leakedTensors} tensors leaked` : undefined].filter(Boolean);
    if (notes.length) row.note = notes.join('; ');
    this.rows.push(row);
    log(
      `  ${label.workload} · ${label.implementation} · ${label.backend}: ${fmt(r.msPerStep)} ms/step over ${r.steps} steps ` +
        `(first step ${fmt(r.firstStepMs)} ms, loss ${r.loss.toPrecision(4)})${row.note ? ` — ${row.note}` : ''}`,
    );
  }

  async run(page: Page, options: RunOptions, backendLabel: RowBackend = options.backend): Promise<void> {
    const label = { workload: options.workload, backend: backendLabel, implementation: options.implementation };
    try {
      const outcome = await withTimeout(
        page.evaluate((o) => window.axonBench!.run(o), options),
        RUN_TIMEOUT_MS,
        `${options.workload} ${options.implementation} on ${backendLabel}`,
      );
      this.record(outcome, label);
    } catch (error) {
      this.record({ skipped: `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` }, label);
    }
  }
}

async function main(): Promise<void> {
  const settings = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const loadBefore = os.loadavg()[0]!;
  if (loadBefore > os.cpus().length / 2) {
    log(`bench: note — the machine is busy (load average ${loadBefore.toFixed(2)} on ${os.cpus().length} cores); numbers will be noisy`);
  }
  const workloads = [...ALL_WORKLOADS, ...LAYERED_WORKLOADS].filter((w) => settings.only.length === 0 || settings.only.some((o) => w.name.includes(o))).map((w) => w.name);
  const extras = ['hh-rk4-100ms'].filter((w) => settings.only.length === 0 || settings.only.some((o) => w.includes(o)));
  const timesExport = settings.only.length === 0 || settings.only.some((o) => 'export'.includes(o));
  const watchesDeck = settings.only.length === 0 || settings.only.some((o) => 'frames'.includes(o) || 'load'.includes(o));
  const timesCompile = settings.only.length === 0 || settings.only.some((o) => 'compile'.includes(o));
  const watchesOnScreen = settings.only.length === 0 || settings.only.some((o) => 'frames'.includes(o) || 'on-screen'.includes(o));
  let onScreen: OnScreenResult[] = [];
  let exportTiming: ExportTiming | undefined;
  let deckMetrics: { frames: FrameMetrics[]; load: LoadMetrics } | undefined;
  if (workloads.length === 0 && extras.length === 0 && !timesExport && !watchesDeck && !timesCompile && !watchesOnScreen) {
    console.error(`bench: no workload matches ${settings.only.join(', ')}`);
    process.exit(2);
  }

  // The compiler first, in Node, before any browser loads the machine.
  let compileRows: CompileRow[] | undefined;
  if (timesCompile) {
    log('bench: compile time per KB (compileDeck in Node)');
    compileRows = runCompileBench({ quick: settings.quick, log });
  }
  if (workloads.length === 0 && extras.length === 0 && !timesExport && !watchesDeck && !watchesOnScreen) {
    reportCompileOnly(compileRows ?? [], settings, loadBefore, started);
    return;
  }

  if (!settings.skipBuild || !existsSync(join(OUT_DIR, 'index.html'))) {
    log('bench: building the bench page (Vite) …');
    const t = Date.now();
    await buildPage();
    log(`bench: built in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const port = await freePort();
  const server = await preview({
    configFile: false,
    root: PAGE_ROOT,
    base: './',
    logLevel: 'warn',
    build: { outDir: OUT_DIR },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const url = `http://127.0.0.1:${port}/index.html`;
  const bench = new Bench(settings);
  const executablePath = chromiumPath();
  const budget = { budgetMs: settings.budgetMs, warmupMs: settings.warmupMs };
  const gpu: { webgl: Probe['webgl']; webgpu: Probe['webgpu']; webgpuSoftware: Probe['webgpu'] } = { webgl: null, webgpu: null, webgpuSoftware: null };
  let chromiumVersion = '';
  let torchVersion: string | undefined;
  let userAgent = '';

  try {
    // The ordinary browser (WebGPU allowed, no adapter forced): plain JS, then each TF.js backend in a fresh page.
    const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] });
    try {
      chromiumVersion = browser.version();
      let page = await openPage(browser, url);
      const probe = await page.evaluate(() => window.axonBench!.probe());
      userAgent = probe.userAgent;
      gpu.webgl = probe.webgl;
      gpu.webgpu = probe.webgpu;
      log(`bench: Chromium ${chromiumVersion}; WebGL: ${probe.webgl ? probe.webgl.renderer : 'none'}; WebGPU: ${probe.webgpu ? `${probe.webgpu.vendor} ${probe.webgpu.architecture} ${probe.webgpu.description ?? ''}`.trim() + (probe.webgpu.software ? ' (software)' : ' (hardware)') : 'no adapter'}`);

      log('bench: plain-js');
      for (const workload of workloads) await bench.run(page, { workload, backend: 'js', implementation: 'plain-js', ...budget });
      for (const extra of extras) {
        if (!probe.extras.includes(extra)) {
          bench.skipped.push({ workload: extra, backend: 'js', implementation: 'plain-js', reason: 'the HH simulator model is not in this checkout' });
          log(`  ${extra}: skipped — components/hh-simulator/hh-simulator.model.ts has no simulate()`);
          continue;
        }
        try {
          const outcome = await page.evaluate(({ name, ms }) => window.axonBench!.runExtra(name, ms), { name: extra, ms: settings.budgetMs });
          bench.record(outcome, { workload: extra, backend: 'js', implementation: 'plain-js' });
        } catch (error) {
          bench.record({ skipped: `failed: ${error instanceof Error ? error.message : String(error)}` }, { workload: extra, backend: 'js', implementation: 'plain-js' });
        }
      }
      await page.close();

      const backends: BenchBackend[] = ['cpu', 'wasm', 'webgl'];
      if (probe.webgpu && !probe.webgpu.software) backends.push('webgpu');
      else {
        const why = probe.webgpu ? 'only a software WebGPU adapter here (see webgpu-software)' : 'no WebGPU adapter in this browser';
        for (const workload of workloads) for (const implementation of ['engine-fused', 'engine-fused-webgpu', 'engine', 'tfjs-layers'] as const) bench.skipped.push({ workload, backend: 'webgpu', implementation, reason: why });
        log(`bench: webgpu (hardware) skipped — ${why}`);
      }
      for (const backend of backends) {
        log(`bench: ${backend}`);
        page = await openPage(browser, url);
        // The fused step runs on the CPU whatever TF.js's backend: measured on each backend all the same, so
        // each speed-up is a ratio within one page. Its JavaScript fallback is measured once, beside it.
        const implementations = [
          'engine-fused',
          ...(backend === 'cpu' ? (['engine-fused-js'] as const) : []),
          ...(backend === 'webgpu' ? (['engine-fused-webgpu'] as const) : []),
          'engine',
          'tfjs-layers',
        ] as const;
        for (const workload of workloads) {
          for (const implementation of implementations) await bench.run(page, { workload, backend, implementation, ...budget });
        }
        await page.close();
      }
    } finally {
      await browser.close();
    }

    // A second browser with SwiftShader's WebGPU: correct, slow; a few steps only.
    const software = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'] });
    try {
      const page = await openPage(software, url);
      const probe = await page.evaluate(() => window.axonBench!.probe());
      gpu.webgpuSoftware = probe.webgpu;
      if (!probe.webgpu) {
        log('bench: webgpu-software skipped — no adapter even with --use-webgpu-adapter=swiftshader');
        for (const workload of workloads) for (const implementation of ['engine-fused-webgpu', 'engine', 'tfjs-layers'] as const) bench.skipped.push({ workload, backend: 'webgpu-software', implementation, reason: 'no software WebGPU adapter' });
      } else {
        log(`bench: webgpu-software (${probe.webgpu.description || probe.webgpu.architecture || 'adapter'}; budget ${settings.softwareBudgetMs} ms, at least ${settings.softwareMinSteps} steps)`);
        // The layered workloads take seconds a step on a software adapter: their rows there are left out.
        for (const workload of workloads.filter((name) => !LAYERED_WORKLOADS.some((w) => w.name === name))) {
          for (const implementation of ['engine-fused-webgpu', 'engine', 'tfjs-layers'] as const) {
            await bench.run(
              page,
              { workload, backend: 'webgpu', implementation, budgetMs: settings.softwareBudgetMs, warmupMs: 0, minSteps: settings.softwareMinSteps },
              'webgpu-software',
            );
          }
        }
      }
      await page.close();
    } finally {
      await software.close();
    }

    if (workloads.includes(MLP_WORKLOAD)) {
      log('bench: pytorch');
      const torch = runPytorch(settings);
      if (torch.row) {
        bench.rows.push(torch.row);
        torchVersion = torch.version;
        log(`  ${MLP_WORKLOAD} · pytorch · cpu: ${fmt(torch.row.msPerStep)} ms/step over ${torch.row.steps} steps`);
      } else {
        bench.skipped.push({ workload: MLP_WORKLOAD, backend: 'cpu', implementation: 'pytorch', reason: torch.reason! });
        log(`  pytorch: skipped — ${torch.reason}`);
      }
    }
    // The layered workloads in PyTorch: default threads, 1 thread and every core, whole epochs timed.
    for (const workload of LAYERED_WORKLOADS.filter((w) => workloads.includes(w.name))) {
      log(`bench: pytorch ${workload.name}`);
      const torch = await runPytorchLayered(workload, { budgetMs: settings.budgetMs, minEpochs: settings.quick ? 1 : 2 });
      if (torch.rows) {
        bench.rows.push(...torch.rows);
        // Fuller than the MLP's: default threads and the BLAS, on which PyTorch's dense layers hang.
        torchVersion = torch.version;
        for (const row of torch.rows) log(`  ${workload.name} · pytorch · ${row.backend}: ${fmt(row.msPerEpoch!)} ms/epoch over ${row.steps} steps (loss ${row.loss!.toPrecision(4)})`);
      } else {
        bench.skipped.push({ workload: workload.name, backend: 'cpu', implementation: 'pytorch', reason: torch.reason! });
        log(`  pytorch: skipped — ${torch.reason}`);
      }
    }
    if (watchesOnScreen) {
      // WASM: the engine's pick for the layered workloads on this kind of machine (see the table above).
      log('bench: autoencoder-mnist trained on screen, in the training worker and on the main thread');
      const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
      try {
        onScreen = await measureOnScreen(browser, url, { workload: 'autoencoder-mnist', backend: 'wasm', seconds: settings.quick ? 4 : 8 }, log);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }

  if (watchesDeck) {
    log('bench: frames while widgets train on screen, and the first slide of a lecture');
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    try {
      deckMetrics = await measureDeck(browser, ROOT, settings.quick ? 3 : 6);
    } finally {
      await browser.close();
    }
    for (const f of deckMetrics.frames) log(`  <${f.widget}> training: p95 frame ${fmt(f.p95Ms)} ms, longest task ${fmt(f.longestTaskMs)} ms over ${f.frames} frames (epochs ${f.epochs[0]} → ${f.epochs[1]})`);
    log(`  ${deckMetrics.load.deck}: first slide at ${fmt(deckMetrics.load.firstSlideMs)} ms, ${(deckMetrics.load.initialJsGzipBytes / 1024).toFixed(0)} KB gzip of JS (${deckMetrics.load.scripts} files) before it`);
  }

  if (timesExport) {
    log('bench: axon export of the largest lecture');
    exportTiming = await timeExport(join(ROOT, 'slides'));
    log(`  ${exportTiming.deck}: ${exportTiming.seconds.toFixed(1)} s for ${exportTiming.pages} pages, ${exportTiming.widgets} widgets settled`);
  }

  const machine: BenchMachine = {
    ...machineBasics(),
    chromium: chromiumVersion,
    userAgent,
    gpu,
    /** 1-minute load averages when the bench started and ended: other work on the machine skews the numbers. */
    loadAverage: { start: Math.round(loadBefore * 100) / 100, end: Math.round(os.loadavg()[0]! * 100) / 100 },
    ...(torchVersion ? { pytorch: torchVersion } : {}),
  };
  const outcome: BenchOutcome = {
    root: ROOT,
    machine,
    settings,
    rows: bench.rows,
    skipped: bench.skipped,
    workloads,
    extras,
    deckMetrics,
    onScreen,
    compileRows,
    exportTiming,
    seconds: (Date.now() - started) / 1000,
  };
  printSummary(outcome);
  if (settings.json) {
    const file = resolve(settings.json);
    writeFileSync(file, `${JSON.stringify(summaryJson(outcome), null, 2)}\n`);
    log(`bench: wrote ${file}`);
  }
}


/** `--only compile`: no browser was started, so only the machine, the compile table and the JSON. */
function reportCompileOnly(rows: CompileRow[], settings: Settings, loadBefore: number, started: number): void {
  const machine = {
    ...machineBasics(),
    loadAverage: { start: Math.round(loadBefore * 100) / 100, end: Math.round(os.loadavg()[0]! * 100) / 100 },
  };
  console.log('');
  console.log(`Axon bench — ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}`);
  console.log(`load average ${machine.loadAverage.start} at the start, ${machine.loadAverage.end} at the end (${machine.cores} cores)`);
  console.log('');
  console.log(COMPILE_HEADING);
  console.log(compileTable(rows));
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  if (settings.json) {
    const file = resolve(settings.json);
    writeFileSync(file, `${JSON.stringify({ machine, settings: { quick: settings.quick }, compile: rows }, null, 2)}\n`);
    log(`bench: wrote ${file}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
