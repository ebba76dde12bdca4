/**
 * `npm test` checks first that this machine has what the tests drive — a Chromium and poppler's PDF tools — and
 * otherwise stops with one line saying what to install, instead of Playwright's advice to download a browser
 * (which cannot work on a machine that reaches only the npm registry and Debian's packages).
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath, onPath } from './browser.ts';

/** What is missing for the tests, as the Debian packages that provide it; empty when nothing is. */
export function missingTestTools(): string[] {
  const missing: string[] = [];
  const browser = chromiumPath() ?? (existsSync(chromium.executablePath()) ? chromium.executablePath() : undefined);
  if (!browser) missing.push('chromium');
  if (['pdftoppm', 'pdfinfo', 'pdftotext', 'pdftohtml'].some((tool) => !onPath(tool))) missing.push('poppler-utils');
  return missing;
}

// Run as a script (`npm test`'s first step): stop with one line when something is missing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const missing = missingTestTools();
  if (missing.length > 0) {
    console.error(
      `npm test: this machine lacks ${missing.join(' and ')}, which the tests need — install Debian's ` +
        `(sudo apt-get install ${missing.join(' ')}), or set CHROMIUM_PATH to a Chromium or Chrome already installed`,
    );
    process.exit(1);
  }
}
