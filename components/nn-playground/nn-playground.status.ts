/**
 * `<nn-playground>`'s status line (role=status): the epoch, the losses, the test accuracy and, with early
 * stopping, the validation loss and the best epoch — and, once patience ran out (or the budget was used up),
 * that the best epoch's weights were restored. One line in the text a screen reader reads (" · " between the
 * parts); on the slide each part is a line of its own.
 */
import { html, nothing } from 'lit';
import { statusLoss, type Problem } from './nn-playground.model.ts';
import type { Picture } from './nn-playground.run.ts';

/** Early stopping's state at a picture: the best epoch so far, where patience ran out, whether its weights are back. */
export interface StoppingState {
  bestEpoch: number;
  /** The epoch patience ran out (training stopped there); undefined while it has not. */
  stoppedAt: number | undefined;
  /** The best epoch's weights were put back (patience ran out, or the budget was used up). */
  restored: boolean;
}

/** What the status shows. */
export interface StatusView {
  picture: (Picture & { stopping?: StoppingState }) | undefined;
  problem: Problem;
  epochs: number;
  earlyStopping: boolean;
  diverged: boolean;
  /** A failure to start or to go on: "no training: …". */
  error: string | undefined;
}

/** The parts of the status, in order (joined by " · " they are its text). */
export function statusParts(view: StatusView): string[] {
  const { picture, diverged } = view;
  if (view.error) return [`no training: ${view.error}`];
  const loss = (value: number | undefined) => (picture && value !== undefined ? (diverged ? 'diverged' : statusLoss(value)) : '…');
  const stopping = picture?.stopping;
  const epoch = picture?.epoch ?? 0;
  const end = stopping?.stoppedAt !== undefined ? ' · stopped early' : picture && picture.epoch >= view.epochs ? ' · done' : '';
  const parts = [`epoch ${epoch}${end}`, `train loss ${loss(picture?.trainLoss)}`];
  if (view.earlyStopping) parts.push(`validation loss ${loss(picture?.validationLoss)}`);
  parts.push(`test loss ${loss(picture?.testLoss)}`);
  if (view.problem === 'classification' && picture && !diverged && Number.isFinite(picture.testAccuracy)) parts.push(`test accuracy ${Math.round(picture.testAccuracy * 100)} %`);
  if (view.earlyStopping && stopping && stopping.bestEpoch > 0 && !diverged) {
    parts.push(stopping.restored ? `best epoch ${stopping.bestEpoch}` : `best epoch ${stopping.bestEpoch} so far`);
    if (stopping.restored) parts.push('its weights restored');
  }
  return parts;
}

/** The status's content: one span per part, the separators in the text (hidden on the slide, read by screen readers). */
export function statusLine(view: StatusView) {
  const parts = statusParts(view);
  return parts.map((part, i) => html`<span>${i ? html`<i class="sep"> · </i>` : nothing}${part}</span>`);
}
