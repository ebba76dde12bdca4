/**
 * The printed handout (components/shared/handout.ts): in reveal's print view the deck asks every widget for
 * its handout state once the pages are laid out, and every widget gets there — trained to the end of its
 * schedule, simulated, every count and step shown. The sample deck holds every widget Axon has.
 */
import { expect, test, type Page } from '@playwright/test';
import { widgetTags } from '../components/registry.ts';
import { openDeck, watchPage } from './support.ts';

const DECK = 'sample.html?transition=none&backgroundTransition=none';
const PRINT = `${DECK}&print-pdf&margin=0&pdfMaxPagesPerSlide=1`;

/** One widget on the page: its tag, whether it sits on a print page, and its status text(s), joined. */
interface WidgetState {
  tag: string;
  onPrintPage: boolean;
  status: string;
}

/** Every widget's status text, in document order (all `role=status` regions, whitespace collapsed). */
async function widgetStates(page: Page): Promise<WidgetState[]> {
  return page.evaluate((tags) => {
    return [...document.querySelectorAll<HTMLElement>(tags.join(','))].map((el) => ({
      tag: el.localName,
      onPrintPage: Boolean(el.closest('.pdf-page')),
      status: [...el.shadowRoot!.querySelectorAll('[role=status]')]
        .map((s) => (s.textContent ?? '').replace(/\s+/g, ' ').trim())
        .join(' | '),
    }));
  }, widgetTags);
}

/** Waits for every widget's `settled`; expects none still pending after `seconds` (naming those that are). */
async function expectAllSettled(page: Page, seconds = 60): Promise<void> {
  const pending = await page.evaluate(
    async ({ tags, seconds }) => {
      const widgets = [...document.querySelectorAll(tags.join(','))] as Array<Element & { settled: Promise<void> }>;
      const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), seconds * 1000));
      const outcomes = await Promise.all(widgets.map((el) => Promise.race([el.settled.then(() => 'settled' as const), late])));
      return widgets.filter((_, i) => outcomes[i] === 'late').map((el) => el.localName);
    },
    { tags: widgetTags, seconds },
  );
  expect(pending, 'widgets whose settled never resolved').toEqual([]);
}

/** The status of the one widget with this tag. */
function statusOf(states: WidgetState[], tag: string): string {
  const found = states.filter((s) => s.tag === tag);
  expect(found, tag).toHaveLength(1);
  return found[0]!.status;
}

/** What a reader of the handout sees for each widget of the sample deck. */
function expectHandoutState(states: WidgetState[]): void {
  // The sample deck sets no budgets, so each widget's default schedule is its handout: nn-playground 300
  // epochs, ua-fitter 800, feature-scaling 40 steps, gd-trajectory 100, gd-modes 20 epochs, loss-landscape 100.
  expect(statusOf(states, 'nn-playground')).toMatch(/^epoch 300 · done · train loss \S+ · test loss \S+ · test accuracy \d+ %$/);
  expect(statusOf(states, 'ua-fitter')).toMatch(/^epoch 800 · MSE \S+ · done$/);
  // Raw features diverge at the shared learning rate (the lecture's point); standardised ones run all 40 steps.
  expect(statusOf(states, 'feature-scaling')).toMatch(/^raw: (step 40 · |diverged at step \d+).* standardised: step 40 · w = /);
  // Started at w = (1, 1), b = −1 with 14 points on the wrong side; the perceptron rule separates them.
  const perceptron = statusOf(states, 'perceptron-boundary');
  expect(perceptron).toMatch(/accuracy 100 % · 0 misclassified.*converged after \d+ updates/);
  expect(perceptron).not.toContain('w = (1.00, 1.00) · b = −1.00');
  // gd-trajectory compares three learning rates: the too-large one diverges at step 59 and stops there.
  expect(statusOf(states, 'gd-trajectory').split(' | ').map((line) => /^step (\d+)/.exec(line)?.[1])).toEqual(['100', '100', '59']);
  expect(statusOf(states, 'gd-modes').match(/epoch \d+/g)).toEqual(['epoch 20', 'epoch 20', 'epoch 20']);
  expect(statusOf(states, 'loss-landscape').match(/step \d+/g)).toEqual(['step 100', 'step 100', 'step 100']);
  expect(statusOf(states, 'backprop-walkthrough')).toMatch(/^Step 15 of 15: /);
  expect(statusOf(states, 'param-counter')).toContain('= 9 + 4 = 13');
  // η = 0.4: 30 steps shrink w − 3 by 0.2³⁰, below any figure shown.
  expect(statusOf(states, 'gd-parabola')).toBe('step 30 · w = 3 · L(w) = < 10⁻⁶');
  expect(statusOf(states, 'hh-simulator')).toBe('6 spikes in 100 ms · 66.7 Hz');
  // The architectures widgets: the motif filter trained to its budget finds the planted GATAAG; the
  // autoencoder ran its 4 epochs; the learned step map ends nearer the truth than Euler does.
  expect(statusOf(states, 'motif-scan')).toMatch(/^max score \S+ at position \d+ \(GATAAG\) · epoch 20\/20 · validation accuracy \S+ % · .*filter consensus GATAAG$/);
  expect(statusOf(states, 'autoencoder-latent')).toMatch(/^epoch 4 of 4 · reconstruction loss \S+ \(BCE\) · done$/);
  const euler = /^epoch 1500 · loss .+ · at t = 10: Euler off by (\S+), learned by (\S+) · done$/.exec(statusOf(states, 'rnn-euler'));
  expect(euler, 'rnn-euler trained to its budget').not.toBeNull();
  expect(Number(euler![2])).toBeLessThan(Number(euler![1]));
  expect(statusOf(states, 'conv-explorer')).toContain('28×28 → 26×26 → pool (stride 2) 13×13 · 10 parameters vs 530,660 dense');
  expect(statusOf(states, 'norm-layers')).toMatch(/^Batch norm: column means .* → 0\.00 \(β = 0\.00\), stds .* → 1\.00/);
}

