/** A wrong command line: the message says what is wrong and what to type instead. */
export class CliError extends Error {
  override name = 'CliError';
}

/** Parses a port option; undefined stays undefined. */
export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new CliError(`--port ${value} is not a port — give a number from 1 to 65535`);
  return port;
}


/** The first line of a bundler message Axon has nothing to add to (`Build failed with 1 error:`). */
const BUNDLER_HEADER = /^(?:Build|Transform) failed with \d+ errors?:?\s*$/i;

/**
 * Every cause of a failed Vite build, one line each, without the bundler's header, plugin tags and stack frames.
 *
 * NOTE - Vite (through Rolldown) throws "Build failed with 1 error:" followed by a blank line, `[plugin axon]`, the
 * cause and its stack; taking the message's first line, as every other error here allows, printed the header alone
 * and hid the cause (`axon build: build failed: Build failed with 1 error:` and nothing after the colon). An
 * error Axon's plugin raises already starts with the deck's `file:line` and says what to do.
 */
export function bundlerCauses(error: unknown): string[] {
  const list = error instanceof Error ? (error as Error & { errors?: unknown }).errors : undefined;
  const nested: unknown[] = Array.isArray(list) ? list : [];
  const messages = nested.map((e) => (e instanceof Error ? e.message : typeof e === 'object' && e && 'message' in e ? String(e.message) : ''));
  const texts = messages.some((m) => m.trim()) ? messages : [error instanceof Error ? error.message : String(error)];
  const causes = texts.flatMap((text) =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !BUNDLER_HEADER.test(line) && !/^at\s/.test(line) && !/^\[plugin [^\]]*\]$/.test(line))
      .map((line) => line.replace(/^\[plugin [^\]]*\]\s*/, '').replace(/^(?:Rolldown|Rollup)?Error:\s*/, '')),
  );
  return causes.length > 0 ? [...new Set(causes)] : ['the bundler gave no reason — run again with AXON_DEBUG=1 for the details'];
}

/** A failed Vite build as a CliError: `build failed: <cause>`, one cause a line. */
export function bundlerError(error: unknown, what = 'build failed'): CliError {
  const [first, ...more] = bundlerCauses(error);
  const wrapped = new CliError([`${what}: ${first}`, ...more.map((line) => `  ${line}`)].join('\n'));
  if (error instanceof Error) wrapped.stack = `${wrapped.stack ?? wrapped.message}\nCaused by: ${error.stack ?? error.message}`;
  return wrapped;
}
