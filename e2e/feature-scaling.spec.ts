/**
 * `<feature-scaling>` on a built deck, driven by its accessible names: the numbers it shows are checked
 * against an independent float64 computation written here (Hessian eigenvalues by power iteration, the GD
 * recursion by hand) on the same seeded houses.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { makeHouses } from '../components/feature-scaling/feature-scaling.model.ts';
import { readNumber } from '../components/shared/views/format-number.ts';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, seriousAxeViolations, showWidget, watchPage } from './support.ts';

const DECK = 'problems/feature-scaling.html?transition=none&backgroundTransition=none';
const DEFAULT = 'feature-scaling:not([lr]):not([steps])';
const OWN_RATES = 'feature-scaling[raw-lr]';
const BAD = 'feature-scaling[steps="0"]';

async function openWidget(page: Page, selector: string): Promise<Locator> {
  return (await showWidget(page, DECK, selector)).widget;
}

/** λmax and λmin of (2/n)XᵀX by power iteration on H and on H⁻¹ — not the widget's closed form. */
function eigenvalues(rows: number[][]): [number, number] {
  const n = rows.length;
  let a = 0;
  let b = 0;
  let c = 0;
  for (const [x1, x2] of rows) {
    a += (2 * x1! * x1!) / n;
    b += (2 * x1! * x2!) / n;
    c += (2 * x2! * x2!) / n;
  }
  const power = (m: number[]) => {
    let v = [1, 0.5];
    for (let i = 0; i < 500; i += 1) {
      const next = [m[0]! * v[0]! + m[1]! * v[1]!, m[1]! * v[0]! + m[2]! * v[1]!];
      const norm = Math.hypot(next[0]!, next[1]!);
      v = next.map((x) => x / norm);
    }
    return v[0]! * (m[0]! * v[0]! + m[1]! * v[1]!) + v[1]! * (m[1]! * v[0]! + m[2]! * v[1]!);
  };
  const det = a * c - b * b;
  return [power([a, b, c]), 1 / power([c / det, -b / det, a / det])];
}

/** Plain gradient descent on the MSE from w = 0. */
function descend(rows: number[][], targets: number[], rate: number, steps: number): [number, number] {
  let w: [number, number] = [0, 0];
  for (let t = 0; t < steps; t += 1) {
    let g1 = 0;
    let g2 = 0;
    rows.forEach(([x1, x2], i) => {
      const r = w[0] * x1! + w[1] * x2! - targets[i]!;
      g1 += (2 * r * x1!) / rows.length;
      g2 += (2 * r * x2!) / rows.length;
    });
    w = [w[0] - rate * g1, w[1] - rate * g2];
  }
  return w;
}

/** A number as the widget writes it ("1.46 × 10⁶", "−0.25"). */
const number = readNumber;

