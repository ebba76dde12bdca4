import type Token from 'markdown-it/lib/token.mjs';
import { addClasses, hasClass, removeAttribute } from './attributes.ts';
import { closingIndexes, DIV_OPEN, htmlToken } from './divs.ts';
import type { CompileEnv } from './env.ts';
import { blockLine } from './lines.ts';
import { escapeHtml } from './text.ts';

/*
 * Quarto's `::: {.panel-tabset}`: the first heading directly inside the div sets the level, and every heading of
 * that level starts a tab titled by it (Quarto's panel-tabset filter reads it the same way). The div becomes the
 * WAI-ARIA Tabs pattern (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/):
 *
 *   <div class="panel-tabset" data-axon-tabset>
 *     <div role="tablist"><button role="tab" id=… aria-controls=… aria-selected="true" tabindex="0">A</button>…</div>
 *     <div role="tabpanel" id=… aria-labelledby=… tabindex="0"><h3 class="axon-tab-heading">A</h3>…</div>
 *     …
 *   </div>
 *
 * Every panel keeps its heading and none is hidden here: without the client (deck/client/tabsets.ts) — or on
 * paper, where every tab must be printed under its title — the tabset reads as stacked sections, and the theme
 * hides the tab buttons until the client takes the tabset over.
 */

/** What expanding one slide's tabsets needs from the deck. */
export interface TabsetContext {
  env: CompileEnv;
  /** Ids taken anywhere in the deck; the ids made here are added, so they stay unique across slides. */
  usedIds: Set<string>;
  /** Prefix for the ids of tabsets without their own `#id`; unique per slide (e.g. `tabset-3-1` for slide 3, 1). */
  idPrefix: string;
  /** Line of the slide, for tokens markdown-it gave no map. */
  slideLine: number;
}

const TABSET_CLASS = 'panel-tabset';

/** The layout of one tabset in the token list: where it opens and closes, and the headings that start tabs. */
interface TabsetShape {
  open: number;
  close: number;
  /** Indexes of the `heading_open` tokens that start each tab. */
  headings: number[];
}

/**
 * Rewrites every `panel-tabset` div in one slide's tokens into tabs. Returns a new list (one pass, so a slide
 * of many tabsets stays linear); a tabset without headings is left as a plain div and reported.
 */
