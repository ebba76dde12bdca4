import { LineCounter, YAMLMap, isMap, isScalar, parseDocument, visit, type Document } from 'yaml';
import { DeckError } from './types.ts';

export interface FrontMatter {
  /** The YAML mapping as plain data ({} when the deck has no front matter). */
  data: Record<string, unknown>;
  /** 1-based file line of each top-level key, so later diagnostics can point at it. */
  keyLines: Record<string, number>;
  /**
   * The deck text with the front matter replaced by as many blank lines, so every markdown-it `map`
   * is a real file line.
   */
  body: string;
}

const FENCE_OPEN = /^---\s*$/;
const FENCE_CLOSE = /^(---|\.\.\.)\s*$/;

/*
 * Limits that keep the YAML reader out of trouble. A real deck's front matter is a few hundred bytes. The
 * `yaml` package checks every key against every earlier one (64 KB of keys: about a second), and brackets
 * nested a few thousand deep overflow its parser's stack in a way that can end the whole process.
 */
const MAX_FRONT_MATTER = 64 * 1024;
const MAX_BRACKET_DEPTH = 64;
const FIX_YAML = 'fix the YAML between the two `---` lines';

/**
 * Splits off and parses the YAML block at the very top. As in Pandoc, a `---` followed by a blank line
 * (or never closed) is a slide separator, not front matter, so a reveal.js deck that starts with `---` works.
 */
export function readFrontMatter(markdown: string, file: string): FrontMatter {
  const lines = markdown.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines[0] ?? '';
  const second = lines[1];
  if (!FENCE_OPEN.test(first) || second === undefined || second.trim() === '') {
    return { data: {}, keyLines: {}, body: lines.join('\n') };
  }
  const closeIndex = lines.findIndex((line, i) => i > 0 && FENCE_CLOSE.test(line));
  // Without a closing line it is no YAML block (Pandoc agrees): the `---` is a rule before the first slide.
  if (closeIndex === -1) return { data: {}, keyLines: {}, body: lines.join('\n') };

  const yamlText = lines.slice(1, closeIndex).join('\n');
  checkLimits(yamlText, file);
  const lineCounter = new LineCounter();
  // YAML counts from its own first line; the opening `---` sits one line above it.
  const fileLine = (offset: number): number => lineCounter.linePos(offset).line + 1;
  let yamlDocument: Document.Parsed;
  try {
    yamlDocument = parseDocument(yamlText, { lineCounter, prettyErrors: true });
  } catch (error) {
    throw new DeckError(file, 2, `front matter cannot be read: ${messageOf(error)}`, FIX_YAML);
  }
  const firstError = yamlDocument.errors[0];
  if (firstError) {
    const yamlLine = firstError.linePos?.[0].line ?? 1;
    // The message ends with YAML's own position ("at line 2, column 1:"), which would contradict ours.
    const detail = (firstError.message.split('\n')[0] ?? '').replace(/\s*at line \d+, column \d+:?\s*$/, '');
    const reason = `front matter is not valid YAML: ${detail}`;
    throw new DeckError(file, yamlLine + 1, reason, FIX_YAML);
  }

  const contents = yamlDocument.contents;
  if (contents !== null && !isMap(contents)) {
    throw new DeckError(
      file,
      fileLine(contents.range?.[0] ?? 0),
      'front matter is not a mapping',
      'write it as `key: value` lines, e.g. `title: My lecture`',
    );
  }

  let data: Record<string, unknown> = {};
  try {
    data = ((contents ? yamlDocument.toJS() : {}) as Record<string, unknown> | null) ?? {};
  } catch (error) {
    // `toJS` is where aliases are expanded: a "billion laughs" alias bomb, or an alias to no anchor.
    const aliasLine = firstAliasOffset(yamlDocument);
    const line = aliasLine === undefined ? 2 : fileLine(aliasLine);
    if (/alias/i.test(messageOf(error))) {
      throw new DeckError(file, line, `front matter has YAML aliases that cannot be used (${messageOf(error)})`, 'write the values out instead of `&anchor` and `*alias`');
    }
    throw new DeckError(file, line, `front matter cannot be read: ${messageOf(error)}`, FIX_YAML);
  }
  const blankedFrontMatter = new Array<string>(closeIndex + 1).fill('');
  return {
    data,
    keyLines: keyLinesOf(contents, lineCounter),
    body: [...blankedFrontMatter, ...lines.slice(closeIndex + 1)].join('\n'),
  };
}

function keyLinesOf(map: YAMLMap | null, lineCounter: LineCounter): Record<string, number> {
  const keyLines: Record<string, number> = {};
  for (const pair of map?.items ?? []) {
    if (isScalar(pair.key) && pair.key.range) {
      keyLines[String(pair.key.value)] = lineCounter.linePos(pair.key.range[0]).line + 1;
    }
  }
  return keyLines;
}

function checkLimits(yamlText: string, file: string): void {
  if (yamlText.length > MAX_FRONT_MATTER) {
    const size = `${Math.round(yamlText.length / 1024)} KB`;
    throw new DeckError(file, 2, `front matter is ${size}, more than the ${MAX_FRONT_MATTER / 1024} KB Axon reads`, 'move long text into the slides');
  }
  let depth = 0;
  let line = 2;
  for (const character of yamlText) {
    if (character === '\n') line++;
    else if (character === '[' || character === '{') depth++;
    else if ((character === ']' || character === '}') && depth > 0) depth--;
    if (depth > MAX_BRACKET_DEPTH) {
      throw new DeckError(file, line, `front matter nests brackets more than ${MAX_BRACKET_DEPTH} deep`, 'write the value with fewer `[` and `{` inside each other');
    }
  }
}

function firstAliasOffset(document: Document.Parsed): number | undefined {
  let offset: number | undefined;
  visit(document, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}
