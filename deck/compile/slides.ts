import type Token from 'markdown-it/lib/token.mjs';
import { isDirectiveOnly } from './directives.ts';

/** One slide's worth of top-level tokens, before any slide-level processing. */
export interface SlideDraft {
  kind: 'section' | 'content';
  /** Started by reveal's `--`: stacks under the previous slide instead of moving right. */
  vertical: boolean;
  /** 1-based line of the separator or heading that started the slide. */
  line: number;
  /** The `#`/`##` heading_open that titles the slide, if any. */
  heading?: Token;
  tokens: Token[];
}

/** The draft's place in reveal's grid. */
export interface PlacedDraft extends SlideDraft {
  h: number;
  v: number;
}

/**
 * Splits the token stream where a new slide starts: a top-level `#`/`##` heading, a top-level rule
 * (`---`), or reveal's vertical separator `--` (a paragraph of its own). Headings nested in divs or
 * lists never split. Separator tokens themselves are dropped.
 */
export function splitSlides(tokens: readonly Token[]): SlideDraft[] {
  const drafts: SlideDraft[] = [];
  let current: SlideDraft | undefined;
  const start = (vertical: boolean, line: number): SlideDraft => {
    current = { kind: 'content', vertical, line, tokens: [] };
    drafts.push(current);
    return current;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const line = (token.map?.[0] ?? 0) + 1;
    if (token.level === 0 && token.type === 'hr') {
      start(false, line);
      continue;
    }
    if (token.level === 0 && isVerticalSeparator(tokens, i)) {
      start(true, line);
      i += 2;
      continue;
    }
    if (token.level === 0 && token.type === 'heading_open' && (token.tag === 'h1' || token.tag === 'h2')) {
      // A heading right after a separator titles the slide the separator opened (keeping `--` vertical),
      // so `---` + `## Title` is one slide, not an empty one and a titled one.
      const slide = current && !hasContent(current) ? current : start(false, line);
      slide.kind = token.tag === 'h1' ? 'section' : 'content';
      slide.heading = token;
    }
    (current ?? start(false, line)).tokens.push(token);
  }
  return drafts.filter((draft) => draft.tokens.length > 0);
}

/** Gives each kept slide its reveal indices; `firstH` leaves room for a title slide. */
export function placeSlides(drafts: readonly SlideDraft[], firstH: number): PlacedDraft[] {
  const placed: PlacedDraft[] = [];
  for (const draft of drafts) {
    const previous = placed.at(-1);
    if (draft.vertical && previous) placed.push({ ...draft, h: previous.h, v: previous.v + 1 });
    else placed.push({ ...draft, h: previous ? previous.h + 1 : firstH, v: 0 });
  }
  return placed;
}

function isVerticalSeparator(tokens: readonly Token[], index: number): boolean {
  return (
    tokens[index]?.type === 'paragraph_open' &&
    tokens[index + 1]?.content.trim() === '--' &&
    tokens[index + 2]?.type === 'paragraph_close'
  );
}

/** Only `<!-- .slide: … -->` comments so far: they style the slide but do not fill it. */
function hasContent(draft: SlideDraft): boolean {
  return draft.tokens.some((token) => !(token.type === 'html_block' && isDirectiveOnly(token.content)));
}