export function expandTabsets(tokens: readonly Token[], context: TabsetContext): Token[] {
  const closes = closingIndexes(tokens);
  const before = new Map<number, Token[]>();
  const after = new Map<number, Token[]>();
  const add = (map: Map<number, Token[]>, index: number, added: Token[]): void => {
    map.set(index, [...(map.get(index) ?? []), ...added]);
  };

  let count = 0;
  tokens.forEach((token, open) => {
    if (token.type !== DIV_OPEN || !hasClass(token, TABSET_CLASS)) return;
    const close = closes[open]!;
    const shape: TabsetShape = { open, close: close === -1 ? tokens.length : close, headings: tabHeadings(tokens, open, closes) };
    const line = blockLine(token, context.slideLine);
    if (shape.headings.length === 0) {
      warn(context, line, 'this `panel-tabset` has no headings, so it shows as one block with no tabs', 'start each tab with a heading inside the div, e.g. `### Tab A`');
      return;
    }
    const first = shape.headings[0]!;
    if (hasContentBetween(tokens, open + 1, first)) {
      warn(
        context,
        line,
        'the `panel-tabset` opened here has content before its first heading; it is shown above the tabs, in no tab (Quarto drops it)',
        'move it under a tab heading, or out of the tabset',
      );
    }
    const id = tabsetId(token, context, ++count);
    const tabIds = shape.headings.map((_, index) => reserve(context, `${id}-tab-${index + 1}`));
    const panelIds = shape.headings.map((_, index) => reserve(context, `${id}-panel-${index + 1}`));

    addClasses(token, ['axon-tabset']);
    token.attrSet('data-axon-tabset', '');
    const group = token.attrGet('group');
    if (group !== null) {
      // Quarto's `group="language"`: tabsets of one group switch together (by tab title), in the client.
      removeAttribute(token, 'group');
      token.attrSet('data-tabset-group', group);
    }

    const tablist: Token[] = [htmlToken('<div class="axon-tablist" role="tablist">\n')];
    shape.headings.forEach((heading, index) => {
      const selected = index === 0;
      tablist.push(
        htmlToken(
          `<button type="button" class="axon-tab" role="tab" id="${escapeHtml(tabIds[index]!)}" ` +
            `aria-controls="${escapeHtml(panelIds[index]!)}" aria-selected="${selected}" tabindex="${selected ? 0 : -1}">`,
        ),
        // The heading's own inline token: a title with math or code reads the same on the tab as in the panel.
        tokens[heading + 1]!,
        htmlToken('</button>\n'),
      );
      addClasses(tokens[heading]!, ['axon-tab-heading']);
      const panelOpen = htmlToken(
        `<div class="axon-tabpanel" role="tabpanel" id="${escapeHtml(panelIds[index]!)}" ` +
          `aria-labelledby="${escapeHtml(tabIds[index]!)}" tabindex="0">\n`,
      );
      add(before, heading, index === 0 ? [panelOpen] : [htmlToken('</div>\n'), panelOpen]);
    });
    tablist.push(htmlToken('</div>\n'));
    add(after, open, tablist);
    add(before, shape.close, [htmlToken('</div>\n')]);
  });

  if (before.size === 0 && after.size === 0) return [...tokens];
  const result: Token[] = [];
  for (let i = 0; i <= tokens.length; i++) {
    const inserted = before.get(i);
    if (inserted) result.push(...inserted);
    if (i === tokens.length) break;
    result.push(tokens[i]!);
    const appended = after.get(i);
    if (appended) result.push(...appended);
  }
  return result;
}

/**
 * The headings directly inside the div (not inside a nested div, list or callout) at the level of the first
 * one: as in Quarto, a deeper heading stays inside its tab, and a shallower one after the first also starts a
 * tab only if it has the same level.
 */
function tabHeadings(tokens: readonly Token[], open: number, closes: Int32Array): number[] {
  const headings: number[] = [];
  let level: string | undefined;
  const end = closes[open] === -1 ? tokens.length : closes[open]!;
  for (let i = open + 1; i < end; i++) {
    const token = tokens[i]!;
    if (token.type === 'heading_open' && tokens[i + 1]?.type === 'inline') {
      level ??= token.tag;
      if (token.tag === level) headings.push(i);
    }
    // Skip whatever this token opens (a nested div, list, table…): only direct children start tabs.
    if (token.nesting === 1 && token.type !== 'heading_open' && closes[i]! > i) i = closes[i]!;
  }
  return headings;
}

/** True when anything a reader would see lies between the two indexes (blank html blocks do not count). */
function hasContentBetween(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (!(token.type === 'html_block' && token.content.trim() === '')) return true;
  }
  return false;
}

/** The tabset's own `#id` if it has one, else the next free `<prefix>-<n>`. */
function tabsetId(token: Token, context: TabsetContext, count: number): string {
  const own = token.attrGet('id');
  if (own) {
    context.usedIds.add(own);
    return own;
  }
  return reserve(context, `${context.idPrefix}-${count}`);
}

/** `id` itself, or `id-2`, `id-3`… if it is taken (a slide or heading of the same name). */
function reserve(context: TabsetContext, id: string): string {
  let candidate = id;
  for (let n = 2; context.usedIds.has(candidate); n++) candidate = `${id}-${n}`;
  context.usedIds.add(candidate);
  return candidate;
}

function warn(context: TabsetContext, line: number, message: string, hint: string): void {
  context.env.diagnostics.push({ file: context.env.file, line, severity: 'warning', kind: 'markdown', message, hint });
}
