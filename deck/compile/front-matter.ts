import { LineCounter, YAMLMap, isMap, isScalar, parseDocument } from 'yaml';
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
  const lineCounter = new LineCounter();
  const yamlDocument = parseDocument(yamlText, { lineCounter, prettyErrors: true });
  const firstError = yamlDocument.errors[0];
  if (firstError) {
    // YAML counts from its own first line; the opening `---` sits one line above it.
    const yamlLine = firstError.linePos?.[0].line ?? 1;
    // The message ends with YAML's own position ("at line 2, column 1:"), which would contradict ours.
    const detail = (firstError.message.split('\n')[0] ?? '').replace(/\s*at line \d+, column \d+:?\s*$/, '');
    const reason = `front matter is not valid YAML: ${detail}`;
    throw new DeckError(file, yamlLine + 1, reason, 'fix the YAML between the two `---` lines');
  }

  const contents = yamlDocument.contents;
  if (contents !== null && !isMap(contents)) {
    const offset = contents.range?.[0] ?? 0;
    throw new DeckError(
      file,
      lineCounter.linePos(offset).line + 1,
      'front matter is not a mapping',
      'write it as `key: value` lines, e.g. `title: My lecture`',
    );
  }

  const data = (contents ? yamlDocument.toJS() : {}) as Record<string, unknown>;
  const blankedFrontMatter = new Array<string>(closeIndex + 1).fill('');
  return {
    data: data ?? {},
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
