import { describe, expect, it } from 'vitest';
import { AXON_DEFAULTS, READING_VIEW, readingSlideSize } from './config.ts';

/** The scale reveal draws a slide at on a screen: the smaller ratio, rounded to hundredths as reveal rounds it. */
function revealScale(screen: { width: number; height: number }, slide: { width: number; height: number }, margin = AXON_DEFAULTS.margin ?? 0): number {
  const ratio = Math.min((screen.width * (1 - margin)) / slide.width, (screen.height * (1 - margin)) / slide.height);
  return Math.round(ratio * 100) / 100;
}

describe('the reading view on a phone', () => {
  it('lays a slide out narrower on a 390×844 phone, so body text comes out at 21 px instead of 9 px', () => {
    const phone = { width: 390, height: 844 };
    expect(revealScale(phone, { width: 1280, height: 720 })).toBe(0.29);
    const slide = readingSlideSize(phone, AXON_DEFAULTS);
    expect(slide).toEqual({ width: 562, height: 720 });
    const scale = revealScale(phone, slide!);
    expect(scale).toBe(0.67);
    expect(32 * scale).toBeGreaterThanOrEqual(21);
  });

  it('keeps the narrowest slide at 540 px on a small phone, still drawn at more than half its size', () => {
    const slide = readingSlideSize({ width: 320, height: 568 }, AXON_DEFAULTS);
    expect(slide?.width).toBe(READING_VIEW.minWidth);
    expect(revealScale({ width: 320, height: 568 }, slide!)).toBeGreaterThanOrEqual(0.56);
  });

  it('never lets a short window make the height the limit', () => {
    const screen = { width: 400, height: 300 };
    const slide = readingSlideSize(screen, AXON_DEFAULTS)!;
    expect(revealScale(screen, slide)).toBe(Math.round(((400 * 0.96) / slide.width) * 100) / 100);
  });

  it('leaves the projector, a laptop, a tablet and a phone held sideways on the presenter’s slides', () => {
    for (const screen of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }, { width: 768, height: 1024 }, { width: 844, height: 390 }]) {
      expect(readingSlideSize(screen, AXON_DEFAULTS), `${screen.width}×${screen.height}`).toBeUndefined();
    }
  });

  it('leaves ?view=scroll on a desktop as reveal lays it out, and reads it on a narrow window', () => {
    expect(readingSlideSize({ width: 1280, height: 720 }, { ...AXON_DEFAULTS, view: 'scroll' })).toBeUndefined();
    expect(readingSlideSize({ width: 700, height: 900 }, { ...AXON_DEFAULTS, view: 'scroll' })?.width).toBe(1008);
  });

  it('never applies to the print view, nor to a deck whose front matter turns the scroll view off', () => {
    expect(readingSlideSize({ width: 390, height: 844 }, { ...AXON_DEFAULTS, view: 'print' })).toBeUndefined();
    expect(readingSlideSize({ width: 390, height: 844 }, { ...AXON_DEFAULTS, scrollActivationWidth: undefined })).toBeUndefined();
  });
});

describe('front matter plugins and the printed theme', () => {
  const deck = (revealOptions: Record<string, unknown>, theme: 'light' | 'dark' = 'dark') =>
    ({ name: 'd', title: 'D', theme, backend: '', revealOptions, widgets: [], usesMermaid: false, usesCode: false }) as const;

  it('hands reveal the options but not the plugin names, which the runtime loads itself', async () => {
    const { deckPlugins, revealConfig } = await import('./config.ts');
    const config = deck({ plugins: ['search', 'highlight'], transition: 'fade' });
    expect(revealConfig({ ...config, widgets: [] })).not.toHaveProperty('plugins');
    expect(revealConfig({ ...config, widgets: [] }).transition).toBe('fade');
    expect(deckPlugins({ ...config, widgets: [] })).toEqual(['search', 'highlight']);
    expect(deckPlugins({ ...deck({}), widgets: [] })).toEqual([]);
  });

  it('shows a dark deck light when the URL asks (axon export --theme light), else as authored', async () => {
    const { pageTheme } = await import('./config.ts');
    const dark = { ...deck({}, 'dark'), widgets: [] };
    expect(pageTheme(dark, '?print-pdf&axon-theme=light')).toBe('light');
    expect(pageTheme({ ...dark, theme: 'light' }, '?axon-theme=dark')).toBe('dark');
    expect(pageTheme(dark, '?print-pdf')).toBe('dark');
    expect(pageTheme(dark, '?axon-theme=sepia')).toBe('dark');
  });
});
