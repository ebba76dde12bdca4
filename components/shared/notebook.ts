/**
 * A widget's `Show code` script as a Jupyter notebook (nbformat 4.5), so a student can carry on at home in
 * Jupyter or Colab with the exact settings they saw. Built here once, from the script the widget already shows:
 * no widget has download code of its own.
 *
 * Cells: the script's `# %%` lines split it (the convention of Jupytext, VS Code and Spyder, so the text shown
 * in the panel runs cell by cell in those editors too); text after `# %%` is the cell's title, kept as its
 * first comment line. Before them, a markdown cell names the widget and its settings; after them, when the
 * script leaves a `losses` variable (a list of numbers, or a dict of such lists by run), a cell prints the
 * final loss and a matplotlib cell plots the curve(s). Pure: no DOM, no files.
 */

/** One cell as nbformat 4 writes it (`source` is a list of lines, each but the last ending in "\n"). */
export interface NotebookCell {
  id: string;
  cell_type: 'markdown' | 'code';
  metadata: Record<string, unknown>;
  source: string[];
  execution_count?: null;
  outputs?: [];
}

/** The notebook document (nbformat 4, minor 5: cells carry ids). */
export interface Notebook {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: {
    kernelspec: { name: string; display_name: string; language: string };
    language_info: { name: string };
    axon: { widget: string; settings: Record<string, string> };
  };
  cells: NotebookCell[];
}

/** A setting as the deck would write it: the attribute and its text, e.g. `['lr', '0.3']`. */
export type SettingPair = readonly [name: string, value: string];

/** What the notebook is built from. */
export interface NotebookSource {
  /** The widget's tag, e.g. `gd-trajectory`. */
  tag: string;
  /** Its current settings, as attribute text (the deck's attributes, then the student's changes). */
  settings: readonly SettingPair[];
  /** The `Show code` script, with `# %%` cell markers. */
  script: string;
}

/** A `# %%` cell marker line (optionally `# %% Title`); `# %% [markdown]` and the like are not used here. */
const MARKER = /^# %%(?:\s+(.*))?$/;

/** The script's cells: its text split at `# %%` lines, each with its title (if the marker had one). */
export function splitCells(script: string): { title?: string; source: string }[] {
  const cells: { title?: string; lines: string[] }[] = [{ lines: [] }];
  for (const line of script.split('\n')) {
    const marker = MARKER.exec(line);
    if (marker) cells.push(marker[1]?.trim() ? { title: marker[1].trim(), lines: [] } : { lines: [] });
    else cells.at(-1)!.lines.push(line);
  }
  return cells
    .map(({ title, lines }) => ({ ...(title ? { title } : {}), source: trimBlankLines(lines).join('\n') }))
    .filter((cell) => cell.source !== '' || cell.title);
}

/** The lines without the blank ones at either end (a marker usually sits after a blank line). */
function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start += 1;
  while (end > start && lines[end - 1]!.trim() === '') end -= 1;
  return lines.slice(start, end);
}

/** Text as nbformat's multiline string: one entry per line, each but the last keeping its "\n". */
export function sourceLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  return lines.map((line, index) => (index < lines.length - 1 ? `${line}\n` : line));
}

/** Whether the script leaves a `losses` variable for the summary and plot cells. */
function definesLosses(script: string): boolean {
  return /^\s*losses\s*=/m.test(script);
}

/** Prints the final loss of each run (a separate cell, so it runs where matplotlib is missing). */
export const FINAL_LOSS_CELL = [
  '# The final loss of each run',
  'curves = losses if isinstance(losses, dict) else {"": losses}',
  'for name, curve in curves.items():',
  '    print("final loss" + (f" ({name})" if name else "") + f": {curve[-1]:.6g}")',
].join('\n');

/** The loss curve(s), on a log scale when every value is positive (as the widgets draw them). */
export const PLOT_CELL = [
  '# The loss curve(s), as the widget draws them',
  'import matplotlib.pyplot as plt',
  '',
  'fig, ax = plt.subplots(figsize=(7, 4))',
  'for name, curve in curves.items():',
  '    ax.plot(range(len(curve)), curve, label=str(name) or "loss")',
  'if all(v > 0 for curve in curves.values() for v in curve):',
  '    ax.set_yscale("log")',
  'ax.set_xlabel("step")',
  'ax.set_ylabel("loss")',
  'ax.legend()',
  'plt.show()',
].join('\n');

/** Markdown-safe text for the title cell (a setting's value may hold `|`, `*` or `_`). */
function markdownText(text: string): string {
  return text.replace(/([\\`*_|[\]<>#])/g, '\\$1');
}

/** The notebook for a widget's current settings. */
export function buildNotebook({ tag, settings, script }: NotebookSource): Notebook {
  const cells: NotebookCell[] = [];
  const add = (cell_type: 'markdown' | 'code', text: string) => {
    const id = `cell-${cells.length + 1}`;
    cells.push(cell_type === 'code' ? { id, cell_type, metadata: {}, source: sourceLines(text), execution_count: null, outputs: [] } : { id, cell_type, metadata: {}, source: sourceLines(text) });
  };
  const rows = settings.length
    ? ['| setting | value |', '| --- | --- |', ...settings.map(([name, value]) => `| ${markdownText(name)} | ${markdownText(value)} |`)]
    : ['The widget’s default settings.'];
  add(
    'markdown',
    [`# \`<${tag}>\` in PyTorch`, '', 'The code of the widget’s **Show code** panel, for the settings it had when this notebook was downloaded:', '', ...rows, '', 'Run the cells in order (Jupyter or Colab, with PyTorch installed). The widget’s engine draws its own random numbers, so the values come close to the widget’s, not equal.'].join('\n'),
  );
  for (const cell of splitCells(script)) add('code', cell.title ? `# ${cell.title}\n${cell.source}` : cell.source);
  if (definesLosses(script)) {
    add('code', FINAL_LOSS_CELL);
    add('code', PLOT_CELL);
  }
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
      axon: { widget: tag, settings: Object.fromEntries(settings) },
    },
    cells,
  };
}

/** The notebook as the `.ipynb` file's text (one-space indent, as Jupyter writes it, and a final newline). */
export function notebookText(notebook: Notebook): string {
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/**
 * The file name: `<tag>-<settings>.ipynb`, e.g. `gd-trajectory-lr-0.3-steps-40.ipynb` — the settings in the
 * order given, as letters, digits, dots and dashes, cut at about 80 characters so every file system takes it.
 */
export function notebookFileName(tag: string, settings: readonly SettingPair[]): string {
  const clean = (text: string) => text.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-+|-+$/g, '');
  let name = clean(tag) || 'widget';
  for (const [key, value] of settings) {
    const part = `${clean(key)}-${clean(value)}`;
    if (name.length + part.length + 1 > 80) break;
    name += `-${part}`;
  }
  return `${name}.ipynb`;
}
