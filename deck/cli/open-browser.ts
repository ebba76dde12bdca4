/**
 * `--open`: show the URL in the desktop's browser, or say in one line that there is none. Vite's own opener
 * prints a Node stack trace (`spawn xdg-open ENOENT`) on a machine without a desktop, which reads as a crash.
 */
import { spawn } from 'node:child_process';

/** How this machine opens a URL, or undefined when it has no desktop to open one on. */
export function browserCommand(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): { command: string; args: string[] } | undefined {
  if (env.BROWSER === 'none') return undefined;
  if (env.BROWSER) return { command: env.BROWSER, args: [] };
  if (platform === 'darwin') return { command: 'open', args: [] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  // NOTE - without a display, xdg-open falls back to a text browser that would take over the terminal.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
  return { command: 'xdg-open', args: [] };
}

/** Opens `url`; never throws, and tells the user where to go when no browser can be opened. */
export function openInBrowser(url: string, log: (line: string) => void = console.log, command = browserCommand()): Promise<boolean> {
  const noBrowser = (why: string) => {
    log(`  No browser to open (${why}); visit ${url}`);
    return false;
  };
  if (!command) return Promise.resolve(noBrowser('no desktop on this machine'));
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command.command, [...command.args, url], { stdio: 'ignore', detached: true });
    } catch {
      resolve(noBrowser(`${command.command} cannot start`));
      return;
    }
    child.once('error', () => resolve(noBrowser(`${command.command} not found`)));
    child.once('exit', (code) => resolve(code === 0 ? true : noBrowser(`${command.command} exited with ${code}`)));
    child.unref();
  });
}
