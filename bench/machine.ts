/** What every bench report says of the machine it ran on (bench/run.ts). */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)"?/m)?.[1];
    return `${release ?? os.type()} (${os.type()} ${os.release()} ${os.arch()})`;
  } catch {
    return `${os.type()} ${os.release()} ${os.arch()}`;
  }
}

/** What every report says of the machine it ran on. */
export function machineBasics(): { cpu: string; cores: number; memoryGiB: number; os: string; node: string } {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: osName(),
    node: process.version,
  };
}

