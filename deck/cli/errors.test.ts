/** A failed bundle is shown with its whole cause, never as "Build failed with 1 error:" and nothing after it. */
import { describe, expect, it } from 'vitest';
import { bundlerCauses, bundlerError } from './errors.ts';

/** What Vite 8 (Rolldown) threw for an error raised in Axon's plugin, as captured from `axon build`. */
function rolldownError(...causes: string[]): Error {
  const error = new Error(
    `Build failed with ${causes.length} error${causes.length > 1 ? 's' : ''}:\n\n` +
      causes.map((cause) => `[plugin axon]\nRolldownError: ${cause}\n    at error (file:///x/node_modules/rolldown/dist/shared/logs.mjs:164:24)\n    at PluginContextImpl.error (file:///x/y.mjs:286:10)`).join('\n\n'),
  );
  Object.assign(error, { errors: causes.map(() => ({ code: 'PLUGIN_ERROR', plugin: 'axon', hook: 'generateBundle' })) });
  return error;
}

describe('bundlerCauses', () => {
  it('keeps the cause and drops the header, the plugin tag and the stack', () => {
    const cause = 'slides/lecture.md:7: ../images/x.png is a folder, not a file — check the path; it is relative to the deck file';
    expect(bundlerCauses(rolldownError(cause))).toEqual([cause]);
    expect(bundlerError(rolldownError(cause)).message).toBe(`build failed: ${cause}`);
  });

  it('lists every cause of several, one a line', () => {
    expect(bundlerError(rolldownError('a.md:1: one', 'b.md:2: two')).message).toBe('build failed: a.md:1: one\n  b.md:2: two');
  });

  it('uses the nested errors’ own messages when they have them', () => {
    const error = Object.assign(new Error('Build failed with 1 error:'), { errors: [new Error('[plugin vite:css] x.css:3: Unknown word')] });
    expect(bundlerCauses(error)).toEqual(['x.css:3: Unknown word']);
  });

  it('never comes back empty', () => {
    expect(bundlerCauses(new Error('Build failed with 1 error:'))[0]).toMatch(/AXON_DEBUG=1/);
  });
});
