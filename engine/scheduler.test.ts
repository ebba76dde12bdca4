import { afterEach, describe, expect, it, vi } from 'vitest';
import { Scheduler, browserFrameSource, type FrameSource, type SchedulerOptions } from './scheduler.ts';

const FRAME_MS = 1000 / 60;

/** A manual clock and frame queue: frames fire only when the test says so. */
class FakeFrames implements FrameSource {
  time = 0;
  /** Milliseconds the clock moved during each fired frame: the work done in it. */
  readonly workPerFrame: number[] = [];
  private readonly queued = new Map<number, (time: number) => void>();
  private nextHandle = 1;
  private nextFrameTime = 0;

  now(): number {
    return this.time;
  }

  requestFrame(callback: (time: number) => void): number {
    const handle = this.nextHandle++;
    this.queued.set(handle, callback);
    return handle;
  }

  cancelFrame(handle: unknown): void {
    this.queued.delete(handle as number);
  }

  /** Frame callbacks waiting to fire. */
  get pending(): number {
    return this.queued.size;
  }

  /** Moves the clock to the next frame (a frame later, or now if the clock jumped past it) and fires the callbacks queued before it. */
  fire(): void {
    this.nextFrameTime = Math.max(this.nextFrameTime + FRAME_MS, this.time);
    this.time = this.nextFrameTime;
    const callbacks = [...this.queued.values()];
    this.queued.clear();
    const started = this.time;
    for (const callback of callbacks) callback(started);
    this.workPerFrame.push(this.time - started);
  }
}

interface FakeTrainer {
  readonly name: string;
  stepsPerSecond?: number;
  /** The `count` of every runSteps call, in order. */
  readonly stepCalls: number[];
  /** Frame index (of `frames.workPerFrame`) at each readBack call. */
  readonly readBackFrames: number[];
  /** Settles the readbacks in flight (manual mode). */
  resolveReadBacks(): void;
  readBackInFlight: number;
  mostReadBacksInFlight: number;
  /** Makes runSteps throw from now on. */
  failSteps: boolean;
  runSteps(count: number): void;
  readBack(): Promise<void>;
}

/** A trainer whose steps each advance the fake clock by `msPerStep`; readbacks resolve at once unless `manual`. */
function fakeTrainer(frames: FakeFrames, name: string, msPerStep: number, manualReadBack = false): FakeTrainer {
  const waiting: (() => void)[] = [];
  const trainer: FakeTrainer = {
    name,
    stepCalls: [],
    readBackFrames: [],
    readBackInFlight: 0,
    mostReadBacksInFlight: 0,
    failSteps: false,
    resolveReadBacks() {
      for (const resolve of waiting.splice(0)) resolve();
    },
    runSteps(count) {
      if (trainer.failSteps) throw new Error(`${name} diverged`);
      trainer.stepCalls.push(count);
      frames.time += count * msPerStep;
    },
    readBack() {
      trainer.readBackFrames.push(frames.workPerFrame.length);
      trainer.readBackInFlight += 1;
      trainer.mostReadBacksInFlight = Math.max(trainer.mostReadBacksInFlight, trainer.readBackInFlight);
      return new Promise<void>((resolve) => {
        const finish = () => {
          trainer.readBackInFlight -= 1;
          resolve();
        };
        if (manualReadBack) waiting.push(finish);
        else finish();
      });
    },
  };
  return trainer;
}

