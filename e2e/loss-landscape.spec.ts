/**
 * `<loss-landscape>` on a built deck, driven as a student drives it: by accessible names, with mouse and
 * keyboard, on a scaled slide. Every number read from the status is checked against an update computed
 * here, independently, in plain JavaScript.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, findSlide, openDeck, seriousAxeViolations, showSlide, showWidget, watchPage } from './support.ts';

const DECK = 'problems/loss-landscape.html?transition=none&backgroundTransition=none';
const DEFAULT = 'loss-landscape:not([surface])';
const COMPARE = 'loss-landscape[surface="rosenbrock"]';
const BAD = 'loss-landscape[surface="banana"]';

/** Opens the deck on the slide holding the widget that matches `selector`; returns that widget once it shows step 0. */
async function openWidget(page: Page, selector = DEFAULT): Promise<Locator> {
  const { widget } = await showWidget(page, DECK, selector);
  await expect(widget.getByRole('status')).toContainText('step 0');
  return widget;
}

interface StatusLine {
  label?: string;
  step: number;
  w1: number;
  w2: number;
  loss: number;
}

/** "1.156 × 10⁶", as the widget writes large and small numbers, → "1.156e6", which Number reads. */
function plainPowers(line: string): string {
  return line.replace(/(\S+) × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g, (_, mantissa: string, exponent: string) =>
    `${mantissa}e${[...exponent].map((c) => (c === '⁻' ? '-' : String('⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)))).join('')}`);
}

/** The status, one entry per run: "[Label: ]step N · w1 = …, w2 = … · loss = …". */
async function readStatus(widget: Locator): Promise<StatusLine[]> {
  // includeHidden: a widget on a slide not shown is display:none, yet its status is still worth reading.
  const lines = await widget.getByRole('status', { includeHidden: true }).locator('p').allTextContents();
  return lines
    .map((line) => plainPowers(line.replaceAll('−', '-').replace(/\s+/g, ' ')))
    .map((line) => {
      const match = /^(?:(\w+): )?step (\d+) · w1 = (\S+), w2 = (\S+) · loss = (\S+)/.exec(line.trim());
      if (!match) throw new Error(`unreadable status line: ${line}`);
      return { label: match[1], step: Number(match[2]), w1: Number(match[3]), w2: Number(match[4]), loss: Number(match[5]) };
    });
}

/** Expects a shown value (5 significant digits) to be the computed one. */
function expectShown(shown: number, computed: number, what: string): void {
  expect(Math.abs(shown - computed), `${what}: shown ${shown}, computed ${computed}`).toBeLessThanOrEqual(1e-4 * Math.max(Math.abs(computed), 1e-3));
}

/** ½ (w1² + κ w2²) and its gradient, κ = 10: the default bowl, written out here. */
const bowl = {
  loss: ([a, b]: number[]) => 0.5 * (a! ** 2 + 10 * b! ** 2),
  gradient: ([a, b]: number[]) => [a!, 10 * b!],
};

