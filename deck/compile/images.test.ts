import { describe, expect, it } from 'vitest';
import { compileFixture, slideTitled } from './test-support.ts';

describe('images', () => {
  const deck = compileFixture('images');

  it('makes a lone image with alt text a captioned figure, width as CSS', () => {
    expect(slideTitled(deck, 'A figure').html).toBe(
      '<h2>A figure</h2>\n<figure><img src="img/neuron.svg" alt="A single neuron" style="width:60%;">' +
        '<figcaption>A single neuron</figcaption></figure>\n',
    );
  });

  it('keeps inline images inline; bare numbers are pixels', () => {
    const html = slideTitled(deck, 'Inline images').html;
    expect(html).toContain('<img src="img/icon.png" alt="" style="width:32px;height:32px;">');
    expect(html).not.toContain('<figure>');
  });

  it('records local assets with their lines, from Markdown, raw HTML src/poster and backgrounds', () => {
    expect(slideTitled(deck, 'A figure').assets).toEqual([{ url: 'img/neuron.svg', line: 7 }]);
    expect(slideTitled(deck, 'Inline images').assets).toEqual([
      { url: 'img/icon.png', line: 11 },
      { url: 'img/raw.png', line: 13 },
      { url: 'clips/demo.mp4', line: 13 },
      { url: 'img/poster.jpg', line: 13 },
    ]);
    expect(slideTitled(deck, 'Backgrounds').assets).toEqual([
      { url: 'clips/loop.mp4', line: 19 },
      { url: 'img/bg.jpg', line: 17 },
    ]);
  });
});
