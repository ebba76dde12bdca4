/**
 * `<demo-sigmoid>` on its own deck slide: the x a student drags to comes back from a copied address.
 * (Keyboard safety and the σ values are checked in deck.spec.ts.)
 */
import { expect, test } from '@playwright/test';
import { reopenCopiedAddress } from './copied-address.ts';
import { showWidget } from './support.ts';

test('the x a student sets is in the address: a copied link shows the same x and the same σ', async ({ page }) => {
  const { widget } = await showWidget(page, 'sample.html', 'demo-sigmoid');
  const slider = widget.getByRole('slider', { name: 'x' });
  await slider.fill('2');
  const status = widget.getByRole('status');
  await expect(status).toContainText('σ(2.00) = 0.881');
  const again = await reopenCopiedAddress(widget, { value: '2' }, 'demo-sigmoid');
  await expect(again.getByRole('slider', { name: 'x' })).toHaveValue('2');
  await expect(again.getByRole('status')).toHaveText((await status.textContent())!.trim());
});
