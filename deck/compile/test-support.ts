// Shared by the *.test.ts files. Fixtures come in through Vite's `?raw` imports, so nothing under
// deck/compile touches the file system, tests included.
import { compileDeck } from './index.ts';
import type { CompileOptions, CompiledDeck, Slide } from './types.ts';

const fixtures = import.meta.glob<string>('./fixtures/*.md', { query: '?raw', import: 'default', eager: true });

export function readFixture(name: string): string {
  const text = fixtures[`./fixtures/${name}.md`];
  if (text === undefined) throw new Error(`no fixture deck/compile/fixtures/${name}.md`);
  return text;
}

/** Compiles a fixture under the path the Vite plugin would report for it. */
export function compileFixture(name: string, options?: CompileOptions): CompiledDeck {
  return compileDeck(readFixture(name), `deck/compile/fixtures/${name}.md`, options);
}

export function slideTitled(deck: CompiledDeck, title: string): Slide {
  const slide = deck.slides.find((candidate) => candidate.title === title);
  if (!slide) throw new Error(`no slide titled "${title}" in ${deck.file}`);
  return slide;
}

/** KaTeX output without the MathML `<annotation>`, which repeats the TeX source verbatim. */
export function withoutTexSource(html: string): string {
  return html.replace(/<annotation encoding="application\/x-tex">[\s\S]*?<\/annotation>/g, '');
}
