import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { isMermaid } from './code.ts';
import { applyElementDirectives, takeSlideDirectives } from './directives.ts';
import { expandCallouts } from './divs.ts';
import { appendFootnotes } from './footnotes.ts';
import type { CompileEnv } from './env.ts';
import { collectFragments, markIncrementalLists, renameFragmentIndex, wrapPauses } from './fragments.ts';
import { decodeAttributeValue, type HtmlTag } from './html-scan.ts';
import { htmlAssetUrls, isLocalAsset, makeFigures, sizeImage } from './images.ts';
import { blockLine, lineOf } from './lines.ts';
import { takeNotes } from './notes.ts';
import { SectionAttributes } from './section-attributes.ts';
import { arrangeQuartoBlocks } from './quarto-layout.ts';
import type { PlacedDraft } from './slides.ts';
import { expandTabsets } from './tabsets.ts';
import { newlineCounter, plainText, slugify } from './text.ts';
import type { CompileOptions, Slide } from './types.ts';
import { checkWidgetAttributes } from './widget-attributes.ts';
import { findCustomElements, markUnknownWidgets, unknownWidgetHint } from './widgets.ts';

/** What building one slide needs from, and reports back to, the whole deck. */
export interface DeckContext {
  md: MarkdownIt;
  env: CompileEnv;
  incremental: boolean;
  registeredWidgets: readonly string[];
  registered: ReadonlySet<string>;
  /** Registered widgets' settings tables, by tag, to check each use's attributes against (CompileOptions). */
  widgetSettings?: CompileOptions['widgetSettings'];
  /** The check of data widgets' CSV files (CompileOptions). */
  checkWidgetData?: CompileOptions['checkWidgetData'];
  /** Ids taken so far (explicit ones are reserved up front), so slugs can avoid them. */
  usedIds: Set<string>;
  /** Per slug, the suffix to try next: twenty thousand `## Exercise` slides must not count up from 2 each time. */
  nextSlugSuffix: Map<string, number>;
  usesMermaid: boolean;
  usesCode: boolean;
  /** Registered widgets seen anywhere, in order of first use. */
  widgets: Set<string>;
}

export function buildSlide(draft: PlacedDraft, deck: DeckContext): Slide {
  const tokens = [...draft.tokens];
  // 'center': reveal.js centres a slide vertically when it has this class, even with the deck's center: false.
  const section = new SectionAttributes(draft.kind === 'section' ? ['axon-section-slide', 'center'] : []);
  const headingInline = draft.heading ? tokens[tokens.indexOf(draft.heading) + 1] : undefined;
  const title = headingInline ? plainText([headingInline]) : '';

  for (const directive of takeSlideDirectives(tokens, draft.line)) section.addDirective(directive);
  if (draft.heading) section.takeFromHeading(draft.heading, blockLine(draft.heading, draft.line));
  const slug = section.id || !title ? undefined : uniqueSlug(title, deck);
  if (slug) section.id = slug;
  if (section.id) deck.usedIds.add(section.id);

  applyElementDirectives(tokens);
  const noteTokens = expandCallouts(takeNotes(tokens));
  section.addDirective({ classes: arrangeQuartoBlocks(tokens), attributes: [], line: draft.line });
  const slideTokens = expandTabsets(expandCallouts(tokens), { env: deck.env, usedIds: deck.usedIds, idPrefix: `tabset-${draft.h}-${draft.v}`, slideLine: draft.line });
  const assets = [...section.assets];
  const widgets = new Set<string>();
  for (const part of [slideTokens, noteTokens]) {
    makeFigures(part);
    inspect(part, deck, draft.line, assets, widgets);
  }
  markIncrementalLists(slideTokens, deck.incremental);
  const content = wrapPauses(slideTokens);
  // After the pauses: a slide's footnotes show from its first step, as in Quarto.
  appendFootnotes(content, deck.env);
  appendFootnotes(noteTokens, deck.env);

  return {
    h: draft.h,
    v: draft.v,
    kind: draft.kind,
    title,
    html: deck.md.renderer.render(content, deck.md.options, deck.env),
    notes: noteTokens.length > 0 ? deck.md.renderer.render(noteTokens, deck.md.options, deck.env) : '',
    attrs: section.toRecord(),
    fragments: collectFragments(content),
    widgets: [...widgets],
    assets,
    source: { file: deck.env.file, line: draft.line },
  };
}

