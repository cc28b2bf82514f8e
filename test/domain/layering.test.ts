import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

describe('layering', () => {
  const root = join(__dirname, '..', '..', 'src');

  it('keeps src/domain free of Slack, TypeORM, node-cron and other layers', () => {
    const offenders = filesUnder(join(root, 'domain')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)]
        .map((match) => match[1] as string)
        .filter((source) => !source.startsWith('./'))
        .map((source) => `${file}: ${source}`),
    );
    expect(offenders).toEqual([]);
  });

  it('reads process.env only in src/config', () => {
    const offenders = filesUnder(root)
      .filter((file) => !file.startsWith(join(root, 'config')))
      .filter((file) => /process\.env\b/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
