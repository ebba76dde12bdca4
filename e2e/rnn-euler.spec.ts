/**
 * `<rnn-euler>` on a built deck (e2e/fixtures/problems/rnn-euler.md), driven as a student drives it: by the
 * controls' accessible names, the keyboard and the pointer, reading the status. The numbers checked here come
 * from the growth factor of Euler's matrix worked out by hand, not from the widget's model.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, openDeck, seriousAxeViolations, showSlide, showWidget, slideIndices, watchPage } from './support.ts';

const DECK = 'problems/rnn-euler.html?transition=none&backgroundTransition=none';
const DEFAULT = 'rnn-euler:not([system]):not([h])';
const PENDULUM = 'rnn-euler[system="pendulum"]';
const BAD = 'rnn-euler[h="0.9"]';

/** The status's numbers: epoch, loss (… before the first readout), Euler's and the learned error at the end. */
interface Status {
  epoch: number;
  loss: number;
  euler: number;
  learned: number;
  done: boolean;
}

/** Reads "1.47 × 10⁻⁵", "0.0278", "−1", "blew up" as numbers. */
function readNumber(text: string): number {
  if (text === 'blew up') return Infinity;
  const superscripts = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const power = /^(.+?)\s×\s10([⁻]?)([⁰-⁹¹²³]+)$/.exec(text.replace(/\u00a0/g, ' '));
  if (power) {
    const exponent = Number([...power[3]!].map((c) => superscripts.indexOf(c)).join(''));
    return Number(power[1]!.replace('−', '-')) * 10 ** (power[2] ? -exponent : exponent);
  }
  return Number(text.replace('−', '-').replace('< ', ''));
}

async function statusOf(widget: Locator): Promise<Status> {
  const text = ((await widget.getByRole('status').textContent()) ?? '').trim();
  const match = /^epoch (\d+) · loss (.+?) · at t = .+?: Euler off by (.+?)(?:, learned by (.+?))?( · done)?$/.exec(text);
  if (!match) throw new Error(`unexpected status "${text}"`);
  return { epoch: Number(match[1]), loss: readNumber(match[2]!), euler: readNumber(match[3]!), learned: match[4] ? readNumber(match[4]) : NaN, done: Boolean(match[5]) };
}

async function openWidget(page: Page, selector = DEFAULT, deck = DECK): Promise<Locator> {
  const { widget } = await showWidget(page, deck, selector);
  await expect(widget.getByRole('status')).toHaveText(/^epoch \d+ · loss \S/);
  return widget;
}

