/**
 * `<gd-trajectory>` on a built deck, driven as a student drives it: by accessible names, with mouse and
 * keyboard, on a scaled slide. The numbers shown are checked against gradient descent, the normal equation
 * and the Hessian's eigenvalues computed here in float64 from the widget's own data.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, findSlide, openDeck, seriousAxeViolations, showSlide, showWidget, watchPage } from './support.ts';

const DECK = 'problems/gd-trajectory.html?transition=none&backgroundTransition=none';
const DEFAULT = 'gd-trajectory:not([compare]):not([lr])';
const COMPARE = 'gd-trajectory[compare]';
const BAD = 'gd-trajectory[lr="banana"]';

type Beta = [number, number];
interface Data {
  inputs: number[][];
  targets: number[][];
}
interface StatusLine {
  step: number;
  beta: Beta;
  loss: number;
  diverged?: number;
}

async function openWidget(page: Page, selector = DEFAULT): Promise<Locator> {
  const { widget } = await showWidget(page, DECK, selector);
  await expect(widget.getByRole('status').first()).toContainText('step 0');
  return widget;
}

/** "1.156 × 10⁶", as the widget writes large and small numbers, → "1.156e6", which Number reads. */
function plainPowers(line: string): string {
  return line.replace(/(\S+) × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g, (_, mantissa: string, exponent: string) =>
    `${mantissa}e${[...exponent].map((c) => (c === '⁻' ? '-' : String('⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)))).join('')}`);
}

/** Every status line: "step N · β₁ = …, β₂ = … · loss = …[ · diverged at step k]". */
async function readStatus(widget: Locator): Promise<StatusLine[]> {
  const lines = await widget.getByRole('status', { includeHidden: true }).allTextContents();
  return lines.map((raw) => {
    const line = plainPowers(raw.replaceAll('−', '-').replace(/\s+/g, ' ').trim());
    const match = /^step (\d+) · β₁ = (\S+), β₂ = (\S+) · loss = (\S+?)(?: · diverged at step (\d+))?(?: · off the map)?$/.exec(line);
    if (!match) throw new Error(`unreadable status: ${line}`);
    return { step: Number(match[1]), beta: [Number(match[2]), Number(match[3])], loss: Number(match[4]), diverged: match[5] ? Number(match[5]) : undefined };
  });
}

async function dataOf(widget: Locator): Promise<Data> {
  return widget.evaluate((el) => (el as HTMLElement & { trainingData: Data }).trainingData);
}

/** Full-batch gradient descent in float64: β ← β − η (2/n) Σ xᵢ (xᵢᵀβ − yᵢ), from (0, 0). */
function descend(data: Data, eta: number, steps: number): Beta[] {
  const n = data.inputs.length;
  let beta: Beta = [0, 0];
  const path = [beta];
  for (let t = 0; t < steps; t += 1) {
    let g: Beta = [0, 0];
    data.inputs.forEach(([x1, x2], i) => {
      const r = x1! * beta[0] + x2! * beta[1] - data.targets[i]![0]!;
      g = [g[0] + (2 / n) * x1! * r, g[1] + (2 / n) * x2! * r];
    });
    beta = [beta[0] - eta * g[0], beta[1] - eta * g[1]];
    path.push(beta);
  }
  return path;
}

function mse(data: Data, [b1, b2]: Beta): number {
  return data.inputs.reduce((sum, [x1, x2], i) => sum + (x1! * b1 + x2! * b2 - data.targets[i]![0]!) ** 2, 0) / data.inputs.length;
}

/** β̂ from the normal equation and λmax of H = (2/n)XᵀX, by hand. */
function closedForm(data: Data): { estimate: Beta; lambdaMax: number } {
  let [a, b, c, u, v] = [0, 0, 0, 0, 0];
  data.inputs.forEach(([x1, x2], i) => {
    const y = data.targets[i]![0]!;
    [a, b, c, u, v] = [a + x1! * x1!, b + x1! * x2!, c + x2! * x2!, u + x1! * y, v + x2! * y];
  });
  const det = a * c - b * b;
  const n = data.inputs.length;
  const [h11, h12, h22] = [(2 * a) / n, (2 * b) / n, (2 * c) / n];
  return { estimate: [(c * u - b * v) / det, (a * v - b * u) / det], lambdaMax: (h11 + h22) / 2 + Math.sqrt(((h11 - h22) / 2) ** 2 + h12 * h12) };
}

