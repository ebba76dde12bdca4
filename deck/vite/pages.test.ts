import { describe, expect, it } from 'vitest';
import { compileDeck } from '../compile/index.ts';
import { deckPageShell, indexPage, indexSections, type IndexEntry } from './pages.ts';

function entry(name: string, frontMatter: string): IndexEntry {
  return { name, deck: compileDeck(`---\n${frontMatter}\n---\n\n## A\n`, `${name}.md`) };
}

describe('the deck index', () => {
  const entries = [
    entry('z-first', 'title: First\ndate: 2025-09-01'),
    entry('tour', 'title: Tour\ndate: 2025-08-01\ncategories: [About Axon]'),
    entry('b-third', 'title: Third\ndate: 2025-09-15'),
    entry('a-second', 'title: Second\ndate: 2025-09-08'),
    entry('c-same-day', 'title: Same day\ndate: 2025-09-08'),
    entry('undated', 'title: Undated'),
    { name: 'broken', error: 'broken.md:2: front matter is not valid YAML' },
    entry('exercises', 'title: Exercises\ncategories: Exercises'),
  ];

  it("lists the lectures first in the course's order (by date, then file name; undated and broken last), then one section per first category", () => {
    const sections = indexSections(entries);
    expect(sections.map((s) => s.title)).toEqual(['Lectures', 'About Axon', 'Exercises']);
    expect(sections[0]!.entries.map((e) => e.name)).toEqual(['z-first', 'a-second', 'c-same-day', 'b-third', 'broken', 'undated']);
    expect(sections[1]!.entries.map((e) => e.name)).toEqual(['tour']);
  });

  it('heads each section when there are several, and none when the lectures are all there is', () => {
    const page = indexPage(entries);
    expect(page.indexOf('<h2>Lectures</h2>')).toBeLessThan(page.indexOf('<h2>About Axon</h2>'));
    expect(page).toContain('<h3><a href="z-first.html">First</a></h3>');
    const single = indexPage(entries.slice(0, 1));
    expect(single).not.toContain('<h2>Lectures</h2>');
    expect(single).toContain('<h2><a href="z-first.html">First</a></h2>');
  });
});

describe('a deck page', () => {
  it('links back to the deck index with an accessible name', () => {
    const page = deckPageShell('intro', compileDeck('---\ntitle: Intro\n---\n\n## A\n', 'intro.md'));
    expect(page).toMatch(/<a class="axon-home" href="index.html" aria-label="All lectures[^"]*"/);
  });
});

describe('a deck page and reveal.js snippets', () => {
  it('defines window.Reveal before any slide script runs (in the head, a classic script)', () => {
    const html = deckPageShell('d', compileDeck('---\ntitle: D\n---\n\n## A\n', 'd.md'));
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toMatch(/<script>\(function\(\)\{.*window\.Reveal=stub;\}\)\(\);<\/script>/);
    expect(head.indexOf('window.Reveal=stub')).toBeLessThan(head.indexOf('type="module"'));
  });
});

describe('a deck page and files outside the deck folder', () => {
  it('points the deck-wide logo from ../images to where the build copies it', () => {
    const deck = compileDeck('---\ntitle: D\nlogo: ../images/logo.png\n---\n\n## A\n', 'd.qmd');
    const html = deckPageShell('d', deck, '/course/slides');
    expect(html).toContain('src="_external/up-1/images/logo.png"');
    expect(html).not.toContain('src="../images/logo.png"');
  });
});

