/**
 * The handout latch: the one place that keeps a widget's side of the handout contract
 * (components/shared/handout.ts) — the `settled` promise, its renewal when a new run replaces the last one,
 * and the memory that `settle()` was asked (so a run restarted by putting the widget back on the page goes to
 * the handout state again), and `axon-settled` (components/shared/runtime/events.ts). A widget owns one, forwards `settled` and `settle()` to it, and says when its
 * handout state is reached:
 *
 * ```ts
 * private readonly handout = new HandoutLatch(this);                       // or { firstRender: true }
 * get settled() { return this.handout.settled; }
 * settle() { return this.handout.settle(() => this.trainToBudget()); }
 * // a new run: this.handout.renew();   the run reached its end: this.handout.resolveWhenDrawn();
 * ```
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fireSettled } from './events.ts';

export { SETTLED_EVENT } from './events.ts';

/** What the latch needs of its widget: Lit's controller host, on an element that can fire events. */
export type HandoutLatchHost = ReactiveControllerHost & Pick<HTMLElement, 'dispatchEvent'>;

/** How a widget reaches its handout state. */
export interface HandoutLatchOptions {
  /** Nothing runs: the first render is the handout state, so `settled` resolves once it is done. */
  readonly firstRender?: boolean;
}

/** Owns `settled` and `settle()` for one widget (a Lit reactive controller). */
export class HandoutLatch implements ReactiveController {
  private promise!: Promise<void>;
  private resolver!: () => void;
  /** Whether the current promise is resolved, or will be once drawn. */
  private done = true;
  private wasAsked = false;

  constructor(
    private readonly host: HandoutLatchHost,
    private readonly options: HandoutLatchOptions = {},
  ) {
    host.addController(this);
    this.renew();
  }

  /** Resolves once the widget shows its handout state and it is drawn; a new run may get a new promise. */
  get settled(): Promise<void> {
    return this.promise;
  }

  /** True once the current run reached its handout state (its promise resolved, or resolving once drawn). */
  get isSettled(): boolean {
    return this.done;
  }

  /** `settle()` was called: a run rebuilt later (the widget put back on the page) should go there again. */
  get asked(): boolean {
    return this.wasAsked;
  }

  /** Lit calls this after each render; a widget whose first render is its handout state is settled by it. */
  hostUpdated(): void {
    if (this.options.firstRender) this.resolve();
  }

  /**
   * Remembers the request, takes the widget to its handout state with `goThere` (as fast as possible, no
   * animation), and resolves with `settled`.
   */
  async settle(goThere?: () => unknown): Promise<void> {
    this.ask();
    await goThere?.();
    return this.settled;
  }

  /** Remembers that the handout state was asked for, without going there (a widget that decides how). */
  ask(): void {
    this.wasAsked = true;
  }

  /**
   * A new run starts: a pending promise for it, once the last one has resolved. A promise still pending
   * carries over, so whoever awaits it hears about the run that replaced the one it was waiting for.
   */
  renew(): void {
    if (!this.done) return;
    this.done = false;
    this.promise = new Promise((resolve) => (this.resolver = resolve));
  }

  /** The handout state is reached and already drawn (or can never be reached: a failure shown instead). */
  resolve(): void {
    if (this.done) return;
    this.done = true;
    this.release(this.resolver);
  }

  /** The handout state is reached: `settled` resolves once the host has rendered that picture. */
  resolveWhenDrawn(): void {
    if (this.done) return;
    this.done = true;
    // This run's promise, not a newer run's that may be made before the render finishes.
    const resolve = this.resolver;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.release(resolve));
  }

  private release(resolve: () => void): void {
    resolve();
    fireSettled(this.host);
  }
}
