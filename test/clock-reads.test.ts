import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', 'src');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));

/** Where the time of day may be read: the composition root, and the sandbox with its local Slack (a stand-in for Slack's own clock). */
const MAY_READ_THE_CLOCK = [/^helpdesk\.ts$/, /^sandbox\//];

describe('time is injected', () => {
  it('reads the time of day (new Date(), Date.now, called or passed as a clock) only in the composition root and the sandbox', () => {
    const offenders = filesUnder(root)
      .map((file) => relative(root, file).split('\\').join('/'))
      .filter((file) => !MAY_READ_THE_CLOCK.some((allowed) => allowed.test(file)))
      .flatMap((file) =>
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .flatMap((line, index) => (/new Date\(\)|Date\.now\b/.test(line) ? [`src/${file}:${index + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });

  it('finds a clock read where there is one', () => {
    expect(filesUnder(join(root, 'sandbox')).some((file) => /Date\.now\(\)/.test(readFileSync(file, 'utf8')))).toBe(true);
  });
});
