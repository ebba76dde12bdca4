import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { CompileEnv } from './env.ts';
import type { Author, DeckSettings } from './options.ts';
import { escapeHtml, plainText } from './text.ts';
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
  if (settings.authors.some((author) => author.affiliations.length > 0 || author.email || author.orcid)) {
    html += authorBlock(settings.authors, (text) => render('author', text));
  } else if (meta.author) html += `<p class="author">${render('author', meta.author)}</p>\n`;
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

/**
 * Authors with their affiliations, e-mail and ORCID, in the markup (and class names) of Quarto's revealjs title
 * slide, so that a Quarto theme's CSS for `.quarto-title-author` keeps working.
 */
function authorBlock(authors: readonly Author[], render: (text: string) => string): string {
  const cards = authors.map((author) => {
    const orcid = author.orcid
      ? ` <a class="quarto-title-author-orcid" href="https://orcid.org/${escapeHtml(author.orcid)}" aria-label="ORCID ${escapeHtml(author.orcid)}">iD</a>`
      : '';
    const name = author.url ? `<a href="${escapeHtml(author.url)}">${render(author.name)}</a>` : render(author.name);
    const email = author.email
      ? `<div class="quarto-title-author-email"><a href="mailto:${escapeHtml(author.email)}">${escapeHtml(author.email)}</a></div>\n`
      : '';
    const affiliations = author.affiliations.map((affiliation) => `<p class="quarto-title-affiliation">${render(affiliation)}</p>\n`).join('');
    return `<div class="quarto-title-author">\n<div class="quarto-title-author-name">${name}${orcid}</div>\n${email}${affiliations}</div>\n`;
  });
  return `<div class="quarto-title-authors author">\n${cards.join('')}</div>\n`;
}

/** The deck's `footer:` as inline HTML (Markdown and math allowed), problems reported at the key's line. */
export function renderDeckFooter(settings: DeckSettings, md: MarkdownIt, env: CompileEnv): string {
  if (!settings.footer) return '';
  env.fixedLine = settings.keyLines.footer ?? settings.keyLines.format ?? 1;
  try {
    return md.renderer.render(md.parseInline(settings.footer, env), md.options, env);
  } finally {
    env.fixedLine = undefined;
  }
}

/**
 * reveal's print view lays every slide on a page of its own, where the deck's footer and logo (outside the
 * slides, deck/vite/pages.ts) would show once at most. So each slide carries a copy that only print shows
 * (assets/theme/quarto-text.css) — except a slide with its own `::: footer`, which shows that one instead.
 */
export function repeatFooterForPrint(slides: readonly Slide[], footer: string, logo: string): void {
  if (!footer && !logo) return;
  const copy =
    (footer ? `<div class="axon-print-footer" aria-hidden="true"><p>${footer}</p></div>\n` : '') +
    (logo ? `<img class="axon-print-logo" src="${escapeHtml(logo)}" alt="">\n` : '');
  for (const slide of slides) {
    const ownFooter = (slide.attrs.class ?? '').split(/\s+/).includes('has-footer');
    slide.html += ownFooter ? copy.replace(/<div class="axon-print-footer"[^]*?<\/div>\n/, '') : copy;
  }
}
