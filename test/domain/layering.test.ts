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

  const importsOf = (dir: string) =>
    filesUnder(join(root, dir)).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((match) => ({ file, source: match[1] as string })));

  it('keeps src/services to the domain and the ports it defines: no TypeORM, Slack, node-cron or persistence', () => {
    const offenders = importsOf('services').filter(({ source }) => /^(typeorm|@slack\/|node-cron)|\/persistence\//.test(source));
    expect(offenders).toEqual([]);
  });

  it('keeps the Slack layer out of persistence', () => {
    expect(importsOf('slack').filter(({ source }) => /\/persistence\//.test(source))).toEqual([]);
  });

  it('reads process.env only in src/config', () => {
    const offenders = filesUnder(root)
      .filter((file) => !file.startsWith(join(root, 'config')))
      .filter((file) => /process\.env\b/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
