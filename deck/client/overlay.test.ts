/** The dev error overlay speaks Axon: the deck's file:line and what to do, never Vite's vite.config.js advice. */
import { describe, expect, it } from 'vitest';
import { overlayText } from './overlay.ts';

describe('overlayText', () => {
  it('for a deck that does not compile: the message with file:line, and to fix and save', () => {
    const text = overlayText({
      message: 'slides/live.md:2: front matter is not valid YAML — close the bracket',
      plugin: 'axon',
      loc: { file: '/home/me/slides/live.md', line: 2 },
    });
    expect(text.message).toMatch(/live\.md:2: /);
    expect(text.advice).toMatch(/Fix the line named above and save/);
    expect(text).toMatchObject({ file: '/home/me/slides/live.md', line: 2 });
  });

  it('for anything else: not the deck’s fault, and what to do; never vite.config', () => {
    const text = overlayText({ message: 'Internal server error: x', plugin: 'vite:css' });
    expect(`${text.heading} ${text.advice}`).toMatch(/not a mistake in your deck/);
    expect(text.file).toBeUndefined();
    for (const part of Object.values(overlayText({ message: 'm', plugin: 'axon' }))) expect(String(part)).not.toMatch(/vite\.config|server\.hmr/);
  });
});
