/**
 * The drawing toolbar, shown only in draw mode, on the left edge: three pens, a highlighter, an eraser,
 * Undo, Clear slide, Export, Import and Done. Every button is a 44 px target with a name; the tools are
 * pressed buttons; messages (an import that failed, storage that is full) are read out from a status line.
 * And the small pen button that opens it, for a touch screen without a keyboard.
 */
import type { DrawingLayer, DrawingTool } from './layer.ts';
import { DrawingsFormatError, parseDrawingsText } from './format.ts';

/** The pens: colours that keep 3:1 contrast on Axon's light and dark themes and on white paper. */
export const PEN_COLORS = [
  { name: 'Red pen', color: '#e5383b' },
  { name: 'Blue pen', color: '#3a7bd5' },
  { name: 'Green pen', color: '#2a9d5c' },
] as const;

const ICONS: Record<string, string> = {
  pen: '<path d="M4 20l4-1 11-11-3-3L5 16z" fill="currentColor"/>',
  highlighter: '<path d="M5 21h14" stroke="currentColor" stroke-width="2"/><path d="M7 17l2-6 8-8 4 4-8 8-6 2z" fill="currentColor" opacity=".8"/>',
  eraser: '<path d="M3 17l9-9 7 7-5 5H8z" fill="none" stroke="currentColor" stroke-width="2"/><path d="M9 20h12" stroke="currentColor" stroke-width="2"/>',
  undo: '<path d="M9 7H4V2" fill="none" stroke="currentColor" stroke-width="2"/><path d="M4.5 7A8 8 0 1 1 6 17" fill="none" stroke="currentColor" stroke-width="2"/>',
  clear: '<path d="M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13" fill="none" stroke="currentColor" stroke-width="2"/>',
  export: '<path d="M12 3v12M7 10l5 5 5-5M4 20h16" fill="none" stroke="currentColor" stroke-width="2"/>',
  import: '<path d="M12 15V3M7 8l5-5 5 5M4 20h16" fill="none" stroke="currentColor" stroke-width="2"/>',
  done: '<path d="M5 5l14 14M19 5L5 19" stroke="currentColor" stroke-width="2.5"/>',
};

function button(label: string, icon: string, color?: string): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'axon-draw-button';
  element.setAttribute('aria-label', label);
  element.title = label;
  element.innerHTML = `<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">${ICONS[icon]}</svg>`;
  if (color) element.style.color = color;
  return element;
}

export class DrawingToolbar {
  /** The toolbar (role=toolbar), hidden outside draw mode. */
  readonly element: HTMLElement;
  /** The pen button that enters draw mode. */
  readonly launcher: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly undoButton: HTMLButtonElement;
  private readonly toolButtons: Array<{ button: HTMLButtonElement; tool: DrawingTool; color?: string }> = [];

  constructor(
    private readonly layer: DrawingLayer,
    /** Enters or leaves draw mode (the deck's one switch, also bound to the `D` key). */
    private readonly setDrawing: (on: boolean) => void,
    /** Whether the pen button belongs on the screen now (outside draw mode). */
    private readonly launcherWanted: () => boolean = () => true,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'axon-draw-toolbar';
    this.element.setAttribute('role', 'toolbar');
    this.element.setAttribute('aria-label', 'Drawing tools');
    this.element.setAttribute('aria-orientation', 'vertical');
    this.element.hidden = true;
    for (const pen of PEN_COLORS) this.addTool(button(pen.name, 'pen', pen.color), 'pen', pen.color);
    this.addTool(button('Highlighter', 'highlighter', layer.highlighterColor), 'highlighter');
    this.addTool(button('Eraser: rub out whole strokes', 'eraser'), 'eraser');
    this.undoButton = this.addAction(button('Undo', 'undo'), () => this.handleUndo());
    this.addAction(button('Clear this slide', 'clear'), () => this.handleClear());
    this.addAction(button('Export drawings (.json)', 'export'), () => this.handleExport());
    this.addAction(button('Import drawings (.json)', 'import'), () => this.handleImportClick());
    this.addAction(button('Stop drawing (D or Esc)', 'done'), () => this.setDrawing(false));
    this.status = document.createElement('p');
    this.status.className = 'axon-draw-status';
    this.status.setAttribute('role', 'status');
    this.element.appendChild(this.status);
    // NOTE - reveal's keys listen on the document: Space or Enter on a toolbar button presses the button
    // and must not also turn the slide.
    this.element.addEventListener('keydown', (event) => {
      if (event.key === ' ' || event.key === 'Enter') event.stopPropagation();
    });

    this.launcher = button('Draw on the slides (D)', 'pen');
    this.launcher.classList.add('axon-draw-launcher');
    this.launcher.addEventListener('click', () => this.setDrawing(true));
    layer.onChange = () => this.update();
    this.update();
  }