test('idle until Play; training lowers the loss and the learned rollout ends nearer the truth than Euler', async ({ page }) => {
  const problems = await watchPage(page);
  const widget = await openWidget(page);
  // ζ = 0.1, h = 0.1: I + hA = [[1, 0.1], [−0.1, 0.98]], the lecture's fixed weights.
  await expect(widget.getByRole('table', { name: 'I + hA' })).toHaveText(/1\.000\s*0\.100\s*−0\.100\s*0\.980/);
  await page.waitForTimeout(500);
  const untrained = await statusOf(widget);
  expect(untrained.epoch).toBe(0);
  await widget.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await statusOf(widget)).epoch).toBe(1);
  const first = await statusOf(widget);
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect(widget.getByRole('status')).toHaveText(/ · done$/, { timeout: 30_000 });
  const trained = await statusOf(widget);
  expect(trained.epoch).toBe(1500);
  expect(trained.loss).toBeLessThan(first.loss / 100);
  expect(trained.learned).toBeLessThan(trained.euler);
  // The pendulum's widget on another slide stayed idle.
  const pendulum = await page.locator(PENDULUM).evaluate((el) => el.shadowRoot!.querySelector('[role="status"]')!.textContent);
  expect(pendulum).toMatch(/^epoch 0 · /);
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('the h slider, by keyboard, changes Euler’s matrix and drift; the deck stays; a copied link keeps h', async ({ page }) => {
  const widget = await openWidget(page);
  const before = await currentIndices(page);
  const slider = widget.getByRole('slider', { name: 'step size h' });
  const small = await statusOf(widget);
  await slider.focus();
  for (let i = 0; i < 20; i += 1) await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('0.3');
  expect(await currentIndices(page)).toEqual(before);
  // h = 0.3, ζ = 0.1: I + hA = [[1, 0.3], [−0.3, 0.94]]; |μ|² = det = 0.94 + 0.09 = 1.03 > 1: Euler spirals out.
  await expect(widget.getByRole('table', { name: 'I + hA' })).toHaveText(/1\.000\s*0\.300\s*−0\.300\s*0\.940/);
  await expect(widget).toContainText(`|1 + hλ| = ${Math.sqrt(1.03).toFixed(4)} a step`);
  await expect(widget).toContainText('grows: Euler spirals out');
  const large = await statusOf(widget);
  expect(large.euler).toBeGreaterThan(10 * small.euler);
  // Damping, by keyboard too: ζ = 0.2 → I + hA's corner 1 − 2ζh = 0.88.
  const damping = widget.getByRole('slider', { name: 'damping' });
  await damping.focus();
  for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowRight');
  await expect(widget.getByRole('table', { name: 'I + hA' })).toContainText('0.880');
  const again = await reopenCopiedAddress(widget, { h: '0.3', damping: '0.2' }, DEFAULT);
  await expect(again.getByRole('slider', { name: 'step size h' })).toHaveValue('0.3');
  await expect(again.getByRole('table', { name: 'I + hA' })).toHaveText(/1\.000\s*0\.300\s*−0\.300\s*0\.880/);
});

test('a click on the phase plane, then the arrow keys, move the new start; the link keeps it', async ({ page }) => {
  const widget = await openWidget(page);
  const plane = widget.getByRole('button', { name: /^new start/ });
  await expect(plane).toHaveAttribute('aria-label', /^new start \(x, x′\) = \(−1\.4, 1\.4\)/);
  const before = await statusOf(widget);
  const box = (await plane.boundingBox())!;
  // The plot spans −2.5…2.5 both ways: 70 % across and 30 % down is (1, 1).
  await page.mouse.click(box.x + 0.7 * box.width, box.y + 0.3 * box.height);
  await expect(plane).toHaveAttribute('aria-label', /^new start \(x, x′\) = \(1, 1\)/);
  await expect(plane).toBeFocused();
  const moved = await statusOf(widget);
  expect(moved.euler).not.toBe(before.euler);
  const where = await currentIndices(page);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(plane).toHaveAttribute('aria-label', /^new start \(x, x′\) = \(0\.9, 0\.8\)/);
  expect(await currentIndices(page)).toEqual(where);
  const again = await reopenCopiedAddress(widget, { start: '0.9,0.8' }, DEFAULT);
  await expect(again.getByRole('button', { name: /^new start/ })).toHaveAttribute('aria-label', /= \(0\.9, 0\.8\)/);
});

test('the system select switches to the pendulum, back at the default start', async ({ page }) => {
  const widget = await openWidget(page);
  const select = widget.getByRole('combobox', { name: 'system' });
  await select.selectOption('pendulum');
  await expect(widget.getByRole('button', { name: /^new start/ })).toHaveAttribute('aria-label', /^new start \(θ, θ′\) = \(−1\.4, 1\.4\)/);
  await expect(widget).toContainText('θ″ = −(g/L) sin θ − c θ′');
  await expect(widget.getByRole('status')).toHaveText(/^epoch 0 · /);
});

test('a bad attribute shows a warning naming it, and the widget runs on the defaults', async ({ page }) => {
  const widget = await openWidget(page, BAD);
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('h="0.9" is outside 0.01…0.5');
  await expect(alert).toContainText('units="two" is not a number');
  await expect(alert).toContainText('start="9,9"');
  await expect(widget.getByRole('slider', { name: 'step size h' })).toHaveValue('0.1');
});

