/**
 * Dev only: the error overlay, in Axon's words. Vite's own overlay ends with "…disable this overlay by setting
 * server.hmr.overlay to false in vite.config.js", advice about a file an Axon user does not have; Axon turns it
 * off (plugin.ts) and shows this instead: the deck's file:line, what is wrong, what to do, and that the slides
 * behind it are the last version that compiled.
 */

/** What the dev server sends with a `vite:error` (Vite's ErrorPayload['err'], the fields used here). */
export interface DevError {
  message: string;
  /** `axon` for a deck that does not compile; another name for an error in Axon's own code. */
  plugin?: string;
  loc?: { file?: string; line?: number; column?: number };
  id?: string;
}

const OVERLAY_ID = 'axon-error-overlay';

/** The overlay's text: a heading, the message and what to do, from the error alone (pure, for tests). */
export function overlayText(error: DevError): { heading: string; message: string; advice: string; file?: string; line?: number } {
  const message = error.message.trim();
  const file = error.loc?.file ?? error.id;
  if (error.plugin === 'axon') {
    return {
      heading: 'This save of the deck does not compile',
      message,
      advice: 'Fix the line named above and save: this message goes away by itself. The slides behind it are the last version that compiled.',
      file,
      line: error.loc?.line,
    };
  }
  return {
    heading: 'Axon could not update the page',
    message,
    advice: 'Save the deck again. If this stays, stop axon dev (Ctrl+C) and start it again, and report the message: it is not a mistake in your deck.',
  };
}

/** Shows (or replaces) the overlay for `error`. Esc or the Hide button hides it until the next error. */
export function showDevError(error: DevError): void {
  hideDevError();
  const text = overlayText(error);
  const overlay = document.createElement('div');
  overlay.id = OVERLAY_ID;
  overlay.setAttribute('role', 'alertdialog');
  overlay.setAttribute('aria-label', text.heading);
  overlay.style.cssText =
    'position:fixed;inset:0;z-index:2147483647;display:flex;align-items:flex-start;justify-content:center;padding:6vh 4vw;background:rgba(0,0,0,.66);font:16px/1.5 system-ui,sans-serif;';
  const panel = document.createElement('div');
  panel.style.cssText =
    'max-width:60rem;width:100%;background:#1d1f21;color:#f3f3f3;border-top:6px solid #e5484d;border-radius:6px;padding:1.25rem 1.5rem;box-shadow:0 8px 40px rgba(0,0,0,.5);';
  const heading = document.createElement('h2');
  heading.textContent = text.heading;
  heading.style.cssText = 'margin:0 0 .75rem;font-size:1.25rem;color:#ff8a8e;';
  const message = document.createElement('pre');
  message.textContent = text.message;
  message.style.cssText = 'white-space:pre-wrap;overflow-wrap:anywhere;margin:0 0 .75rem;font:15px/1.45 ui-monospace,monospace;';
  const advice = document.createElement('p');
  advice.textContent = text.advice;
  advice.style.cssText = 'margin:0 0 .75rem;';
  const buttons = document.createElement('p');
  buttons.style.cssText = 'margin:0;display:flex;gap:.75rem;';
  if (text.file) {
    const open = button(`Open ${shortName(text.file)}${text.line ? `:${text.line}` : ''} in the editor`);
    // The dev server opens deck files only (dev-guard.ts), at the line; it uses $EDITOR or the editor it finds.
    open.addEventListener('click', () => void fetch(`/__open-in-editor?file=${encodeURIComponent(`${text.file}${text.line ? `:${text.line}` : ''}`)}`));
    buttons.append(open);
  }
  const hide = button('Hide (Esc)');
  hide.addEventListener('click', hideDevError);
  buttons.append(hide);
  panel.append(heading, message, advice, buttons);
  overlay.append(panel);
  overlay.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') hideDevError();
    event.stopPropagation(); // the deck's keys (arrows, S, F) stay with the overlay while it is up
  });
  document.body.append(overlay);
  hide.focus();
}

/** Takes the overlay down (a good save, or Esc). */
export function hideDevError(): void {
  document.getElementById(OVERLAY_ID)?.remove();
}

function button(label: string): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.style.cssText = 'font:inherit;padding:.35rem .9rem;border-radius:4px;border:1px solid #888;background:#2b2e31;color:inherit;cursor:pointer;';
  return element;
}

function shortName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
