/**
 * The path a layered model's steps take. The fused kernels (registry.ts) train dense stacks given as an
 * `MlpSpec`: one activation for every hidden layer, no convolution, pooling or dropout. A layered model
 * therefore runs op by op, and says why, in the same words `trainer.pathReason` uses; asking for a fused
 * kernel by name is refused with that reason rather than silently ignored.
 */
import type { LayeredSpec } from '../layers.ts';
import type { PathChoice, PathRequest } from './choose.ts';
import { FUSED_KERNELS } from './registry.ts';

/** Why no fused kernel takes this model. */
export function layeredRefusal(spec: LayeredSpec): string {
  const others = spec.layers.flatMap((layer, index) => (layer.type === 'dense' ? [] : [`${layer.type} (layer ${index + 1})`]));
  if (others.length) return `the fused kernels train dense stacks only, and this model has ${others.join(', ')}`;
  return 'the fused kernels take a dense stack as an MlpSpec (one hidden activation throughout): give this model as one to train it fused';
}

/** Op by op, with the reason; throws for an unknown request and for a fused kernel asked for by name. */
export function chooseLayeredPath(request: PathRequest, spec: LayeredSpec): PathChoice<never> {
  const kernels: string[] = FUSED_KERNELS.map((kernel) => kernel.path);
  const requests = ['auto', 'fused', ...kernels, 'op-by-op'];
  if (!requests.includes(request)) throw new Error(`unknown training path "${String(request)}": use one of ${requests.join(', ')}`);
  if (request === 'op-by-op') return { path: 'op-by-op', reason: 'asked for op-by-op steps' };
  const why = layeredRefusal(spec);
  if (request !== 'auto') throw new Error(`${request === 'fused' ? 'the fused step' : request} cannot train this model: ${why}`);
  return { path: 'op-by-op', reason: why };
}
