/**
 * A layered workload trained on screen, as a lecture widget would (issue 18's frame target): the engine's
 * trainer scheduled with `engine.schedule`, a canvas redrawn every frame with the loss curve the readouts
 * bring, and the frame intervals and long tasks of the page watched meanwhile. Run once with the trainer in
 * the engine's training worker and once on the main thread (the frame scheduler), so the two figures are
 * side by side from one page on one machine.
 */
import type { EngineOptions } from '../../engine/runtime.ts';
import { startEngine } from '../../engine/runtime.ts';
import { layeredWorkloadByName } from '../layered-workloads.ts';
import type { OnScreenOptions, OnScreenResult } from '../protocol.ts';

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** What a widget draws every frame: the loss curve so far and a moving mark (so every frame paints). */
function lossCanvas(): { draw(losses: readonly number[], time: number): void; remove(): void } {
  const canvas = document.createElement('canvas');
  canvas.width = 480;
  canvas.height = 240;
  document.body.append(canvas);
  const context = canvas.getContext('2d')!;
  return {
    draw(losses, time) {
      context.clearRect(0, 0, canvas.width, canvas.height);
      context.fillStyle = '#36c';
      context.fillRect(((time / 4) % canvas.width) - 10, 0, 10, 8);
      if (losses.length < 2) return;
      const top = Math.max(...losses);
      const bottom = Math.min(...losses);
      context.beginPath();
      losses.forEach((loss, i) => context.lineTo((i / (losses.length - 1)) * canvas.width, 20 + (1 - (loss - bottom) / (top - bottom || 1)) * (canvas.height - 30)));
      context.stroke();
    },
    remove: () => canvas.remove(),
  };
}

export async function trainOnScreen(options: OnScreenOptions, wasmPaths: EngineOptions['wasmPaths']): Promise<OnScreenResult | { skipped: string }> {
  const workload = layeredWorkloadByName(options.workload);
  if (!workload) return { skipped: `no layered workload ${options.workload}` };
  const engine = await startEngine({ request: options.backend, wasmPaths });
  if (engine.info.backend !== options.backend) return { skipped: `${options.backend} unavailable: ${engine.info.reason}` };
  const data = await workload.data();
  const trainer = await engine.createLayeredTrainer(workload.spec, data, { worker: options.worker ? 'always' : 'never' });
  const losses: number[] = [];
  trainer.events.on('readout', (readout) => losses.push(readout.loss));
  const canvas = lossCanvas();
  const handle = engine.schedule(trainer);
  try {
    // Past the start-up (the worker's engine starting, the first step): frames are watched while it trains.
    const started = performance.now();
    while (losses.length < 2 && performance.now() - started < 30_000) {
      const now = await new Promise<number>((frame) => requestAnimationFrame(frame));
      canvas.draw(losses, now);
    }
    const stepsBefore = trainer.steps;
    const readoutsBefore = losses.length;
    let longest = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const intervals: number[] = [];
    let last = performance.now();
    const end = last + options.seconds * 1000;
    while (last < end) {
      const now = await new Promise<number>((frame) => requestAnimationFrame(frame));
      canvas.draw(losses, now);
      intervals.push(now - last);
      last = now;
    }
    observer.disconnect();
    return {
      workload: workload.name,
      backend: options.backend,
      worker: options.worker,
      frames: intervals.length,
      p95Ms: percentile(intervals, 95),
      longestTaskMs: longest,
      steps: trainer.steps - stepsBefore,
      readouts: losses.length - readoutsBefore,
    };
  } finally {
    handle.remove();
    trainer.dispose();
    canvas.remove();
  }
}