test('in reveal’s print view every widget on every page reaches its handout state', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await watchPage(page);
  await openDeck(page, PRINT);
  const tags = new Set((await widgetStates(page)).map((s) => s.tag));
  expect([...tags].sort(), 'the sample deck shows every widget').toEqual([...widgetTags].sort());

  await expectAllSettled(page);
  await page.evaluate(() => window.axon!.handout); // what the deck asked for: every widget's settle()
  const states = await widgetStates(page);
  expect(states.filter((s) => !s.onPrintPage).map((s) => s.tag), 'every widget is on a print page').toEqual([]);
  expectHandoutState(states);
  // Nothing animates on paper: the membrane replay stands still with its cursor at the end of the window.
  const replay = page.locator('hh-simulator').getByRole('button', { name: 'Replay', includeHidden: true });
  await expect(replay).toHaveAttribute('aria-pressed', 'false');
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('in the deck, settle() takes every widget to the same handout state as the print view (asked twice or not)', async ({ page }) => {
  test.setTimeout(120_000);
  await openDeck(page, PRINT);
  await expectAllSettled(page);
  await page.evaluate(() => window.axon!.handout);
  const printed = await widgetStates(page);

  await openDeck(page, DECK);
  const before = await widgetStates(page);
  expect(statusOf(before, 'nn-playground')).toMatch(/^epoch 0 /);
  expect(statusOf(before, 'perceptron-boundary')).toContain('w = (1.00, 1.00) · b = −1.00');
  expect(statusOf(before, 'backprop-walkthrough')).not.toMatch(/^Step 15 of 15/);
  await page.evaluate(async (tags) => {
    const widgets = [...document.querySelectorAll(tags.join(','))] as Array<Element & { settle(): Promise<void> }>;
    // Twice at once, as a deck and an exporter may both ask: the same end, not further.
    await Promise.all(widgets.flatMap((el) => [el.settle(), el.settle()]));
  }, widgetTags);
  await expectAllSettled(page);
  const settled = await widgetStates(page);
  expectHandoutState(settled);
  expect(settled.map(({ tag, status }) => ({ tag, status }))).toEqual(printed.map(({ tag, status }) => ({ tag, status })));
});

test('a widget taken off the page and put back after settle() (as reveal’s print layout does) settles again', async ({ page }) => {
  await openDeck(page, DECK);
  for (const tag of ['nn-playground', 'feature-scaling', 'perceptron-boundary', 'ua-fitter', 'gd-modes', 'loss-landscape', 'rnn-euler', 'autoencoder-latent', 'motif-scan']) {
    const { settled, moved } = await page.evaluate(async (tag) => {
      const widget = document.querySelector(tag) as HTMLElement & { settle(): Promise<void>; settled: Promise<void> };
      const status = () => [...widget.shadowRoot!.querySelectorAll('[role=status]')].map((s) => (s.textContent ?? '').replace(/\s+/g, ' ').trim()).join(' | ');
      await widget.settle();
      const settled = status();
      const wrapper = document.createElement('div'); // a page wrapper, like reveal's .pdf-page
      widget.parentElement!.append(wrapper);
      wrapper.append(widget); // removed and put back: the widget starts a fresh run
      await widget.settled;
      return { settled, moved: status() };
    }, tag);
    expect(moved, tag).toBe(settled);
  }
});

test('code prints dark on light, not as the screen’s dark block', async ({ page }) => {
  await openDeck(page, PRINT);
  const colours = await page.evaluate(() => {
    const code = document.querySelector<HTMLElement>('.reveal pre code.hljs')!;
    const luminance = (css: string) => {
      const [r, g, b] = css.match(/\d+(\.\d+)?/g)!.map(Number) as [number, number, number];
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    return { background: luminance(getComputedStyle(code).backgroundColor), text: luminance(getComputedStyle(code).color) };
  });
  expect(colours.background).toBeGreaterThan(0.9);
  expect(colours.text).toBeLessThan(0.4);
});

test('printed widgets show their settings, not their controls: no Play … Reset, no Show code, no slider, no drop-down arrow', async ({ page }) => {
  await openDeck(page, PRINT);
  await expectAllSettled(page);
  const controls = await page.evaluate((tags) => {
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
    };
    const found: string[] = [];
    for (const widget of document.querySelectorAll(tags.join(','))) {
      const root = widget.shadowRoot!;
      for (const button of root.querySelectorAll('button')) {
        if (shown(button) && /^(Play|Pause|Step|Reset|Show code|Download CSV)$/.test(button.textContent!.trim())) found.push(`<${widget.localName}> button ${button.textContent!.trim()}`);
      }
      for (const slider of root.querySelectorAll('input[type="range"]')) if (shown(slider)) found.push(`<${widget.localName}> slider ${slider.getAttribute('aria-label')}`);
      for (const select of root.querySelectorAll('select')) if (shown(select) && getComputedStyle(select).appearance !== 'none') found.push(`<${widget.localName}> select with its arrow`);
    }
    return found;
  }, widgetTags);
  expect(controls).toEqual([]);
  // What they were set to is still there: e.g. the parabola's learning rate next to its (hidden) slider.
  await expect(page.locator('gd-parabola').getByText('learning rate η')).toBeVisible();
});
