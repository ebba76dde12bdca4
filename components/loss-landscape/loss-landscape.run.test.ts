/**
 * The runs of `<loss-landscape>` as the run controller drives them: the optimizers step in lockstep from one
 * start (SGD's first step checked against w − η∇L written out here), the handout state is 100 steps or a
 * divergence, a new start resets every run, a hidden slide gets the tensors back and the runs carry on
 * exactly, and `settle()` through a `RunController` takes every run to step 100 and resolves `settled`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../engine/scheduler.ts';
import { createSurface } from '../../engine/surface-descent.ts';
import { tf } from '../../engine/tf.ts';
import { HandoutLatch } from '../shared/runtime/handout-latch.ts';
import { RunController } from '../shared/runtime/run-controller.ts';
import { SLIDE_VISIBILITY_EVENT } from '../shared/visibility.ts';
import { LandscapeRun, type LandscapeRunSpec } from './loss-landscape.run.ts';
import { useCpuBackend } from '../shared/test-support.ts';

useCpuBackend();

const ROSENBROCK_START = [-1.5, 1.5] as const;

/** Three optimizers on Rosenbrock from (−1.5, 1.5) at η = 0.001, as the deck's comparison slide. */
function compareRun(overrides: Partial<LandscapeRunSpec> = {}): LandscapeRun {
  return new LandscapeRun({
    surface: createSurface('rosenbrock'),
    kinds: ['sgd', 'momentum', 'adam'],
    learningRate: 0.001,
    momentum: 0.9,
    start: ROSENBROCK_START,
    stepsPerSecond: 10,
    ...overrides,
  });
}

