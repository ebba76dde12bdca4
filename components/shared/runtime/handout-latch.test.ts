/**
 * The handout latch keeps a widget's `settled`: pending until the handout state is reached and drawn,
 * renewed for a new run only once the last one resolved, and resolved for the run that reached it (not a
 * newer one made while its picture was still rendering).
 */
import { describe, expect, it } from 'vitest';
import type { ReactiveController } from 'lit';
import { HandoutLatch, SETTLED_EVENT } from './handout-latch.ts';

/** A Lit host whose renders finish only when the test says (`draw`). */
function fakeHost() {
  const controllers: ReactiveController[] = [];
  const events: string[] = [];
  let finishRender: () => void = () => {};
  const host = {
    updates: 0,
    addController: (controller: ReactiveController) => controllers.push(controller),
    removeController: () => {},
    requestUpdate: () => {
      host.updates += 1;
    },
    updateComplete: Promise.resolve(true),
    dispatchEvent: (event: Event) => events.push(event.type) > 0,
    /** Starts a render that finishes at `draw()`. */
    render() {
      host.updateComplete = new Promise((resolve) => (finishRender = () => resolve(true)));
    },
    /** Finishes the render, then tells the controllers (as Lit does after `update()`). */
    async draw() {
      finishRender();
      for (const c of controllers) c.hostUpdated?.();
      await Promise.resolve();
    },
  };
  return { host, controllers, events };
}

/** Whether `promise` has resolved, after the microtasks queued so far. */
async function hasResolved(promise: Promise<void>): Promise<boolean> {
  let resolved = false;
  void promise.then(() => (resolved = true));
  await new Promise((r) => setTimeout(r, 0));
  return resolved;
}

describe('HandoutLatch', () => {
  it('settles a firstRender widget after its first render, and fires axon-settled once', async () => {
    const { host, controllers, events } = fakeHost();
    const latch = new HandoutLatch(host, { firstRender: true });
    expect(controllers).toContain(latch);
    expect(await hasResolved(latch.settled)).toBe(false);
    await host.draw();
    await host.draw();
    expect(await hasResolved(latch.settled)).toBe(true);
    expect(events).toEqual([SETTLED_EVENT]);
  });

  it('keeps a pending promise across runs and hands out a new one only after it resolved', async () => {
    const { host } = fakeHost();
    const latch = new HandoutLatch(host);
    const first = latch.settled;
    latch.renew();
    expect(latch.settled).toBe(first); // whoever waits hears about the run that replaced theirs
    latch.resolve();
    expect(await hasResolved(first)).toBe(true);
    latch.renew();
    expect(latch.settled).not.toBe(first);
    expect(await hasResolved(latch.settled)).toBe(false);
  });

  it('resolves the run that reached its end once drawn, not a newer run made meanwhile', async () => {
    const { host } = fakeHost();
    const latch = new HandoutLatch(host);
    const reached = latch.settled;
    host.render();
    latch.resolveWhenDrawn();
    expect(latch.isSettled).toBe(true);
    expect(host.updates).toBe(1);
    latch.renew();
    const next = latch.settled;
    expect(await hasResolved(reached)).toBe(false); // its picture is not drawn yet
    await host.draw();
    expect(await hasResolved(reached)).toBe(true);
    expect(await hasResolved(next)).toBe(false);
  });

  it('remembers settle() and resolves it with settled after going there', async () => {
    const { host } = fakeHost();
    const latch = new HandoutLatch(host);
    expect(latch.asked).toBe(false);
    const order: string[] = [];
    const done = latch.settle(async () => {
      order.push('there');
      latch.resolve();
    });
    expect(latch.asked).toBe(true);
    await done;
    order.push('settled');
    expect(order).toEqual(['there', 'settled']);
  });
});