test('shows κ and 2/λmax of both Hessians as computed independently; Play: raw diverges, standardised converges to the GD recursion', async ({ page }) => {
  const problems = await watchPage(page);
  const widget = await openWidget(page, DEFAULT);
  const status = widget.getByRole('status');
  await expect(status).toContainText('raw: step 0');
  await expect(status).toContainText('standardised: step 0');
  const houses = makeHouses(80, 1);
  for (const scaling of ['raw', 'standardised'] as const) {
    const [large, small] = eigenvalues(houses[scaling].train);
    const panel = widget.locator(`figure[data-scaling="${scaling}"]`);
    const condition = number(await panel.locator('[data-quantity="condition"]').innerText());
    const stable = number((await panel.locator('[data-quantity="stable-rate"]').innerText()).replace('2/λmax = ', ''));
    expect(Math.abs(condition / (large / small) - 1)).toBeLessThan(0.01);
    expect(Math.abs(stable / (2 / large) - 1)).toBeLessThan(0.01);
  }
  await expect(widget.getByText('η > 2/λmax: diverges along the steep direction')).toBeVisible();

  await widget.getByRole('button', { name: 'Play' }).click();
  // The raw panel's η is above its 2/λmax: its divergence is the outcome the panel predicts, not a fault to fix.
  await expect(status).toContainText(/raw: diverged at step [12], as η above 2\/λmax = .+ does/);
  await expect(widget.getByRole('alert')).toHaveCount(0);
  await expect(status).toContainText('standardised: step 40 ·', { timeout: 20_000 });
  await widget.evaluate((el: HTMLElement & { settled?: Promise<void> }) => el.settled);
  const [w1, w2] = descend(houses.standardised.train, houses.standardised.trainTargets, 0.25, 40);
  const shown = /standardised: step 40 · w = \(([−\d.e]+), ([−\d.e]+)\)/.exec(await status.innerText())!;
  expect(Math.abs(number(shown[1]!) - w1) / Math.abs(w1)).toBeLessThan(0.01);
  expect(Math.abs(number(shown[2]!) - w2) / Math.abs(w2)).toBeLessThan(0.01);
  await expect(widget.getByRole('button', { name: 'Play' })).toBeDisabled();
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('Step takes one step of both runs, Reset goes back; the learning rate follows the keyboard and the deck stays', async ({ page }) => {
  const widget = await openWidget(page, DEFAULT);
  const status = widget.getByRole('status');
  await widget.getByRole('button', { name: 'Step' }).click();
  await expect(status).toContainText('standardised: step 1 ·');
  await expect(status).toContainText('raw: step 1 ·');
  await widget.getByRole('button', { name: 'Reset' }).click();
  await expect(status).toContainText('standardised: step 0');

  const before = await currentIndices(page);
  const slider = widget.getByRole('slider', { name: 'learning rate' });
  await slider.focus();
  for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowLeft');
  // Ten steps of 0.01 on the log₁₀ slider: η = 0.25 · 10^−0.1 ≈ 0.2 (each step is rounded to 3 digits).
  await expect.poll(async () => Number(await slider.getAttribute('aria-valuetext'))).toBeLessThan(0.21);
  const rate = await slider.getAttribute('aria-valuetext');
  expect(Number(rate)).toBeGreaterThan(0.19);
  expect(await currentIndices(page)).toEqual(before);
  // The rate is in the URL, for sharing.
  await expect.poll(() => page.evaluate(() => new URLSearchParams(location.search).get('feature-scaling'))).toBe(`lr=${rate}`);

  // Each panel at 0.9 of its own limit: two sliders, and the raw run no longer diverges.
  await widget.getByRole('button', { name: 'largest stable rates' }).click();
  await expect(widget.getByRole('button', { name: 'one learning rate' })).toHaveAttribute('aria-pressed', 'false');
  await expect(widget.getByRole('slider', { name: 'raw learning rate' })).toBeVisible();
  await expect(widget.getByRole('slider', { name: 'standardised learning rate' })).toHaveAttribute('aria-valuetext', '0.534');
  await expect(widget.getByText('stable, but crawls along the flat direction (small ηλmin)')).toBeVisible();
  await widget.evaluate((el: HTMLElement & { settle?: () => Promise<void> }) => el.settle!());
  await expect(status).toContainText('raw: step 40 ·');
  await expect(status).toContainText('standardised: step 40 ·');
});

test('rates a student sets are in the address: a copied link shows the same sliders and status', async ({ page }) => {
  const widget = await openWidget(page, DEFAULT);
  await widget.getByRole('button', { name: 'largest stable rates' }).click();
  const raw = widget.getByRole('slider', { name: 'raw learning rate' });
  const standardised = widget.getByRole('slider', { name: 'standardised learning rate' });
  await expect(standardised).toHaveAttribute('aria-valuetext', '0.534');
  const status = widget.getByRole('status');
  await widget.getByRole('button', { name: 'Step' }).click();
  await widget.getByRole('button', { name: 'Reset' }).click();
  await expect(status).toContainText('standardised: step 0');
  const again = await reopenCopiedAddress(widget, { lr: '0.534' }, DEFAULT);
  await expect(again.getByRole('button', { name: 'one learning rate' })).toHaveAttribute('aria-pressed', 'false');
  await expect(again.getByRole('slider', { name: 'raw learning rate' })).toHaveAttribute('aria-valuetext', (await raw.getAttribute('aria-valuetext'))!);
  await expect(again.getByRole('slider', { name: 'standardised learning rate' })).toHaveAttribute('aria-valuetext', '0.534');
  await expect(again.getByRole('status')).toHaveText((await status.textContent())!.trim());
});

test('autoplay with separate rates trains to its budget; removing the widgets frees their tensors', async ({ page }) => {
  const widget = await openWidget(page, OWN_RATES);
  await expect(widget.getByRole('status')).toContainText('raw: step 60 ·', { timeout: 30_000 });
  await expect(widget.getByRole('status')).toContainText('standardised: step 60 ·', { timeout: 30_000 });
  expect(await page.evaluate(() => window.axon!.engine!.tensorCount)).toBeGreaterThan(0);
  await page.evaluate(() => document.querySelectorAll('feature-scaling').forEach((el) => el.remove()));
  await expect.poll(() => page.evaluate(() => window.axon!.engine!.tensorCount)).toBe(0);
});

test('a bad attribute warns on the widget, naming it, and falls back to 40 steps', async ({ page }) => {
  const widget = await openWidget(page, BAD);
  await expect(widget.getByRole('alert')).toHaveText('<feature-scaling> steps="0" is outside 1…1000 — using 40');
  await widget.evaluate((el: HTMLElement & { settle?: () => Promise<void> }) => el.settle!());
  await expect(widget.getByRole('status')).toContainText('standardised: step 40 ·');
});

test('every slide passes an axe scan, also with the code shown', async ({ page }) => {
  for (const selector of [DEFAULT, OWN_RATES, BAD]) {
    const widget = await openWidget(page, selector);
    await expect(widget.getByRole('status')).toContainText('standardised: step');
    await widget.getByRole('button', { name: 'Show code' }).click();
    await expect(widget.getByLabel('PyTorch code')).toContainText('nn.Linear(2, 1, bias=False)');
    expect(await seriousAxeViolations(page)).toEqual([]);
  }
});