/** A shown value (5 significant digits) equals the computed one. */
function expectShown(shown: number, computed: number, what: string): void {
  expect(Math.abs(shown - computed), `${what}: shown ${shown}, computed ${computed}`).toBeLessThanOrEqual(1e-4 * Math.max(Math.abs(computed), 1e-2));
}

/** Two significant digits, as the widget writes short numbers. */
const short = (value: number) => String(Number(value.toPrecision(2)));

test('Step takes one gradient-descent step as computed here; β̂ and 2/λmax are the closed forms; the slider sets η', async ({ page }) => {
  const problems = await watchPage(page);
  const widget = await openWidget(page);
  const data = await dataOf(widget);
  expect(data.inputs).toHaveLength(50);
  const { estimate, lambdaMax } = closedForm(data);
  await expect(widget.getByRole('list', { name: 'legend' })).toContainText(`β̂ = (${Number(estimate[0].toPrecision(4))}, ${Number(estimate[1].toPrecision(4))}) (normal equation)`);
  await expect(widget.getByText(`η = 0.1 < 2/λmax = ${short(2 / lambdaMax)}: converges`)).toBeVisible();

  const expected = descend(data, 0.1, 3);
  const step = widget.getByRole('button', { name: 'Step' });
  for (let t = 1; t <= 3; t += 1) {
    await step.click();
    await expect(widget.getByRole('status')).toContainText(`step ${t} `);
    const [shown] = await readStatus(widget);
    expectShown(shown!.beta[0], expected[t]![0], `β₁ at step ${t}`);
    expectShown(shown!.beta[1], expected[t]![1], `β₂ at step ${t}`);
    expectShown(shown!.loss, mse(data, expected[t]!), `loss at step ${t}`);
  }

  // η = 10^−0.05 ≈ 0.89 > 2/λmax: a new run from (0, 0) that overshoots.
  const slider = widget.getByRole('slider', { name: 'learning rate' });
  await slider.fill('-0.05');
  await expect(slider).toHaveAttribute('aria-valuetext', '0.89');
  await expect(widget.getByRole('status')).toContainText('step 0 ');
  await expect(widget.getByText(`η = 0.89 > 2/λmax = ${short(2 / lambdaMax)}: diverges`)).toBeVisible();
  await step.click();
  await step.click();
  await expect(widget.getByRole('status')).toContainText('step 2 ');
  const fast = descend(data, 0.89, 2);
  const [shown] = await readStatus(widget);
  expectShown(shown!.beta[0], fast[2]![0], 'β₁ after two steps at η = 0.89');
  expectShown(shown!.beta[1], fast[2]![1], 'β₂ after two steps at η = 0.89');

  await widget.getByRole('button', { name: 'Show code' }).click();
  const code = widget.getByLabel('PyTorch code');
  await expect(code).toContainText('nn.Linear(2, 1, bias=False)');
  await expect(code).toContainText('torch.optim.SGD(model.parameters(), lr=0.89)');
  // The setting is in the address, so a shared link opens with it.
  await expect.poll(() => page.evaluate(() => new URLSearchParams(location.search).get('gd-trajectory'))).toContain('lr=0.89');
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('η and the compare toggle are in the address: a copied link shows the same slider, toggle and status', async ({ page }) => {
  const widget = await openWidget(page);
  const slider = widget.getByRole('slider', { name: 'learning rate' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '0.13');
  await widget.getByRole('button', { name: 'Compare learning rates' }).click();
  await widget.getByRole('button', { name: 'Step' }).click();
  await widget.getByRole('button', { name: 'Reset' }).click();
  const statuses = widget.getByRole('status');
  await expect(statuses).toHaveCount(3);
  const again = await reopenCopiedAddress(widget, { lr: '0.13', compare: 'true' }, DEFAULT);
  const toggle = again.getByRole('button', { name: 'Compare learning rates' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(again.getByRole('status')).toHaveText(await statuses.allTextContents().then((texts) => texts.map((text) => text.trim())));
  await toggle.click();
  await expect(again.getByRole('slider', { name: 'learning rate' })).toHaveAttribute('aria-valuetext', '0.13');
});

test('Play runs, Pause stops, Reset starts again from (0, 0); a large rate diverges and says so', async ({ page }) => {
  const widget = await openWidget(page);
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await readStatus(widget))[0]!.step).toBeGreaterThan(2);
  await widget.getByRole('button', { name: 'Pause' }).click();
  await expect(widget.getByRole('button', { name: 'Play' })).toBeEnabled();
  await page.waitForTimeout(300);
  const paused = (await readStatus(widget))[0]!.step;
  await page.waitForTimeout(500);
  expect((await readStatus(widget))[0]!.step).toBe(paused);
  await widget.getByRole('button', { name: 'Reset' }).click();
  await expect(widget.getByRole('status')).toHaveText(/^step 0 · β₁ = 0, β₂ = 0 · loss = /);

  // η = 10^0.3 ≈ 2: far past 2/λmax. The first step where |β| passes 10⁶, computed here, is where it stops.
  const data = await dataOf(widget);
  await widget.getByRole('slider', { name: 'learning rate' }).fill('0.3');
  await expect(widget.getByRole('slider', { name: 'learning rate' })).toHaveAttribute('aria-valuetext', '2');
  const blowUp = descend(data, 2, 100).findIndex((b) => Math.max(Math.abs(b[0]), Math.abs(b[1])) >= 1e6);
  await widget.getByRole('button', { name: 'Play' }).click();
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText(`Diverged at step ${blowUp}`);
  await expect(alert).toContainText('lower the learning rate');
  await expect(widget.getByRole('status')).toContainText(`diverged at step ${blowUp}`);
  await expect(widget.getByRole('button', { name: 'Step' })).toBeDisabled();
  // The path is still drawn, with an arrow where it left the map.
  expect(await widget.locator('svg.map path.exit').count()).toBeGreaterThan(0);
});

test('compare: too small crawls, just right reaches β̂, too large diverges — each as computed here', async ({ page }) => {
  const widget = await openWidget(page, COMPARE);
  const toggle = widget.getByRole('button', { name: 'Compare learning rates' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(widget.getByRole('slider', { name: 'learning rate' })).toHaveCount(0);
  for (const name of ['too small', 'just right', 'too large']) await expect(widget.getByRole('status', { name })).toContainText('step 0');
  const data = await dataOf(widget);
  const { estimate, lambdaMax } = closedForm(data);
  await expect(widget.getByText(`η = 0.9 > 2/λmax = ${short(2 / lambdaMax)}: diverges`)).toBeVisible();
  await widget.evaluate((el) => (el as HTMLElement & { settle(): Promise<void> }).settle());
  const [small, right, large] = await readStatus(widget);
  const crawl = descend(data, 0.001, 100)[100]!;
  expect(small!.step).toBe(100);
  expectShown(small!.beta[0], crawl[0], 'too small β₁ at step 100');
  expectShown(small!.beta[1], crawl[1], 'too small β₂ at step 100');
  expect(right!.step).toBe(100);
  expect(Math.abs(right!.beta[0] - estimate[0])).toBeLessThan(1e-3);
  expect(Math.abs(right!.beta[1] - estimate[1])).toBeLessThan(1e-3);
  const blowUp = descend(data, 0.9, 100).findIndex((b) => Math.max(Math.abs(b[0]), Math.abs(b[1])) >= 1e6);
  expect(large!.diverged).toBe(blowUp);
  // Divergence is the lesson here, not a fault: no red warning; the too-large run's status says it, marked in its colour.
  await expect(widget.getByRole('alert')).toHaveCount(0);
  await expect(widget.getByRole('status', { name: 'too large' }).locator('.outcome')).toHaveText(`diverged at step ${blowUp}`);
  // Off: one run again, at the single run's rate.
  await toggle.click();
  await expect(widget.getByRole('slider', { name: 'learning rate' })).toBeVisible();
  await expect(widget.getByRole('status')).toHaveCount(1);
});

test('a bad attribute warns on the widget, naming it, and the default is used', async ({ page }) => {
  const widget = await openWidget(page, BAD);
  await expect(widget.getByRole('alert')).toContainText('lr="banana" is not a number — using 0.1');
  await expect(widget.getByRole('slider', { name: 'learning rate' })).toHaveAttribute('aria-valuetext', '0.1');
});

test('keyboard: arrows move the slider, not the deck; Enter on Step steps', async ({ page }) => {
  const widget = await openWidget(page);
  const before = await currentIndices(page);
  const slider = widget.getByRole('slider', { name: 'learning rate' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '0.11');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuetext', '0.089');
  expect(await currentIndices(page)).toEqual(before);
  await widget.getByRole('button', { name: 'Step' }).focus();
  await page.keyboard.press('Enter');
  await expect(widget.getByRole('status')).toContainText('step 1 ');
  await widget.getByRole('button', { name: 'Compare learning rates' }).focus();
  await page.keyboard.press('Space');
  await expect(widget.getByRole('status')).toHaveCount(3);
  expect(await currentIndices(page)).toEqual(before);
});

test('idle until shown; tensors are freed when a widget is removed', async ({ page }) => {
  await openDeck(page, DECK);
  await page.evaluate(() => document.querySelector('gd-trajectory[lr="banana"]')!.setAttribute('autoplay', ''));
  await page.waitForTimeout(500);
  const hidden = page.locator(BAD);
  expect((await readStatus(hidden))[0]!.step).toBe(0);
  const where = await findSlide(page, BAD);
  await showSlide(page, where.h, where.v);
  await expect.poll(async () => (await readStatus(page.locator(`section.present ${BAD}`)))[0]!.step).toBeGreaterThan(1);

  const tensors = () => page.evaluate(() => window.axon!.engine!.tensorCount);
  await showSlide(page, 0, 0);
  await page.waitForTimeout(300);
  const before = await tensors();
  await page.evaluate(() => {
    const extra = document.createElement('gd-trajectory');
    extra.id = 'extra';
    extra.setAttribute('compare', '');
    document.body.append(extra);
  });
  const extra = page.locator('#extra');
  await expect(extra.getByRole('status').first()).toContainText('step 0');
  await extra.getByRole('button', { name: 'Step' }).dispatchEvent('click');
  await expect.poll(async () => (await readStatus(extra)).map((l) => l.step)).toEqual([1, 1, 1]);
  expect(await tensors()).toBeGreaterThan(before);
  await page.evaluate(() => document.getElementById('extra')!.remove());
  expect(await tensors()).toBe(before);
});

test('in reveal’s print view every widget settles at its handout state (the deck asks)', async ({ page }) => {
  await openDeck(page, `${DECK}&print-pdf`);
  await page.waitForFunction(() => document.querySelectorAll('.pdf-page gd-trajectory').length === 3);
  const steps = await page.evaluate(async () => {
    const widgets = [...document.querySelectorAll('gd-trajectory')] as Array<HTMLElement & { settled: Promise<void> }>;
    await Promise.all(widgets.map((el) => el.settled));
    return widgets.map((el) => [...el.shadowRoot!.querySelectorAll('[role=status]')].map((p) => /^step (\d+)/.exec(p.textContent?.trim() ?? '')?.[1]));
  });
  expect(steps).toEqual([['100'], ['100', '100', '59'], ['100']]);
});

test('every slide passes an axe scan (no serious or critical violations)', async ({ page }) => {
  for (const selector of [DEFAULT, COMPARE, BAD]) {
    const widget = await openWidget(page, selector);
    await widget.getByRole('button', { name: 'Step' }).click();
    expect(await seriousAxeViolations(page), selector).toEqual([]);
  }
});

test('fits a 1280×720 slide under its heading, with readable text (screenshots in /tmp)', async ({ page }) => {
  for (const [selector, name] of [
    [DEFAULT, 'default'],
    [COMPARE, 'compare'],
  ] as const) {
    const widget = await openWidget(page, selector);
    await widget.evaluate((el) => (el as HTMLElement & { settle(): Promise<void> }).settle());
    const box = (await widget.boundingBox())!;
    expect(box.y + box.height, name).toBeLessThanOrEqual(720);
    const smallest = await widget.evaluate((el) => {
      let min = Infinity;
      for (const text of el.shadowRoot!.querySelectorAll('svg text')) {
        const size = parseFloat(getComputedStyle(text).fontSize);
        min = Math.min(min, size * ((text as SVGTextElement).ownerSVGElement!.getScreenCTM()?.a ?? 1));
      }
      return min;
    });
    expect(smallest, name).toBeGreaterThanOrEqual(14);
    await page.screenshot({ path: `/tmp/gd-trajectory-${name}.png` });
    await widget.getByRole('button', { name: 'Show code' }).click();
    const open = (await widget.boundingBox())!;
    expect(open.y + open.height, `${name} with code`).toBeLessThanOrEqual(720);
  }
  await page.setViewportSize({ width: 900, height: 506 });
  await page.screenshot({ path: '/tmp/gd-trajectory-scaled.png' });
});
