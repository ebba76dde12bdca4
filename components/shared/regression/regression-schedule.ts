/**
 * Counting examples and updates for runs that see the data in batches of B (B = n: batch GD, B = 1: SGD),
 * reshuffled every epoch. An epoch is ⌈n/B⌉ updates; its last batch holds what is left (n mod B when B
 * does not divide n), as PyTorch's DataLoader without `drop_last` does — and as the engine's trainer does.
 */

/** Updates per epoch: ⌈n/B⌉. */
export function updatesPerEpoch(samples: number, batchSize: number): number {
  return Math.ceil(samples / Math.min(batchSize, samples));
}

/** Examples seen in all after `update` updates (the k-th update of an epoch has seen min(kB, n) of it). */
export function examplesAfterUpdate(update: number, samples: number, batchSize: number): number {
  if (update <= 0) return 0;
  const size = Math.min(batchSize, samples);
  const perEpoch = updatesPerEpoch(samples, size);
  const epoch = Math.floor((update - 1) / perEpoch);
  const within = ((update - 1) % perEpoch) + 1;
  return epoch * samples + Math.min(within * size, samples);
}
