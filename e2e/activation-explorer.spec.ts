/**
 * `<activation-explorer>` driven as a student drives it: by accessible names, mouse, touch and keyboard, on
 * the scaled slides of e2e/fixtures/problems/activation-explorer.md. Every number is checked against the
 * functions written out again here (GELU's Φ by numerical integration, not erf).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, openDeck, seriousAxeViolations, showSlide, showWidget, slideIndices, watchPage } from './support.ts';

const DECK = 'problems/activation-explorer.html?transition=none&backgroundTransition=none';
const DEFAULT = 'activation-explorer:not([activation])';
const RELU = 'activation-explorer[activation="relu"]';
const COMPARE = 'activation-explorer[compare]';
const PLANE = 'activation-explorer[mode="2-d"]';
const BAD = 'activation-explorer[activation="swish"]';

// ---- the functions, independently -------------------------------------------------------------------

/** How the widget writes "compare every activation" in its URL parameter. */
const ACTIVATION_NAMES = 'threshold,sigmoid,tanh,relu,leaky-relu,gelu';
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
/** Φ(z) = ½ + ∫₀ᶻ φ(t) dt by Simpson's rule (2000 panels): no erf involved. */
function phiCdf(z: number): number {
  const n = 2000;
  const h = z / n;
  const pdf = (t: number) => Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI);
  let sum = pdf(0) + pdf(z);
  for (let i = 1; i < n; i += 1) sum += (i % 2 ? 4 : 2) * pdf(i * h);
  return 0.5 + (sum * h) / 3;
}
const phiPdf = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);

/** Reads "f(z) = 0.6225" style numbers from the status (true minus signs). */
async function readStatus(widget: Locator): Promise<{ z: number; f: number; df: number | 'undefined'; text: string }> {
  const text = (await widget.getByRole('status').textContent()) ?? '';
  const number = (pattern: RegExp) => {
    const match = pattern.exec(text);
    if (!match) throw new Error(`no ${pattern} in "${text}"`);
    return match[1]!;
  };
  const df = number(/f′\(z\) = (undefined|−?\d+\.\d+)/);
  const parse = (s: string) => Number(s.replace('−', '-'));
  return { z: parse(number(/z = (−?\d+\.\d+)/)), f: parse(number(/f\(z\) = (−?\d+\.\d+)/)), df: df === 'undefined' ? 'undefined' : parse(df), text };
}

async function expectStatus(widget: Locator, z: number, f: number, df: number): Promise<void> {
  await expect.poll(async () => (await readStatus(widget)).z).toBeCloseTo(z, 6);
  const status = await readStatus(widget);
  expect(status.f).toBeCloseTo(f, 4);
  expect(status.df).not.toBe('undefined');
  expect(status.df as number).toBeCloseTo(df, 4);
}

async function pressTimes(page: Page, key: string, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) await page.keyboard.press(key);
}

// ---- 1-D ---------------------------------------------------------------------------------------------

test('sigmoid: the input z slider moves z by keyboard, the status matches σ and σ(1 − σ), the deck stays', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget, where } = await showWidget(page, DECK, DEFAULT);
  await expectStatus(widget, 0, 0.5, 0.25);
  const slider = widget.getByRole('slider', { name: 'input z', exact: true });
  await slider.focus();
  await pressTimes(page, 'ArrowRight', 10); // 0.05 per key
  await expect(slider).toHaveValue('0.5');
  await expectStatus(widget, 0.5, sigmoid(0.5), sigmoid(0.5) * (1 - sigmoid(0.5)));
  await pressTimes(page, 'ArrowLeft', 50);
  await expectStatus(widget, -2, sigmoid(-2), sigmoid(-2) * (1 - sigmoid(-2)));
  await page.keyboard.press('Space');
  expect(await currentIndices(page)).toMatchObject(where);
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('dragging on the plot with the mouse moves z to the pointer, under reveal’s scaling', async ({ page }) => {
  // A smaller window: reveal scales the 1280×720 slide down, so screen pixels are not SVG units.
  await page.setViewportSize({ width: 1000, height: 600 });
  const { widget, where } = await showWidget(page, DECK, DEFAULT);
  expect(await page.evaluate(() => window.axon!.reveal.getScale())).toBeLessThan(0.85);
  const frame = widget.locator('svg.plot rect.hit');
  const box = (await frame.boundingBox())!;
  // The plot spans z = −5 … 5 across the hit area: 75 % of the way is z = 2.5, 20 % is z = −3.
  const at = (fraction: number) => box.x + box.width * fraction;
  await page.mouse.move(at(0.75), box.y + box.height / 2);
  await page.mouse.down();
  await expectStatus(widget, 2.5, sigmoid(2.5), sigmoid(2.5) * (1 - sigmoid(2.5)));
  await page.mouse.move(at(0.2), box.y + box.height * 0.3, { steps: 6 });
  await page.mouse.up();
  await expectStatus(widget, -3, sigmoid(-3), sigmoid(-3) * (1 - sigmoid(-3)));
  await expect(widget.getByRole('slider', { name: 'input z' })).toHaveValue('-3');
  // The slider took focus, so the keyboard goes on from where the drag ended.
  await page.keyboard.press('ArrowRight');
  await expectStatus(widget, -2.95, sigmoid(-2.95), sigmoid(-2.95) * (1 - sigmoid(-2.95)));
  expect(await currentIndices(page)).toMatchObject(where);
});

