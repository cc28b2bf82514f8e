#!/usr/bin/env node
// Builds the app (TypeScript in src/ and migrations/ to JavaScript in dist/) and stamps the build.
//
//   node scripts/build.js             always builds (`npm run build`)
//   node scripts/build.js --if-stale  builds only when dist/ is missing or older than a source
//                                     (`npm start`, `npm run migrate`), so a start needs no compiler
//
// Works on the project in the current directory (npm runs scripts there). A build is fresh when
// dist/.build-stamp exists and no file of src/, migrations/ or the tsconfig files changed after the
// build began. A production install (`npm ci --omit=dev`) has no TypeScript: it starts the build it
// was given, and says so when that build is missing.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = process.cwd();
const STAMP = join(root, 'dist', '.build-stamp');
const MAIN = join(root, 'dist', 'src', 'main.js');
const SOURCES = ['src', 'migrations', 'tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time (ms) of a file or of any file under a folder; 0 when absent. */
const newestChange = (path) => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
};

/** Why dist/ must be built, or null when it is fresh. */
const reasonToBuild = () => {
  if (!existsSync(MAIN) || !existsSync(STAMP)) return 'dist/ is missing';
  if (!existsSync(join(root, 'src'))) return null; // shipped without sources: the build is all there is
  return newestChange(STAMP) < Math.max(...SOURCES.map((source) => newestChange(join(root, source)))) ? 'the sources changed since the last build' : null;
};

const typescriptCompiler = () => {
  try {
    return require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    return null;
  }
};

const build = (reason) => {
  const tsc = typescriptCompiler();
  if (tsc === null) {
    if (existsSync(MAIN)) {
      process.stderr.write(`slack-helpdesk: ${reason}, and TypeScript is not installed (a production install?): starting the existing build.\n`);
      return 0;
    }
    process.stderr.write(
      'slack-helpdesk cannot start: dist/ is missing and TypeScript is not installed. Build first: `npm ci && npm run build`, then `npm ci --omit=dev` if you want no dev dependencies.\n',
    );
    return 1;
  }
  if (reason) process.stderr.write(`slack-helpdesk: building (${reason})…\n`);
  const startedAt = new Date();
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) return run.status ?? 1;
  // Stamped with the moment the build began, so a source saved during the build counts as newer.
  writeFileSync(STAMP, `${startedAt.toISOString()}\n`);
  utimesSync(STAMP, startedAt, startedAt);
  return 0;
};

if (process.argv.includes('--if-stale')) {
  const reason = reasonToBuild();
  process.exit(reason === null ? 0 : build(reason));
}
process.exit(build(null));
