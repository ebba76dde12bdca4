/**
 * `window.Reveal` for a slide's own `<script>`: calls made while the page is parsed (before the deck runtime has
 * made the instance) are recorded by the page's stand-in and replayed on the real instance.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RevealApi } from 'reveal.js';
import { REVEAL_STUB_SCRIPT, adoptRevealGlobal } from './reveal-global.ts';

type Win = { Reveal?: unknown };
const win = globalThis as unknown as { window?: Win };

function runStub(): Win {
  win.window = {};
  new Function('window', REVEAL_STUB_SCRIPT)(win.window);
  return win.window;
}

afterEach(() => {
  delete win.window;
});

describe('the window.Reveal stand-in', () => {
  it('records setup calls (chained too) and replays them on the deck’s instance, in order', () => {
    const page = runStub();
    const stub = page.Reveal as { on: (...a: unknown[]) => { on: (...a: unknown[]) => unknown }; configure: (o: unknown) => unknown; isReady: () => boolean };
    const listener = () => {};
    stub.on('slidechanged', listener).on('ready', listener);
    stub.configure({ controls: false });
    expect(stub.isReady()).toBe(false);

    const calls: unknown[][] = [];
    const reveal = {
      on: vi.fn((...args: unknown[]) => calls.push(['on', ...args])),
      configure: vi.fn((...args: unknown[]) => calls.push(['configure', ...args])),
    } as unknown as RevealApi;
    adoptRevealGlobal(reveal);
    expect(page.Reveal).toBe(reveal);
    expect(calls).toEqual([
      ['on', 'slidechanged', listener],
      ['on', 'ready', listener],
      ['configure', { controls: false }],
    ]);
  });

  it('says to wait for ready when asked a question it cannot answer yet', () => {
    const stub = runStub().Reveal as { getIndices: () => unknown };
    expect(() => stub.getIndices()).toThrow(/Reveal\.getIndices\(\) is not available until the deck has started: call it inside Reveal\.on\("ready"/);
  });

  it('is not mistaken for a promise', () => {
    expect((runStub().Reveal as { then?: unknown }).then).toBeUndefined();
  });

  it('a page without the stand-in still gets window.Reveal', () => {
    win.window = {};
    const reveal = { on: vi.fn() } as unknown as RevealApi;
    adoptRevealGlobal(reveal);
    expect(win.window.Reveal).toBe(reveal);
  });
});
