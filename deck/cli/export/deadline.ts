/**
 * A deck's --timeout as a deadline. Every wait on the deck's page (opening, settling, drawing, printing)
 * ends by it, so a page that stops answering — a script in a busy loop, a promise that never settles — is
 * abandoned with a message instead of holding the export forever. Widgets settle only until `settleBy`,
 * which leaves the last part of the time for printing: a widget that is merely slow is printed as it is,
 * marked "(not converged)", within the same deadline.
 */
import { CliError } from '../errors.ts';

/** The share of --timeout kept for printing once widgets stop settling, and its ceiling. */
const PRINT_SHARE = 0.25;
const PRINT_RESERVE_MAX_MS = 30_000;

/** Milliseconds of a deck's --timeout kept for drawing and printing after its widgets stop settling. */
export function printReserve(timeoutMs: number): number {
  return Math.min(timeoutMs * PRINT_SHARE, PRINT_RESERVE_MAX_MS);
}

/** A deck given up on at its deadline: nothing is written for it. */
export class DeckAbandoned extends CliError {
  override name = 'DeckAbandoned';
}

/** Waits for `work`, at most `ms`; never rejects (for closing things that may hang). */
export async function settleWithin(work: Promise<unknown> | undefined, ms: number): Promise<void> {
  if (!work) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work.catch(() => {}), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

export class Deadline {
  /** When the deck must be done (performance.now() time). */
  readonly end: number;
  /** When widgets stop settling, leaving `printReserve` for the rest. */
  readonly settleBy: number;

  /** `deck` names the deck in messages (its file as the user typed it). */
  constructor(
    readonly timeoutMs: number,
    readonly deck: string,
    now = performance.now(),
  ) {
    this.end = now + timeoutMs;
    this.settleBy = this.end - printReserve(timeoutMs);
  }

  /** Milliseconds left until `until` (the end by default), never negative. */
  remaining(until = this.end): number {
    return Math.max(0, until - performance.now());
  }

  /** The error for a deck whose step `what` was still running at the deadline. */
  abandoned(what: string): DeckAbandoned {
    const seconds = this.timeoutMs / 1000;
    return new DeckAbandoned(
      `${this.deck}: ${what} had not finished when the --timeout of ${seconds} s ran out — the deck was abandoned and nothing was written for it; ` +
        `raise --timeout (e.g. --timeout ${Math.ceil(seconds * 2)}) if it is just slow, or open the deck in axon dev to see what keeps its page busy`,
    );
  }

  /**
   * `work` (a call into the page) if it finishes before the deadline; else rejects with `abandoned(what)`.
   * NOTE - a page call has no time limit of its own on the Node side: a page in a busy loop never answers
   * page.evaluate or page.pdf, so this race is what ends the wait. The call itself rejects later, when the
   * page is closed; that rejection is expected and swallowed here.
   */
  async within<T>(what: string, work: Promise<T>): Promise<T> {
    work.catch(() => {});
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(this.abandoned(what)), this.remaining())));
    try {
      return await Promise.race([work, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
