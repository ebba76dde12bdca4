/**
 * Where `<nn-playground>`'s CSV comes from in the page: the file `data` names, read once (widget-data.ts
 * `loadTable`), and what went wrong with it, worded for the slide. The element asks for a file and restarts
 * its run when it is there; a read that lands after a newer one was asked for is dropped.
 */
import type { CsvTable } from '../shared/data/csv.ts';
import { dataWarning } from '../shared/data/labelled.ts';
import { loadTable } from '../shared/data/widget-data.ts';

export class CsvSource {
  /** The file read last (or being read), as `data` names it. */
  private path: string | undefined;
  /** Its table; undefined while it loads or when it could not be read. */
  table: CsvTable | undefined;
  /** Why the CSV is not used (file:line and what to do), for the slide's warning. */
  error: string | undefined;
  /** While a file loads: resolves once it is read (or failed) and `then` ran. */
  loading: Promise<void> | undefined;
  /** Counts the reads asked for. */
  private request = 0;

  /** True when `path` is read already (or failed). */
  has(path: string): boolean {
    return this.path === path && !this.loading;
  }

  /** Reads `path`, then calls `then` — unless another read was asked for meanwhile. */
  read(path: string, then: () => void): void {
    const request = ++this.request;
    this.path = path;
    this.table = undefined;
    this.loading = loadTable(path)
      .then(
        (table) => {
          if (request === this.request) this.table = table;
        },
        (failure: unknown) => {
          if (request === this.request) this.fail(path, failure);
        },
      )
      .then(() => {
        if (request !== this.request) return;
        this.loading = undefined;
        then();
      });
  }

  /** Keeps why the file at `path` cannot be used: the generated dataset trains instead. */
  fail(path: string, failure: unknown): void {
    this.error = `${dataWarning(path, failure, new URL(path, document.baseURI).href)} Using the generated dataset.`;
  }
}
