/**
 * The handout contract: what every widget offers so that a printed deck shows it in a state worth reading
 * (trained to the end of its default schedule, simulated, every count or step revealed). Whoever prints —
 * the deck client in reveal's print view (deck/client/handout.ts), `axon export`, a test — asks each widget
 * to `settle()` and waits for `settled`; a widget never decides by itself that it is being printed.
 */

/** A widget element that can be taken to its handout state. Every tag in components/registry.ts is one. */
export interface HandoutWidget {
  /**
   * Resolves once the widget shows its handout state and it is drawn. A widget whose run is replaced
   * (new settings, Reset, put back on the page) may hand out a new promise for the new run.
   */
  readonly settled: Promise<void>;
  /**
   * Goes to the handout state at once, as fast as possible (no animation), and resolves when it is drawn.
   * Safe to call more than once. A widget that trains remembers it was asked: if it is removed and put back
   * (reveal's print view moves every slide into page wrappers, which restarts a run), it goes there again.
   */
  settle(): Promise<void>;
}

/** True for an element that keeps the handout contract (a widget that failed to load does not). */
export function isHandoutWidget(element: Element): element is Element & HandoutWidget {
  const candidate = element as Partial<HandoutWidget>;
  return typeof candidate.settle === 'function' && candidate.settled instanceof Promise;
}

/**
 * Resolves in a new task. A `settle()` that trains in chunks awaits this between them: on the CPU backend a
 * step runs at once and its readback resolves as a microtask, so a loop of them would never give the page
 * back — it could not paint, and an exporter's deadline could not print it. (A message, not a timer:
 * timers in a hidden page wait a second or more.)
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
