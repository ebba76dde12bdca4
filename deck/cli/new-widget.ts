/**
 * `axon new widget TAG [FOLDER]`: writes FOLDER/widgets/TAG.ts (FOLDER: the decks' folder, default slides/) from
 * the commented template (widget-template.ts). It never overwrites a file, and refuses a tag that is not one or
 * that a built-in widget has, before writing anything.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LOCAL_WIDGETS_FOLDER, LOCAL_WIDGET_EXTENSIONS, TAG_RULE, isLocalWidgetTag, suggestedTag } from '../vite/local-widgets.ts';
import { displayPath, isDeckName } from '../vite/deck-files.ts';
import { CliError } from './errors.ts';
import { widgetTemplate } from './widget-template.ts';

export interface NewWidgetOptions {
  tag: string;
  /** The folder of the decks that will use it, or one deck file in it. */
  path: string;
  /** Axon's own widget tags, which a deck-local widget may not take. */
  builtIn: readonly string[];
}

/** Writes the widget; returns the file written (absolute). Throws CliError, having written nothing, when it cannot. */
export function newWidget({ tag, path, builtIn }: NewWidgetOptions): string {
  if (!isLocalWidgetTag(tag)) {
    throw new CliError(`"${tag}" cannot be a widget tag: ${TAG_RULE} — e.g. axon new widget ${suggestedTag(tag)}`);
  }
  if (builtIn.includes(tag)) {
    throw new CliError(`<${tag}> is a built-in widget of Axon — use it as it is, or give yours another tag, e.g. axon new widget my-${tag}`);
  }
  const folder = deckFolder(path);
  const widgets = join(folder, LOCAL_WIDGETS_FOLDER);
  const file = join(widgets, `${tag}.ts`);
  for (const extension of LOCAL_WIDGET_EXTENSIONS) {
    const existing = join(widgets, `${tag}${extension}`);
    if (existsSync(existing)) {
      throw new CliError(`${displayPath(existing)} already exists — edit it, or move it away first to start again from the template`);
    }
  }
  mkdirSync(widgets, { recursive: true });
  try {
    // 'wx': fails rather than overwrite, should the file appear between the check above and now.
    writeFileSync(file, widgetTemplate(tag), { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${displayPath(file)}: cannot write it (${code ?? String(error)}) — check the folder's permissions`);
  }
  return file;
}

/** The decks' folder for PATH: the folder itself, or the folder of a deck file. */
function deckFolder(path: string): string {
  const target = resolve(path);
  let isFolder: boolean;
  try {
    isFolder = statSync(target).isDirectory();
  } catch {
    throw new CliError(`${path}: no such folder — give the folder your decks are in (default: slides/), e.g. axon new widget my-widget slides`);
  }
  if (isFolder) return target;
  if (isDeckName(target)) return dirname(target);
  throw new CliError(`${path}: not a deck folder or deck file — give the folder your decks are in (default: slides/)`);
}

/** `axon new KIND …`: only `widget` so far. Resolves to the exit code. */
export function newCommand(positionals: readonly string[], builtIn: readonly string[]): number {
  const [kind, tag, path] = positionals;
  if (kind !== 'widget') {
    throw new CliError(kind ? `unknown kind '${kind}' — try axon new widget TAG` : 'say what to make: axon new widget TAG [FOLDER]');
  }
  if (!tag) throw new CliError('give the widget a tag, e.g. axon new widget relu-unit');
  const folder = path ?? 'slides';
  const file = newWidget({ tag, path: folder, builtIn });
  const decks = dirname(dirname(file));
  console.log(
    `Wrote ${displayPath(file)}. Use it in any deck in ${decks === process.cwd() ? '.' : displayPath(decks)}/ as <${tag}></${tag}>; ` +
      `axon dev shows it without a restart (README: "Your own widget").`,
  );
  return 0;
}
