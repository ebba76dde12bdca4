import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { widgetTags } from '../../components/registry.ts';
import { compileDeck, formatDiagnostic } from './index.ts';

// The course's five lectures (issues 7 and 19): clean, with notes on every content slide, the widgets the lecture
// asks students to try, and a summary and exercises at the end.
const LECTURES: Record<string, readonly string[]> = {
  'slides/intro-deep-learning.md': ['mp-neuron', 'hh-simulator', 'activation-explorer', 'loss-landscape', 'backprop-walkthrough', 'ua-fitter', 'nn-playground'],
  'slides/linear-to-mlp.md': ['gd-trajectory', 'nn-playground', 'param-counter', 'dna-onehot'],
  'slides/linear-neuron.md': ['gd-modes', 'feature-scaling'],
  'slides/perceptron-mlp.md': ['perceptron-boundary', 'nn-playground', 'activation-explorer', 'softmax-temperature'],
  'slides/architectures.md': ['motif-scan', 'conv-explorer', 'autoencoder-latent', 'rnn-euler', 'norm-layers', 'nn-playground', 'dna-onehot', 'param-counter'],
};

describe.each(Object.entries(LECTURES))('%s', (file, widgets) => {
  const deck = compileDeck(readFileSync(file, 'utf8'), file, { widgets: widgetTags });
  const content = deck.slides.filter((slide) => slide.kind === 'content');

  it('compiles without a diagnostic (what `axon build --strict` requires)', () => {
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it('has speaker notes on every content slide', () => {
    expect(content.filter((slide) => slide.notes.trim() === '').map((slide) => `${slide.source.line}: ${slide.title}`)).toEqual([]);
  });

  it('carries the live widgets the lecture asks for', () => {
    expect([...deck.widgets].sort()).toEqual(expect.arrayContaining([...widgets].sort()));
  });

  it('ends with a summary and exercises', () => {
    const lastTitles = content.slice(-4).map((slide) => slide.title.toLowerCase());
    expect(lastTitles.some((title) => /summary|take-?aways|recap/.test(title)), lastTitles.join(' | ')).toBe(true);
    expect(lastTitles.some((title) => /exercise/.test(title)), lastTitles.join(' | ')).toBe(true);
  });

  it('has a title slide with the course team as author', () => {
    expect(deck.slides[0]?.kind).toBe('title');
  });
});