/** Screen position of a map point, read off the axes' tick marks (two ticks per axis, linear between). */
async function screenPoint(widget: Locator, w1: number, w2: number): Promise<{ x: number; y: number }> {
  const centre = async (selector: string) => {
    const box = (await widget.locator(selector).boundingBox())!;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  const [left, right] = [await centre('line.tick-w1[data-value="-2"]'), await centre('line.tick-w1[data-value="2"]')];
  const [low, high] = [await centre('line.tick-w2[data-value="-1"]'), await centre('line.tick-w2[data-value="1"]')];
  return {
    x: left.x + ((w1 + 2) / 4) * (right.x - left.x),
    y: low.y + ((w2 + 1) / 2) * (high.y - low.y),
  };
}

test('Step takes one SGD step, w ← w − η∇L, as computed here; the learning-rate slider changes η', async ({ page }) => {
  const problems = await watchPage(page);
  const widget = await openWidget(page);
  const step = widget.getByRole('button', { name: 'Step' });
  const [start] = await readStatus(widget);
  expect(start).toMatchObject({ step: 0, w1: -2.5, w2: 1.5, loss: 14.375 });

  let w = [-2.5, 1.5];
  for (let t = 1; t <= 3; t += 1) {
    await step.click();
    await expect(widget.getByRole('status')).toContainText(`step ${t} `);
    const g = bowl.gradient(w);
    w = [w[0]! - 0.18 * g[0]!, w[1]! - 0.18 * g[1]!];
    const [shown] = await readStatus(widget);
    expectShown(shown!.w1, w[0]!, `w1 at step ${t}`);
    expectShown(shown!.w2, w[1]!, `w2 at step ${t}`);
    expectShown(shown!.loss, bowl.loss(w), `loss at step ${t}`);
  }
  // By hand for the first step: (−2.5 + 0.18·2.5, 1.5 − 0.18·15) = (−2.05, −1.2).

  // η = 10^−1 = 0.1: the run starts again from the start, with the new rate.
  const slider = widget.getByRole('slider', { name: 'learning rate' });
  await slider.fill('-1');
  await expect(slider).toHaveAttribute('aria-valuetext', '0.1');
  await expect(widget.getByRole('status')).toContainText('step 0 ');
  await step.click();
  await expect(widget.getByRole('status')).toContainText('step 1 ');
  const [after] = await readStatus(widget);
  expectShown(after!.w1, -2.5 * (1 - 0.1), 'w1 at η = 0.1');
  expectShown(after!.w2, 1.5 * (1 - 0.1 * 10), 'w2 at η = 0.1');

  // The code panel shows the same settings.
  await widget.getByRole('button', { name: 'Show code' }).click();
  const code = widget.getByLabel('PyTorch code');
  await expect(code).toContainText('w = torch.tensor([-2.5, 1.5], requires_grad=True)');
  await expect(code).toContainText('optimizer = torch.optim.SGD([w], lr=0.1)');
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('Play advances the run; Pause stops it', async ({ page }) => {
  const widget = await openWidget(page);
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await readStatus(widget))[0]!.step).toBeGreaterThan(2);
  await widget.getByRole('button', { name: 'Pause' }).click();
  await expect(widget.getByRole('button', { name: 'Play' })).toBeEnabled();
  const paused = (await readStatus(widget))[0]!.step;
  await page.waitForTimeout(600);
  expect((await readStatus(widget))[0]!.step).toBe(paused);
  // Reset goes back to step 0 at the start.
  await widget.getByRole('button', { name: 'Reset' }).click();
  await expect(widget.getByRole('status')).toHaveText('step 0 · w1 = −2.5, w2 = 1.5 · loss = 14.375');
});

test('a large learning rate overshoots and diverges: the warning names the step, and the run stops', async ({ page }) => {
  const widget = await openWidget(page);
  // η = 10^−0.3 ≈ 0.5: w2 ← (1 − 10η) w2 = −4 w2, so |w2| = 1.5·4ᵗ first passes 1e6 at t = 10.
  await widget.getByRole('slider', { name: 'learning rate' }).fill('-0.3');
  await expect(widget.getByRole('slider', { name: 'learning rate' })).toHaveAttribute('aria-valuetext', '0.5');
  await widget.getByRole('button', { name: 'Play' }).click();
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('Diverged at step 10');
  await expect(alert).toContainText('lower the learning rate');
  await expect(widget.getByRole('button', { name: 'Play' })).toBeDisabled();
  await expect(widget.getByRole('button', { name: 'Step' })).toBeDisabled();
  await expect(widget.getByRole('status')).toContainText('diverged at step 10');
  // A tiny rate crawls: η = 10⁻⁴, five steps move w1 by a factor (1 − 10⁻⁴)⁵ only.
  await widget.getByRole('slider', { name: 'learning rate' }).fill('-4');
  await expect(alert).toHaveCount(0);
  for (let t = 1; t <= 5; t += 1) {
    await widget.getByRole('button', { name: 'Step' }).click();
    await expect(widget.getByRole('status')).toContainText(`step ${t} `);
  }
  const [crawl] = await readStatus(widget);
  expectShown(crawl!.w1, -2.5 * (1 - 1e-4) ** 5, 'w1 after 5 tiny steps');
  expectShown(crawl!.w2, 1.5 * (1 - 1e-3) ** 5, 'w2 after 5 tiny steps');
});

test('clicking the map on a scaled slide starts there (position read off the axes)', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 506 });
  const widget = await openWidget(page);
  expect(await page.evaluate(() => window.axon!.reveal.getScale())).toBeLessThan(1);
  const cell = 6 / 120; // the heatmap's grid cell in w1 (and w2: cells are square)
  for (const [w1, w2] of [
    [1.2, -0.8],
    [-1.7, 0.45],
  ] as const) {
    const { x, y } = await screenPoint(widget, w1, w2);
    await page.mouse.click(x, y);
    await expect(widget.getByRole('status')).toContainText('step 0 ');
    const [shown] = await readStatus(widget);
    expect(Math.abs(shown!.w1 - w1), `w1 clicked at ${w1}`).toBeLessThanOrEqual(cell);
    expect(Math.abs(shown!.w2 - w2), `w2 clicked at ${w2}`).toBeLessThanOrEqual(cell);
    // …and the run goes on from there.
    await widget.getByRole('button', { name: 'Step' }).click();
    await expect(widget.getByRole('status')).toContainText('step 1 ');
    const [next] = await readStatus(widget);
    expectShown(next!.w1, shown!.w1 * (1 - 0.18), 'w1 one step from the clicked start');
  }
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true, viewport: { width: 900, height: 506 } });

  test('tapping the map starts there', async ({ page }) => {
    const widget = await openWidget(page);
    const { x, y } = await screenPoint(widget, 0.5, 1);
    await page.touchscreen.tap(x, y);
    await expect(widget.getByRole('status')).toContainText('step 0 ');
    const [shown] = await readStatus(widget);
    expect(Math.abs(shown!.w1 - 0.5)).toBeLessThanOrEqual(6 / 120);
    expect(Math.abs(shown!.w2 - 1)).toBeLessThanOrEqual(6 / 120);
  });
});

