import { buildSlide, type DeckContext } from './build-slide.ts';
import { createEnv } from './env.ts';
import { readFrontMatter } from './front-matter.ts';
import { markdown } from './markdown.ts';
import { readDeckSettings } from './options.ts';
import { placeSlides, splitSlides } from './slides.ts';
import { buildTitleSlide } from './title-slide.ts';
import type { CompileOptions, CompiledDeck, Diagnostic, Slide } from './types.ts';

export { formatDiagnostic, renderSlides } from './render.ts';
export * from './types.ts';

/**
 * Compiles one Markdown deck (Quarto revealjs and reveal.js Markdown, freely mixed) into slides.
 * Pure: reads no files. Throws `DeckError` only when the front matter cannot be read; every other problem
 * becomes a diagnostic and the deck still compiles.
 */
export function compileDeck(markdownText: string, file: string, options: CompileOptions = {}): CompiledDeck {
  const frontMatter = readFrontMatter(markdownText, file);
  const diagnostics: Diagnostic[] = [];
  const settings = readDeckSettings(frontMatter, file, diagnostics);
  const md = markdown();
  const env = createEnv(file, frontMatter.body, settings.macros, diagnostics);

  // The title slide renders first so that its math sees the macros in document order like everything else.
  const slides: Slide[] = settings.meta.title ? [buildTitleSlide(settings, md, env)] : [];
  const drafts = placeSlides(splitSlides(md.parse(frontMatter.body, env)), slides.length);

  const deck: DeckContext = {
    md,
    env,
    incremental: settings.incremental,
    registeredWidgets: options.widgets ?? [],
    registered: new Set(options.widgets ?? []),
    usedIds: new Set(slides.length > 0 ? ['title-slide'] : []),
    usesMermaid: false,
    usesCode: false,
    widgets: new Set(),
  };
  for (const draft of drafts) {
    const id = draft.heading?.attrGet('id');
    if (id) deck.usedIds.add(id);
  }
  for (const draft of drafts) slides.push(buildSlide(draft, deck));

  diagnostics.sort((a, b) => a.line - b.line);
  return {
    file,
    meta: settings.meta,
    revealOptions: settings.revealOptions,
    theme: settings.theme,
    backend: settings.backend,
    slides,
    widgets: [...deck.widgets],
    usesMermaid: deck.usesMermaid,
    usesCode: deck.usesCode,
    diagnostics,
  };
}
