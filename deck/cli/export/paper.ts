/**
 * The handout's paper as HTML for Chromium to print: one fixed-size block per sheet holding the slide
 * frames (left empty: `compose.ts` stamps the printed slides into them, so slide text stays vector), the
 * speaker notes as real text (KaTeX in notes keeps its fonts), ruled lines, and a footer. Pure string work.
 */
import type { Box, PrintedPage, Sheet } from './layout.ts';

/** The stylesheet KaTeX needs, relative to the page (copied beside it by the exporter). */
export const KATEX_CSS = 'katex/katex.min.css';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

const pt = (value: number) => `${value.toFixed(2)}pt`;
const place = (box: Box) => `left:${pt(box.x)};top:${pt(box.y)};width:${pt(box.width)};height:${pt(box.height)}`;

/** `Slide 7 · Gradient descent` (and the fragment step, when pages show steps). */
export function slideLabel(page: PrintedPage): string {
  const step = page.step === undefined ? '' : ` (step ${page.step})`;
  return `Slide ${page.slide + 1}${page.title ? ` · ${page.title}` : ''}${step}`;
}

const STYLE = `
@page { margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #111; }
body { font-family: 'Source Sans 3', 'Source Sans Pro', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; }
.sheet { position: relative; overflow: hidden; break-after: page; page-break-after: always; }
.sheet:last-child { break-after: auto; page-break-after: auto; }
.frame { position: absolute; outline: 0.75pt solid #9a9a9a; }
.notes { position: absolute; overflow: hidden; font-size: 10pt; line-height: 1.35; }
.notes p, .notes ul, .notes ol { margin: 0 0 0.4em; }
.notes ul, .notes ol { padding-left: 1.3em; }
.notes .label { font-weight: 600; margin-bottom: 0.3em; }
.notes.clipped::after { content: '… (continued in the deck’s speaker view)'; position: absolute; right: 0; bottom: 0; background: #fff; color: #555; font-style: italic; }
.lines { position: absolute; background: repeating-linear-gradient(to bottom, transparent 0, transparent 21pt, #b5b5b5 21pt, #b5b5b5 21.75pt); }
.footer { position: absolute; left: 36pt; right: 36pt; bottom: 22pt; font-size: 8pt; color: #555; display: flex; justify-content: space-between; }
`;

/**
 * Notes set in a box shrink (down to 6 pt) until they fit; notes that still do not fit are cut at the box
 * and say so, rather than spilling over the next slide.
 */
const FIT_NOTES = `
for (const box of document.querySelectorAll('.notes')) {
  let size = parseFloat(getComputedStyle(box).fontSize);
  while (box.scrollHeight > box.clientHeight + 0.5 && size > 8) {
    size -= 0.5;
    box.style.fontSize = size + 'px';
  }
  if (box.scrollHeight > box.clientHeight + 0.5) box.classList.add('clipped');
}
document.documentElement.dataset.fitted = 'true';
`;

/** The whole handout page: every sheet in order. */
export function paperHtml(sheets: readonly Sheet[], pages: readonly PrintedPage[], deckTitle: string): string {
  const size = sheets[0] ?? { width: 595.28, height: 841.89 };
  const blocks = sheets.map((sheet, index) => {
    const parts: string[] = [];
    for (const frame of sheet.frames) parts.push(`<div class="frame" style="${place(frame.box)}"></div>`);
    for (const box of sheet.lines) parts.push(`<div class="lines" style="${place(box)}" aria-hidden="true"></div>`);
    for (const block of sheet.notes) {
      const page = pages[block.page]!;
      const label = block.labelled ? `<div class="label">${escapeHtml(slideLabel(page))}</div>` : '';
      // A notes page at the slide's size is read on a screen: larger type than on paper.
      const type = sheet.footer ? '' : ';font-size:18pt';
      parts.push(`<div class="notes" style="${place(block.box)}${type}">${label}${page.notes}</div>`);
    }
    if (sheet.footer) parts.push(`<div class="footer"><span>${escapeHtml(deckTitle)}</span><span>${index + 1} / ${sheets.length}</span></div>`);
    return `<div class="sheet" style="width:${pt(sheet.width)};height:${pt(sheet.height)}">${parts.join('')}</div>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(deckTitle)}</title>
<link rel="stylesheet" href="${KATEX_CSS}">
<style>@page { size: ${pt(size.width)} ${pt(size.height)}; }${STYLE}</style>
</head><body>
${blocks.join('\n')}
<script>${FIT_NOTES}</script>
</body></html>
`;
}
