/** How the CLI prints compile diagnostics: one line each on stderr, counted for --strict and the summary. */
import { formatDiagnostic } from '../compile/index.ts';
import type { Diagnostic } from '../compile/types.ts';

export class DiagnosticReport {
  errors = 0;
  warnings = 0;
  /** Missing (or unreadable-named) files: these fail a build even without --strict (the deck would be broken). */
  missingFiles = 0;

  add(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) {
      console.error(formatDiagnostic(d));
      if (d.severity === 'error') this.errors += 1;
      else this.warnings += 1;
      if (d.kind === 'image' && d.severity === 'error') this.missingFiles += 1;
    }
  }

  get total(): number {
    return this.errors + this.warnings;
  }
}
