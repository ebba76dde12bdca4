/**
 * The run controller drives any run that advances in time through one shape: Play / Pause / Step / Reset at
 * the stepper's pace, `settle()` to the end with `settled` resolving only once that end is drawn, no steps
 * while the slide is hidden (the run gives its tensors back and takes them again when shown), and a stopped
 * clock once the widget leaves the page. A fake stepper counts its steps; a fake frame source and a fake Lit
 * host stand in for the page.
 */
import type { ReactiveController } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Scheduler, type FrameSource } from '../../../engine/scheduler.ts';
import { SLIDE_VISIBILITY_EVENT } from '../visibility.ts';
import { HandoutLatch } from './handout-latch.ts';
import { RunController, stepsPerEpoch, type RunControllerOptions, type Stepper } from './run-controller.ts';

/** Frames only when the test moves time on; each frame is `frameMs` later than the last. */
function fakeFrames() {
  let time = 0;
  let pending: ((time: number) => void) | undefined;
  const source: FrameSource = {
    now: () => time,
    requestFrame: (callback) => {
      pending = callback;
      return 1;
    },
    cancelFrame: () => {
      pending = undefined;
    },
  };
  return {
    source,
    /** Whether the clock is waiting for a frame (it asks only while something plays). */
    get requested() {
      return pending !== undefined;
    },
    /** Moves time on by `ms`, running the frames that fall in it, and lets their readbacks land. */
    async pass(ms: number, frameMs = 20) {
      for (let elapsed = 0; elapsed < ms; elapsed += frameMs) {
        time += frameMs;
        const frame = pending;
        pending = undefined;
        frame?.(time);
        await settleMicrotasks();
      }
    },
  };
}

async function settleMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

/** The little of a Lit element the controller and the latch use; renders finish when the test says (`draw`). */
class FakeHost extends EventTarget {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  /** On a deck's slide: idle until told the slide is shown. */
  inDeck = false;
  isConnected = true;
  updateComplete: Promise<boolean> = Promise.resolve(true);
  private finishRender: (() => void) | undefined;

  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates += 1;
  }
  closest(selector: string): object | null {
    return this.inDeck && selector === '.reveal .slides' ? {} : null;
  }
  connect(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
  }
  disconnect(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
  /** From now on a render finishes only at `draw()`. */
  holdRenders(): void {
    this.updateComplete = new Promise((resolve) => (this.finishRender = () => resolve(true)));
  }
  /** Finishes the render in progress. */
  async draw(): Promise<void> {
    this.finishRender?.();
    this.updateComplete = Promise.resolve(true);
    await settleMicrotasks();
  }
  /** The deck says the slide was shown or hidden. */
  show(visible: boolean): void {
    this.dispatchEvent(new CustomEvent(SLIDE_VISIBILITY_EVENT, { detail: { visible } }));
  }
}

/** A run of `length` steps that records what the controller asked of it. */
function countingStepper(length: number, extra: Partial<Stepper> = {}) {
  const calls: string[] = [];
  const stepper = {
    name: 'counting',
    position: 0,
    advance(count: number) {
      stepper.position = Math.min(length, stepper.position + count);
    },
    get canContinue() {
      return stepper.position < length;
    },
    reset() {
      stepper.position = 0;
    },
    suspend() {
      calls.push('suspend');
    },
    resume() {
      calls.push('resume');
    },
    dispose() {
      calls.push('dispose');
    },
  };
  // NOTE - copied as descriptors, not spread: a getter in `extra` (a pace that changes) must stay a getter.
  Object.defineProperties(stepper, Object.getOwnPropertyDescriptors(extra));
  return { stepper, calls };
}

function setUp(options: Omit<RunControllerOptions, 'clock'> & { inDeck?: boolean; latch?: boolean } = {}) {
  const frames = fakeFrames();
  const clock = new Scheduler({ frames: frames.source, onError: () => {} });
  const host = new FakeHost();
  host.inDeck = options.inDeck ?? false;
  const handout = options.latch ? new HandoutLatch(host) : undefined;
  const run = new RunController(host as unknown as ConstructorParameters<typeof RunController>[0], { ...options, handout, clock: () => clock });
  host.connect();
  return { frames, host, handout, run };
}