test('the arrow keys move the start when the map has focus, and the slide stays', async ({ page }) => {
  const widget = await openWidget(page);
  const before = await currentIndices(page);
  const map = widget.getByRole('button', { name: /^start point/ });
  await map.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await expect(widget.getByRole('status')).toContainText('w1 = −2.35, w2 = 1.65');
  await expect(map).toHaveAccessibleName(/w1 = −2\.35, w2 = 1\.65/);
  expect(await currentIndices(page)).toEqual(before);
  // The transport works from the keyboard too.
  await widget.getByRole('button', { name: 'Step' }).focus();
  await page.keyboard.press('Enter');
  await expect(widget.getByRole('status')).toContainText('step 1 ');
});

test('the optimizer select and the momentum slider appear only when they apply', async ({ page }) => {
  const widget = await openWidget(page);
  const select = widget.getByRole('combobox', { name: 'optimizer' });
  const momentum = widget.getByRole('slider', { name: 'momentum' });
  await expect(select).toHaveValue('sgd');
  await expect(momentum).toHaveCount(0);
  await select.selectOption('momentum');
  await expect(momentum).toBeVisible();
  await expect(momentum).toHaveValue('0.9');
  // Momentum's first step is SGD's (v = ∇L); its second is w − η(β∇L₀ + ∇L₁).
  await widget.getByRole('button', { name: 'Step' }).click();
  await widget.getByRole('button', { name: 'Step' }).click();
  await expect(widget.getByRole('status')).toContainText('step 2 ');
  const g0 = bowl.gradient([-2.5, 1.5]);
  const w1 = [-2.5 - 0.18 * g0[0]!, 1.5 - 0.18 * g0[1]!];
  const g1 = bowl.gradient(w1);
  const w2 = [w1[0]! - 0.18 * (0.9 * g0[0]! + g1[0]!), w1[1]! - 0.18 * (0.9 * g0[1]! + g1[1]!)];
  const [shown] = await readStatus(widget);
  expectShown(shown!.w1, w2[0]!, 'momentum w1 at step 2');
  expectShown(shown!.w2, w2[1]!, 'momentum w2 at step 2');
  await select.selectOption('adam');
  await expect(momentum).toHaveCount(0);

  // Comparing: no select (every optimizer runs), the momentum slider is back, one status line per run.
  const compare = widget.getByRole('button', { name: 'Compare optimizers' });
  await compare.click();
  await expect(compare).toHaveAttribute('aria-pressed', 'true');
  await expect(select).toHaveCount(0);
  await expect(momentum).toBeVisible();
  await expect.poll(async () => (await readStatus(widget)).map((line) => line.label)).toEqual(['SGD', 'Momentum', 'Adam']);
  await compare.click();
  await expect(select).toBeVisible();
});

