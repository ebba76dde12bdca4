/**
 * The `Download notebook` file of every widget with a `Show code` panel: valid nbformat 4 (checked against the
 * official JSON schema by Jupyter's own `nbformat` package when /usr/bin/python3 has it — Debian's
 * `python3-nbformat`), its cells in order, and — where /usr/bin/python3 has PyTorch — the code cells of a few
 * widgets' notebooks run as they are and print a final loss.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNotebook, notebookFileName, notebookText, sourceLines, splitCells, type Notebook, type SettingPair } from './notebook.ts';
import { pytorchLayeredTrainingLoop, pytorchTrainingLoop } from './pytorch.ts';
import { pytorchCode as backpropCode, parseWalkthroughAttributes } from '../backprop-walkthrough/backprop-walkthrough.model.ts';
import { convSettings, explorePytorch, kernelOf, mnistDataCell, trainedSpec } from '../conv-explorer/conv-explorer.model.ts';
import { pytorchCode as scalingCode, parseScalingAttributes } from '../feature-scaling/feature-scaling.model.ts';
import { pytorchScript as modesScript, parseModesAttributes } from '../gd-modes/gd-modes.model.ts';
import { pytorchScript as trajectoryScript, parseTrajectoryAttributes } from '../gd-trajectory/gd-trajectory.model.ts';
import { HANDOUT_STEPS, optimizerSpec, parseLandscapeAttributes, pytorchCode as landscapeCode } from '../loss-landscape/loss-landscape.model.ts';
import { parsePlaygroundAttributes } from '../nn-playground/nn-playground.model.ts';
import { pytorchCode as playgroundCode } from '../nn-playground/nn-playground.pytorch.ts';
import { codeFor, parseBoundaryAttributes } from '../perceptron-boundary/perceptron-boundary.model.ts';
import { parseFitAttributes, pytorchSettings as fitSettings } from '../ua-fitter/ua-fitter.model.ts';

/** A widget's notebook case: its tag, the settings a deck (or a student) gave, and its `Show code` script. */
interface Case {
  name: string;
  tag: string;
  settings: SettingPair[];
  script: () => string;
  /** Whether its code cells run as they are (the script makes its own data). */
  runs: boolean;
}

/** Attribute records out of pairs (the widgets' parsers take the attributes a deck wrote). */
const record = (pairs: readonly SettingPair[]) => Object.fromEntries(pairs) as never;

