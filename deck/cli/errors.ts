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

