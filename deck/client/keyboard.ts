/**
 * Keyboard safety: while a control on a slide has focus (a slider, a text field, a widget's button,
 * also inside a widget's shadow root), the keys it uses belong to it, not to reveal.js. `Esc` hands
 * focus back to the deck; a second `Esc` then does what reveal does (the overview). In a dialog on a slide
 * (a widget's code overlay), `Esc` is the dialog's: it closes it.
 */

/** Keys reveal.js uses for navigation that controls also use. */
const NAVIGATION_KEYS = new Set([
  'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', ' ', 'Spacebar', 'PageUp', 'PageDown', 'Home', 'End',
]);

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'time', 'datetime-local', 'month', 'week']);

const CONTROL_ROLES = new Set([
  'slider', 'spinbutton', 'switch', 'checkbox', 'radio', 'textbox', 'searchbox', 'combobox', 'listbox', 'option',
  'menu', 'menuitem', 'tab', 'tablist', 'button', 'tree', 'treeitem', 'grid', 'gridcell',
]);

/** The element that really has focus, looking inside open shadow roots. */
export function deepActiveElement(root: Document | ShadowRoot = document): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** True when the element takes typed text: every key belongs to it. */
export function isTextEntry(element: Element): boolean {
  if (element instanceof HTMLTextAreaElement) return true;
  if (element instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(element.type);
  if (element instanceof HTMLElement && element.isContentEditable) return true;
  const role = element.getAttribute('role');
  return role === 'textbox' || role === 'searchbox' || role === 'combobox';
}

/** True when the element is a control that uses arrow keys or space. */
export function isControl(element: Element): boolean {
  if (element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLButtonElement) return true;
  if (element instanceof HTMLTextAreaElement || (element instanceof HTMLElement && element.isContentEditable)) return true;
  const role = element.getAttribute('role');
  return role !== null && CONTROL_ROLES.has(role);
}

/** The slide (a <section>) holding the element, crossing shadow-root boundaries. */
function slideOf(element: Element): Element | null {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.matches('.reveal .slides section')) return node;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return null;
}

/** True when the element sits in a dialog (a widget's code overlay), crossing shadow-root boundaries. */
export function inDialog(element: Element): boolean {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.getAttribute('role') === 'dialog') return true;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return false;
}

/** The focused control on a slide, if any. */
export function focusedSlideControl(): Element | null {
  const active = deepActiveElement();
  if (!active || active === document.body || !isControl(active)) return null;
  return slideOf(active) ? active : null;
}

/** reveal.js's `keyboardCondition`: false means "this key is not for reveal". */
export function keyboardCondition(event: KeyboardEvent): boolean {
  const control = focusedSlideControl();
  if (!control) return true;
  if (isTextEntry(control)) return false;
  return !NAVIGATION_KEYS.has(event.key);
}

/** Installs the `Esc` rule; returns a function that removes it. */
export function installEscapeToDeck(revealElement: HTMLElement): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    const control = focusedSlideControl();
    // A dialog on the slide (a widget's code overlay) closes on Esc itself, and keeps the keys for it.
    if (!control || inDialog(control)) return;
    // NOTE - capture phase, before reveal's own handler would open the overview.
    event.preventDefault();
    event.stopImmediatePropagation();
    (control as HTMLElement).blur?.();
    if (!revealElement.hasAttribute('tabindex')) revealElement.setAttribute('tabindex', '-1');
    revealElement.focus({ preventScroll: true });
  };
  document.addEventListener('keydown', onKeyDown, true);
  return () => document.removeEventListener('keydown', onKeyDown, true);
}
