/**
 * A real `axon dev`, as a room full of browsers and an instructor's editor treat it: malformed and nosy
 * requests and bad saves must neither end it nor reach a private file, and the next good save brings the
 * deck back. Then `axon build` of the same folder publishes the deck's files and nothing else.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const PORT = 4731;
/** What the private files hold: it must never appear in an answer. */
const SECRET = 'PRIVATE-KEY-MATERIAL';
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const deck = (text: string) => `---
title: Robust
---

## First

${text}

![real](img/real.png)

## Linked

![linked](img/link.png)
`;

let folder = '';
let deckFolder = '';
let server: ChildProcess | undefined;
let log = '';

/** One HTTP/1.1 request sent byte for byte (no client-side URL clean-up), answered or refused by the server. */
function request(method: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(PORT, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(60_000, () => socket.destroy(new Error(`${method} ${path.slice(0, 80)}: no answer in 60 s`)));
    socket.on('connect', () => socket.write(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nConnection: close\r\n\r\n`));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
  });
}

function alive(): boolean {
  return server !== undefined && server.exitCode === null && server.signalCode === null;
}

/** Waits for the deck page to satisfy `check` (a save is seen after the watcher settles and the deck compiles). */
async function waitForDeck(check: (html: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  let html = '';
  while (Date.now() < deadline) {
    html = (await request('GET', '/robust.html')).body;
    if (check(html)) return html;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: the deck page never showed it\n${html.slice(0, 400)}\n--- axon dev said:\n${log}`);
}

async function expectStillServing(): Promise<void> {
  expect(alive(), `axon dev ended:\n${log}`).toBe(true);
  expect((await request('GET', '/')).status).toBe(200);
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'axon-robust-'));
  deckFolder = join(folder, 'course');
  mkdirSync(join(deckFolder, 'img'), { recursive: true });
  mkdirSync(join(deckFolder, '.ssh'));
  mkdirSync(join(folder, 'private'));
  writeFileSync(join(deckFolder, 'robust.md'), deck('Hello.'));
  writeFileSync(join(deckFolder, 'img/real.png'), PNG);
  writeFileSync(join(deckFolder, '.secret'), SECRET);
  writeFileSync(join(deckFolder, '.ssh/id_ed25519'), SECRET);
  writeFileSync(join(deckFolder, 'notes.txt'), SECRET);
  // Names that look like Vite's own URLs (/@vite/…, /__vite_ping) must not slip through as such.
  writeFileSync(join(deckFolder, '@notes.txt'), SECRET);
  writeFileSync(join(deckFolder, '__notes.txt'), SECRET);
  writeFileSync(join(folder, 'private/photo.png'), SECRET);
  symlinkSync(join(folder, 'private/photo.png'), join(deckFolder, 'img/link.png'));

  server = spawn(process.execPath, [join(ROOT, 'bin/axon.js'), 'dev', deckFolder, '--port', String(PORT), '--host', '127.0.0.1'], {
    cwd: folder,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk) => (log += chunk));
  server.stderr?.on('data', (chunk) => (log += chunk));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && alive()) {
    if ((await request('GET', '/').catch(() => ({ status: 0 }))).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`axon dev did not start:\n${log}`);
}, 120_000);