/** Lets every settled promise run its callbacks, as the browser does between frames. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function runFrames(frames: FakeFrames, count: number): Promise<void> {
  for (let frame = 0; frame < count; frame += 1) {
    frames.fire();
    await settle();
  }
}

function total(counts: number[]): number {
  return counts.reduce((sum, count) => sum + count, 0);
}

function setup(options: SchedulerOptions = {}) {
  const frames = new FakeFrames();
  const scheduler = new Scheduler({ frames, ...options });
  return { frames, scheduler };
}

describe('Scheduler: sharing the frame budget', () => {
  it('runs one step on a trainer’s first frame, to measure its cost', async () => {
    const { frames, scheduler } = setup();
    const trainer = fakeTrainer(frames, 'mlp', 0.5);
    scheduler.add(trainer);
    await runFrames(frames, 2);
    expect(trainer.stepCalls).toEqual([1, 16]);
  });

  it('halves a trainer’s steps when a second trainer of the same cost joins', async () => {
    const { frames, scheduler } = setup();
    const first = fakeTrainer(frames, 'first', 0.5);
    scheduler.add(first);
    await runFrames(frames, 5);
    expect(first.stepCalls.at(-1)).toBe(16); // 8 ms / 0.5 ms
    const second = fakeTrainer(frames, 'second', 0.5);
    scheduler.add(second);
    await runFrames(frames, 5);
    expect(first.stepCalls.slice(-3)).toEqual([8, 8, 8]);
    expect(second.stepCalls.slice(-3)).toEqual([8, 8, 8]);
  });

  it('gives a 2 ms step budget / 2 trainers / 2 ms = 2 steps per frame once adapted', async () => {
    const { frames, scheduler } = setup();
    const cheap = fakeTrainer(frames, 'cheap', 1);
    const costly = fakeTrainer(frames, 'costly', 2);
    scheduler.add(cheap);
    const handle = scheduler.add(costly);
    await runFrames(frames, 6);
    expect(costly.stepCalls.slice(-3)).toEqual([2, 2, 2]);
    expect(cheap.stepCalls.slice(-3)).toEqual([4, 4, 4]);
    expect(handle.stats.msPerStep).toBeCloseTo(2);
    expect(handle.stats.stepsPerFrame).toBe(2);
  });

  it('shares by weight', async () => {
    const { frames, scheduler } = setup();
    const heavy = fakeTrainer(frames, 'heavy', 1);
    const light = fakeTrainer(frames, 'light', 1);
    scheduler.add(heavy, { weight: 3 });
    scheduler.add(light);
    await runFrames(frames, 6);
    expect(heavy.stepCalls.slice(-2)).toEqual([6, 6]);
    expect(light.stepCalls.slice(-2)).toEqual([2, 2]);
  });

  it('caps cheap steps at maxStepsPerFrame', async () => {
    const { frames, scheduler } = setup({ maxStepsPerFrame: 50 });
    const free = fakeTrainer(frames, 'free', 0);
    scheduler.add(free);
    await runFrames(frames, 3);
    expect(free.stepCalls).toEqual([1, 50, 50]);
  });

  it('never works more than one step past the budget in a frame, and every trainer still progresses', async () => {
    const { frames, scheduler } = setup();
    // Four 5 ms trainers: a share (2 ms) is less than one step, so each frame fits only two of them.
    const slow = [1, 2, 3, 4].map((index) => fakeTrainer(frames, `slow ${index}`, 5));
    const others = [fakeTrainer(frames, 'quick', 0.3), fakeTrainer(frames, 'middling', 3)];
    for (const trainer of [...slow, ...others]) scheduler.add(trainer);
    await runFrames(frames, 30);
    for (const work of frames.workPerFrame) expect(work).toBeLessThanOrEqual(8 + 5 + 1e-9);
    for (const trainer of [...slow, ...others]) expect(trainer.stepCalls.length).toBeGreaterThan(3);
  });
});

describe('Scheduler: readback', () => {
  it('starts at most one readback per frame and never while one is in flight', async () => {
    const { frames, scheduler } = setup();
    const trainer = fakeTrainer(frames, 'mlp', 1, true);
    scheduler.add(trainer);
    for (let frame = 0; frame < 20; frame += 1) {
      frames.fire();
      await settle();
      if (frame % 2 === 1) trainer.resolveReadBacks(); // the GPU answers every other frame
      await settle();
    }
    expect(trainer.mostReadBacksInFlight).toBe(1);
    expect(new Set(trainer.readBackFrames).size).toBe(trainer.readBackFrames.length);
    expect(trainer.readBackFrames.length).toBe(10);
  });

  it('holds a trainer back while its readback lags more than maxFramesAhead frames, and resumes after', async () => {
    const { frames, scheduler } = setup();
    const lagging = fakeTrainer(frames, 'lagging', 1, true);
    const other = fakeTrainer(frames, 'other', 1);
    scheduler.add(lagging);
    scheduler.add(other);
    await runFrames(frames, 10);
    // Readback started in frame 1; frames 2 and 3 are within maxFramesAhead = 2, frame 4 on are held back.
    expect(lagging.stepCalls.length).toBe(3);
    expect(other.stepCalls.length).toBe(10);
    expect(lagging.readBackFrames).toEqual([0]);
    lagging.resolveReadBacks();
    await settle();
    await runFrames(frames, 2);
    expect(lagging.stepCalls.length).toBe(5);
    expect(lagging.readBackFrames).toEqual([0, 10]);
  });

  it('reads the last steps back when a trainer is paused', async () => {
    const { frames, scheduler } = setup();
    const trainer = fakeTrainer(frames, 'mlp', 1, true);
    const handle = scheduler.add(trainer);
    await runFrames(frames, 2); // a readback in flight since frame 1, frame 2’s steps unread
    handle.pause();
    expect(trainer.readBackFrames).toHaveLength(1);
    trainer.resolveReadBacks();
    await settle();
    expect(trainer.readBackFrames).toHaveLength(2);
    expect(trainer.mostReadBacksInFlight).toBe(1);
  });
});

describe('Scheduler: pausing and visibility', () => {
  it('gives a hidden trainer no steps and resumes it when shown', async () => {
    const { frames, scheduler } = setup();
    const shown = fakeTrainer(frames, 'shown', 1);
    const hidden = fakeTrainer(frames, 'hidden', 1);
    scheduler.add(shown);
    const handle = scheduler.add(hidden, { visible: false });
    await runFrames(frames, 5);
    expect(hidden.stepCalls).toEqual([]);
    expect(handle.running).toBe(false);
    expect(shown.stepCalls.at(-1)).toBe(8); // the whole budget
    handle.setVisible(true);
    await runFrames(frames, 5);
    expect(hidden.stepCalls.length).toBe(5);
    expect(shown.stepCalls.at(-1)).toBe(4);
  });

  it('stops requesting frames while the page is hidden, and starts again when it is shown', async () => {
    const { frames, scheduler } = setup();
    const first = fakeTrainer(frames, 'first', 1);
    const second = fakeTrainer(frames, 'second', 1);
    scheduler.add(first);
    scheduler.add(second);
    await runFrames(frames, 3);
    scheduler.setPageVisible(false);
    expect(frames.pending).toBe(0);
    await runFrames(frames, 5);
    expect(first.stepCalls.length).toBe(3);
    expect(second.stepCalls.length).toBe(3);
    scheduler.setPageVisible(true);
    expect(frames.pending).toBe(1);
    await runFrames(frames, 2);
    expect(first.stepCalls.length).toBe(5);
    expect(second.stepCalls.length).toBe(5);
  });

  it('requests no frame while every trainer is paused, and one as soon as one plays', async () => {
    const { frames, scheduler } = setup();
    const trainer = fakeTrainer(frames, 'mlp', 1);
    const handle = scheduler.add(trainer, { playing: false });
    expect(frames.pending).toBe(0);
    handle.play();
    expect(frames.pending).toBe(1);
    await runFrames(frames, 3);
    handle.pause();
    expect(frames.pending).toBe(0);
    expect(trainer.stepCalls.length).toBe(3);
  });

  it('stops a removed trainer for good', async () => {
    const { frames, scheduler } = setup();
    const kept = fakeTrainer(frames, 'kept', 1);
    const removed = fakeTrainer(frames, 'removed', 1);
    const keptHandle = scheduler.add(kept);
    const handle = scheduler.add(removed);
    await runFrames(frames, 3);
    handle.remove();
    handle.play();
    await runFrames(frames, 3);
    expect(removed.stepCalls.length).toBe(3);
    expect(kept.stepCalls.length).toBe(6);
    expect(scheduler.stats.map((stats) => stats.name)).toEqual(['kept']);
    keptHandle.remove();
    expect(frames.pending).toBe(0);
  });
});

describe('Scheduler: pacing', () => {
  it('takes 5 steps in one second at stepsPerSecond = 5, however cheap the steps', async () => {
    const { frames, scheduler } = setup();
    const animation = fakeTrainer(frames, 'optimiser path', 0.1);
    animation.stepsPerSecond = 5;
    scheduler.add(animation);
    await runFrames(frames, 60);
    expect(total(animation.stepCalls)).toBeGreaterThanOrEqual(4);
    expect(total(animation.stepCalls)).toBeLessThanOrEqual(6);
  });

  it('never exceeds the budget to keep its pace', async () => {
    const { frames, scheduler } = setup();
    const animation = fakeTrainer(frames, 'too fast to keep up', 2);
    animation.stepsPerSecond = 10_000;
    scheduler.add(animation);
    await runFrames(frames, 10);
    expect(animation.stepCalls.slice(-3)).toEqual([4, 4, 4]);
  });

  it('owes no burst of steps for time spent hidden', async () => {
    const { frames, scheduler } = setup();
    const animation = fakeTrainer(frames, 'optimiser path', 0.1);
    animation.stepsPerSecond = 5;
    const handle = scheduler.add(animation);
    await runFrames(frames, 30);
    const before = total(animation.stepCalls);
    handle.setVisible(false);
    frames.time += 60_000;
    handle.setVisible(true);
    await runFrames(frames, 3);
    expect(total(animation.stepCalls) - before).toBeLessThanOrEqual(1);
  });
});

describe('Scheduler: errors', () => {
  it('pauses and reports a throwing trainer while the other keeps training', async () => {
    const onError = vi.fn();
    const { frames, scheduler } = setup({ onError });
    const failing = fakeTrainer(frames, 'failing', 1);
    const healthy = fakeTrainer(frames, 'healthy', 1);
    const failingHandle = scheduler.add(failing);
    scheduler.add(healthy);
    await runFrames(frames, 3);
    failing.failSteps = true;
    await runFrames(frames, 5);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toBe(failing);
    expect(String(onError.mock.calls[0]?.[1])).toContain('failing diverged');
    expect(failingHandle.running).toBe(false);
    expect(healthy.stepCalls.length).toBe(8);
    expect(healthy.stepCalls.at(-1)).toBe(8); // the whole budget is the healthy one’s now
  });

  it('pauses and reports a trainer whose readback rejects', async () => {
    const onError = vi.fn();
    const { frames, scheduler } = setup({ onError });
    const trainer = fakeTrainer(frames, 'mlp', 1);
    trainer.readBack = () => Promise.reject(new Error('context lost'));
    const handle = scheduler.add(trainer);
    await runFrames(frames, 3);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(handle.running).toBe(false);
    expect(trainer.stepCalls).toEqual([1]);
    expect(frames.pending).toBe(0);
  });
});

describe('Scheduler: runUntil', () => {
  it('trains without waiting for frames, through readbacks, until the condition holds', async () => {
    const { frames, scheduler } = setup();
    const trainer = fakeTrainer(frames, 'mlp', 1);
    trainer.stepsPerSecond = 1; // pacing is ignored when fast-forwarding
    const handle = scheduler.add(trainer);
    const done = await scheduler.runUntil(() => handle.stats.steps >= 100);
    expect(done).toBe(true);
    expect(frames.workPerFrame).toEqual([]); // no display frame was needed
    expect(trainer.stepCalls.slice(0, 3)).toEqual([1, 8, 8]);
    expect(trainer.readBackFrames.length).toBeGreaterThan(3);
    expect(frames.pending).toBe(1); // back to the frame loop
  });

  it('leaves a paced trainer at its pace afterwards', async () => {
    const { frames, scheduler } = setup();
    const animation = fakeTrainer(frames, 'optimiser path', 0.1);
    animation.stepsPerSecond = 5;
    const handle = scheduler.add(animation);
    await runFrames(frames, 3);
    await scheduler.runUntil(() => handle.stats.steps >= 200);
    frames.time += 10_000; // the fast-forward took a while
    const before = handle.stats.steps;
    await runFrames(frames, 60);
    expect(handle.stats.steps - before).toBeGreaterThanOrEqual(4);
    expect(handle.stats.steps - before).toBeLessThanOrEqual(6);
  });

  it('gives up after maxFrames', async () => {
    const { frames, scheduler } = setup();
    scheduler.add(fakeTrainer(frames, 'mlp', 1));
    expect(await scheduler.runUntil(() => false, 5)).toBe(false);
    expect(scheduler.stats[0]?.frames).toBe(5);
  });
});

describe('browserFrameSource', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is undefined where there are no animation frames (Node)', () => {
    expect(browserFrameSource()).toBeUndefined();
    expect(() => new Scheduler()).toThrow(/options\.frames/);
  });

  it('wraps requestAnimationFrame and performance.now where they exist', () => {
    const callbacks: ((time: number) => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: (time: number) => void) => callbacks.push(callback));
    vi.stubGlobal('cancelAnimationFrame', vi.fn());
    const source = browserFrameSource();
    expect(source).toBeDefined();
    const seen: number[] = [];
    source?.requestFrame((time) => seen.push(time));
    callbacks[0]?.(42);
    expect(seen).toEqual([42]);
    expect(typeof source?.now()).toBe('number');
  });
});