test.describe('touch', () => {
  test.use({ hasTouch: true });
  test('a tap on the plot moves z there', async ({ page }) => {
    const { widget } = await showWidget(page, DECK, DEFAULT);
    const box = (await widget.locator('svg.plot rect.hit').boundingBox())!;
    await page.touchscreen.tap(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await expectStatus(widget, 1, sigmoid(1), sigmoid(1) * (1 - sigmoid(1)));
  });
});

test('GELU is z·Φ(z) with Φ′s exact integral, and its slope Φ(z) + z·φ(z)', async ({ page }) => {
  const { widget } = await showWidget(page, DECK, DEFAULT);
  await widget.getByRole('combobox', { name: 'activation' }).selectOption('gelu');
  await expect(widget.getByText('GELU(z) = z·Φ(z)')).toBeVisible();
  const slider = widget.getByRole('slider', { name: 'input z' });
  await slider.focus();
  await pressTimes(page, 'ArrowRight', 20);
  await expectStatus(widget, 1, 1 * phiCdf(1), phiCdf(1) + 1 * phiPdf(1));
  await pressTimes(page, 'ArrowLeft', 50);
  await expectStatus(widget, -1.5, -1.5 * phiCdf(-1.5), phiCdf(-1.5) - 1.5 * phiPdf(-1.5));
  // Its well-known value: GELU(1) = Φ(1) = 0.8413.
  expect(1 * phiCdf(1)).toBeCloseTo(0.8413447460685429, 10);
});

test('at z = 0 the widget states the conventions: ReLU′(0) = 0 as PyTorch, the threshold’s f′(0) undefined', async ({ page }) => {
  const { widget } = await showWidget(page, DECK, RELU);
  let status = await readStatus(widget);
  expect(status).toMatchObject({ z: 0, f: 0, df: 0 });
  await expect(widget.getByRole('status')).toContainText('PyTorch uses ReLU′(0) = 0');
  const slider = widget.getByRole('slider', { name: 'input z' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expectStatus(widget, 0.05, 0.05, 1);
  await expect(widget.getByRole('status')).not.toContainText('PyTorch');

  await widget.getByRole('combobox', { name: 'activation' }).selectOption('threshold');
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await readStatus(widget)).z).toBe(0);
  status = await readStatus(widget);
  expect(status.f).toBe(1);
  expect(status.df).toBe('undefined');
  await expect(widget.getByRole('status')).toContainText('undefined: the step jumps');
  await page.keyboard.press('ArrowLeft');
  await expectStatus(widget, -0.05, 0, 0);
});

test('leaky ReLU: the slope slider appears and sets f for negative z', async ({ page }) => {
  const { widget } = await showWidget(page, DECK, RELU);
  await expect(widget.getByRole('slider', { name: 'leaky slope' })).toHaveCount(0);
  await widget.getByRole('combobox', { name: 'activation' }).selectOption('leaky-relu');
  const z = widget.getByRole('slider', { name: 'input z' });
  await z.focus();
  await pressTimes(page, 'ArrowLeft', 40);
  await expectStatus(widget, -2, -0.02, 0.01);
  const slope = widget.getByRole('slider', { name: 'leaky slope' });
  await slope.focus();
  await pressTimes(page, 'ArrowRight', 9); // 0.01 → 0.10
  await expect(slope).toHaveValue('0.1');
  await expectStatus(widget, -2, -0.2, 0.1);
});

test('Compare draws every activation and tabulates f(z) and f′(z) for each; Show derivative toggles', async ({ page }) => {
  const { widget } = await showWidget(page, DECK, COMPARE);
  const compare = widget.getByRole('button', { name: 'Compare activations' });
  await expect(compare).toHaveAttribute('aria-pressed', 'true');
  const rows = widget.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(6);
  // z = 1 (from the attribute): each row against the functions written out here.
  const expected: Record<string, [number, number]> = {
    threshold: [1, 0],
    sigmoid: [sigmoid(1), sigmoid(1) * (1 - sigmoid(1))],
    tanh: [Math.tanh(1), 1 - Math.tanh(1) ** 2],
    ReLU: [1, 1],
    'leaky ReLU': [1, 1],
    GELU: [phiCdf(1), phiCdf(1) + phiPdf(1)],
  };
  for (const [name, [f, df]] of Object.entries(expected)) {
    const cells = rows.filter({ has: page.getByRole('cell', { name, exact: true }) }).locator('td');
    expect(Number(await cells.nth(1).textContent())).toBeCloseTo(f, 4);
    expect(Number(await cells.nth(2).textContent())).toBeCloseTo(df, 4);
  }
  const derivativeToggle = widget.getByRole('button', { name: 'Show derivative' });
  const dashedBefore = await widget.locator('polyline.curve.slope').count();
  expect(dashedBefore).toBeGreaterThan(0);
  await derivativeToggle.click();
  await expect(derivativeToggle).toHaveAttribute('aria-pressed', 'false');
  await expect(widget.locator('polyline.curve.slope')).toHaveCount(0);
  await compare.click();
  await expect(compare).toHaveAttribute('aria-pressed', 'false');
  await expect(widget.getByRole('table')).toHaveCount(0);
});

// ---- 2-D ---------------------------------------------------------------------------------------------

test('2-D: the counts of folded points match W x + b and ReLU computed here; identity and tanh too', async ({ page }) => {
  const { widget, where } = await showWidget(page, DECK, PLANE);
  const status = widget.getByRole('status');
  // The layer the widget prints (its numbers are exactly the ones it uses).
  const text = (await widget.getByText(/^W = /).textContent())!.replaceAll('−', '-');
  const numbers = [...text.matchAll(/-?\d+\.\d+/g)].map((m) => Number(m[0]));
  const [a, b, c, d, e, f] = numbers as [number, number, number, number, number, number];
  const grid: Array<[number, number]> = [];
  for (let i = 0; i < 9; i += 1) for (let j = 0; j < 9; j += 1) grid.push([-2 + 0.5 * i, -2 + 0.5 * j]);
  const relu = (v: number) => Math.max(0, v);
  const after = grid.map(([x1, x2]) => [relu(a * x1 + b * x2 + e), relu(c * x1 + d * x2 + f)]);
  const onAxis = after.filter(([u, v]) => u === 0 || v === 0).length;
  const atOrigin = after.filter(([u, v]) => u === 0 && v === 0).length;
  await expect(status).toContainText(`${onAxis} of 81 points on an axis, ${atOrigin} at the origin`);
  expect(onAxis).toBeGreaterThan(atOrigin);

  // No layer: the grid itself. ReLU clips −2…0 (5 values) on each axis: 81 − 4·4 = 65 on an axis, 5·5 = 25 at 0.
  const layerToggle = widget.getByRole('button', { name: 'Random layer W x + b' });
  await layerToggle.click();
  await expect(layerToggle).toHaveAttribute('aria-pressed', 'false');
  await expect(status).toContainText('65 of 81 points on an axis, 25 at the origin');
  // tanh keeps only x = 0 on the axes: 9 + 9 − 1 = 17 points, the origin once; everything inside (−1, 1)².
  await widget.getByRole('combobox', { name: 'activation' }).selectOption('tanh');
  await expect(status).toContainText('17 of 81 points on an axis, 1 at the origin');
  await expect(status).toContainText(`f(h₁) in −${Math.tanh(2).toFixed(2)} … ${Math.tanh(2).toFixed(2)}`);
  // A new random layer comes with the next seed.
  await widget.getByRole('button', { name: 'New W, b' }).click();
  await expect(layerToggle).toHaveAttribute('aria-pressed', 'true');
  await expect(widget.getByText(/\(seed 2\)/)).toBeVisible();
  expect(await currentIndices(page)).toMatchObject(where);
  // Back to 1-D and the z slider returns.
  await widget.getByRole('button', { name: '1-D' }).click();
  await expect(widget.getByRole('slider', { name: 'input z' })).toBeVisible();
});

// ---- attributes, URL, standalone -----------------------------------------------------------------------

test('bad attributes show a warning naming each, and the widget works on the defaults', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget } = await showWidget(page, DECK, BAD);
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('activation="swish"');
  await expect(alert).toContainText('using sigmoid');
  await expect(alert).toContainText('leaky-slope="-1"');
  await expectStatus(widget, 0, 0.5, 0.25);
  await widget.getByRole('slider', { name: 'input z' }).focus();
  await page.keyboard.press('ArrowRight');
  await expectStatus(widget, 0.05, sigmoid(0.05), sigmoid(0.05) * (1 - sigmoid(0.05)));
  expect(problems.consoleErrors).toEqual([]);
});

