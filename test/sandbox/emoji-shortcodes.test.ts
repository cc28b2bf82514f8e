import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMrkdwn } from '../../src/sandbox/web/render-mrkdwn';

/** Every `.ts` file under `dir`, recursively. */
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });

/** The emoji shortcodes the app writes into messages (`:pencil2:`), from string literals in the Slack layer. */
const shortcodesTheAppWrites = (): string[] => {
  const found = new Set<string>();
  for (const file of sourceFiles(join(__dirname, '..', '..', 'src', 'slack'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/[`'"][^`'"\n]*?(:[a-z0-9_+-]+:)/g)) {
      const code = match[1] ?? '';
      // Action ids such as `kind:list:key` are not emoji.
      if (code !== ':list:') found.add(code);
    }
  }
  return [...found].sort();
};

const context = { userName: () => null, channelName: () => null, timeZone: 'UTC', now: new Date(0), permalinkTarget: () => null, people: [], channels: [] };

describe('the sandbox page draws the emoji the app writes, as Slack does', () => {
  const codes = shortcodesTheAppWrites();

  it('finds the shortcodes the app uses', () => {
    expect(codes).toEqual(expect.arrayContaining([':pencil2:', ':warning:', ':bell:']));
  });

  it.each(codes)('%s is drawn as an emoji, not as its raw shortcode', (code) => {
    expect(renderMrkdwn(`${code} text`, context)).not.toContain(code);
  });
});
