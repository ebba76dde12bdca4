import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './e2e/browser.ts';

/** Port of the static server the tests read the built site from. */
const PORT = Number(process.env.AXON_E2E_PORT ?? 4599);
// One site folder per port, so two test runs side by side do not build over each other.
const SITE = `.axon-cache/e2e-site-${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1280, height: 720 },
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: 'off',
  },
  webServer: {
    // The tests read the site as a user would get it: built by `axon build`, served statically. The sample
    // lectures are the site root; the problem decks are built under /problems/ to exercise --base.
    command: [
      `node bin/axon.js build slides --out ${SITE}`,
      `node bin/axon.js build e2e/fixtures/problems --out ${SITE}/problems --base /problems/`,
      `node bin/axon.js build e2e/fixtures/quarto --out ${SITE}/quarto --base /quarto/`,
      `node bin/axon.js serve ${SITE} --port ${PORT} --host 127.0.0.1`,
    ].join(' && '),
    url: `http://127.0.0.1:${PORT}/index.html`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