describe('LandscapeRun', () => {
  it('steps every optimizer together; SGD moves by −η∇L, computed here', async () => {
    const readouts: number[] = [];
    const run = compareRun({ onReadout: (index) => readouts.push(index) });
    run.advance(1);
    await run.readBack();
    expect(readouts.sort()).toEqual([0, 1, 2]);
    expect(run.views.map((view) => view.latest?.step)).toEqual([1, 1, 1]);
    // ∇L of (1 − w1)² + 100 (w2 − w1²)² at (−1.5, 1.5), by hand.
    const [a, b] = ROSENBROCK_START;
    const gradient = [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)];
    const sgd = run.views[0]!.latest!;
    expect(sgd.w1).toBeCloseTo(a - 0.001 * gradient[0]!, 5);
    expect(sgd.w2).toBeCloseTo(b - 0.001 * gradient[1]!, 5);
    run.advance(4);
    await run.readBack();
    // Each path holds every point from the start on.
    expect(run.views.map((view) => view.points.map((p) => p.step))).toEqual([0, 1, 2].map(() => [0, 1, 2, 3, 4, 5]));
    // Steps taken while a readback is on its way (the clock plays on) are read before it resolves.
    const reading = run.readBack();
    await Promise.resolve();
    await Promise.resolve();
    run.advance(3);
    await reading;
    expect(run.views.map((view) => view.latest?.step)).toEqual([8, 8, 8]);
    run.dispose();
  });

  it('reaches its handout state at step 100: settle takes the steps left in one chunk', async () => {
    const run = compareRun();
    expect(run.chunk).toBe(100);
    run.advance(30);
    await run.readBack();
    expect(run.finished).toBe(false);
    expect(run.chunk).toBe(70);
    run.advance(run.chunk);
    // Counted on the steps taken: a second settle() before the readback lands takes no step more.
    expect(run.finished).toBe(true);
    await run.readBack();
    expect(run.views.map((view) => view.latest?.step)).toEqual([100, 100, 100]);
    expect(run.canContinue).toBe(true); // Play may go on past the handout state
    run.dispose();
  });

  it('a diverged run stops and the others go on; the handout state counts it as done', async () => {
    const diverged: number[] = [];
    // η = 0.5 on the κ = 10 bowl: SGD's w2 ← −4 w2, so |w2| = 1.5·4ᵗ first passes 1e6 at t = 10; Adam moves ~η a step.
    const run = new LandscapeRun({
      surface: createSurface('quadratic'),
      kinds: ['sgd', 'adam'],
      learningRate: 0.5,
      momentum: 0.9,
      start: [-2.5, 1.5],
      stepsPerSecond: 10,
      onDiverged: (index) => diverged.push(index),
    });
    run.advance(run.chunk);
    await run.readBack();
    expect(diverged).toEqual([0]);
    expect(run.views[0]!.divergence?.step).toBe(10);
    expect(run.views[1]!.divergence).toBeUndefined();
    expect(run.views[1]!.latest?.step).toBe(100);
    expect(run.canContinue).toBe(true);
    expect(run.finished).toBe(true);
    run.dispose();
  });

  it('reset starts every run again from the new start, with nothing drawn', async () => {
    const run = compareRun();
    run.advance(5);
    await run.readBack();
    run.start = [0.5, -0.5];
    run.reset();
    expect(run.views.map((view) => view.latest)).toEqual([undefined, undefined, undefined]);
    await run.readBack();
    expect(run.views.map((view) => [view.latest?.step, view.latest?.w1, view.latest?.w2])).toEqual([0, 1, 2].map(() => [0, 0.5, -0.5]));
    expect(run.views[0]!.points).toHaveLength(1);
    run.dispose();
  });

  it('gives its tensors back while hidden and carries on exactly where it stopped; dispose frees them all', async () => {
    const before = tf.memory().numTensors;
    const straight = compareRun();
    const hidden = compareRun();
    for (const run of [straight, hidden]) {
      run.advance(20);
      await run.readBack();
    }
    const alive = tf.memory().numTensors;
    await hidden.suspend();
    expect(tf.memory().numTensors).toBe(before + (alive - before) / 2);
    for (const run of [straight, hidden]) {
      run.advance(30);
      await run.readBack();
    }
    expect(hidden.views.map((view) => view.latest)).toEqual(straight.views.map((view) => view.latest));
    straight.dispose();
    hidden.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

/** The little of a Lit element the run controller and the handout latch use. */
class FakeHost extends EventTarget {
  readonly controllers: ReactiveController[] = [];
  updateComplete: Promise<boolean> = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {}
  closest(): null {
    return null;
  }
  connect(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
  }
  disconnect(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
}

/** A clock whose frames never come: only Step and `settle()` move the runs. */
function stillClock(): Scheduler {
  return new Scheduler({ frames: { now: () => 0, requestFrame: () => 0, cancelFrame: () => undefined } });
}

describe('LandscapeRun on the run controller', () => {
  function setUp() {
    const host = new FakeHost();
    const element = host as unknown as ReactiveControllerHost & HTMLElement;
    const handout = new HandoutLatch(host);
    const controller = new RunController<LandscapeRun>(element, { clock: stillClock, handout });
    host.connect();
    return { host, handout, controller };
  }

  it('settle() takes every run to step 100 (asked twice at once, still 100), then `settled` resolves', async () => {
    const { host, handout, controller } = setUp();
    controller.start(compareRun());
    let settled = false;
    void handout.settled.then(() => (settled = true));
    await controller.step();
    expect(controller.stepper!.views.map((view) => view.latest?.step)).toEqual([1, 1, 1]);
    expect(settled).toBe(false);
    // Asked twice at once (a deck and an exporter): the same end, not a step further.
    await Promise.all([controller.settle(), controller.settle()]);
    expect(settled).toBe(true);
    expect(controller.stepper!.views.map((view) => view.latest?.step)).toEqual([100, 100, 100]);
    host.disconnect();
  });

  it('a hidden slide gets the tensors back; removing the widget frees every one', async () => {
    const before = tf.memory().numTensors;
    const { host, controller } = setUp();
    controller.start(compareRun());
    await controller.step();
    const alive = tf.memory().numTensors;
    host.dispatchEvent(new CustomEvent(SLIDE_VISIBILITY_EVENT, { detail: { visible: false } }));
    await expect.poll(() => tf.memory().numTensors).toBeLessThan(alive);
    host.dispatchEvent(new CustomEvent(SLIDE_VISIBILITY_EVENT, { detail: { visible: true } }));
    await controller.step();
    expect(controller.stepper!.views.map((view) => view.latest?.step)).toEqual([2, 2, 2]);
    host.disconnect();
    expect(controller.stepper).toBeUndefined();
    expect(tf.memory().numTensors).toBe(before);
  });
});