test('the settings live in the URL: a reload (or a shared link) opens the same activation and z', async ({ page }) => {
  const { widget, where } = await showWidget(page, DECK, DEFAULT);
  await widget.getByRole('combobox', { name: 'activation' }).selectOption('tanh');
  await widget.getByRole('slider', { name: 'input z' }).focus();
  await pressTimes(page, 'ArrowRight', 6);
  await expectStatus(widget, 0.3, Math.tanh(0.3), 1 - Math.tanh(0.3) ** 2);
  // The widget's one parameter holds its settings, written like attributes.
  const state = () => new URLSearchParams(new URL(page.url()).searchParams.get('activation-explorer') ?? '');
  await expect.poll(() => `${state().get('activation')} ${state().get('input')}`).toBe('tanh 0.3');
  const url = page.url();
  await page.goto('about:blank');
  await openDeck(page, url);
  // (reveal writes the slide into the hash up to a second late; go to the slide rather than rely on it)
  await showSlide(page, where.h, where.v);
  const again = page.locator(`section.present ${DEFAULT}`);
  await expect(again.getByRole('combobox', { name: 'activation' })).toHaveValue('tanh');
  await expectStatus(again, 0.3, Math.tanh(0.3), 1 - Math.tanh(0.3) ** 2);
  // A bad value in the URL is named like a bad attribute.
  const bad = new URL(url);
  bad.searchParams.set('activation-explorer', 'activation=softsign');
  await openDeck(page, bad.toString());
  await showSlide(page, where.h, where.v);
  await expect(page.locator(`section.present ${DEFAULT}`).getByRole('alert')).toContainText('activation="softsign"');
});

