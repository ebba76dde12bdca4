/**
 * What a person in the room notices, measured on the built site for `npm run bench`:
 * - frames: while `<ua-fitter>` and then `<nn-playground>` train on the visible slide of the intro lecture,
 *   the interval between animation frames (95th percentile) and the longest task (Long Tasks API);
 * - load: on opening the lecture, the time until the first slide is painted (reveal ready, then a frame),
 *   and the gzip size of the JavaScript fetched by then;
 * - on screen (issue 18): frames while the bench page trains the autoencoder workload on screen, in the
 *   engine's training worker and on the main thread (bench/page/on-screen.ts).
 * A benchmark, not a test: it reports numbers and judges none.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { preview } from 'vite';
import type { OnScreenResult } from './protocol.ts';

export interface FrameMetrics {
  widget: string;
  frames: number;
  p95Ms: number;
  longestTaskMs: number;
  /** Training epochs the widget reported at the start and end of the window. */
  epochs: [number, number];
}

export interface LoadMetrics {
  deck: string;
  firstSlideMs: number;
  initialJsGzipBytes: number;
  scripts: number;
}

const DECK = 'intro-deep-learning';

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** The epoch a widget's status shows, e.g. "epoch 120 · MSE …" → 120. */
async function epochOf(page: Page, tag: string): Promise<number> {
  const text = await page.locator(`.reveal .slides section.present ${tag}`).getByRole('status').first().textContent();
  return Number(/epoch (\d+)/.exec(text ?? '')?.[1] ?? NaN);
}

/** Shows the widget's slide, presses Play, and watches frames and long tasks for `seconds`. */
async function watchTraining(page: Page, tag: string, seconds: number): Promise<FrameMetrics> {
  await page.evaluate((tag) => {
    const reveal = window.axon!.reveal;
    const slide = reveal.getSlides().find((s) => s.querySelector(tag))!;
    const { h, v } = reveal.getIndices(slide);
    reveal.slide(h, v ?? 0);
  }, tag);
  const widget = page.locator(`.reveal .slides section.present ${tag}`);
  // The largest budget the widget takes: its default schedule is over in about four seconds (the pace set
  // for watching it), and the frames are to be watched while it trains flat out, not after.
  await widget.evaluate((element) => element.setAttribute('epochs', '100000'));
  await widget.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(500); // past the first trainer's start-up
  const start = await epochOf(page, tag);
  const watched = await page.evaluate(async (ms) => {
    const intervals: number[] = [];
    let longest = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
    });
    observer.observe({ type: 'longtask' });
    // NOTE - a loop, not a named callback: tsx (keepNames) would wrap a named function in a __name() the page lacks.
    let last = performance.now();
    const end = last + ms;
    while (last < end) {
      const now = await new Promise<number>((frame) => requestAnimationFrame(frame));
      intervals.push(now - last);
      last = now;
    }
    observer.disconnect();
    return { intervals, longest };
  }, seconds * 1000);
  const end = await epochOf(page, tag);
  // Should the schedule still end inside the window (Pause is then disabled), the epochs say how much ran.
  const pause = widget.getByRole('button', { name: 'Pause' });
  if (await pause.isEnabled()) await pause.click();
  return { widget: tag, frames: watched.intervals.length, p95Ms: percentile(watched.intervals, 95), longestTaskMs: watched.longest, epochs: [start, end] };
}

/** Opens the lecture afresh and times its first slide; sums the gzip size of the scripts fetched by then. */
async function measureLoad(browser: Browser, base: string, siteDir: string): Promise<LoadMetrics> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  try {
    await page.goto(`${base}${DECK}.html`, { waitUntil: 'commit' });
    const { firstSlideMs, scripts } = await page.evaluate(async () => {
      while (!document.querySelector('.reveal.ready')) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const painted = performance.now();
      const scripts = performance
        .getEntriesByType('resource')
        .filter((e) => (e as PerformanceResourceTiming).responseEnd <= painted && new URL(e.name).pathname.endsWith('.js'))
        .map((e) => new URL(e.name).pathname);
      return { firstSlideMs: painted, scripts };
    });
    const initialJsGzipBytes = scripts.reduce((sum, path) => sum + gzipSync(readFileSync(join(siteDir, decodeURIComponent(path)))).length, 0);
    return { deck: `slides/${DECK}.md`, firstSlideMs, initialJsGzipBytes, scripts: scripts.length };
  } finally {
    await context.close();
  }
}

/** Builds the lectures into `siteDir`, serves them, and takes both measurements in `browser`. */
export async function measureDeck(browser: Browser, root: string, seconds: number): Promise<{ frames: FrameMetrics[]; load: LoadMetrics }> {
  const siteDir = resolve(root, '.axon-cache/bench-site');
  const built = spawnSync('node', ['bin/axon.js', 'build', 'slides', '--out', siteDir], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`axon build failed: ${built.stderr.trim().split('\n').at(-1)}`);
  const server = await preview({ configFile: false, logLevel: 'silent', build: { outDir: siteDir }, preview: { port: 0, host: '127.0.0.1', strictPort: true, open: false } });
  const base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
  try {
    const load = await measureLoad(browser, base, siteDir);
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    try {
      await page.goto(`${base}${DECK}.html`);
      await page.waitForFunction(() => document.documentElement.dataset.axonReady === 'true', undefined, { timeout: 60_000 });
      const frames: FrameMetrics[] = [];
      for (const tag of ['ua-fitter', 'nn-playground']) frames.push(await watchTraining(page, tag, seconds));
      return { frames, load };
    } finally {
      await context.close();
    }
  } finally {
    await server.close();
  }
}

/**
 * Frames while `workload` trains on the bench page (at `url`), on `backend`, first in the training worker and
 * then on the main thread, each in a fresh page (so each has its own engine and worker).
 */
export async function measureOnScreen(
  browser: Browser,
  url: string,
  options: { workload: string; backend: 'wasm' | 'cpu' | 'webgl' | 'webgpu'; seconds: number },
  log: (line: string) => void,
): Promise<OnScreenResult[]> {
  const results: OnScreenResult[] = [];
  for (const worker of [true, false]) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    try {
      page.on('pageerror', (error) => log(`  [page error] ${error.message}`));
      await page.goto(url);
      await page.waitForFunction(() => Boolean(window.axonBench), undefined, { timeout: 60_000 });
      const outcome = await page.evaluate((o) => window.axonBench!.trainOnScreen(o), { ...options, worker });
      const where = worker ? 'in the worker' : 'on the main thread';
      if ('skipped' in outcome) {
        log(`  ${options.workload} on screen ${where}: skipped — ${outcome.skipped}`);
        continue;
      }
      results.push(outcome);
      log(`  ${options.workload} on screen ${where} (${options.backend}): p95 frame ${outcome.p95Ms.toFixed(1)} ms, longest task ${outcome.longestTaskMs.toFixed(0)} ms over ${outcome.frames} frames; ${outcome.steps} steps, ${outcome.readouts} readouts`);
    } finally {
      await page.close();
    }
  }
  return results;
}
