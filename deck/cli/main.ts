/**
 * `axon dev | build | serve | export`: the command line. Each command parses its own options, prints one line and
 * exits non-zero when something is wrong, and never shows a stack trace unless AXON_DEBUG=1.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { build } from './build.ts';
import { dev } from './dev.ts';
import { exportDecks } from './export/index.ts';
import { serve } from './serve.ts';
import { newCommand } from './new-widget.ts';
import { widgetTags } from '../../components/registry.ts';
import { DeckError } from '../compile/types.ts';
import { AxonError } from '../vite/deck-files.ts';
import { CliError } from './errors.ts';

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** How many positional arguments it takes at most (default 1, the PATH). */
  positionals?: number;
  run(positionals: string[], values: Values): Promise<number>;
}

type Values = Record<string, string | boolean | undefined>;

/** The options of every command that starts a server. */
const SERVER_OPTIONS: Command['options'] = {
  port: { type: 'string' },
  host: { type: 'string' },
  open: { type: 'boolean' },
};

function serverValues(values: Values): { port?: string; host?: string; open: boolean } {
  return { port: values.port as string | undefined, host: values.host as string | undefined, open: Boolean(values.open) };
}

const COMMANDS: Record<string, Command> = {
  dev: {
    summary: 'serve decks with live reload while you write them',
    usage: `Usage: axon dev [PATH] [--port N] [--host ADDR] [--open]

Serves one deck file (.md or .qmd) or a folder of decks (default: slides/) with hot reload:
saving a deck's Markdown updates the open deck in place and keeps the current slide.

Options:
  --port N      port to listen on (default 5173, the next free one if taken)
  --host ADDR   listen on ADDR (0.0.0.0: every address, to open the deck from another device)
  --open        open the deck index in the default browser
  -h, --help    show this help`,
    options: SERVER_OPTIONS,
    run: (positionals, values) => dev({ path: positionals[0] ?? 'slides', ...serverValues(values) }),
  },
  build: {
    summary: 'build a static site that works offline',
    usage: `Usage: axon build [PATH] [--out DIR] [--base URL] [--strict] [--single-file]

Builds one deck file (.md or .qmd) or a folder of decks (default: slides/) into a static
site: DIR/index.html lists the decks and each deck is DIR/<name>.html. Everything (reveal.js,
KaTeX fonts, widgets) is bundled, so any static file server serves it with no network. Files a
deck names outside its folder (../images/x.png) are copied into DIR/_external/.
DIR/widgets/axon-widgets.js (and DIR/widgets/<tag>.js) let any other web page use the widgets:
<script type="module" src=".../widgets/axon-widgets.js">, then the widget tags.

Options:
  --out DIR     output folder (default: dist); a folder an earlier axon build made is emptied
                first, any other folder must be new or empty (never the deck folder, the
                current folder, your home folder or /)
  --base URL    public path the site is hosted under, e.g. /courses/dl/ (default: ./, works anywhere)
  --strict      fail on any warning or math error, not only on missing files and broken front matter
  --single-file each deck as one DIR/<name>.html with everything inside (code, fonts, WebAssembly,
                pictures, data), which opens from disk with no server and no network; plus an
                DIR/index.html linking them. A picture or video from the web is a warning: it shows
                only when online
  -h, --help    show this help`,
    options: {
      out: { type: 'string' },
      base: { type: 'string' },
      strict: { type: 'boolean' },
      'single-file': { type: 'boolean' },
    },
    run: (positionals, values) =>
      build({
        path: positionals[0] ?? 'slides',
        outDir: (values.out as string | undefined) ?? 'dist',
        base: values.base as string | undefined,
        strict: Boolean(values.strict),
        singleFile: Boolean(values['single-file']),
      }),
  },
  serve: {
    summary: 'serve a built site locally',
    usage: `Usage: axon serve [DIR] [--port N] [--host ADDR] [--open]

Serves a site made by \`axon build\` (default: dist/) as any static file server would.

Options:
  --port N      port to listen on (default 4173)
  --host ADDR   listen on ADDR (0.0.0.0: every address)
  --open        open the site in the default browser
  -h, --help    show this help`,
    options: SERVER_OPTIONS,
    run: (positionals, values) => serve({ dir: positionals[0] ?? 'dist', ...serverValues(values) }),
  },
  export: {
    summary: 'print decks to PDF handouts (or PNG pictures) with every widget settled',
    usage: `Usage: axon export PATH [--out FILE|DIR] [--format pdf|png] [--notes none|below|page]
                   [--fragments final|each] [--layout slide|2up|3up|6up] [--paper a4|letter]
                   [--theme light|dark|deck] [--slides 1-5,8] [--timeout S]
                   [--backend cpu|wasm|webgl|webgpu|auto] [--drawings FILE] [--quiet]

Prints one deck file, every deck in a folder (one PDF each), or the decks of a site made by axon build,
with a headless Chromium. Every widget is
first brought to its handout state (trained to the end of its schedule, simulated over its window); one
that does not get there within --timeout is printed as it is, marked "(not converged)", with a warning.
Slide text and math stay text. Uses the system Chromium (or CHROMIUM_PATH); nothing is downloaded.

Options:
  --out FILE|DIR   a .pdf file (one deck), else a folder (created if needed) that gets <deck>.pdf or
                   <deck>-NN.png (default: the current folder)
  --format F       pdf (default): title, author and subject from the front matter, a bookmark per slide;
                   png: one picture per slide at the deck's size (1280×720 unless its front
                   matter sets width/height), <deck>-01.png, <deck>-02.png, …
  --notes N        none (default); below: each slide's speaker notes under it (a slide on a portrait
                   sheet with --layout slide); page: the notes on a page of their own after the slide
  --fragments F    final (default): each slide with every fragment shown; each: a page per step
                   (PNG: <deck>-NN-K.png, step K from 0)
  --layout L       slide (default): a 16:9 page per slide; 2up, 3up (with lines for notes), 6up: that
                   many slides on a sheet of paper
  --paper P        a4 (default) or letter: the sheet for 2up, 3up, 6up and --notes below
  --theme T        light: dark text on white, even for a dark deck (default for 2up, 3up, 6up);
                   dark: light text on dark; deck: as its front matter's theme (default otherwise)
  --slides LIST    only these slides, counted from 1 in deck order, e.g. 1-5,8 (default: all)
  --timeout S      seconds each deck may take from opening to printed (default: 120); widgets
                   settle until a quarter of it (at most 30 s) is left to print, and a page that
                   stops answering is abandoned at the deadline
  --backend NAME   the training backend: cpu, wasm, webgl, webgpu or auto (default: the deck's own)
  --drawings FILE  print the strokes of FILE (the drawing toolbar's Export, <deck>-drawings.json) on
                   their slides; without it nothing drawn in the browser is printed
  --quiet          no progress on stderr (warnings, errors and the summary still show)
  -h, --help       show this help

Exit status: 0 when every widget settled, 2 when the files were written but some widget was marked
"(not converged)", 1 when a deck could not be printed (the error says which deck and slide; the
other decks of a folder are still written), 130/143/129 when interrupted (SIGINT/SIGTERM/SIGHUP):
Chromium is closed and no temporary or partial file is left.

Example:
  axon export slides/intro-deep-learning.md --layout 3up --out handouts/`,
    options: {
      out: { type: 'string' },
      format: { type: 'string' },
      notes: { type: 'string' },
      fragments: { type: 'string' },
      layout: { type: 'string' },
      paper: { type: 'string' },
      slides: { type: 'string' },
      timeout: { type: 'string' },
      backend: { type: 'string' },
      theme: { type: 'string' },
      drawings: { type: 'string' },
      quiet: { type: 'boolean' },
    },
    run: async (positionals, values) => {
      const path = positionals[0];
      if (!path) throw new CliError('give the deck file or folder to export, e.g. axon export slides/sample.md');
      const text = (name: string) => values[name] as string | undefined;
      const outcomes = await exportDecks({
        path,
        out: text('out'),
        format: text('format'),
        notes: text('notes'),
        fragments: text('fragments'),
        layout: text('layout'),
        paper: text('paper'),
        slides: text('slides'),
        timeout: text('timeout'),
        backend: text('backend'),
        theme: text('theme'),
        drawings: text('drawings'),
        quiet: Boolean(values.quiet),
      });
      // The files are whole either way; 2 tells a script that some widget is not in its handout state.
      return outcomes.some((o) => o.notConverged > 0) ? 2 : 0;
    },
  },
  new: {
    summary: 'start a widget of your own beside your decks, from a commented template',
    usage: `Usage: axon new widget TAG [FOLDER]

Writes FOLDER/widgets/TAG.ts (FOLDER: the folder your decks are in, default slides/): a short,
commented widget on Axon's widget runtime (a settings table, the page-address state, settle()) that
works as it is. Every deck in FOLDER can then use <TAG>; axon dev shows it without a restart, and
axon build and axon export bundle it. README: "Your own widget".

TAG is the element's name: lower-case letters, digits and hyphens, starting with a letter, with at
least one hyphen (relu-unit), and not a built-in widget's. An existing file is never overwritten.

Options:
  -h, --help    show this help`,
    options: {},
    positionals: 3,
    run: async (positionals) => newCommand(positionals, widgetTags),
  },
};