/** Whether `promise` has resolved, after the microtasks queued so far. */
async function hasResolved(promise: Promise<unknown>): Promise<boolean> {
  let resolved = false;
  void promise.then(() => (resolved = true));
  await settleMicrotasks();
  return resolved;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Play, Pause, Step and Reset', () => {
  it('Play advances the run frame by frame, Pause stops it where it is, and it stops by itself at its end', async () => {
    const { frames, run } = setUp();
    const { stepper } = countingStepper(50, { stepsPerSecond: 50 });
    run.start(stepper);
    await frames.pass(200);
    expect(stepper.position).toBe(0); // not playing: no frames are even asked for
    expect(frames.requested).toBe(false);

    run.play();
    expect(run.running).toBe(true);
    await frames.pass(200);
    const reached = stepper.position;
    expect(reached).toBeGreaterThanOrEqual(10);
    expect(reached).toBeLessThanOrEqual(12);

    run.pause();
    expect(run.running).toBe(false);
    await frames.pass(500);
    expect(stepper.position).toBe(reached);

    run.play();
    await frames.pass(2000);
    expect(stepper.position).toBe(50);
    expect(run.playing).toBe(false);
    expect(run.running).toBe(false);
    expect(frames.requested).toBe(false);
  });

  it('Step takes one step (or one press) paused; Reset goes back to the start, paused', async () => {
    const { run, host } = setUp();
    const { stepper } = countingStepper(10);
    run.start(stepper);
    run.play();
    await run.step();
    expect(run.playing).toBe(false);
    expect(stepper.position).toBe(1);
    const updates = host.updates;
    await run.step();
    expect(stepper.position).toBe(2);
    expect(host.updates).toBeGreaterThan(updates); // the step is drawn

    let presses = 0;
    const pressed = countingStepper(10, { press: () => void (presses += 1) }).stepper;
    run.start(pressed);
    await run.step();
    expect(presses).toBe(1);

    run.start(stepper);
    run.play();
    await run.reset();
    expect(stepper.position).toBe(0);
    expect(run.playing).toBe(false);
  });

  it('Play and Step do nothing for a run at its end', async () => {
    const { run } = setUp();
    const { stepper } = countingStepper(2);
    run.start(stepper);
    await run.step();
    await run.step();
    await run.step();
    expect(stepper.position).toBe(2);
    run.play();
    expect(run.playing).toBe(false);
  });

  it('Play is remembered for a run started later; a replaced run is disposed', () => {
    const { run } = setUp();
    const first = countingStepper(5);
    run.start(first.stepper);
    run.play();
    run.start(countingStepper(5).stepper);
    expect(first.calls).toContain('dispose');
    expect(run.running).toBe(true);
  });
});

describe('settle() and settled', () => {
  it('takes the run to its end at once, and resolves only once that end is drawn', async () => {
    const { run, host, handout } = setUp({ latch: true });
    const { stepper } = countingStepper(10, { chunk: 4 });
    run.start(stepper);
    host.holdRenders();
    const settling = run.settle();
    await vi.waitFor(() => expect(stepper.position).toBe(10));
    expect(run.playing).toBe(false);
    expect(await hasResolved(run.settled)).toBe(false); // at its end, but not yet drawn
    expect(await hasResolved(settling)).toBe(false);
    await host.draw();
    expect(await hasResolved(settling)).toBe(true);
    expect(handout!.isSettled).toBe(true);
  });

  it('reaches the end in chunks of the stepper’s size, each one drawn', async () => {
    const { run, host } = setUp({ latch: true });
    const positions: number[] = [];
    const { stepper } = countingStepper(10, { chunk: 4 });
    run.start(stepper);
    await run.runToEnd(() => void positions.push(stepper.position));
    expect(positions).toEqual([4, 8, 10]);
    expect(host.updates).toBeGreaterThanOrEqual(3);
  });

  it('asked before any run is started, goes to the end of the first run started', async () => {
    const { run } = setUp({ latch: true });
    const settling = run.settle();
    expect(await hasResolved(settling)).toBe(false);
    const { stepper } = countingStepper(6, { chunk: 2 });
    run.start(stepper);
    await vi.waitFor(() => expect(stepper.position).toBe(6));
    await settling;
    expect(await hasResolved(run.settled)).toBe(true);
  });

  it('a new run gets a new settled; Reset renews it too', async () => {
    const { run } = setUp({ latch: true });
    run.start(countingStepper(3).stepper);
    await run.settle();
    const { stepper } = countingStepper(3);
    run.start(stepper);
    expect(await hasResolved(run.settled)).toBe(false);
    await run.runToEnd();
    expect(await hasResolved(run.settled)).toBe(true);
    await run.reset();
    expect(await hasResolved(run.settled)).toBe(false);
  });

  it('under the `finished` of the stepper, not only its end: resolves once its results are read back', async () => {
    const { run } = setUp({ latch: true });
    let read = 0;
    const { stepper } = countingStepper(3, {
      get finished() {
        return stepper.position === 3 && read === 3;
      },
      readBack: async () => void (read = stepper.position),
    });
    run.start(stepper);
    await run.settle();
    expect(read).toBe(3);
    expect(await hasResolved(run.settled)).toBe(true);
  });
});