test('Rosenbrock, three optimizers from one start: one Step each, as computed here', async ({ page }) => {
  const widget = await openWidget(page, COMPARE);
  await expect(widget.getByRole('combobox', { name: 'optimizer' })).toHaveCount(0);
  await expect(widget.getByRole('list', { name: 'legend' })).toContainText('SGD');
  await expect(widget.getByRole('list', { name: 'legend' })).toContainText('Momentum (β = 0.9)');
  await expect(widget.getByRole('list', { name: 'legend' })).toContainText('Adam');
  const lines = await readStatus(widget);
  expect(lines.map((l) => [l.label, l.step, l.w1, l.w2])).toEqual([
    ['SGD', 0, -1.5, 1.5],
    ['Momentum', 0, -1.5, 1.5],
    ['Adam', 0, -1.5, 1.5],
  ]);
  await widget.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await readStatus(widget)).map((l) => l.step)).toEqual([1, 1, 1]);
  // ∇L of (1 − w1)² + 100 (w2 − w1²)² at (−1.5, 1.5), by hand.
  const [a, b] = [-1.5, 1.5];
  const g = [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)];
  const eta = 0.001;
  const sgd = [a - eta * g[0]!, b - eta * g[1]!];
  // Adam's first step is η·sign(g) per coordinate (m̂ = g, ŝ = g²).
  const adam = [a - eta * Math.sign(g[0]!), b - eta * Math.sign(g[1]!)];
  const [sgdLine, momentumLine, adamLine] = await readStatus(widget);
  for (const [line, expected] of [
    [sgdLine!, sgd],
    [momentumLine!, sgd],
    [adamLine!, adam],
  ] as const) {
    expectShown(line.w1, expected[0]!, `${line.label} w1`);
    expectShown(line.w2, expected[1]!, `${line.label} w2`);
  }
  // The handout state: 100 steps each, drawn, and `settled` resolves.
  await widget.evaluate(async (el: HTMLElement & { settle(): Promise<void>; settled: Promise<void> }) => {
    await el.settle();
    await el.settled;
  });
  expect((await readStatus(widget)).map((l) => l.step)).toEqual([100, 100, 100]);
});

test('a bad attribute warns on the widget, naming it, and the quadratic bowl is used', async ({ page }) => {
  const widget = await openWidget(page, BAD);
  await expect(widget.getByRole('alert')).toContainText('surface="banana"');
  await expect(widget.getByRole('alert')).toContainText('using quadratic');
  await expect(widget.getByRole('status')).toHaveText('step 0 · w1 = −2.5, w2 = 1.5 · loss = 14.375');
});

test('idle until shown, paused when hidden; tensors are freed when a widget is removed', async ({ page }) => {
  await openDeck(page, DECK);
  // Autoplay on a slide not yet shown: nothing runs.
  await page.evaluate(() => {
    const el = document.querySelector('loss-landscape[surface="banana"]')!;
    el.setAttribute('autoplay', '');
  });
  await page.waitForTimeout(500);
  expect((await readStatus(page.locator(BAD)))[0]!.step).toBe(0);
  const where = await findSlide(page, BAD);
  await showSlide(page, where.h, where.v);
  const widget = page.locator(`section.present ${BAD}`);
  await expect.poll(async () => (await readStatus(widget))[0]!.step).toBeGreaterThan(1);
  await showSlide(page, 0, 0);
  const offSlide = page.locator(BAD);
  await page.waitForTimeout(200); // the last readback of the steps taken before hiding
  const hiddenAt = (await readStatus(offSlide))[0]!.step;
  await page.waitForTimeout(600);
  expect((await readStatus(offSlide))[0]!.step).toBe(hiddenAt);

  const tensors = () => page.evaluate(() => window.axon!.engine!.tensorCount);
  const before = await tensors();
  await page.evaluate(() => {
    const extra = document.createElement('loss-landscape');
    extra.id = 'extra';
    extra.setAttribute('compare', 'sgd,momentum,adam');
    document.body.append(extra);
  });
  const extra = page.locator('#extra');
  await expect(extra.getByRole('status')).toContainText('step 0');
  // Outside the slides the element sits under reveal's layer, so the click is dispatched to it directly.
  await extra.getByRole('button', { name: 'Step' }).dispatchEvent('click');
  await expect.poll(async () => (await readStatus(extra)).map((l) => l.step)).toEqual([1, 1, 1]);
  expect(await tensors()).toBeGreaterThan(before);
  await page.evaluate(() => document.getElementById('extra')!.remove());
  expect(await tensors()).toBe(before);
});

