/**
 * `Download notebook` as a student uses it: change a setting, open `Show code`, reach `Download notebook` with
 * the keyboard, press it; the browser saves `<tag>-<settings>.ipynb`, a Jupyter notebook (nbformat 4) whose
 * title cell and code hold the widget's settings now, not the deck's. Nothing is fetched for it.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { showWidget, watchPage } from './support.ts';

const DECK = 'problems/gd-trajectory.html?transition=none&backgroundTransition=none';
const WIDGET = 'gd-trajectory:not([compare]):not([lr])';

interface Cell {
  cell_type: string;
  source: string[];
}

test('Download notebook saves an .ipynb for the current settings, from the keyboard, with no network', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget } = await showWidget(page, DECK, WIDGET);
  // A student's change first: two steps up the learning-rate slider (0.1 → 0.13).
  const slider = widget.getByRole('slider', { name: 'learning rate' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '0.13');

  await widget.getByRole('button', { name: 'Show code' }).click();
  const overlay = widget.getByRole('dialog', { name: /PyTorch/ });
  const button = overlay.getByRole('button', { name: 'Download notebook' });
  // Keyboard reachable: Tab from the code panel's Copy button lands on it.
  await overlay.getByRole('button', { name: 'Copy' }).focus();
  await page.keyboard.press('Tab');
  await expect(button).toBeFocused();
  // At the room's size, like the panel's other controls.
  const size = (locator: typeof button) => locator.evaluate((el) => getComputedStyle(el).fontSize);
  expect(await size(button)).toBe(await size(overlay.getByRole('button', { name: 'Copy' })));

  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/^gd-trajectory-.*lr-0\.13.*\.ipynb$/);
  const notebook = JSON.parse(await readFile((await download.path())!, 'utf8')) as { nbformat: number; nbformat_minor: number; cells: Cell[]; metadata: { axon: { widget: string; settings: Record<string, string> } } };
  expect(notebook.nbformat).toBe(4);
  expect(notebook.nbformat_minor).toBeGreaterThanOrEqual(4);
  expect(notebook.metadata.axon.widget).toBe('gd-trajectory');
  expect(notebook.metadata.axon.settings.lr).toBe('0.13');
  const [title, ...cells] = notebook.cells;
  expect(title!.cell_type).toBe('markdown');
  expect(title!.source.join('')).toContain('| lr | 0.13 |');
  const code = cells.filter((cell) => cell.cell_type === 'code').map((cell) => cell.source.join(''));
  // The data, the model, the training loop at the student's rate, the final loss and the plot, in that order.
  const at = (text: string) => code.findIndex((cell) => cell.includes(text));
  expect(at('make_regression')).toBeGreaterThanOrEqual(0);
  expect(at('nn.Linear(2, 1, bias=False)')).toBeGreaterThan(at('make_regression'));
  expect(at('torch.optim.SGD(model.parameters(), lr=0.13)')).toBeGreaterThanOrEqual(at('nn.Linear(2, 1, bias=False)'));
  expect(at('for step in range(')).toBeGreaterThan(at('nn.Linear(2, 1, bias=False)'));
  expect(at('final loss')).toBeGreaterThan(at('for step in range('));
  expect(at('matplotlib')).toBe(code.length - 1);
  // nbformat's lines: each but the last of a cell ends in "\n".
  for (const cell of notebook.cells) for (const line of cell.source.slice(0, -1)) expect(line.endsWith('\n')).toBe(true);
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});
