import { buildSlide, type DeckContext } from './build-slide.ts';
import { prepareCitations, referencesSlide, resolveCitations } from './citations.ts';
import { createEnv, type CompileEnv } from './env.ts';
import { takeFootnotes } from './footnotes.ts';
import { readFrontMatter } from './front-matter.ts';
import { markdown } from './markdown.ts';
import { readDeckSettings } from './options.ts';
import { placeSlides, splitSlides } from './slides.ts';
import { setShortcodeMeta } from './shortcodes.ts';
import { attachStylesheets } from './stylesheets.ts';
import { buildTitleSlide, renderDeckFooter, repeatFooterForPrint } from './title-slide.ts';
import { DeckError, type CompileOptions, type CompiledDeck, type Diagnostic, type Slide } from './types.ts';

export { decodeDeck } from './decode.ts';
export { formatDiagnostic, renderSlides } from './render.ts';
export * from './types.ts';

/**
 * Compiles one Markdown deck (Quarto revealjs and reveal.js Markdown, freely mixed) into slides.
 * Pure: reads no files. Throws `DeckError` only when the front matter cannot be read, or when the compiler
 * itself fails on something (a bug, named at the slide's line); every other problem becomes a diagnostic
 * and the deck still compiles. Time grows in proportion to the deck's length (see `npm run bench -- --only compile`).
 */
export function compileDeck(markdownText: string, file: string, options: CompileOptions = {}): CompiledDeck {
  const where: CompileProgress = { line: 1 };
  try {
    return compile(normalizeLineEndings(markdownText), file, options, where);
  } catch (error) {
    if (error instanceof DeckError) throw error;
    // A caller (the dev server, the CLI) shows a DeckError as `file:line: …`; anything else would be a stack trace.
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new DeckError(
      file,
      where.env ? (where.env.fixedLine ?? Math.max(where.env.inlineStartLine, 0) + 1) : where.line,
      `the compiler failed here (${detail.replace(/\s+/g, ' ').slice(0, 300)})`,
      'this is a bug in Axon, please report it with this slide; until it is fixed, change the Markdown near this line',
    );
  }
}

/** CRLF (Windows) and lone CR (old Mac) line endings become LF, so every rule sees the same lines. */
export function normalizeLineEndings(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Where compiling has got to, so that an unexpected failure can name a line. */
interface CompileProgress {
  line: number;
  env?: CompileEnv;
}

function compile(markdownText: string, file: string, options: CompileOptions, where: CompileProgress): CompiledDeck {
  const frontMatter = readFrontMatter(markdownText, file);
  const diagnostics: Diagnostic[] = [];
  const settings = readDeckSettings(frontMatter, file, diagnostics);
  const md = markdown();
  const env = createEnv(file, frontMatter.body, settings.macros, diagnostics);
  setShortcodeMeta(env, frontMatter.data, options.projectMeta);
  prepareCitations(env, frontMatter.data, settings.keyLines, options);
  // While markdown-it parses, the paragraph being read is the best line to blame.
  where.env = env;

  // The title slide renders first so that its math sees the macros in document order like everything else.
  const slides: Slide[] = settings.meta.title ? [buildTitleSlide(settings, md, env)] : [];
  const drafts = placeSlides(splitSlides(takeFootnotes(md.parse(frontMatter.body, env), env)), slides.length);
  // A file with anything in it gives at least one slide, even when that is only `---` or link definitions:
  // an empty slide shows that the deck was read, where no slide at all would leave reveal.js with nothing.
  if (drafts.length === 0 && slides.length === 0 && /\S/.test(markdownText)) {
    drafts.push({ kind: 'content', vertical: false, line: 1, tokens: [], h: 0, v: 0 });
  }
  resolveCitations(drafts.map((draft) => draft.tokens), env);

  const deck: DeckContext = {
    md,
    env,
    incremental: settings.incremental,
    registeredWidgets: options.widgets ?? [],
    registered: new Set(options.widgets ?? []),
    widgetSettings: options.widgetSettings,
    checkWidgetData: options.checkWidgetData,
    usedIds: new Set(slides.length > 0 ? ['title-slide'] : []),
    nextSlugSuffix: new Map(),
    usesMermaid: false,
    usesCode: false,
    widgets: new Set(),
  };
  where.env = undefined;
  for (const draft of drafts) {
    where.line = draft.line;
    const id = draft.heading?.attrGet('id');
    if (id) deck.usedIds.add(id);
  }
  for (const draft of drafts) {
    where.line = draft.line;
    slides.push(buildSlide(draft, deck));
  }
  const references = referencesSlide(env, slides.at(-1), deck.usedIds);
  if (references) slides.push(references);
  // The logo shows on every slide; listing it with the first slide's files gets it copied and checked like an image.
  if (settings.logo) slides[0]?.assets.push({ url: settings.logo, line: settings.keyLines.logo ?? 1 });
  attachStylesheets(frontMatter.data, slides, options, { file, line: settings.keyLines.css ?? settings.keyLines.format ?? 1, diagnostics });
  const footer = renderDeckFooter(settings, md, env);
  repeatFooterForPrint(slides, footer, settings.logo);

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
    footer,
    logo: settings.logo,
    diagnostics,
  };
}