test('in reveal’s print view every widget settles trained', async ({ page }) => {
  await openDeck(page, `${DECK}&print-pdf`);
  const statuses = await page.evaluate(async () => {
    const widgets = [...document.querySelectorAll('rnn-euler')] as Array<HTMLElement & { settle(): Promise<void> }>;
    await Promise.all(widgets.map((el) => el.settle()));
    return widgets.map((el) => el.shadowRoot!.querySelector('[role="status"]')!.textContent);
  });
  expect(statuses).toEqual([expect.stringMatching(/^epoch 1500 · .* · done$/), expect.stringMatching(/^epoch 200 · .* · done$/), expect.stringMatching(/^epoch 1500 · .* · done$/)]);
});

test('settled twice, or taken off the page and put back, it shows the same trained numbers (seeded)', async ({ page }) => {
  await openDeck(page, DECK);
  const { first, again, moved } = await page.evaluate(async () => {
    const widget = document.querySelector('rnn-euler[system="pendulum"]') as HTMLElement & { settle(): Promise<void>; settled: Promise<void> };
    const status = () => widget.shadowRoot!.querySelector('[role="status"]')!.textContent;
    await widget.settle();
    const first = status();
    await widget.settle();
    const again = status();
    const wrapper = document.createElement('div'); // a page wrapper, like reveal's .pdf-page
    widget.parentElement!.append(wrapper);
    wrapper.append(widget); // removed and put back: a fresh run, trained again
    await widget.settled;
    return { first, again, moved: status() };
  });
  expect(first).toMatch(/^epoch 200 · .* · done$/);
  expect(again).toBe(first);
  expect(moved).toBe(first);
});

test('every rnn-euler slide passes axe, fits 1280×720 and reads at slide scale', async ({ page }) => {
  await openDeck(page, DECK);
  const failures: string[] = [];
  for (const { h, v } of await slideIndices(page)) {
    await showSlide(page, h, v);
    const widget = page.locator('section.present rnn-euler');
    if (!(await widget.count())) continue;
    await widget.getByRole('button', { name: /^new start/ }).focus();
    for (const violation of await seriousAxeViolations(page)) failures.push(`slide ${h}: ${violation}`);
    const layout = await widget.evaluate((element) => {
      const s = document.querySelector('.reveal .slides')!.getBoundingClientRect();
      const w = element.getBoundingClientRect();
      const scale = s.width / 1280;
      let smallest = Infinity;
      for (const node of element.shadowRoot!.querySelectorAll('p, label, span, button, select, li, text')) {
        const size = parseFloat(getComputedStyle(node).fontSize);
        // SVG text is sized in user units: in slide px it is that times the SVG's drawn width over its viewBox's.
        const svg = node.closest('svg');
        const slidePx = svg ? (size * svg.getBoundingClientRect().width) / scale / svg.viewBox.baseVal.width : size;
        smallest = Math.min(smallest, slidePx);
      }
      return { spills: w.bottom > s.bottom + 1 || w.right > s.right + 1 || w.left < s.left - 1, smallest: smallest * scale };
    });
    if (layout.spills) failures.push(`slide ${h}: the widget spills out of the 1280×720 slide`);
    if (layout.smallest < 19.5) failures.push(`slide ${h}: text of ${layout.smallest.toFixed(1)} px`);
  }
  expect(failures).toEqual([]);
});

test('works outside a deck', async ({ page }) => {
  await openDeck(page, DECK);
  const status = await page.evaluate(async () => {
    const element = document.createElement('rnn-euler') as HTMLElement & { settle(): Promise<void> };
    element.setAttribute('epochs', '50');
    element.setAttribute('h', '0.2');
    document.body.append(element);
    await element.settle();
    const text = element.shadowRoot!.querySelector('[role="status"]')!.textContent ?? '';
    element.remove();
    return text;
  });
  expect(status).toMatch(/^epoch 50 · loss .* · at t = 20: Euler off by .* · done$/);
});
