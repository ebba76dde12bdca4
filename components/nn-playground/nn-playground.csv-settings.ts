/**
 * Which of `<nn-playground>`'s settings name a CSV, and what they say before the file is read: whether the run
 * uses one, the problem it poses, and what is missing. Types only from the model, so the settings table (read
 * in Node by the CLI) pulls in no CSV code; reading the file is nn-playground.csv.ts.
 */
import type { PlaygroundSettings, Problem } from './nn-playground.model.ts';

/** The settings that name a CSV and its columns ('' where not written). */
export type CsvSettings = Pick<PlaygroundSettings, 'data' | 'x1' | 'x2' | 'label' | 'y' | 'positive' | 'negative'>;

/** True when the settings name a CSV with both columns and a target (else the generated `dataset` is used). */
export function usesCsv(settings: CsvSettings): boolean {
  return Boolean(settings.data && settings.x1 && settings.x2 && (settings.label || settings.y));
}

/** The problem a CSV poses: `label` → classification, `y` → regression. */
export function csvProblem(settings: CsvSettings): Problem {
  return settings.label ? 'classification' : 'regression';
}

/** What is missing or clashing among the CSV attributes (the widget then uses its generated dataset). */
export function csvAttributeWarnings(settings: CsvSettings): string[] {
  const { data, x1, x2, label, y, positive, negative } = settings;
  if (!data) {
    const stray = Object.entries({ x1, x2, label, y, positive, negative }).filter(([, value]) => value).map(([name]) => name);
    return stray.length ? [`${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} read from a CSV, but there is no data="file.csv" — ignored`] : [];
  }
  const warnings: string[] = [];
  const missing = [x1 ? '' : 'x1="column"', x2 ? '' : 'x2="column"', label || y ? '' : 'label="class column" (classification) or y="column" (regression)'].filter(Boolean);
  if (missing.length) warnings.push(`data="${data}" needs ${missing.join(' and ')} — using the generated dataset until then`);
  if (label && y) warnings.push(`data="${data}" has both label="${label}" and y="${y}" — using label (classification); remove one`);
  if (x1 && x1 === x2) warnings.push(`x1 and x2 are both "${x1}" — name two different columns`);
  if (y && !label && (positive || negative)) warnings.push('positive / negative name classes of label=, not of y= — ignored');
  return warnings;
}