const CASES: Case[] = [
  (() => {
    const settings: SettingPair[] = [['coefficients', '2,-1'], ['lr', '0.3'], ['steps', '40']];
    const s = parseTrajectoryAttributes(record(settings)).settings;
    return { name: 'gd-trajectory, one learning rate', tag: 'gd-trajectory', settings, runs: true, script: () => trajectoryScript(s.problem, [s.learningRate], s.steps) };
  })(),
  (() => {
    const settings: SettingPair[] = [['coefficients', '2,-1'], ['compare-lr', '0.05,0.3,0.9']];
    const s = parseTrajectoryAttributes(record(settings)).settings;
    return { name: 'gd-trajectory, comparing rates', tag: 'gd-trajectory', settings, runs: true, script: () => trajectoryScript(s.problem, s.compareRates, s.steps) };
  })(),
  (() => {
    const settings: SettingPair[] = [['coefficients', '1.5,0.5'], ['samples', '60'], ['epochs', '5']];
    const s = parseModesAttributes(record(settings)).settings;
    return { name: 'gd-modes', tag: 'gd-modes', settings, runs: true, script: () => modesScript(s.problem, { learningRate: s.learningRate, batchSize: s.batchSize, epochs: s.epochs, seed: s.problem.seed }) };
  })(),
  ...[[] as SettingPair[], [['surface', 'rosenbrock'], ['compare', 'sgd,momentum,adam']] as SettingPair[]].map((settings): Case => {
    const c = parseLandscapeAttributes(record(settings)).config;
    const kinds = c.compare ?? [c.optimizer];
    return { name: `loss-landscape ${settings.length ? 'comparing optimizers' : 'defaults'}`, tag: 'loss-landscape', settings, runs: true, script: () => landscapeCode({ surface: c.surface, start: c.start, optimizers: kinds.map((k) => optimizerSpec(k, c.learningRate, c.momentum)), steps: HANDOUT_STEPS }) };
  }),
  (() => {
    const settings: SettingPair[] = [['activation', 'tanh']];
    return { name: 'backprop-walkthrough', tag: 'backprop-walkthrough', settings, runs: true, script: () => backpropCode(parseWalkthroughAttributes(record(settings)).settings) };
  })(),
  (() => {
    const settings: SettingPair[] = [['target', 'bump'], ['neurons', '6'], ['epochs', '300'], ['noise', '0.05']];
    return { name: 'ua-fitter', tag: 'ua-fitter', settings, runs: true, script: () => pytorchTrainingLoop(fitSettings(parseFitAttributes(record(settings)).settings)) };
  })(),
  (() => {
    const settings: SettingPair[] = [];
    return { name: 'feature-scaling', tag: 'feature-scaling', settings, runs: true, script: () => scalingCode(parseScalingAttributes(record(settings)).settings) };
  })(),
  ...(
    [
      [['dataset', 'xor'], ['layers', '4,2'], ['epochs', '100']],
      [['dataset', 'circle'], ['features', 'x1,x2,x1sq,x2sq,sinx1'], ['batch-size', '10'], ['regularization', 'l2'], ['epochs', '20']],
      [['dataset', 'gauss'], ['noise', '0.3'], ['epochs', '50']],
      [['dataset', 'spiral'], ['layers', '8,8'], ['dropout', '0.2'], ['early-stopping', 'true'], ['epochs', '30']],
      [['problem', 'regression'], ['dataset', 'plane'], ['epochs', '50']],
      [['problem', 'regression'], ['dataset', 'cubic'], ['noise', '0.1'], ['epochs', '50']],
    ] satisfies SettingPair[][]
  ).map((settings): Case => {
    const s = parsePlaygroundAttributes(record(settings)).settings;
    return { name: `nn-playground, ${s.dataset}`, tag: 'nn-playground', settings, runs: true, script: () => playgroundCode(s, Math.floor(s.samples * s.trainRatio)) };
  }),
  ...(['logistic', 'perceptron'] as const).map((rule): Case => {
    const settings: SettingPair[] = [['rule', rule]];
    return { name: `perceptron-boundary, ${rule}`, tag: 'perceptron-boundary', settings, runs: true, script: () => codeFor(parseBoundaryAttributes(record(settings)).settings, { w: [1, 1], b: -1 }) };
  }),
  (() => {
    const settings: SettingPair[] = [];
    const s = convSettings.read({ attribute: (name) => new Map(settings).get(name) }).values;
    return { name: 'conv-explorer, explore', tag: 'conv-explorer', settings, runs: true, script: () => explorePytorch(kernelOf(s), s.size, s.stride) };
  })(),
  (() => {
    const settings: SettingPair[] = [];
    const s = convSettings.read({ attribute: (name) => new Map(settings).get(name) }).values;
    return { name: 'conv-explorer, trained', tag: 'conv-explorer', settings, runs: true, script: () => pytorchLayeredTrainingLoop(trainedSpec(s.seed), s.epochs, mnistDataCell(s.count)) };
  })(),
];

const notebookOf = (c: Case): Notebook => buildNotebook({ tag: c.tag, settings: c.settings, script: c.script() });

/** Every tag whose element renders `<axon-code-panel>` (read from the sources, so a new one is not missed). */
function tagsWithCodePanel(): string[] {
  const root = join(import.meta.dirname, '..');
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
    .filter((entry) =>
      readdirSync(join(root, entry.name))
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
        .some((file) => readFileSync(join(root, entry.name, file), 'utf8').includes('<axon-code-panel')),
    )
    .map((entry) => entry.name)
    .sort();
}

