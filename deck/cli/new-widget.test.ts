import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findLocalWidgets } from '../vite/local-widgets.ts';
import { CliError } from './errors.ts';
import { newWidget } from './new-widget.ts';
import { className } from './widget-template.ts';

const BUILT_IN = ['ua-fitter', 'demo-sigmoid'];
let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'axon-new-widget-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('axon new widget', () => {
  it('writes widgets/<tag>.ts from the template, which the deck folder then finds as that tag', () => {
    const file = newWidget({ tag: 'relu-unit', path: folder, builtIn: BUILT_IN });
    expect(file).toBe(join(folder, 'widgets/relu-unit.ts'));
    const source = readFileSync(file, 'utf8');
    expect(source).toContain("from 'axon/widget'");
    expect(source).toContain('export class ReluUnit extends axonElement(settings, { firstRender: true })');
    expect(source).toContain("customElements.define('relu-unit', ReluUnit);");
    expect(source).toContain('this.keepSettings(');
    expect(source).toContain('<p role="status">');
    expect(findLocalWidgets(folder, BUILT_IN).widgets.map((w) => w.tag)).toEqual(['relu-unit']);
  });

  it('takes a deck file for its folder', () => {
    writeFileSync(join(folder, 'talk.md'), '# Talk\n');
    expect(newWidget({ tag: 'bar-chart', path: join(folder, 'talk.md'), builtIn: BUILT_IN })).toBe(join(folder, 'widgets/bar-chart.ts'));
  });

  it('never overwrites: an existing .ts or .js of that tag is refused and left as it was', () => {
    mkdirSync(join(folder, 'widgets'));
    writeFileSync(join(folder, 'widgets/relu-unit.ts'), 'my own work');
    expect(() => newWidget({ tag: 'relu-unit', path: folder, builtIn: BUILT_IN })).toThrow(/widgets\/relu-unit\.ts already exists — edit it/);
    expect(readFileSync(join(folder, 'widgets/relu-unit.ts'), 'utf8')).toBe('my own work');
    writeFileSync(join(folder, 'widgets/bar-chart.js'), 'mine too');
    expect(() => newWidget({ tag: 'bar-chart', path: folder, builtIn: BUILT_IN })).toThrow(/bar-chart\.js already exists/);
    expect(existsSync(join(folder, 'widgets/bar-chart.ts'))).toBe(false);
  });

  it('refuses a tag that is not one, or is a built-in widget, before writing anything', () => {
    expect(() => newWidget({ tag: 'Gauge', path: folder, builtIn: BUILT_IN })).toThrow(CliError);
    expect(() => newWidget({ tag: 'Gauge', path: folder, builtIn: BUILT_IN })).toThrow(/"Gauge" cannot be a widget tag: .* e\.g\. axon new widget gauge-widget/);
    expect(() => newWidget({ tag: 'gauge', path: folder, builtIn: BUILT_IN })).toThrow(/at least one hyphen/);
    expect(() => newWidget({ tag: 'relu-unit.model', path: folder, builtIn: BUILT_IN })).toThrow(/cannot be a widget tag/);
    expect(() => newWidget({ tag: 'ua-fitter', path: folder, builtIn: BUILT_IN })).toThrow(/<ua-fitter> is a built-in widget of Axon .* axon new widget my-ua-fitter/);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('refuses a folder that does not exist', () => {
    expect(() => newWidget({ tag: 'relu-unit', path: join(folder, 'nowhere'), builtIn: BUILT_IN })).toThrow(/nowhere: no such folder/);
  });

  it('names the class after the tag', () => {
    expect(className('relu-unit')).toBe('ReluUnit');
    expect(className('my_fancy-chart2')).toBe('MyFancyChart2');
  });
});
