/**
 * `axon export`'s pure parts: option checking (each wrong value one line saying what to type), output
 * names, and the handout geometry (sheet counts, frames inside the paper, 16:9 frames, notes placement,
 * wide frames for slides with a widget).
 */
import { describe, expect, it } from 'vitest';
import { CliError } from '../errors.ts';
import { layOut, PAPER_SIZES, SLIDE_PAGE, slidePage, WIDE_TEXT_PT, type Box, type PrintedPage } from './layout.ts';
import { exportTargets, parseSettings, parseSlideList, pngName } from './options.ts';
import { paperHtml, slideLabel } from './paper.ts';
import { deckUrl, themeQuery } from './pdf.ts';

describe('export options', () => {
  it('defaults to one PDF page per slide in its final state, no notes, A4 paper, 120 s', () => {
    expect(parseSettings({})).toEqual({ format: 'pdf', notes: 'none', fragments: 'final', layout: 'slide', paper: 'a4', timeoutMs: 120_000, backend: undefined, theme: 'deck' });
  });

  it('prints handout sheets light (a dark deck on white paper) unless --theme says otherwise', () => {
    for (const layout of ['2up', '3up', '6up']) expect(parseSettings({ layout }).theme).toBe('light');
    expect(parseSettings({ layout: 'slide' }).theme).toBe('deck');
    expect(parseSettings({ theme: 'light' }).theme).toBe('light');
    expect(parseSettings({ layout: '3up', theme: 'deck' }).theme).toBe('deck');
    expect(parseSettings({ layout: '6up', theme: 'dark' }).theme).toBe('dark');
    expect(parseSettings({ format: 'png', theme: 'light' }).theme).toBe('light');
    expect(() => parseSettings({ theme: 'white' })).toThrow('--theme white is not one of light, dark, deck — give e.g. --theme dark');
  });

  it('asks the deck page for the theme by its URL, and for nothing when the deck keeps its own', () => {
    expect(deckUrl('http://127.0.0.1:1/', 'intro', { 'print-pdf': '', 'axon-theme': themeQuery('light') })).toBe('http://127.0.0.1:1/intro.html?print-pdf&axon-theme=light');
    expect(deckUrl('http://127.0.0.1:1/', 'intro', { 'print-pdf': '', 'axon-theme': themeQuery('deck') })).toBe('http://127.0.0.1:1/intro.html?print-pdf');
  });

  it('names the option, the bad value and the choices', () => {
    expect(() => parseSettings({ layout: '4up' })).toThrow(new CliError('--layout 4up is not one of slide, 2up, 3up, 6up — give e.g. --layout 2up'));
    expect(() => parseSettings({ notes: 'after' })).toThrow('--notes after is not one of none, below, page');
    expect(() => parseSettings({ fragments: 'all' })).toThrow('--fragments all is not one of final, each');
    expect(() => parseSettings({ backend: 'metal' })).toThrow('--backend metal is not one of cpu, wasm, webgl, webgpu, auto');
    expect(() => parseSettings({ timeout: '0' })).toThrow('--timeout 0 is not a time — give seconds, e.g. --timeout 300');
    expect(() => parseSettings({ timeout: 'soon' })).toThrow('--timeout soon is not a time');
  });

  it('keeps paper layouts and notes to PDF', () => {
    expect(() => parseSettings({ format: 'png', layout: '2up' })).toThrow('--layout 2up lays slides out on paper, which only a PDF has');
    expect(() => parseSettings({ format: 'png', notes: 'below' })).toThrow('--notes below puts notes on PDF pages');
    expect(() => parseSettings({ format: 'png', paper: 'letter' })).toThrow('--paper sizes PDF handout pages');
    expect(parseSettings({ format: 'png', fragments: 'each' }).fragments).toBe('each');
  });

  it('reads slide lists as a person writes them, 1-based, each slide once', () => {
    expect(parseSlideList('1-3, 8,2', 10, 'x.md')).toEqual([0, 1, 2, 7]);
    expect(parseSlideList(undefined, 3, 'x.md')).toEqual([0, 1, 2]);
    expect(() => parseSlideList('0', 10, 'x.md')).toThrow("'0' is not a range — slides count from 1");
    expect(() => parseSlideList('5-3', 10, 'x.md')).toThrow("'5-3' is not a range");
    expect(() => parseSlideList('12', 10, 'x.md')).toThrow('x.md has 10 slides — give numbers from 1 to 10');
    expect(() => parseSlideList('two', 10, 'x.md')).toThrow("'two' is not a slide number or range");
  });

  it('writes <deck>.pdf into --out, or the .pdf --out names for one deck', () => {
    expect(exportTargets(['a'], 'pdf', '/tmp/h/x.pdf')).toEqual([{ dir: '/tmp/h', file: '/tmp/h/x.pdf' }]);
    expect(exportTargets(['a', 'b'], 'pdf', '/tmp/h')).toEqual([
      { dir: '/tmp/h', file: '/tmp/h/a.pdf' },
      { dir: '/tmp/h', file: '/tmp/h/b.pdf' },
    ]);
    expect(() => exportTargets(['a', 'b'], 'pdf', 'x.pdf')).toThrow('a folder of decks gives one PDF per deck — give --out a folder');
    expect(() => exportTargets(['a'], 'png', 'x.pdf')).toThrow('PNG export writes one file per slide — give --out a folder');
  });

  it('numbers PNGs so they sort in slide order, with the fragment step after', () => {
    expect(pngName('intro', 6, 34)).toBe('intro-07.png');
    expect(pngName('intro', 6, 120)).toBe('intro-007.png');
    expect(pngName('intro', 6, 34, 2)).toBe('intro-07-2.png');
  });
});

