/**
 * The drawing layer over the current slide: an SVG inside reveal's `.slides` box, so it has the slide's own
 * coordinates and scales with it. It shows the current slide's strokes always; in draw mode it takes the
 * pointer (pen, mouse or touch — widgets underneath are not driven), otherwise it lets every pointer event
 * through to the slide.
 */
import type { Stroke, StrokePoint, StrokeTool } from './format.ts';
import { roundPoint } from './format.ts';
import { strokesTouched } from './geometry.ts';
import { drawStrokes, slideKey, strokeCanvas, strokeElement, updateStrokeElement } from './slides.ts';
import type { DrawingStore } from './store.ts';

/** What the pointer does in draw mode. */
export type DrawingTool = StrokeTool | 'eraser';

/** Widths in slide pixels (a 1280×720 slide): a pen line reads from the back of a room; a highlighter covers a line of text. */
export const TOOL_SIZES: Record<StrokeTool, number> = { pen: 6, highlighter: 28 };
/** How far from the eraser's point a stroke is still rubbed out, in slide pixels. */
export const ERASER_RADIUS = 12;
/** The pressure a mouse or finger draws with (they report none): the pen's middle width. */
const NO_PRESSURE = 0.5;

/** What the layer needs from reveal: the current slide and the slide size. */
export interface LayerHost {
  getCurrentSlide(): Element | undefined;
  getComputedSlideSize(): { width: number; height: number };
  isScrollView(): boolean;
}

export class DrawingLayer {
  /** The SVG over the slide. */
  readonly svg: SVGSVGElement;
  /** True while drawing: the layer takes the pointer. */
  drawing = false;
  /** The tool the pointer uses in draw mode. */
  tool: DrawingTool = 'pen';
  /** The pen's colour (a highlighter has its own, `highlighterColor`). */
  penColor = '#e5383b';
  highlighterColor = '#ffd60a';
  /** Called after every change to the strokes (the toolbar updates Undo and its messages). */
  onChange: () => void = () => {};

  private live: { pointer: number; stroke: Stroke; path: SVGPathElement; slide: string } | undefined;
  private erasing: { pointer: number; last: [number, number]; slide: string } | undefined;

  constructor(
    private readonly host: LayerHost,
    private readonly slidesElement: HTMLElement,
    readonly store: DrawingStore,
  ) {
    const { width, height } = host.getComputedSlideSize();
    this.svg = strokeCanvas(width, height, 'axon-drawing-layer');
    // NOTE - reveal turns the slide on a finger's swipe, hearing pointer events (touch events in older
    // browsers) on its wrapper; while drawing, a swipe is a stroke, so the layer's events stop here.
    const keep = (event: Event) => {
      if (this.drawing) event.stopPropagation();
    };
    this.svg.addEventListener('pointerdown', (event) => (keep(event), this.handlePointerDown(event)));
    this.svg.addEventListener('pointermove', (event) => (keep(event), this.handlePointerMove(event)));
    this.svg.addEventListener('pointerup', (event) => (keep(event), this.handlePointerUp(event)));
    this.svg.addEventListener('pointercancel', (event) => (keep(event), this.handlePointerUp(event)));
    this.svg.addEventListener('touchstart', keep, { passive: true });
    this.svg.addEventListener('touchmove', keep, { passive: true });
    this.render();
  }

  /** The key of the slide shown now (empty when none). */
  currentKey(): string {
    const slide = this.host.getCurrentSlide();
    return slide ? slideKey(slide) : '';
  }

  /** Shows the current slide's strokes (after a slide change, an undo, an import, another window's change). */
  render(): void {
    // NOTE - reveal's own code (and a deck reloaded in dev) may replace the slides' children: come back if taken off.
    if (!this.svg.isConnected) this.slidesElement.appendChild(this.svg);
    const { width, height } = this.host.getComputedSlideSize();
    this.svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.svg.classList.toggle('axon-drawing-active', this.drawing);
    this.svg.dataset.tool = this.tool;
    // The reading view (a phone) lays slides out one below the other: this layer does not follow them.
    this.svg.toggleAttribute('hidden', this.host.isScrollView());
    this.live = undefined;
    this.erasing = undefined;
    drawStrokes(this.svg, this.store.strokes(this.currentKey()));
  }

  /** Enters or leaves draw mode. */
  setDrawing(on: boolean): void {
    this.drawing = on;
    this.render();
  }

  /** The pointer's place in slide pixels (the layer is scaled with the slide; the box says by how much). */
  private slidePoint(event: PointerEvent): [number, number] {
    const box = this.svg.getBoundingClientRect();
    const { width, height } = this.host.getComputedSlideSize();
    return [((event.clientX - box.left) * width) / box.width, ((event.clientY - box.top) * height) / box.height];
  }

  private strokePoint(event: PointerEvent): StrokePoint {
    // A pen reports its pressure; a mouse reports 0.5 while pressed and a finger 0 or 1 — neither is pressure.
    const pressure = event.pointerType === 'pen' && event.pressure > 0 ? event.pressure : NO_PRESSURE;
    return roundPoint([...this.slidePoint(event), pressure]);
  }

  private handlePointerDown(event: PointerEvent): void {
    if (!this.drawing || this.live || this.erasing) return;
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    this.svg.setPointerCapture(event.pointerId);
    const slide = this.currentKey();
    if (this.tool === 'eraser') {
      this.erasing = { pointer: event.pointerId, last: this.slidePoint(event), slide };
      this.erase(this.slidePoint(event));
      return;
    }
    const tool = this.tool;
    const stroke: Stroke = { tool, color: tool === 'pen' ? this.penColor : this.highlighterColor, size: TOOL_SIZES[tool], points: [this.strokePoint(event)] };
    const path = strokeElement(stroke, true);
    this.svg.appendChild(path);
    this.live = { pointer: event.pointerId, stroke, path, slide };
  }

  private handlePointerMove(event: PointerEvent): void {
    if (this.erasing?.pointer === event.pointerId) {
      this.erase(this.slidePoint(event));
      return;
    }
    const live = this.live;
    if (!live || live.pointer !== event.pointerId) return;
    // A pen sends more positions than frames: the coalesced ones keep a fast curve round.
    const events = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
    for (const each of events.length > 0 ? events : [event]) live.stroke.points.push(this.strokePoint(each));
    updateStrokeElement(live.path, live.stroke, true);
  }

  private handlePointerUp(event: PointerEvent): void {
    if (this.erasing?.pointer === event.pointerId) {
      this.erasing = undefined;
      return;
    }
    const live = this.live;
    if (!live || live.pointer !== event.pointerId) return;
    this.live = undefined;
    if (event.type === 'pointercancel' && live.stroke.points.length < 2) {
      live.path.remove();
      return;
    }
    this.store.add(live.slide, live.stroke);
    this.render();
    this.onChange();
  }

  private erase(at: [number, number]): void {
    const erasing = this.erasing!;
    const touched = strokesTouched(this.store.strokes(erasing.slide), erasing.last, at, ERASER_RADIUS);
    erasing.last = at;
    if (!this.store.erase(erasing.slide, touched)) return;
    drawStrokes(this.svg, this.store.strokes(erasing.slide));
    this.onChange();
  }
}
