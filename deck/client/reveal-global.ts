/**
 * `window.Reveal`: the deck's reveal.js instance under the name reveal.js snippets use (`Reveal.on('slidechanged',
 * …)`, `Reveal.getIndices()`), so a Quarto or reveal.js deck's own `<script>` works unchanged.
 *
 * NOTE - a `<script>` on a slide runs while the page is parsed, before the deck runtime (a module, so deferred)
 * has made the instance. The page therefore starts with a small stand-in (REVEAL_STUB_SCRIPT, inlined in the
 * page's head by deck/vite/pages.ts) that records the calls that set things up (`on`, `configure`, …) and replays
 * them on the real instance before it starts, so `Reveal.on('ready', …)` hears the deck become ready. A call that
 * asks for an answer (`getIndices()`) cannot be answered yet: it throws, saying to wait for `ready`.
 */
import type { RevealApi } from 'reveal.js';

/** The methods the stand-in records; each returns the stand-in, so chained calls work. */
const RECORDED = ['on', 'off', 'addEventListener', 'removeEventListener', 'configure', 'addKeyBinding', 'removeKeyBinding'];

/** The stand-in, as a classic script for the page's head (it must run before any slide's own script). */
export const REVEAL_STUB_SCRIPT = `(function(){var q=[],ok=${JSON.stringify(RECORDED)};var stub=new Proxy({},{get:function(_,k){if(k==='__axonQueue')return q;if(k==='isReady')return function(){return false;};if(typeof k!=='string'||k==='then'||k==='toJSON')return undefined;return function(){if(ok.indexOf(k)<0)throw new Error('Reveal.'+k+'() is not available until the deck has started: call it inside Reveal.on("ready", function () { … })');q.push([k,Array.prototype.slice.call(arguments)]);return stub;};}});window.Reveal=stub;})();`;

type Recorded = Array<[string, unknown[]]>;

declare global {
  interface Window {
    /** The deck's reveal.js instance (a stand-in that records setup calls until the deck starts). */
    Reveal?: RevealApi;
  }
}

/** Makes `reveal` the page's `window.Reveal`, replaying what slide scripts asked of the stand-in. */
export function adoptRevealGlobal(reveal: RevealApi): void {
  const stub = window.Reveal as (RevealApi & { __axonQueue?: Recorded }) | undefined;
  const recorded = stub?.__axonQueue ?? [];
  window.Reveal = reveal;
  const methods = reveal as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const [name, args] of recorded) {
    try {
      methods[name]?.apply(reveal, args);
    } catch (error) {
      // One broken snippet must not stop the deck; the console says which call failed.
      console.error(`Axon: a slide's Reveal.${name}(…) failed:`, error);
    }
  }
}