  /** Shows the toolbar in draw mode (focus moves to the pressed tool) and the launcher outside it. */
  update(focus = false): void {
    const drawing = this.layer.drawing;
    this.element.hidden = !drawing;
    this.launcher.hidden = drawing || !this.launcherWanted();
    for (const { button, tool, color } of this.toolButtons) {
      const pressed = this.layer.tool === tool && (tool !== 'pen' || this.layer.penColor === color);
      button.setAttribute('aria-pressed', String(pressed));
      if (pressed && focus) button.focus({ preventScroll: true });
    }
    this.undoButton.disabled = !this.layer.store.canUndo;
    this.say(this.layer.store.problem ?? '');
  }

  /** Shows (and has read out) a message under the tools; empty clears it. */
  say(message: string): void {
    if (this.status.textContent !== message) this.status.textContent = message;
  }

  private addTool(element: HTMLButtonElement, tool: DrawingTool, color?: string): void {
    this.toolButtons.push({ button: element, tool, color });
    element.addEventListener('click', () => {
      this.layer.tool = tool;
      if (color) this.layer.penColor = color;
      this.layer.render();
      this.update();
    });
    this.element.appendChild(element);
  }

  private addAction(element: HTMLButtonElement, action: () => void): HTMLButtonElement {
    element.addEventListener('click', action);
    this.element.appendChild(element);
    return element;
  }

  private handleUndo(): void {
    this.layer.store.undo();
    this.layer.render();
    this.update();
  }

  private handleClear(): void {
    this.layer.store.clear(this.layer.currentKey());
    this.layer.render();
    this.update();
  }

  private handleExport(): void {
    const file = this.layer.store.toFile();
    const blob = new Blob([`${JSON.stringify(file, null, 1)}\n`], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${file.deck}-drawings.json`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    const slides = Object.keys(file.slides).length;
    this.say(`Exported ${link.download} (${slides} slide${slides === 1 ? '' : 's'} with drawings)`);
  }

  private handleImportClick(): void {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json';
    input.addEventListener('change', () => void this.handleImport(input.files?.[0]));
    input.click();
  }

  private async handleImport(file: File | undefined): Promise<void> {
    if (!file) return;
    try {
      const drawings = parseDrawingsText(await file.text(), file.name);
      const deck = this.layer.store.deck;
      if (drawings.deck !== deck) {
        this.say(`${file.name} holds drawings of the deck "${drawings.deck}", not of "${deck}" — open that deck to import it`);
        return;
      }
      this.layer.store.replaceAll(drawings);
      this.layer.render();
      this.update();
      const slides = Object.keys(drawings.slides).length;
      this.say(`Imported ${file.name} (${slides} slide${slides === 1 ? '' : 's'} with drawings; Undo brings back the ones before)`);
    } catch (error) {
      this.say(error instanceof DrawingsFormatError ? error.message : `${file.name} could not be read (${String(error)})`);
    }
  }
}