test('a chosen activation, z and Compare are in the address: a copied link shows the same controls and status', async ({ page }) => {
  const { widget } = await showWidget(page, DECK, DEFAULT);
  await widget.getByRole('combobox', { name: 'activation' }).selectOption('gelu');
  await widget.getByRole('slider', { name: 'input z' }).focus();
  await pressTimes(page, 'ArrowLeft', 2);
  await widget.getByRole('button', { name: 'Compare activations' }).click();
  await expectStatus(widget, -0.1, -0.1 * phiCdf(-0.1), phiCdf(-0.1) - 0.1 * phiPdf(-0.1));
  const again = await reopenCopiedAddress(widget, { activation: 'gelu', input: '-0.1', compare: ACTIVATION_NAMES }, DEFAULT);
  await expect(again.getByRole('combobox', { name: 'activation' })).toHaveValue('gelu');
  await expect(again.getByRole('slider', { name: 'input z' })).toHaveValue('-0.1');
  await expect(again.getByRole('button', { name: 'Compare activations' })).toHaveAttribute('aria-pressed', 'true');
  await expect(again.getByRole('status')).toHaveText((await widget.getByRole('status').textContent())!.trim());
});

test('works outside a deck and settles after its first render', async ({ page }) => {
  await openDeck(page, DECK);
  const text = await page.evaluate(async () => {
    const element = document.createElement('activation-explorer');
    element.setAttribute('activation', 'tanh');
    element.setAttribute('input', '1');
    document.body.append(element);
    await (element as HTMLElement & { settled: Promise<void> }).settled;
    const status = element.shadowRoot!.querySelector('[role="status"]')!.textContent ?? '';
    element.remove();
    return status;
  });
  expect(text).toContain(`f(z) = ${Math.tanh(1).toFixed(4)}`);
});

for (const theme of ['light', 'dark'] as const) {
  test(`every activation-explorer slide passes axe in the ${theme} theme and fits the 1280×720 slide`, async ({ page }) => {
    await openDeck(page, DECK);
    if (theme === 'dark') await page.evaluate(() => (document.documentElement.dataset.axonTheme = 'dark'));
    const failures: string[] = [];
    for (const { h, v } of await slideIndices(page)) {
      await showSlide(page, h, v);
      if (!(await page.locator('section.present activation-explorer').count())) continue;
      for (const violation of await seriousAxeViolations(page)) failures.push(`slide ${h}: ${violation}`);
      const overflow = await page.evaluate(() => {
        const widget = document.querySelector('.reveal .slides section.present activation-explorer')!;
        const s = document.querySelector('.reveal .slides')!.getBoundingClientRect();
        const w = widget.getBoundingClientRect();
        return w.bottom > s.bottom + 1 || w.right > s.right + 1 || w.left < s.left - 1;
      });
      if (overflow) failures.push(`slide ${h}: the widget spills out of the 1280×720 slide`);
      await page.screenshot({ path: test.info().outputPath(`activation-explorer-${theme}-${h}.png`) });
    }
    expect(failures).toEqual([]);
  });
}
