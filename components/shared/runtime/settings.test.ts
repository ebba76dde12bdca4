import { describe, expect, it } from 'vitest';
import type { AxonChangeDetail } from './events.ts';
import { boolean, choice, defineSettings, number, numberList, seed, wholeNumber } from './settings.ts';

const settings = defineSettings({
  optimizer: { attribute: 'optimizer', parse: choice(['sgd', 'adam'] as const), default: 'adam' as 'sgd' | 'adam' },
  learningRate: {
    attribute: 'lr',
    aliases: ['learning-rate'],
    parse: number({ min: 1e-4, max: 1 }),
    default: (above: Record<string, unknown>) => (above.optimizer === 'sgd' ? 0.005 : 0.05),
  },
  hiddenUnits: { attribute: 'neurons', parse: wholeNumber({ min: 1, max: 64 }), default: 3 },
  layers: { attribute: 'layers', parse: numberList({ range: { min: 1, max: 32 }, length: { min: 0, max: 6 }, whole: true }), default: [4, 2] },
  autoplay: { attribute: 'autoplay', parse: boolean(), default: false },
  seed: { attribute: 'seed', parse: seed(), default: 1 },
});

const attributes = (written: Record<string, string>) => (name: string) => written[name] ?? null;

describe('a settings table', () => {
  it('gives the defaults when nothing is written, a computed default from the settings above it', () => {
    const { values, warnings } = settings.read({ attribute: attributes({ optimizer: 'sgd' }) });
    expect(values).toEqual({ optimizer: 'sgd', learningRate: 0.005, hiddenUnits: 3, layers: [4, 2], autoplay: false, seed: 1 });
    expect(warnings).toEqual([]);
  });

  it('reads an alias as the same setting; the main attribute wins over it', () => {
    expect(settings.read({ attribute: attributes({ 'learning-rate': '0.2' }) }).values.learningRate).toBe(0.2);
    expect(settings.read({ attribute: attributes({ 'learning-rate': '0.2', lr: '0.3' }) }).values.learningRate).toBe(0.3);
  });

  it('refuses a bad attribute with a warning naming it, as written, and uses the default', () => {
    const { values, warnings } = settings.read({ attribute: attributes({ 'learning-rate': '7', neurons: '2.5', layers: '4,x', autoplay: 'maybe' }) });
    expect(values).toMatchObject({ learningRate: 0.05, hiddenUnits: 3, layers: [4, 2], autoplay: false });
    expect(warnings).toEqual([
      'learning-rate="7" is outside 0.0001…1 — using 0.05',
      'neurons="2.5" is not a whole number — using 3',
      'layers="4,x" has "x", which is not a number — using 4,2',
      'autoplay="maybe" is not true or false — using false',
    ]);
  });

  it('takes a bare boolean attribute, or its own name, as on', () => {
    expect(settings.read({ attribute: attributes({ autoplay: '' }) }).values.autoplay).toBe(true);
    expect(settings.read({ attribute: attributes({ autoplay: 'autoplay' }) }).values.autoplay).toBe(true);
    expect(settings.read({ attribute: attributes({ autoplay: 'false' }) }).values.autoplay).toBe(false);
  });

  it('merges defaults < attributes < URL; a bad URL value says so and keeps the attribute', () => {
    const url = new Map([['lr', '0.5'], ['neurons', '900']]);
    const { values, written, warnings } = settings.read({ attribute: attributes({ lr: '0.1', neurons: '10' }), url });
    expect(values.learningRate).toBe(0.5);
    expect(written).toEqual({ learningRate: 0.1, hiddenUnits: 10 });
    expect(values.hiddenUnits).toBe(10);
    expect(warnings).toEqual(['neurons="900" (from the URL) is outside 1…64 — using 10']);
  });

  it('writes to the URL only what differs from the attributes, so equal settings give no parameter', () => {
    const { values, written } = settings.read({ attribute: attributes({ lr: '0.5' }) });
    expect(settings.urlState(values, written)).toEqual({});
    // Back at the table default but not at the attribute: the URL must say so, or a reload would give 0.5.
    expect(settings.urlState({ ...values, learningRate: 0.05, layers: [8, 8] }, written)).toEqual({ lr: '0.05', layers: '8,8' });
  });

  it('round-trips what it writes', () => {
    const { values: base, written } = settings.read({ attribute: attributes({}) });
    // lr stays at Adam's 0.05 while the optimizer becomes SGD, whose default is 0.005: the URL must hold it.
    const changed = { ...base, optimizer: 'sgd' as const, layers: [1], autoplay: true, seed: -3 };
    const url = new Map(Object.entries(settings.urlState(changed, written)).map(([k, v]) => [k, String(v)]));
    expect(url.get('lr')).toBe('0.05');
    expect(settings.read({ attribute: attributes({}), url }).values).toEqual(changed);
  });

  it('declares one Lit string property per attribute and alias', () => {
    expect(Object.keys(settings.properties)).toEqual(['optimizer', 'lr', 'learning-rate', 'neurons', 'layers', 'autoplay', 'seed']);
    expect(settings.properties['learning-rate']).toEqual({ type: String, attribute: 'learning-rate' });
  });
});

