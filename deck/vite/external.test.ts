/** Files outside the deck folder: one place each under _external/, never outside the site, and the slide URLs that point there. */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { externalFile, externalName, isExternal, mediaType, rewriteExternalUrls } from './external.ts';

const ROOT = resolve('/course/slides');

describe('externalName / externalFile', () => {
  it('puts ../images/x.png under _external/up-1/ and maps it back', () => {
    const file = resolve(ROOT, '../images/x.png');
    expect(externalName(ROOT, file)).toBe('_external/up-1/images/x.png');
    expect(externalFile(ROOT, '/_external/up-1/images/x.png')).toBe(file);
  });

  it('keeps files inside the deck folder out of it', () => {
    expect(externalName(ROOT, join(ROOT, 'img/a.png'))).toBeUndefined();
    expect(isExternal(ROOT, join(ROOT, 'img/a.png'))).toBe(false);
    expect(isExternal(ROOT, resolve(ROOT, '../a.png'))).toBe(true);
  });

  it('gives files that differ only in how far they climb different names (no collisions)', () => {
    const names = ['../_up/x.png', '../../_up/x.png', '../../slides/_up/x.png', '../x.png', '../../x.png'].map((rel) => externalName(ROOT, resolve(ROOT, rel)));
    expect(new Set(names).size).toBe(names.length);
    expect(names[1]).toBe('_external/up-2/_up/x.png');
  });

  it('never names a file outside the site, and refuses site paths that would climb', () => {
    for (const rel of ['../a.png', '../../b/c.png', '../../../../../../etc/passwd']) {
      const name = externalName(ROOT, resolve(ROOT, rel));
      expect(name).toMatch(/^_external\/up-\d+\/[^.]/);
      expect(name).not.toContain('..');
    }
    expect(externalFile(ROOT, '/_external/up-1/../../etc/passwd')).toBeUndefined();
    expect(externalFile(ROOT, '/_external/up-0/x.png')).toBeUndefined();
    expect(externalFile(ROOT, '/_external/upx/x.png')).toBeUndefined();
    expect(externalFile(ROOT, '/img/x.png')).toBeUndefined();
  });
});

describe('rewriteExternalUrls', () => {
  it('rewrites Markdown images, raw HTML (both quotes and none) and backgrounds, keeping query and hash', () => {
    const html = [
      '<p><img src="../images/x.png" alt="a"></p>',
      "<img src='../../shared/y.svg#frag'>",
      '<video poster=../images/p.jpg></video>',
      '<section data-background-image="../images/bg.png?v=2&amp;w=1">',
    ].join('\n');
    const out = rewriteExternalUrls(html, ROOT);
    expect(out).toContain('src="_external/up-1/images/x.png"');
    expect(out).toContain('src="_external/up-2/shared/y.svg#frag"');
    expect(out).toContain('poster="_external/up-1/images/p.jpg"');
    expect(out).toContain('data-background-image="_external/up-1/images/bg.png?v=2&amp;w=1"');
  });

  it('leaves local, absolute and remote URLs and links exactly as they were', () => {
    const html = '<img src="img/a.png"><img src="/abs.png"><img src="https://x.org/../a.png"><a href="../other.html">x</a><img src="img/../b.png">';
    expect(rewriteExternalUrls(html, ROOT)).toBe(html);
  });

  it('decodes %-escapes to find the file and writes the new URL escaped', () => {
    expect(rewriteExternalUrls('<img src="../images/caf%C3%A9%20x.png">', ROOT)).toContain('src="_external/up-1/images/caf%C3%A9%20x.png"');
  });
});

describe('mediaType', () => {
  it('knows the media slides show, and serves anything else as bytes', () => {
    expect(mediaType('/a/b.PNG')).toBe('image/png');
    expect(mediaType('/a/b.svg')).toBe('image/svg+xml');
    expect(mediaType('/a/b.mp4')).toBe('video/mp4');
    expect(mediaType('/a/b.xyz')).toBe('application/octet-stream');
  });
});
