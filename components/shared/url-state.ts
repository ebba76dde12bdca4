/**
 * Shareable widget state in the page URL. Each widget instance owns one query parameter, so a student can
 * copy the address and a classmate opens the same slide with the same settings. The parameter's value is the
 * widget's state written like attributes (`dataset=cubic&layers=4,2`), URL-encoded once more.
 *
 * Precedence, as for deck options: the widget's defaults < its attributes < the URL. Writing replaces the
 * current history entry (no Back-button spam) and keeps the rest of the address (the deck's `#/3` hash,
 * `?backend=`, other widgets' parameters) as it was.
 */

/** A widget's state as the attribute-like pairs it wants in the URL; `undefined` leaves a key out. */
export type UrlState = Record<string, string | number | boolean | undefined>;

/**
 * The query parameter owned by `element`: its `id` when it has one, otherwise its tag, numbered from the
 * second instance of that tag in the document on (`nn-playground`, `nn-playground-2`, …).
 */
export function urlStateKey(element: Element): string {
  if (element.id) return element.id;
  const tag = element.localName;
  const index = Array.from(element.ownerDocument.querySelectorAll(tag)).indexOf(element);
  return index > 0 ? `${tag}-${index + 1}` : tag;
}

/** Encodes a state as one parameter value; keys in a stable order so equal states give equal URLs. */
export function encodeUrlState(state: UrlState): string {
  const pairs = new URLSearchParams();
  for (const key of Object.keys(state).sort()) {
    const value = state[key];
    if (value !== undefined) pairs.set(key, String(value));
  }
  return pairs.toString();
}

/** Decodes a parameter value written by `encodeUrlState` (unknown keys are the widget's to ignore or flag). */
export function decodeUrlState(value: string): Map<string, string> {
  return new Map(new URLSearchParams(value));
}

/** States written since the last flush, by parameter (see writeUrlState). */
const pending = new Map<string, UrlState | undefined>();

/** The state this element's parameter holds in `search` (default: the page's), or undefined when it has none. */
export function readUrlState(element: Element, search = globalThis.location?.search ?? ''): Map<string, string> | undefined {
  const key = urlStateKey(element);
  // A write still waiting for its batch is already this element's state (a re-read right after a change).
  if (pending.has(key) && search === (globalThis.location?.search ?? '')) {
    const state = pending.get(key);
    return state === undefined ? undefined : decodeUrlState(encodeUrlState(state));
  }
  const value = new URLSearchParams(search).get(key);
  return value === null ? undefined : decodeUrlState(value);
}

/** `search` with this element's parameter set to `state` (or removed when `state` is undefined). */
export function withUrlState(search: string, key: string, state: UrlState | undefined): string {
  const params = new URLSearchParams(search);
  const value = state === undefined ? '' : encodeUrlState(state);
  if (value === '') params.delete(key);
  else params.set(key, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

let flushTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Puts this element's state into the address bar. Writes are batched (250 ms) because browsers throttle
 * `history.replaceState` and a dragged slider would otherwise call it on every input event.
 */
export function writeUrlState(element: Element, state: UrlState | undefined): void {
  if (typeof history === 'undefined' || typeof location === 'undefined') return;
  pending.set(urlStateKey(element), state);
  flushTimer ??= setTimeout(flushUrlState, 250);
}

/** Writes any batched states now (tests and `pagehide` use it). */
export function flushUrlState(): void {
  if (flushTimer !== undefined) clearTimeout(flushTimer);
  flushTimer = undefined;
  if (pending.size === 0) return;
  let search = location.search;
  for (const [key, state] of pending) search = withUrlState(search, key, state);
  pending.clear();
  // NOTE - keep reveal's own history state object: replacing it with null confuses nothing today, but reveal
  // and the browser's scroll restoration both read it.
  history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
}

if (typeof addEventListener === 'function') addEventListener('pagehide', flushUrlState);
