/**
 * Deck-local widgets: `widgets/<tag>.ts` (or `.js`) in a deck's folder is a widget of the decks in that folder,
 * on the same runtime as the built-in ones (it imports it as `axon/widget`). The deck loader adds their tags to
 * the ones the compiler knows; the Vite plugin lists them in a virtual module (one dynamic import each), so a
 * deck loads a local widget only when it uses it, in dev, in the build and in the exported handout alike.
 *
 * The file name is the tag: a lower-case custom element name (a letter first, at least one hyphen). Anything
 * else in `widgets/` is a module the widgets may import and is left alone: a name without a hyphen
 * (`maths.ts`), with a dot in it (`relu-unit.model.ts`, `relu-unit.test.ts`, `x.d.ts`), starting with `_`,
 * or inside a subfolder.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';

/** The folder beside the decks that holds their own widgets. */
export const LOCAL_WIDGETS_FOLDER = 'widgets';

/** The extensions a widget file may have. */
export const LOCAL_WIDGET_EXTENSIONS: readonly string[] = ['.ts', '.js'];

/** The module id the deck runtime imports the deck folder's widgets from (deck/client/widgets.ts). */
export const LOCAL_WIDGETS_MODULE = 'virtual:axon-local-widgets';

/** The import path a deck-local widget reaches Axon's widget runtime by (components/shared/runtime/widget-api.ts). */
export const WIDGET_API_MODULE = 'axon/widget';

/** One widget found beside the decks. */
export interface LocalWidget {
  /** Its tag: the file name without its extension. */
  tag: string;
  /** Absolute path of its module. */
  file: string;
}

/** A widget file that cannot be used as it is: where (absolute path; line 1), and what is wrong and what to do. */
export interface LocalWidgetProblem {
  file: string;
  message: string;
}

export interface LocalWidgets {
  /** The usable widgets, in tag order. */
  widgets: LocalWidget[];
  problems: LocalWidgetProblem[];
}

/** A tag a file may give: what customElements.define accepts, without dots (a dot marks a helper module). */
const TAG = /^[a-z][a-z0-9_]*-[a-z0-9_-]*$/;

/** True when `tag` can be a deck-local widget's tag (and so a widget file's name). */
export function isLocalWidgetTag(tag: string): boolean {
  return TAG.test(tag);
}

/**
 * The widgets in `deckFolder/widgets/`, checked: a tag that is a built-in widget's (`builtIn`), a tag written as
 * both `.ts` and `.js`, or a widget-like name that is not a valid tag (`Relu-Unit.ts`) is a problem instead.
 * No folder, no widgets.
 */
export function findLocalWidgets(deckFolder: string, builtIn: readonly string[]): LocalWidgets {
  const folder = join(deckFolder, LOCAL_WIDGETS_FOLDER);
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch {
    return { widgets: [], problems: [] };
  }
  const builtInTags = new Set(builtIn);
  const filesByTag = new Map<string, string[]>();
  const problems: LocalWidgetProblem[] = [];
  for (const name of names) {
    const extension = extname(name);
    if (!LOCAL_WIDGET_EXTENSIONS.includes(extension)) continue;
    const stem = name.slice(0, -extension.length);
    if (stem.startsWith('_') || stem.startsWith('.') || stem.includes('.') || !stem.includes('-')) continue;
    const file = join(folder, name);
    if (!isFile(file)) continue;
    if (!isLocalWidgetTag(stem)) {
      problems.push({ file, message: `"${stem}" cannot be a widget tag: ${TAG_RULE} — rename the file (e.g. ${suggestedTag(stem)}${extension})` });
    } else if (builtInTags.has(stem)) {
      problems.push({
        file,
        message: `<${stem}> is a built-in widget of Axon — rename this file and the tag it defines (e.g. my-${stem}${extension}), or delete it to use the built-in one`,
      });
    } else filesByTag.set(stem, [...(filesByTag.get(stem) ?? []), file]);
  }
  const widgets: LocalWidget[] = [];
  for (const [tag, files] of filesByTag) {
    // Both relu-unit.ts and relu-unit.js: which one was meant cannot be guessed, so neither is used.
    if (files.length > 1) problems.push({ file: files[1]!, message: `${files.map((f) => basename(f)).join(' and ')} both define <${tag}> — keep one of them` });
    else widgets.push({ tag, file: files[0]! });
  }
  return { widgets, problems };
}

/** What a tag is, for messages. */
export const TAG_RULE = 'a widget tag is lower-case letters, digits and hyphens, starts with a letter and has at least one hyphen';

/** A tag near what was written: `Relu_Unit` → `relu-unit`, `2d-plot` → `x2d-plot`. */
export function suggestedTag(written: string): string {
  let tag = written.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (!/^[a-z]/.test(tag)) tag = `x${tag}`;
  if (!tag.includes('-')) tag = `${tag}-widget`;
  return tag;
}

/** True for a path inside the deck folder's `widgets/` (the widgets and the modules they import). */
export function isInLocalWidgetsFolder(deckFolder: string, path: string): boolean {
  const rel = relative(join(deckFolder, LOCAL_WIDGETS_FOLDER), path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}

/**
 * The virtual module's source: `localWidgets`, each tag's file (as the deck folder names it, for messages) and
 * a loader that imports it, so the bundler makes each one a chunk of its own and a deck fetches only its own.
 */
export function localWidgetsModule(deckFolder: string, widgets: readonly LocalWidget[]): string {
  const rows = widgets.map((widget) => {
    const shown = relative(deckFolder, widget.file).split(sep).join('/');
    return `  ${JSON.stringify(widget.tag)}: { file: ${JSON.stringify(shown)}, load: () => import(${JSON.stringify(widget.file)}) },`;
  });
  return `/** The deck folder's own widgets (deck/vite/local-widgets.ts). */\nexport const localWidgets = {\n${rows.join('\n')}\n};\n`;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