const PYTHON = '/usr/bin/python3';
const pythonHas = (module: string): boolean => existsSync(PYTHON) && spawnSync(PYTHON, ['-c', `import ${module}`], { timeout: 60_000 }).status === 0;
const HAS_NBFORMAT = pythonHas('nbformat');
const HAS_TORCH = pythonHas('torch');
const HAS_MATPLOTLIB = HAS_TORCH && pythonHas('matplotlib');

describe('splitting a script into cells', () => {
  it('splits at "# %%" lines, keeps a marker\'s title, and drops blank lines at the cell edges', () => {
    expect(splitCells('import torch\n\n# %% The data\nx = 1\n\n# %%\nprint(x)\n')).toEqual([{ source: 'import torch' }, { title: 'The data', source: 'x = 1' }, { source: 'print(x)' }]);
  });

  it('keeps a script without markers as one cell', () => {
    expect(splitCells('a = 1\nb = 2')).toEqual([{ source: 'a = 1\nb = 2' }]);
  });

  it('writes source as nbformat wants it: a list of lines, each but the last ending in "\\n"', () => {
    expect(sourceLines('a\nb\n\nc')).toEqual(['a\n', 'b\n', '\n', 'c']);
    expect(sourceLines('')).toEqual([]);
  });
});

describe('the notebook of a widget', () => {
  it('covers every widget with a Show code panel', () => {
    expect([...new Set(CASES.map((c) => c.tag))].sort()).toEqual(tagsWithCodePanel());
  });

  it.each(CASES)('$name: a title cell with the settings, the script cell by cell, then the loss cells', (c) => {
    const notebook = notebookOf(c);
    expect(notebook.nbformat).toBe(4);
    expect(notebook.nbformat_minor).toBeGreaterThanOrEqual(4);
    const [title, ...rest] = notebook.cells;
    expect(title!.cell_type).toBe('markdown');
    const titleText = title!.source.join('');
    expect(titleText).toContain(`<${c.tag}>`);
    for (const [name, value] of c.settings) expect(titleText).toContain(`| ${name} | ${value.replace(/([|*_])/g, '\\$1')} |`);
    // The code cells, joined, are the script without its markers: nothing lost, nothing reordered.
    const script = c.script();
    const code = rest.filter((cell) => cell.cell_type === 'code').map((cell) => cell.source.join(''));
    const fromScript = splitCells(script).map((cell) => (cell.title ? `# ${cell.title}\n${cell.source}` : cell.source));
    expect(code.slice(0, fromScript.length)).toEqual(fromScript);
    expect(fromScript.length, 'the script is split into cells').toBeGreaterThan(1);
    for (const cell of notebook.cells) {
      cell.source.slice(0, -1).forEach((line) => expect(line.endsWith('\n')).toBe(true));
      expect(cell.source.at(-1)?.endsWith('\n') ?? false).toBe(false);
    }
    if (/^\s*losses\s*=/m.test(script)) expect(code.at(-1)).toContain('matplotlib');
  });

  it('names the file after the tag and its settings, in characters every file system takes', () => {
    expect(notebookFileName('gd-trajectory', [['lr', '0.3'], ['steps', '40']])).toBe('gd-trajectory-lr-0.3-steps-40.ipynb');
    expect(notebookFileName('ua-fitter', [])).toBe('ua-fitter.ipynb');
    expect(notebookFileName('nn-playground', [['layers', '4,2'], ['dataset', 'x/y']])).toBe('nn-playground-layers-4-2-dataset-x-y.ipynb');
    expect(notebookFileName('nn-playground', [['a', 'x'.repeat(200)]])).toBe('nn-playground.ipynb');
  });

  it.skipIf(!HAS_NBFORMAT)("is valid nbformat 4 by Jupyter's own validator (nbformat.validate, the official schema)", () => {
    const texts = CASES.map((c) => notebookText(notebookOf(c)));
    const check = [
      'import json, sys, nbformat',
      'for text in json.load(sys.stdin):',
      '    nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)',
      '    nbformat.validate(nb)',
      'print("valid", nbformat.__version__)',
    ].join('\n');
    const result = spawnSync(PYTHON, ['-c', check], { input: JSON.stringify(texts), encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^valid/);
  });
});

/** The code cells of a notebook as one script (the plot cell left out where matplotlib is missing). */
function codeCells(notebook: Notebook): string {
  return notebook.cells
    .filter((cell) => cell.cell_type === 'code')
    .map((cell) => cell.source.join(''))
    .filter((source) => HAS_MATPLOTLIB || !source.includes('import matplotlib'))
    .join('\n\n');
}

/**
 * Runs each notebook's code cells in one Python process (PyTorch loads once: a few seconds, not a few per
 * notebook), each in a namespace of its own, as a fresh kernel would; stdout and any traceback per notebook.
 */
const RUNNER = [
  'import contextlib, io, json, sys, traceback, types',
  // No network here: torchvision's MNIST (conv-explorer's data cell) is stood in for by seeded random digits of
  // MNIST's shapes and types, so the rest of those notebooks runs; in Jupyter or Colab the real digits download.
  'import torch',
  'class _MNIST:',
  '    def __init__(self, root, train=True, download=False):',
  '        g = torch.Generator().manual_seed(0)',
  '        self.data = torch.randint(0, 256, (3000, 28, 28), dtype=torch.uint8, generator=g)',
  '        self.targets = torch.randint(0, 10, (3000,), generator=g)',
  'sys.modules["torchvision"] = types.ModuleType("torchvision")',
  'sys.modules["torchvision.datasets"] = types.SimpleNamespace(MNIST=_MNIST)',
  'sys.modules["torchvision"].datasets = sys.modules["torchvision.datasets"]',
  'results = []',
  'for code in json.load(sys.stdin):',
  '    out = io.StringIO()',
  '    try:',
  '        with contextlib.redirect_stdout(out):',
  '            exec(compile(code, "<notebook>", "exec"), {"__name__": "__main__"})',
  '        results.append({"stdout": out.getvalue()[-3000:], "error": None})',
  '    except BaseException:',
  '        results.append({"stdout": out.getvalue()[-3000:], "error": traceback.format_exc()})',
  '    if "matplotlib.pyplot" in sys.modules:',
  '        sys.modules["matplotlib.pyplot"].close("all")',
  'print(json.dumps(results))',
].join('\n');

const RUNNING = CASES.filter((c) => c.runs);

describe.skipIf(!HAS_TORCH)(`the notebooks run in Python (${HAS_TORCH ? `PyTorch${HAS_MATPLOTLIB ? ', matplotlib' : ', no matplotlib: the plot cell is left out'}` : 'skipped: /usr/bin/python3 has no torch'})`, () => {
  let results: { stdout: string; error: string | null }[] = [];
  beforeAll(() => {
    const result = spawnSync(PYTHON, ['-c', RUNNER], {
      input: JSON.stringify(RUNNING.map((c) => codeCells(notebookOf(c)))),
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, MPLBACKEND: 'Agg', OMP_NUM_THREADS: '1' },
    });
    expect(result.status, result.stderr).toBe(0);
    results = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
  }, 250_000);

  it.each(RUNNING.map((c, index) => ({ ...c, index })))('$name: the code cells run and print the final loss', ({ index, tag, name }) => {
    const { stdout, error } = results[index]!;
    expect(error).toBeNull();
    // The explore mode trains nothing: it prints the conv layer's and the dense layer's parameter counts (3×3 kernel, 26×26 map).
    if (name === 'conv-explorer, explore') return void expect(stdout.trim()).toBe(`10 ${784 * 676 + 676}`);
    expect(stdout).toMatch(tag === 'perceptron-boundary' && !stdout.includes('final loss') ? /mistakes in the last pass/ : tag === 'backprop-walkthrough' ? /L = \d/ : /final loss( \(.+\))?: (nan|inf|-?\d[\d.e+-]*)/);
  });
});