/** One pass over every token: image sizes, assets, widgets, and which client libraries the deck needs. */
function inspect(tokens: readonly Token[], deck: DeckContext, slideLine: number, assets: Slide['assets'], widgets: Set<string>): void {
  const visit = (token: Token, line: number): void => {
    renameFragmentIndex(token);
    if (token.type === 'image') {
      sizeImage(token);
      const src = token.attrGet('src') ?? '';
      if (isLocalAsset(src)) assets.push({ url: src, line: lineOf(token) ?? line });
    } else if (token.type === 'html_block' || token.type === 'html_inline') {
      const htmlLine = token.type === 'html_block' ? line : (lineOf(token) ?? line);
      const newlinesBefore = newlineCounter(token.content);
      for (const { url, offset } of htmlAssetUrls(token.content)) {
        assets.push({ url, line: htmlLine + newlinesBefore(offset) });
      }
      inspectWidgets(token, htmlLine, newlinesBefore, deck, widgets);
    } else if (token.type === 'fence' || token.type === 'code_block') {
      if (isMermaid(token)) deck.usesMermaid = true;
      else deck.usesCode = true;
    }
    for (const child of token.children ?? []) visit(child, line);
  };
  for (const token of tokens) visit(token, blockLine(token, slideLine));
}

/** A data widget's CSV problems, each at the line of the attribute it concerns (or of the tag). */
function checkData(element: HtmlTag, line: number, newlinesBefore: (offset: number) => number, deck: DeckContext): void {
  if (!deck.checkWidgetData) return;
  const value = (name: string) => {
    const found = element.attributes.find((attribute) => attribute.name === name);
    return found && decodeAttributeValue(found.value);
  };
  for (const problem of deck.checkWidgetData(element.name, value)) {
    const offset = element.attributes.find((attribute) => attribute.name === problem.attribute)?.offset ?? element.start;
    const at = { file: deck.env.file, line: line + newlinesBefore(offset) };
    deck.env.diagnostics.push({ ...at, severity: 'error', kind: 'widget data', message: problem.message, hint: problem.hint });
  }
}

function inspectWidgets(token: Token, line: number, newlinesBefore: (offset: number) => number, deck: DeckContext, widgets: Set<string>): void {
  let unknown = false;
  for (const { tag, offset, element } of findCustomElements(token.content)) {
    widgets.add(tag);
    if (deck.registered.has(tag)) {
      deck.widgets.add(tag);
      const settings = deck.widgetSettings?.[tag];
      for (const finding of settings ? checkWidgetAttributes(element, settings) : []) {
        const at = { file: deck.env.file, line: line + newlinesBefore(finding.offset) };
        deck.env.diagnostics.push({ ...at, severity: 'warning', kind: 'widget attribute', message: finding.message, hint: finding.hint });
      }
      checkData(element, line, newlinesBefore, deck);
      continue;
    }
    unknown = true;
    deck.env.diagnostics.push({
      file: deck.env.file,
      line: line + newlinesBefore(offset),
      severity: 'warning',
      kind: 'unknown widget',
      message: `<${tag}> is not a registered widget`,
      hint: unknownWidgetHint(deck.registeredWidgets, tag),
    });
  }
  if (unknown) token.content = markUnknownWidgets(token.content, deck.registered);
}

/**
 * `exercise`, then `exercise-2`, `exercise-3`, … skipping ids already taken. Ids are never given back, so the
 * search for a base can resume where it last stopped instead of starting again from 2.
 */
function uniqueSlug(title: string, deck: DeckContext): string | undefined {
  const base = slugify(title);
  if (!base) return undefined;
  let n = deck.nextSlugSuffix.get(base) ?? 2;
  let id = deck.usedIds.has(base) ? `${base}-${n}` : base;
  while (deck.usedIds.has(id)) id = `${base}-${++n}`;
  if (id !== base) deck.nextSlugSuffix.set(base, n + 1);
  deck.usedIds.add(id);
  return id;
}
