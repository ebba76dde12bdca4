/** A small typed event emitter (EventTarget would do in browsers, but the engine also runs in Node and Workers). */
export class Emitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  /** Subscribes; returns the function that unsubscribes. */
  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /**
   * Calls every listener of the event with the payload. One that throws does not keep the event from the
   * others (each is some widget's own business); the first error is rethrown once all were called.
   */
  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    let failure: { error: unknown } | undefined;
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as (payload: Events[K]) => void)(payload);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  /** Drops every listener. */
  clear(): void {
    this.listeners.clear();
  }
}