const page = (slide: number, notes = '', step?: number): PrintedPage => ({ slide, step, title: `Slide title ${slide + 1}`, notes });
const inside = (box: Box, outer: { width: number; height: number }) =>
  box.x >= 0 && box.y >= 0 && box.x + box.width <= outer.width + 1e-6 && box.y + box.height <= outer.height + 1e-6;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('handout layouts', () => {
  const seven = Array.from({ length: 7 }, (_, i) => page(i, i % 2 === 0 ? '<p>Say this.</p>' : ''));

  it('slide: a page per slide at the slide size, the slide filling it', () => {
    const sheets = layOut(seven, 'slide', 'none', 'a4');
    expect(sheets).toHaveLength(7);
    expect(sheets[3]).toMatchObject({ ...SLIDE_PAGE.pt, frames: [{ page: 3, box: { x: 0, y: 0, ...SLIDE_PAGE.pt } }] });
    // The slide and reveal's 4 % margin: 1331×748 CSS pixels.
    expect(SLIDE_PAGE).toEqual({ px: { width: 1331, height: 748 }, pt: { width: 998.25, height: 561 } });
    // A 4:3 deck (width: 1024, height: 768 in its front matter) prints 4:3 pages.
    const square = layOut(seven, 'slide', 'none', 'a4', slidePage(1024, 768));
    expect(square[0]).toMatchObject({ width: 798, height: 598.5 });
  });

  it('2up, 3up and 6up put that many slides on a sheet, in order, the last sheet partly filled', () => {
    for (const [layout, perSheet] of [
      ['2up', 2],
      ['3up', 3],
      ['6up', 6],
    ] as const) {
      const sheets = layOut(seven, layout, 'none', 'a4');
      expect(sheets, layout).toHaveLength(Math.ceil(7 / perSheet));
      expect(sheets.flatMap((s) => s.frames.map((f) => f.page)), layout).toEqual([0, 1, 2, 3, 4, 5, 6]);
      for (const sheet of sheets) {
        expect(sheet.footer).toBe(true);
        expect([sheet.width, sheet.height]).toEqual([PAPER_SIZES.a4.width, PAPER_SIZES.a4.height]);
        for (const frame of sheet.frames) {
          expect(inside(frame.box, sheet), layout).toBe(true);
          expect(frame.box.width / frame.box.height).toBeCloseTo(SLIDE_PAGE.pt.width / SLIDE_PAGE.pt.height, 6);
        }
        // Frames never overlap one another.
        sheet.frames.forEach((a, i) => sheet.frames.slice(i + 1).forEach((b) => expect(overlap(a.box, b.box), layout).toBe(false)));
      }
    }
  });

  it('3up rules lines beside each slide for hand-written notes, or sets the speaker notes there', () => {
    const [sheet] = layOut(seven.slice(0, 3), '3up', 'none', 'letter');
    expect(sheet!.lines).toHaveLength(3);
    sheet!.lines.forEach((lines, k) => {
      const frame = sheet!.frames[k]!.box;
      expect(lines.x).toBeGreaterThan(frame.x + frame.width);
      expect(lines.y).toBeCloseTo(frame.y, 6);
    });
    const [withNotes] = layOut(seven.slice(0, 3), '3up', 'below', 'letter');
    expect(withNotes!.lines).toHaveLength(0);
    expect(withNotes!.notes.map((n) => n.page)).toEqual([0, 2]); // slide 2 has no notes
  });

  it('notes below: under their slide, clear of every frame, inside the sheet', () => {
    for (const layout of ['slide', '2up', '6up'] as const) {
      const sheets = layOut(seven, layout, 'below', 'a4');
      for (const sheet of sheets) {
        for (const block of sheet.notes) {
          const frame = sheet.frames.find((f) => f.page === block.page)!.box;
          expect(block.box.y, layout).toBeGreaterThan(frame.y + frame.height);
          expect(inside(block.box, sheet), layout).toBe(true);
          for (const f of sheet.frames) expect(overlap(block.box, f.box), layout).toBe(false);
        }
      }
      expect(sheets.flatMap((s) => s.notes.map((n) => n.page)), layout).toEqual([0, 2, 4, 6]);
    }
    // One slide on a portrait sheet, wide as the paper allows.
    const [sheet] = layOut(seven, 'slide', 'below', 'a4');
    expect(sheet!.frames[0]!.box.width).toBeCloseTo(PAPER_SIZES.a4.width - 72, 6);
  });

  it('notes on a page: after the slide (after its last fragment step), only for slides that have notes', () => {
    const steps = [page(0, '<p>a</p>', 0), page(0, '<p>a</p>', 1), page(1), page(2, '<p>c</p>')];
    const sheets = layOut(steps, 'slide', 'page', 'a4');
    expect(sheets.map((s) => (s.frames.length ? `slide ${s.frames[0]!.page}` : `notes ${s.notes.map((n) => n.page).join(',')}`))).toEqual([
      'slide 0',
      'slide 1',
      'notes 1',
      'slide 2',
      'slide 3',
      'notes 3',
    ]);
    expect(sheets[2]).toMatchObject({ ...SLIDE_PAGE.pt, footer: false });
    // Paper layouts: a notes sheet after each sheet whose slides have notes.
    const paper = layOut(seven, '2up', 'page', 'a4');
    expect(paper.map((s) => (s.frames.length ? 'slides' : `notes ${s.notes.map((n) => n.page).join(',')}`))).toEqual([
      'slides',
      'notes 0',
      'slides',
      'notes 2',
      'slides',
      'notes 4',
      'slides',
      'notes 6',
    ]);
  });
});

