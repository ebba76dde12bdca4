/** `axon serve`: serve a built site locally, exactly as a static file server would. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { preview } from 'vite';
import { CliError, parsePort } from './errors.ts';
import { openInBrowser } from './open-browser.ts';

export interface ServeOptions {
  dir: string;
  port?: string;
  host?: string;
  open: boolean;
}

export async function serve(options: ServeOptions): Promise<number> {
  const dir = resolve(options.dir);
  if (!existsSync(join(dir, 'index.html'))) {
    throw new CliError(`${options.dir} has no index.html — build the site first with axon build --out ${options.dir}`);
  }
  const server = await preview({
    configFile: false,
    logLevel: 'info',
    build: { outDir: dir },
    preview: { port: parsePort(options.port) ?? 4173, host: options.host, open: false, strictPort: options.port !== undefined },
  });
  server.printUrls();
  const url = server.resolvedUrls?.local[0] ?? server.resolvedUrls?.network[0];
  if (options.open && url) void openInBrowser(url);
  await new Promise<void>((resolve) => server.httpServer.once('close', () => resolve()));
  return 0;
}
