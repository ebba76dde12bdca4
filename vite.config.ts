// Lets plain `npx vite` / `npx vite build` serve or build slides/ the same way `axon dev` / `axon build` do.
import { defineConfig } from 'vite';
import { widgetTags } from './components/registry.ts';
import { axonViteConfig } from './deck/vite/config.ts';
import { DeckSite } from './deck/vite/site.ts';

export default defineConfig(() => axonViteConfig(new DeckSite('slides', widgetTags)));