afterAll(() => {
  server?.kill();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('axon dev survives malformed and nosy requests', () => {
  it('answers each with an error status, serves no private file, and keeps serving', async () => {
    const refused: Array<[method: string, path: string]> = [
      ['GET', '/%FF'],
      ['GET', '/%'],
      ['GET', '/%E0%A4%A'],
      ['GET', '/robust.html%'],
      ['GET', '/..%2f..%2fetc/passwd'],
      ['GET', '/../../etc/passwd'],
      ['GET', '/@fs/etc/passwd'],
      ['GET', `/@fs${ROOT}/.git/config`],
      ['GET', `/@fs${ROOT}/package.json`],
      ['GET', `/@fs${ROOT}/node_modules/.package-lock.json`],
      ['GET', `/${'a'.repeat(8_000)}`],
      ['GET', `/${'%FF'.repeat(10_000)}`],
      ['GET', '/.secret'],
      ['GET', '/.secret?raw'],
      ['GET', '/.ssh/id_ed25519'],
      ['GET', '/.ssh/id_ed25519?import'],
      ['GET', '/%2essh/id_ed25519'],
      ['GET', '/notes.txt'],
      ['GET', '/notes.txt?raw'],
      ['GET', '/@notes.txt'],
      ['GET', '/__notes.txt'],
      ['GET', '/robust.md'],
      ['GET', '/img/link.png'],
      ['GET', '/img/link.png?raw'],
      ['GET', `/@fs${deckFolder}/.secret`],
      ['GET', `/@fs${deckFolder}/notes.txt`],
      ['GET', `/@fs${deckFolder}/img/link.png`],
      ['GET', `/@fs${folder}/private/photo.png`],
      ['GET', '/@id/.secret'],
      ['GET', `/@id/${deckFolder}/notes.txt`],
      ['GET', '/__open-in-editor?file=/etc/passwd'],
      ['DELETE', '/robust.md'],
      ['PUT', '/.secret'],
      ['PROPFIND', '/'],
      ['FOO', '/'],
      ['GET', 'robust.html'],
    ];
    for (const [method, path] of refused) {
      const { status, body } = await request(method, path);
      const what = `${method} ${path.slice(0, 80)} answered ${status}`;
      expect(status, what).toBeGreaterThanOrEqual(400);
      expect(status, what).toBeLessThan(500);
      expect(body, what).not.toContain(SECRET);
      expect(body, `${what}: names a folder`).not.toContain(folder);
      expect(alive(), `${what}, then axon dev ended:\n${log}`).toBe(true);
    }
    // Answered, but nothing private in the answer: a query with a bad escape on a page, HEAD, OPTIONS.
    for (const [method, path] of [['GET', '/index.html?%FF'], ['GET', '/robust.html?x=%E0%A4%A'], ['HEAD', '/'], ['HEAD', '/robust.html'], ['OPTIONS', '/']] as const) {
      const { status, body } = await request(method, path);
      expect(status, `${method} ${path}`).toBeLessThan(500);
      expect(body).not.toContain(SECRET);
    }
    // The deck, its real image and Axon's client still come through.
    expect((await request('GET', '/robust.html')).body).toContain('Hello.');
    const image = await request('GET', '/img/real.png');
    expect(image.status).toBe(200);
    expect(image.body).toContain('PNG');
    expect((await request('GET', '/@vite/client')).status).toBe(200);
    expect((await request('GET', `/@fs${ROOT}/deck/client/main.ts`)).status).toBe(200);
    await expectStillServing();
    // The symlink out of the folder is named in the terminal with the deck line that uses it.
    expect(log).toMatch(/robust\.md:13: image warning: img\/link\.png is not served or published: it is a link to .*outside the deck folder/);
  }, 120_000);
});

describe('axon dev survives bad saves', () => {
  const file = () => join(deckFolder, 'robust.md');
  const letters = 'abcdefghij';
  const aliasBomb = [
    '---',
    'a: &a [x,x,x,x,x,x,x,x,x]',
    ...[...letters.slice(1)].map((name, i) => `${name}: &${name} [${Array(9).fill(`*${letters[i]}`).join(',')}]`),
    'k: *j',
    '---',
    '',
    '## Boom',
    '',
  ].join('\n');
  // About 1 MB: plain prose with some maths, as a long lecture has.
  const bigDeck = deck(
    Array.from({ length: 20_000 }, (_, i) => (i % 10 ? `Paragraph ${i} of a long lecture, with **bold** words in it.` : `Formula ${i}: $x_{${i}}^2$.`)).join('\n\n'),
  );

  it.each([
    ['an image path with a bad %-escape', deck('![p](img/caf%E9.png)'), /robust\.md:7: .*img\/caf%E9\.png has a malformed %-escape/],
    ['a YAML alias bomb in the front matter', aliasBomb, /robust\.md:\d+: /],
    ['binary garbage', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), undefined],
    ['an empty file', '', undefined],
    ['a 1 MB deck', bigDeck, undefined],
  ] as const)('%s: the server keeps serving and the next good save recovers', async (_name, content, terminal) => {
    const before = log.length;
    writeFileSync(file(), content);
    // The save is seen once the page no longer shows the last good text.
    await waitForDeck((html) => !html.includes('Hello.'), 'the bad save');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expectStillServing();
    if (terminal) await expect.poll(() => log.slice(before), { timeout: 30_000 }).toMatch(terminal);

    writeFileSync(file(), deck('Good again.'));
    await waitForDeck((html) => html.includes('Good again.'), 'the good save');
    await expectStillServing();
    // Seen once, then reset for the next case.
    writeFileSync(file(), deck('Hello.'));
    await waitForDeck((html) => html.includes('Hello.'), 'the reset');
  }, 180_000);
});

describe('axon build publishes only the deck', () => {
  it('copies the real image, leaves out private files and the linked one, and names it in a warning', () => {
    const out = join(folder, 'site');
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/axon.js'), 'build', deckFolder, '--out', out], { cwd: folder, encoding: 'utf8', timeout: 180_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/robust\.md:13: image warning: img\/link\.png is not served or published: it is a link to .*outside the deck folder — copy the file/);
    // A warning like any other: the summary counts it, and --strict fails on it.
    expect(result.stdout).toMatch(/1 problem \(listed above\)/);
    const strict = spawnSync(process.execPath, [join(ROOT, 'bin/axon.js'), 'build', deckFolder, '--out', join(folder, 'strict-site'), '--strict'], { cwd: folder, encoding: 'utf8', timeout: 180_000 });
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/--strict is set/);
    const files = listFiles(out).map((path) => relative(out, path));
    expect(files).toContain(join('img', 'real.png'));
    expect(files).toContain('robust.html');
    for (const name of ['img/link.png', '.secret', '.ssh', 'notes.txt', 'robust.md']) {
      expect(files.some((path) => path === name || path.startsWith(`${name}/`)), name).toBe(false);
    }
    expect(existsSync(join(out, 'img/link.png'))).toBe(false);
  }, 200_000);
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
