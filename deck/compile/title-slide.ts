import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { CompileEnv } from './env.ts';
import type { DeckSettings } from './options.ts';
import { plainText } from './text.ts';
import type { Slide } from './types.ts';

/** The slide Quarto makes from front matter: title, then subtitle, authors and date when present. */
export function buildTitleSlide(settings: DeckSettings, md: MarkdownIt, env: CompileEnv): Slide {
  const { meta, keyLines } = settings;
  // Front-matter values may hold Markdown and math; problems in them are reported at their key's line.
  const parse = (key: string, text: string): Token[] => {
    env.fixedLine = keyLines[key] ?? 1;
    try {
      return md.parseInline(text, env);
    } finally {
      env.fixedLine = undefined;
    }
  };
  const render = (key: string, text: string): string => md.renderer.render(parse(key, text), md.options, env);
  const titleTokens = parse('title', meta.title);
  let html = `<h1 class="title">${md.renderer.render(titleTokens, md.options, env)}</h1>\n`;
  if (meta.subtitle) html += `<p class="subtitle">${render('subtitle', meta.subtitle)}</p>\n`;
  if (meta.author) html += `<p class="author">${render('author', meta.author)}</p>\n`;
  if (meta.date) html += `<p class="date">${render('date', meta.date)}</p>\n`;
  return {
    h: 0,
    v: 0,
    kind: 'title',
    title: plainText(titleTokens),
    html,
    notes: '',
    // 'center': reveal.js centres this slide vertically even though content slides start at the top.
    attrs: { id: 'title-slide', class: 'axon-title-slide center' },
    fragments: [],
    widgets: [],
    assets: [],
    source: { file: env.file, line: keyLines.title ?? 1 },
  };
}