const MAIN_HELP = `Usage: axon <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)}${c.summary}`)
  .join('\n')}

Run \`axon <command> --help\` for a command's options.`;

/** Runs the CLI with these arguments; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    console.log(MAIN_HELP);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`axon: unknown command '${name}' — run axon --help to see the commands`);
    return 1;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      console.log(command.usage);
      return 0;
    }
    const most = command.positionals ?? 1;
    if (positionals.length > most) {
      throw new CliError(`expected at most ${most === 1 ? 'one PATH' : `${most} arguments`}, got ${positionals.length} — see axon ${name} --help`);
    }
    return await command.run(positionals, values);
  } catch (error) {
    console.error(`axon ${name}: ${oneLine(error, name)}`);
    if (process.env.AXON_DEBUG && error instanceof Error) console.error(error.stack);
    return 1;
  }
}

function oneLine(error: unknown, command: string): string {
  if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    return `${error.message.split('\n')[0]} — see axon ${command} --help`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n').find((line) => line.trim()) ?? 'failed';
  // A CliError's further lines are more causes of the same failure (a bundler error with several): all shown.
  if (error instanceof CliError) return message.trim();
  // Axon's own errors already say where and what to do; anything else is a bug of ours, and says so.
  if (error instanceof DeckError || error instanceof AxonError) return first;
  return `${first} — an internal error of Axon: run again with AXON_DEBUG=1 for the details and report it`;
}
