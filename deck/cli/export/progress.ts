/**
 * The exporter's progress line on stderr: one updating line on a terminal (slide, widget, elapsed time), a
 * line per step when stderr is a file or pipe, nothing with --quiet. Warnings always show.
 */
export class Progress {
  private readonly tty = Boolean(process.stderr.isTTY);
  private shown = false;
  private stopped = false;
  private readonly started = performance.now();

  constructor(private readonly quiet: boolean) {}

  /** Seconds since the export started, one decimal. */
  seconds(): string {
    return ((performance.now() - this.started) / 1000).toFixed(1);
  }

  /** Shows `text`; a `repeat` (the same step, a later time) is skipped where it would add a line. */
  update(text: string, repeat = false): void {
    if (this.quiet || this.stopped || (repeat && !this.tty)) return;
    const line = `${text} · ${this.seconds()} s`;
    if (this.tty) {
      process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 100) - 1)}`);
      this.shown = true;
    } else {
      process.stderr.write(`${line}\n`);
    }
  }

  warn(text: string): void {
    if (this.stopped) return;
    this.clear();
    process.stderr.write(`axon export: ${text}\n`);
  }

  /** Clears the line and stays silent from now on (an interrupted export says one thing, not the noise of its closing pages). */
  stop(): void {
    this.clear();
    this.stopped = true;
  }

  clear(): void {
    if (!this.shown) return;
    process.stderr.write('\r\x1b[2K');
    this.shown = false;
  }
}
