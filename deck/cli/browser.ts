/**
 * Which Chromium Axon drives (`axon export` and the browser tests). Nothing here downloads a browser:
 * CHROMIUM_PATH if set, else a Chromium or Chrome on PATH, else Playwright's own browser if one happens
 * to be installed.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

/** The executable `name` found on PATH, or undefined. */
export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The Chromium executable to launch, or undefined to let Playwright use its own. */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  for (const name of CANDIDATES) {
    const found = onPath(name);
    if (found) return found;
  }
  return undefined;
}

/**
 * Flags for a headless Chromium on a closed network: no sandbox (CI runs as root), no background
 * calls home (they are refused here and would only add noise), and a software WebGPU adapter so the
 * engine's WebGPU path can be tested on machines without a GPU.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];