test('in reveal’s print view every widget settles at its handout state, asked by the deck (100 steps, drawn as an SVG image)', async ({ page }) => {
  await openDeck(page, `${DECK}&print-pdf`);
  // reveal lays the print pages out after it is ready, moving the slides into .pdf-page wrappers.
  await page.waitForFunction(() => document.querySelectorAll('.pdf-page loss-landscape').length === 3);
  const steps = await page.evaluate(async () => {
    const widgets = [...document.querySelectorAll('loss-landscape')] as Array<HTMLElement & { settled: Promise<void> }>;
    await Promise.all(widgets.map((el) => el.settled));
    return widgets.map((el) => ({
      steps: [...el.shadowRoot!.querySelectorAll('[role=status] p')].map((p) => /step (\d+)/.exec(p.textContent ?? '')?.[1]),
      image: el.shadowRoot!.querySelector('svg image')?.getAttribute('href')?.slice(0, 22),
    }));
  });
  expect(steps).toEqual([
    { steps: ['100'], image: 'data:image/png;base64,' },
    { steps: ['100', '100', '100'], image: 'data:image/png;base64,' },
    { steps: ['100'], image: 'data:image/png;base64,' },
  ]);
});

test('every slide passes an axe scan (no serious or critical violations)', async ({ page }) => {
  for (const selector of [DEFAULT, COMPARE, BAD]) {
    const widget = await openWidget(page, selector);
    await widget.getByRole('button', { name: 'Step' }).click();
    expect(await seriousAxeViolations(page), selector).toEqual([]);
  }
});

test('fits a 1280×720 slide under its heading, with readable text (screenshots in /tmp)', async ({ page }) => {
  const widget = await openWidget(page);
  for (let i = 0; i < 6; i += 1) await widget.getByRole('button', { name: 'Step' }).click();
  await expect(widget.getByRole('status')).toContainText('step 6 ');
  const box = (await widget.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(720);
  const smallest = await widget.evaluate((el) => {
    let min = Infinity;
    for (const text of el.shadowRoot!.querySelectorAll('svg text')) {
      const size = parseFloat(getComputedStyle(text).fontSize);
      const scale = (text as SVGTextElement).ownerSVGElement!.getScreenCTM()?.a ?? 1;
      min = Math.min(min, size * scale);
    }
    return min;
  });
  expect(smallest).toBeGreaterThanOrEqual(15);
  await page.screenshot({ path: '/tmp/ll-default.png' });
  await widget.getByRole('button', { name: 'Show code' }).click();
  const open = (await widget.boundingBox())!;
  expect(open.y + open.height).toBeLessThanOrEqual(720);
  await page.screenshot({ path: '/tmp/ll-code.png' });
  await page.evaluate(() => (document.documentElement.dataset.axonTheme = 'dark'));
  await page.screenshot({ path: '/tmp/ll-dark.png' });

  const compare = await openWidget(page, COMPARE);
  await compare.evaluate((el: HTMLElement & { settle(): Promise<void> }) => el.settle());
  const compareBox = (await compare.boundingBox())!;
  expect(compareBox.y + compareBox.height).toBeLessThanOrEqual(720);
  await page.screenshot({ path: '/tmp/ll-compare.png' });
  await openWidget(page, BAD);
  await page.screenshot({ path: '/tmp/ll-warning.png' });
  await page.setViewportSize({ width: 900, height: 506 });
  await page.screenshot({ path: '/tmp/ll-scaled.png' });
});

test('the rate and start a student sets are in the address: a copied link shows the same run', async ({ page }) => {
  const widget = await openWidget(page);
  const slider = widget.getByRole('slider', { name: 'learning rate' });
  await slider.fill('-1');
  await expect(slider).toHaveAttribute('aria-valuetext', '0.1');
  await widget.getByRole('button', { name: /^start point/ }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  const status = widget.getByRole('status');
  await expect(status).toContainText('step 0 · w1 = −2.35, w2 = 1.65');
  const again = await reopenCopiedAddress(widget, { lr: '0.1', start: '-2.35,1.65' }, DEFAULT);
  await expect(again.getByRole('slider', { name: 'learning rate' })).toHaveAttribute('aria-valuetext', '0.1');
  await expect(again.getByRole('status')).toHaveText((await status.textContent())!.trim());
});