describe('rows that depend on other settings or clash with HTMLElement', () => {
  const table = defineSettings({
    samples: { attribute: 'samples', parse: wholeNumber({ min: 2, max: 500 }), default: 50 },
    // B's range follows n, as gd-modes' batch size does.
    batchSize: {
      attribute: 'batch-size',
      parse: (above: Record<string, unknown>) => wholeNumber({ min: 1, max: above.samples as number }),
      default: (above: Record<string, unknown>) => Math.min(10, above.samples as number),
    },
    dataset: { attribute: 'dataset', property: 'datasetName', parse: choice(['circle', 'xor'] as const), default: 'circle' as 'circle' | 'xor' },
    layers: { attribute: 'layers', parse: { read: (text: string) => (text === 'ok' ? { value: text } : { refusal: ': "x" is not a size' }), write: String }, default: 'ok' },
  });

  it('gives a parser its range from the settings above it, in the attributes and in the URL', () => {
    expect(table.read({ attribute: attributes({ samples: '20', 'batch-size': '20' }) }).values.batchSize).toBe(20);
    expect(table.read({ attribute: attributes({ samples: '20', 'batch-size': '21' }) }).warnings).toEqual(['batch-size="21" is outside 1…20 — using 10']);
    const url = new Map([['samples', '8'], ['batch-size', '9']]);
    expect(table.read({ attribute: attributes({}), url }).warnings).toEqual(['batch-size="9" (from the URL) is outside 1…8 — using 8']);
  });

  it('declares the property a row names, for its attribute, so `element.dataset` stays the data-* map', () => {
    expect(table.properties.datasetName).toEqual({ type: String, attribute: 'dataset' });
    expect(table.properties).not.toHaveProperty('dataset');
    expect(table.touches(new Map([['datasetName', undefined]]))).toBe(true);
    expect(table.touches(new Map([['dataset', undefined]]))).toBe(false);
  });

  it('puts a refusal that starts with a colon right after the quoted text', () => {
    expect(table.read({ attribute: attributes({ layers: '2,x' }) }).warnings).toEqual(['layers="2,x": "x" is not a size — using ok']);
  });
});

describe('the parsers (what components/shared/attributes.ts checked before every widget had a table)', () => {
  it('accepts a number in range, refuses junk and a number outside it, saying why', () => {
    const value = number({ min: -6, max: 6 });
    expect(value.read('1.5')).toEqual({ value: 1.5 });
    expect(value.read('abc')).toEqual({ refusal: 'is not a number' });
    expect(value.read('40')).toEqual({ refusal: 'is outside -6…6' });
  });

  it('accepts a listed word in any case and refuses others, naming the choices', () => {
    const method = defineSettings({ method: { attribute: 'method', parse: choice(['rk4', 'euler'] as const), default: 'rk4' as 'rk4' | 'euler' } });
    expect(method.read({ attribute: attributes({ method: 'RK4' }) })).toMatchObject({ values: { method: 'rk4' }, warnings: [] });
    expect(method.read({ attribute: attributes({ method: 'midpoint' }) })).toMatchObject({ values: { method: 'rk4' }, warnings: ['method="midpoint" is not one of rk4, euler — using rk4'] });
  });
});

describe('notes, shown values and settings always in the URL (nn-playground)', () => {
  const words = ['noise', 'layers'] as const;
  const table = defineSettings({
    // Keeps the words it knows and notes the rest, as nn-playground's `hide` does.
    hide: {
      attribute: 'hide',
      parse: {
        read: (text: string) => {
          const names = text.split(',');
          const unknown = names.filter((name) => !(words as readonly string[]).includes(name));
          const value = names.filter((name) => (words as readonly string[]).includes(name));
          return unknown.length ? { value, note: `: ${unknown.join(', ')} ignored` } : { value };
        },
        write: (value: string[]) => value.join(','),
      },
      default: [] as string[],
    },
    layers: { attribute: 'layers', parse: { ...numberList({ whole: true }), show: (value: number[]) => `"${value.join(',')}"` }, default: [4, 2] },
    noise: { attribute: 'noise', parse: number({ min: 0, max: 0.5 }), default: 0, always: true },
  });

  it('uses a value that comes with a note, and shows the note as a warning (attribute or URL)', () => {
    expect(table.read({ attribute: attributes({ hide: 'noise,colour' }) })).toMatchObject({ values: { hide: ['noise'] }, warnings: ['hide="noise,colour": colour ignored'] });
    const url = new Map([['hide', 'layers,size']]);
    expect(table.read({ attribute: attributes({}), url })).toMatchObject({ values: { hide: ['layers'] }, warnings: ['hide="layers,size" (from the URL): size ignored'] });
  });

  it('names the value used instead as the parser shows it', () => {
    expect(table.read({ attribute: attributes({ layers: '4,x' }) }).warnings).toEqual(['layers="4,x" has "x", which is not a number — using "4,2"']);
  });

  it('writes an `always` setting to the URL even where it equals the attribute', () => {
    const { values, written } = table.read({ attribute: attributes({ noise: '0.5' }) });
    expect(table.urlState(values, written)).toEqual({ noise: '0.5' });
    expect(table.urlState({ ...values, noise: 0 }, written)).toEqual({ noise: '0' });
  });

  it('tells listeners what a student changed: keep() fires axon-change with the tag and the settings', () => {
    const heard: Event[] = [];
    const element = { tagName: 'UA-FITTER', dispatchEvent: (event: Event) => heard.push(event) > 0 } as unknown as Element;
    const values = settings.read({ attribute: attributes({}) }).values;
    settings.keep(element, { ...values, hiddenUnits: 5 });
    expect(heard.map((event) => event.type)).toEqual(['axon-change']);
    const event = heard[0] as CustomEvent<AxonChangeDetail>;
    expect(event.detail).toEqual({ tag: 'ua-fitter', settings: { ...values, hiddenUnits: 5 } });
    expect([event.bubbles, event.composed]).toEqual([true, true]);
  });
});
