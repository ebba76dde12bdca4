/**
 * What the attributes of `<gd-trajectory>` and `<gd-modes>` share: the data's ranges and defaults (their
 * settings tables add the training's), and reading an attribute record (a field per attribute, null when
 * absent) as the benchmarks and the models' tests write them.
 */
import type { ResolvedSettings, SettingValues, Settings, SettingsTable } from '../runtime/settings.ts';

/** The data's ranges: n, rows of X, and the standard deviation of the noise on y. */
export const PROBLEM_LIMITS = {
  samples: { min: 2, max: 500 },
  noise: { min: 0, max: 100 },
} as const;

/** The data's defaults: 50 rows, noise 10, seed 1 (every number in the widgets' notes is measured on these). */
export const PROBLEM_DEFAULTS = {
  samples: 50,
  noise: 10,
  seed: 1,
} as const;

/** The data's attributes and the learning rate, as written (null when absent). */
export interface ProblemAttributes {
  samples: string | null;
  noise: string | null;
  coefficients: string | null;
  seed: string | null;
  lr: string | null;
  'learning-rate'?: string | null;
}

/**
 * Reads an attribute record: each attribute from the field `fields` names for it (`batch-size` → `batchSize`),
 * else from the field named as the attribute. A bad value becomes a warning naming the attribute.
 */
export function readAttributeRecord<Table extends SettingsTable, Attributes extends object>(
  settings: Settings<Table>,
  raw: Attributes,
  fields: Readonly<Record<string, keyof Attributes>>,
): ResolvedSettings<SettingValues<Table>> {
  const record = raw as Record<PropertyKey, string | null | undefined>;
  return settings.read({ attribute: (name) => record[fields[name] ?? name] });
}
