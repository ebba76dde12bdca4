/** `axon dev`: the live-reloading dev server for writing and presenting decks. */
import { createServer } from 'vite';
import { widgetTags } from '../../components/registry.ts';
import { axonViteConfig } from '../vite/config.ts';
import { DeckSite } from '../vite/site.ts';
import { parsePort } from './errors.ts';
import { openInBrowser } from './open-browser.ts';

export interface DevOptions {
  path: string;
  port?: string;
  host?: string;
  open: boolean;
}

export async function dev(options: DevOptions): Promise<number> {
  const site = new DeckSite(options.path, widgetTags);
  const server = await createServer({
    ...axonViteConfig(site),
    configFile: false,
    server: { port: parsePort(options.port), host: options.host, open: false, fs: { allow: [site.root] } },
  });
  await server.listen();
  server.printUrls();
  const decks = site.decks.map((d) => d.name).join(', ');
  server.config.logger.info(`  Decks: ${decks} — save a deck's .md (or .qmd) file and the open deck updates in place.`);
  const url = server.resolvedUrls?.local[0] ?? server.resolvedUrls?.network[0];
  if (options.open && url) void openInBrowser(url, (line) => server.config.logger.info(line));
  await new Promise<void>((resolve) => server.httpServer?.once('close', () => resolve()));
  return 0;
}
