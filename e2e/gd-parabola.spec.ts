/**
 * `<gd-parabola>`, the README's "Adding a widget" example, as a student drives it: Step takes one step of
 * gradient descent (checked against the closed form), Play runs to the step budget, a learning rate above 1
 * diverges and says so, the learning rate comes back from a copied address, and the handout settles.
 */
import { expect, test } from '@playwright/test';
import { formatNumber } from '../components/shared/views/format-number.ts';
import { reopenCopiedAddress } from './copied-address.ts';
import { showWidget } from './support.ts';

const DECK = 'problems/gd-parabola.html';
/** w after `t` steps from w₀ at rate η on (w − 3)²: 3 + (w₀ − 3)(1 − 2η)ᵗ. */
const closedForm = (start: number, rate: number, t: number) => 3 + (start - 3) * (1 - 2 * rate) ** t;

test('Step follows the closed form; Play runs to the budget; η above 1 diverges and says so', async ({ page }) => {
  const { widget } = await showWidget(page, DECK, 'gd-parabola');
  const status = widget.getByRole('status');
  await widget.getByRole('button', { name: 'Step' }).click();
  await widget.getByRole('button', { name: 'Step' }).click();
  await expect(status).toContainText(`step 2 · w = ${formatNumber(closedForm(-2, 0.1, 2))} · L(w)`);
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect(status).toContainText('step 30 ·', { timeout: 15_000 });
  await expect(widget.getByRole('button', { name: 'Play' })).toBeDisabled();
  await widget.getByRole('slider', { name: 'learning rate η' }).fill('1.2');
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect(status).toContainText('diverged', { timeout: 15_000 });
});

test('the learning rate a student sets is in the address: a copied link shows the same rate and status', async ({ page }) => {
  const { widget } = await showWidget(page, DECK, 'gd-parabola');
  await widget.getByRole('slider', { name: 'learning rate η' }).fill('0.5');
  await widget.getByRole('button', { name: 'Step' }).click();
  await expect(widget.getByRole('status')).toContainText('step 1 · w = 3 · L(w) = < 10⁻⁶');
  const again = await reopenCopiedAddress(widget, { lr: '0.5' }, 'gd-parabola');
  await expect(again.getByRole('slider', { name: 'learning rate η' })).toHaveValue('0.5');
  await again.getByRole('button', { name: 'Step' }).click();
  await expect(again.getByRole('status')).toContainText('step 1 · w = 3 · L(w) = < 10⁻⁶');
});

test('settle() takes the run to its budget at once, and settled resolves', async ({ page }) => {
  const { widget } = await showWidget(page, DECK, 'gd-parabola');
  const status = await widget.evaluate(async (element: HTMLElement & { settle(): Promise<void> }) => {
    await element.settle();
    return element.shadowRoot!.querySelector('[role="status"]')!.textContent!.replace(/\s+/g, ' ').trim();
  });
  expect(status).toContain(`step 30 · w = ${formatNumber(closedForm(-2, 0.1, 30))} · L(w)`);
});