describe('handout layouts: a page with a widget gets a wide frame in 3up and 6up', () => {
  /** Ten pages, widgets on the 3rd, 4th, 6th and 9th (0-based 2, 3, 5, 8). */
  const deck = Array.from({ length: 10 }, (_, i): PrintedPage => ({ ...page(i, i % 3 === 0 ? '<p>Say this.</p>' : ''), widget: [2, 3, 5, 8].includes(i) }));
  const wideFrames = [2, 3, 5, 8];
  const aspect = SLIDE_PAGE.pt.height / SLIDE_PAGE.pt.width;
  /** The printable width of an A4 sheet: inside its half-inch margins. */
  const across = PAPER_SIZES.a4.width - 72;
  /** 21 CSS px of widget text (15.75 pt on the slide's own page), in points at a frame's width. */
  const textPt = (box: Box) => 21 * 0.75 * (box.width / SLIDE_PAGE.pt.width);

  for (const layout of ['3up', '6up'] as const) {
    for (const notes of ['none', 'below', 'page'] as const) {
      it(`${layout}, notes ${notes}: every page once, in order, widgets wide, nothing overlapping, all inside the printable area`, () => {
        const sheets = layOut(deck, layout, notes, 'a4');
        expect(sheets.flatMap((s) => s.frames.map((f) => f.page))).toEqual(deck.map((_, i) => i));
        const narrow = layOut(deck.slice(0, 1), layout, 'none', 'a4')[0]!.frames[0]!.box.width;
        for (const sheet of sheets) {
          expect(sheet.frames.length).toBeLessThanOrEqual(layout === '3up' ? 3 : 6);
          for (const { page: index, box } of sheet.frames) {
            // Margins of half an inch and the footer's 20 pt: nothing in them.
            expect(inside(box, { width: sheet.width - 36, height: sheet.height - 56 }) && box.x >= 36 && box.y >= 36, `page ${index}`).toBe(true);
            expect(box.width / box.height).toBeCloseTo(1 / aspect, 6);
            if (wideFrames.includes(index)) {
              // The sheet's width, or a little less where that lets one more row fit.
              expect(box.width, `page ${index}`).toBeLessThanOrEqual(across + 1e-6);
              expect(box.x + box.width / 2, `page ${index}`).toBeCloseTo(sheet.width / 2, 6);
              expect(textPt(box)).toBeGreaterThanOrEqual(WIDE_TEXT_PT - 1e-9);
            } else {
              // Slides without a widget keep the frames they always had.
              expect(box.width, `page ${index}`).toBeCloseTo(narrow, 6);
              expect(textPt(box)).toBeLessThan(5);
            }
          }
          const boxes = [...sheet.frames.map((f) => f.box), ...sheet.notes.map((n) => n.box), ...sheet.lines];
          boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => expect(overlap(a, b), `${layout} ${notes}`).toBe(false)));
          for (const box of [...sheet.notes.map((n) => n.box), ...sheet.lines]) {
            expect(box.height).toBeGreaterThanOrEqual(54);
            expect(box.y + box.height).toBeLessThanOrEqual(sheet.height - 56 + 1e-6);
          }
        }
      });
    }
  }

  it('6up: a wide frame spans both cells of its row; the row before it stays half-filled', () => {
    const [first, second] = layOut(deck, '6up', 'none', 'a4');
    const boxes = new Map(first!.frames.map((f) => [f.page, f.box]));
    // Pages 0 and 1 share a row; 2 and 3 are wide rows under it, a little narrower so that the three fit.
    expect([...boxes.keys()]).toEqual([0, 1, 2, 3]);
    const [left, right, wide] = [boxes.get(0)!, boxes.get(1)!, boxes.get(2)!];
    expect(left.y).toBeCloseTo(right.y, 6);
    expect(wide.x).toBeLessThan(left.x + left.width);
    expect(wide.x + wide.width).toBeGreaterThan(right.x);
    expect(wide.x + wide.width / 2).toBeCloseTo((left.x + right.x + right.width) / 2, 6);
    expect(wide.y).toBeGreaterThan(left.y + left.height);
    expect(boxes.get(3)!.y).toBeGreaterThan(wide.y + wide.height);
    expect(second!.frames.map((f) => f.page)).toEqual([4, 5, 6, 7]);
    const next = new Map(second!.frames.map((f) => [f.page, f.box]));
    // Page 4 is alone in its row, in the left cell, as a slide with no neighbour always was; 5 does not fill the gap.
    expect(next.get(4)!.x).toBeCloseTo(left.x, 6);
    expect(next.get(5)!.y).toBeGreaterThan(next.get(4)!.y + next.get(4)!.height);
    expect(next.get(5)!.width).toBeCloseTo(across, 6);
    expect(next.get(6)!.y).toBeGreaterThan(next.get(5)!.y + next.get(5)!.height);
    expect(next.get(6)!.y).toBeCloseTo(next.get(7)!.y, 6);
  });

  it('a wide frame gives up width for another row, never below 7.5 pt widget text', () => {
    // Letter paper is shorter: a wide 3up frame and two slides fit only with the wide frame narrower.
    const [sheet] = layOut([{ ...page(0), widget: true }, page(1), page(2)], '3up', 'none', 'letter');
    expect(sheet!.frames).toHaveLength(3);
    const wide = sheet!.frames[0]!.box;
    expect(wide.width).toBeLessThan(PAPER_SIZES.letter.width - 72);
    expect(textPt(wide)).toBeGreaterThanOrEqual(WIDE_TEXT_PT - 1e-9);
    // Three wide frames would need them far narrower: two a sheet.
    const wides = Array.from({ length: 3 }, (_, i) => ({ ...page(i), widget: true }));
    expect(layOut(wides, '6up', 'none', 'a4').map((s) => s.frames.length)).toEqual([2, 1]);
    expect(layOut(wides, '6up', 'none', 'a4')[0]!.frames[0]!.box.width).toBeCloseTo(across, 6);
  });

  it('3up: a wide frame has its ruled lines, or its notes, under it; the other slides keep theirs beside them', () => {
    const [sheet] = layOut(deck.slice(0, 4), '3up', 'none', 'a4');
    expect(sheet!.frames.map((f) => f.page)).toEqual([0, 1, 2]);
    sheet!.frames.forEach(({ page: index, box }, k) => {
      const lines = sheet!.lines[k]!;
      if (index === 2) {
        expect(lines.y).toBeGreaterThan(box.y + box.height);
        expect(lines.width).toBeCloseTo(box.width, 6);
      } else {
        expect(lines.x).toBeGreaterThan(box.x + box.width);
        expect(lines.y).toBeCloseTo(box.y, 6);
      }
    });
    const below = layOut([page(0, '<p>a</p>'), { ...page(1, '<p>b</p>'), widget: true }], '3up', 'below', 'a4')[0]!;
    const [beside, under] = below.notes;
    expect(beside!.box.x).toBeGreaterThan(below.frames[0]!.box.x + below.frames[0]!.box.width);
    expect(under!.box.y).toBeGreaterThan(below.frames[1]!.box.y + below.frames[1]!.box.height);
  });

  it('a sheet without a widget is laid out as before; 2up and one slide a page have no wide frames', () => {
    const plain = deck.map(({ widget, ...rest }) => rest);
    for (const layout of ['2up', '3up', '6up'] as const) {
      for (const notes of ['none', 'below'] as const) {
        const withWidgets = layOut(deck.slice(0, 2), layout, notes, 'a4');
        expect(withWidgets, `${layout} ${notes}`).toEqual(layOut(plain.slice(0, 2), layout, notes, 'a4'));
      }
    }
    expect(layOut(deck, '2up', 'below', 'a4')).toEqual(layOut(plain, '2up', 'below', 'a4'));
    expect(layOut(deck, 'slide', 'none', 'a4')).toEqual(layOut(plain, 'slide', 'none', 'a4'));
  });
});

describe('handout paper', () => {
  it('labels a slide with its number, title and step', () => {
    expect(slideLabel(page(6))).toBe('Slide 7 · Slide title 7');
    expect(slideLabel(page(6, '', 2))).toBe('Slide 7 · Slide title 7 (step 2)');
  });

  it('one sized block per sheet: empty frames for the slides, the notes as HTML, the footer with the page count', () => {
    const pages = [page(0, '<p>Ask: <em>why</em> <span class="katex">x</span>?</p>'), page(1)];
    const sheets = layOut(pages, '2up', 'below', 'a4');
    const html = paperHtml(sheets, pages, 'Deep <learning>');
    expect(html.match(/class="sheet"/g)).toHaveLength(1);
    expect(html).toContain('@page { size: 595.28pt 841.89pt; }');
    expect(html.match(/class="frame"/g)).toHaveLength(2);
    expect(html).toContain('<p>Ask: <em>why</em> <span class="katex">x</span>?</p>');
    expect(html).toContain('<span>Deep &lt;learning&gt;</span><span>1 / 1</span>');
  });
});