describe('the slide’s visibility', () => {
  it('on a deck the run is idle until shown, takes no steps while hidden, gives its tensors back and resumes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const { frames, host, run } = setUp({ inDeck: true });
    const { stepper, calls } = countingStepper(1000, { stepsPerSecond: 50 });
    const suspends = () => calls.filter((c) => c === 'suspend').length;
    run.start(stepper);
    run.play();
    expect(run.visible).toBe(false);
    // Built while its slide is hidden: it gives its tensors back at once, and again once things settle.
    expect(suspends()).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(suspends()).toBe(2);
    await frames.pass(500);
    expect(stepper.position).toBe(0);
    expect(run.running).toBe(false);

    host.show(true);
    await frames.pass(200);
    const shown = stepper.position;
    expect(shown).toBeGreaterThan(0);
    expect(calls).toContain('resume');

    host.show(false);
    expect(suspends()).toBe(3);
    vi.advanceTimersByTime(1000); // a second try, for a readback that landed late
    expect(suspends()).toBe(4);
    await frames.pass(500);
    expect(stepper.position).toBe(shown);
    expect(run.playing).toBe(true); // hiding is not pausing

    host.show(true);
    await frames.pass(200);
    expect(stepper.position).toBeGreaterThan(shown);
    expect(calls.filter((c) => c === 'resume')).toHaveLength(2);
  });

  it('outside a deck nobody says anything and the run counts as visible', async () => {
    const { frames, run } = setUp();
    const { stepper } = countingStepper(1000, { stepsPerSecond: 50 });
    run.start(stepper);
    run.play();
    await frames.pass(100);
    expect(stepper.position).toBeGreaterThan(0);
  });

  it('autoplays once, when the slide is first shown; tells the widget each time it is shown', () => {
    let shown = 0;
    const { host, run } = setUp({ inDeck: true, autoplay: () => true, onShown: () => void (shown += 1) });
    run.start(countingStepper(100).stepper);
    expect(run.playing).toBe(false);
    host.show(true);
    expect(run.playing).toBe(true);
    run.pause();
    host.show(false);
    host.show(true);
    expect(run.playing).toBe(false);
    expect(shown).toBe(2);
  });
});

describe('leaving the page', () => {
  it('stops the clock and frees the run', async () => {
    const { frames, host, run } = setUp();
    const { stepper, calls } = countingStepper(1000, { stepsPerSecond: 50 });
    run.start(stepper);
    run.play();
    await frames.pass(100);
    host.disconnect();
    expect(calls).toContain('dispose');
    expect(run.stepper).toBeUndefined();
    expect(run.running).toBe(false);
    expect(frames.requested).toBe(false);
    const position = stepper.position;
    await frames.pass(500);
    expect(stepper.position).toBe(position);
  });
});

describe('pace', () => {
  it('takes the stepper’s steps per second while playing, read every frame', async () => {
    const { frames, run } = setUp();
    const pace = { stepsPerSecond: 5 };
    const { stepper } = countingStepper(10_000, {
      get stepsPerSecond() {
        return pace.stepsPerSecond;
      },
    });
    run.start(stepper);
    run.play();
    await frames.pass(2000);
    // One step at once, then 5 a second.
    expect(stepper.position).toBeGreaterThanOrEqual(10);
    expect(stepper.position).toBeLessThanOrEqual(11);
    pace.stepsPerSecond = 50;
    const before = stepper.position;
    await frames.pass(1000);
    expect(stepper.position - before).toBeGreaterThanOrEqual(49);
    expect(stepper.position - before).toBeLessThanOrEqual(51);
  });

  it('without a pace, takes as many steps as the frame budget allows', async () => {
    const { frames, run } = setUp();
    const { stepper } = countingStepper(5000);
    run.start(stepper);
    run.play();
    await frames.pass(40);
    expect(stepper.position).toBeGreaterThan(100); // one measured step, then a frame's worth at that cost
    await frames.pass(200);
    expect(stepper.position).toBe(5000);
  });
});

describe('failures', () => {
  it('a step that throws on the clock pauses the run and tells the widget', async () => {
    const failures: unknown[] = [];
    const { frames, run } = setUp({ onFailure: (error) => failures.push(error) });
    const { stepper } = countingStepper(100, {
      stepsPerSecond: 50,
      advance: () => {
        throw new Error('the backend refused the step');
      },
    });
    run.start(stepper);
    run.play();
    await frames.pass(100);
    expect(failures).toEqual([new Error('the backend refused the step')]);
    expect(run.playing).toBe(false);
    expect(run.running).toBe(false);
    expect(frames.requested).toBe(false);
  });
});

describe('epochs become steps', () => {
  it('one epoch is one pass over the samples in batches, the last one short', () => {
    expect(stepsPerEpoch(4, 2)).toBe(2);
    expect(stepsPerEpoch(5, 2)).toBe(3);
    expect(stepsPerEpoch(100, 100)).toBe(1);
    expect(stepsPerEpoch(100, 1)).toBe(100);
  });
});
