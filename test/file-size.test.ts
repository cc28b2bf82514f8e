import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', 'src');
/** Issue 15: no file over about 300 lines, so a newcomer reads any one of them at a sitting. */
const MAX_LINES = 300;

/**
 * Files allowed past the limit, each with why a split would hurt. Keep it empty when you can; a
 * file that grows past the limit is split by purpose instead (docs/architecture.md names the parts).
 */
const ALLOWED_LONGER: Record<string, string> = {};

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : /\.(ts|js)$/.test(entry.name) ? [join(dir, entry.name)] : []));

const linesOf = (file: string): number => readFileSync(file, 'utf8').replace(/\n$/, '').split('\n').length;

describe('one clear shape', () => {
  it(`keeps every file in src/ within ${MAX_LINES} lines, but those listed with a reason`, () => {
    const longer = filesUnder(root)
      .map((file) => ({ file: relative(root, file).split('\\').join('/'), lines: linesOf(file) }))
      .filter(({ file, lines }) => lines > MAX_LINES && !(file in ALLOWED_LONGER))
      .map(({ file, lines }) => `src/${file}: ${lines} lines`);
    expect(longer).toEqual([]);
  });

  it('counts the lines of a file the way an editor shows them', () => {
    expect(linesOf(join(root, 'main.ts'))).toBe(readFileSync(join(root, 'main.ts'), 'utf8').split('\n').length - 1);
  });
});
