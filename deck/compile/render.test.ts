import { describe, expect, it } from 'vitest';
import { compileDeck, formatDiagnostic, renderSlides } from './index.ts';

describe('renderSlides', () => {
  const deck = compileDeck(
    '---\ntitle: Tour\n---\n\n## One {.smaller}\n\nText\n\n::: notes\nSay hi\n:::\n\n--\n\n## Two\n\n---\n\n## Three {background-color="#a&b"}\n',
    'x.md',
  );

  // A slide opened by a separator starts on the separator's line (13 for `--`, 17 for `---`).
  it('renders one section per slide with attributes, data-axon-line and notes; stacks wrapped', () => {
    expect(renderSlides(deck)).toBe(
      '<section id="title-slide" class="axon-title-slide center" data-axon-line="2">\n<h1 class="title">Tour</h1>\n</section>\n' +
        '<section>\n' +
        '<section id="one" class="smaller" data-axon-line="5">\n<h2>One</h2>\n<p>Text</p>\n<aside class="notes">\n<p>Say hi</p>\n</aside>\n</section>\n' +
        '<section id="two" data-axon-line="13">\n<h2>Two</h2>\n</section>\n' +
        '</section>\n' +
        '<section id="three" data-background-color="#a&amp;b" data-axon-line="17">\n<h2>Three</h2>\n</section>\n',
    );
  });
});

describe('formatDiagnostic', () => {
  it('writes file:line: kind severity: message — hint', () => {
    expect(
      formatDiagnostic({ file: 'slides/x.md', line: 12, kind: 'math', severity: 'error', message: 'bad', hint: 'fix it' }),
    ).toBe('slides/x.md:12: math error: bad — fix it');
  });
});
