import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '..', '..');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);
const HALF_AN_HOUR_AGO = new Date(Date.now() - 1_800_000);
// ES5's lib and a declared console keep the fixture's build to the compiler's own start-up time.
const SOURCE = "declare const console: { log(text: string): void };\nconsole.log('compiled from src/main.ts');\n";
const OLD_BUILD = "console.log('the build made before');\n";

/**
 * A project laid out as this one (src/, migrations/, tsconfig files, scripts/build.js, the real
 * `start` script), small enough that a build takes a second.
 */
const makeProject = (dir: string, options: { typescript: boolean; built: boolean }): void => {
  const write = (path: string, text: string, time = AN_HOUR_AGO) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
    utimesSync(join(dir, path), time, time);
  };
  write('package.json', JSON.stringify({ name: 'fixture', private: true, scripts: { start: scripts.start } }));
  write(
    'tsconfig.json',
    JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'ES2022', lib: ['ES5'], types: [], skipLibCheck: true, rootDir: '.', outDir: 'dist' }, include: ['src', 'migrations'] }),
  );
  write('tsconfig.build.json', JSON.stringify({ extends: './tsconfig.json' }));
  write('src/main.ts', SOURCE);
  write('migrations/index.ts', 'export const migrations = [];\n');
  for (const folder of ['src', 'migrations']) utimesSync(join(dir, folder), AN_HOUR_AGO, AN_HOUR_AGO);
  cpSync(join(root, 'scripts', 'build.js'), join(dir, 'scripts', 'build.js'));
  if (options.typescript) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  if (options.built) {
    write('dist/src/main.js', OLD_BUILD, HALF_AN_HOUR_AGO);
    write('dist/.build-stamp', `${HALF_AN_HOUR_AGO.toISOString()}\n`, HALF_AN_HOUR_AGO);
  }
};

const npmStart = (dir: string) => {
  const run = spawnSync('npm', ['start', '--silent'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('npm start', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'helpdesk-start-script-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the built app with the heap flags and no compiler step of its own', () => {
    expect(scripts.start).toBe('node scripts/build.js --if-stale && exec node --max-old-space-size=160 --initial-old-space-size=64 dist/src/main.js');
    expect(scripts.migrate).toBe('node scripts/build.js --if-stale && node dist/src/migrate.js');
  });

  it('starts a build newer than every source without compiling, though TypeScript is there', () => {
    makeProject(dir, { typescript: true, built: true });
    const started = npmStart(dir);
    expect(started).toEqual({ code: 0, stdout: 'the build made before\n', stderr: '' });
    expect(statSync(join(dir, 'dist', '.build-stamp')).mtime).toEqual(HALF_AN_HOUR_AGO);
  });

  it('starts a build in a production install, which has no TypeScript (npm ci --omit=dev)', () => {
    makeProject(dir, { typescript: false, built: true });
    expect(npmStart(dir)).toEqual({ code: 0, stdout: 'the build made before\n', stderr: '' });
  });

  it('builds first when dist/ is missing, and stamps the build', () => {
    makeProject(dir, { typescript: true, built: false });
    const started = npmStart(dir);
    expect(started).toEqual({ code: 0, stdout: 'compiled from src/main.ts\n', stderr: 'slack-helpdesk: building (dist/ is missing)…\n' });
    expect(existsSync(join(dir, 'dist', '.build-stamp'))).toBe(true);
    expect(npmStart(dir)).toEqual({ code: 0, stdout: 'compiled from src/main.ts\n', stderr: '' });
  });

  it('builds again when a source changed after the build', () => {
    makeProject(dir, { typescript: true, built: true });
    writeFileSync(join(dir, 'src', 'main.ts'), SOURCE);
    expect(npmStart(dir)).toEqual({ code: 0, stdout: 'compiled from src/main.ts\n', stderr: 'slack-helpdesk: building (the sources changed since the last build)…\n' });
  });

  it('says what to do when there is neither a build nor TypeScript', () => {
    makeProject(dir, { typescript: false, built: false });
    const started = npmStart(dir);
    expect(started.code).toBe(1);
    expect(started.stdout).toBe('');
    expect(started.stderr).toContain('slack-helpdesk cannot start: dist/ is missing and TypeScript is not installed. Build first: `npm ci && npm run build`');
  });

  it('starts the build it has, saying so, when the sources are newer but TypeScript is not installed', () => {
    makeProject(dir, { typescript: false, built: true });
    writeFileSync(join(dir, 'src', 'main.ts'), SOURCE);
    expect(npmStart(dir)).toEqual({
      code: 0,
      stdout: 'the build made before\n',
      stderr: 'slack-helpdesk: the sources changed since the last build, and TypeScript is not installed (a production install?): starting the existing build.\n',
    });
  });

  it('passes SIGTERM on to the app, so a process manager stopping `npm start` stops the app gracefully', async () => {
    makeProject(dir, { typescript: false, built: true });
    writeFileSync(
      join(dir, 'dist', 'src', 'main.js'),
      "process.on('SIGTERM', () => { console.log('stopping gracefully'); process.exit(0); });\nconsole.log('ready');\nsetInterval(() => undefined, 1000);\n",
    );
    utimesSync(join(dir, 'dist', 'src', 'main.js'), HALF_AN_HOUR_AGO, HALF_AN_HOUR_AGO);
    const npm = spawn('npm', ['start', '--silent'], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir } });
    let output = '';
    const exited = new Promise<number | null>((done) => npm.once('close', (code) => done(code)));
    await new Promise<void>((ready) =>
      npm.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready')) ready();
      }),
    );
    npm.kill('SIGTERM');
    await exited;
    expect(output).toBe('ready\nstopping gracefully\n');
  });
});
