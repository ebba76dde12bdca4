/** Which Chromium the browser tests drive: the same one `axon export` uses (see deck/cli/browser.ts). */
export { CHROMIUM_ARGS, chromiumPath } from '../deck/cli/browser.ts';
