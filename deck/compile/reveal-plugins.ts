/**
 * `plugins: [search, zoom]` in the front matter: the reveal.js plugins a deck asks for, by the names reveal.js
 * ships them under. Axon bundles every one that makes sense in a deck it compiles itself (nothing is fetched from
 * a CDN), so the list only decides what the client loads on top of what it always loads.
 */

/** The plugins reveal.js ships, and what a deck that names one gets. */
export const REVEAL_PLUGINS: Readonly<Record<string, string>> = {
  notes: 'always loaded: S opens the speaker view',
  search: 'always loaded: Ctrl+Shift+F searches the slides',
  zoom: 'always loaded: Alt+click zooms in',
  highlight: 'loaded even on a deck without code blocks (otherwise only decks with code load it)',
  math: 'nothing to load: Axon renders $…$ and $$…$$ with KaTeX when the deck is compiled',
  markdown: 'nothing to load: Axon itself turns the Markdown into slides',
};

/**
 * The plugin names a deck's `plugins:` gives, lower-cased, known ones only; each unknown or malformed entry is
 * warned about (with the plugins Axon has), since a plugin that silently does not load is found out in class.
 */
export function readRevealPlugins(value: unknown, warn: (message: string, hint: string) => void): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  const known = Object.keys(REVEAL_PLUGINS);
  const names: string[] = [];
  for (const item of list) {
    const name = typeof item === 'string' ? item.trim().replace(/^reveal(?:js)?[-_.]?/i, '').toLowerCase() : '';
    if (name && name in REVEAL_PLUGINS) {
      if (!names.includes(name)) names.push(name);
      continue;
    }
    const shown = typeof item === 'string' ? `\`${item}\`` : JSON.stringify(item);
    warn(
      `unknown reveal.js plugin ${shown} in \`plugins\`: it is not loaded`,
      `Axon bundles ${known.join(', ')} (notes, search and zoom are always on); remove it, or write e.g. \`plugins: [search, zoom]\``,
    );
  }
  return names;
}
