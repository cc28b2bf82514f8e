import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const MAIN = resolve(__dirname, '..', '..', 'dist', 'src', 'main.js');
/** The heap flags `npm start` runs the app with. */
export const START_FLAGS = ['--max-old-space-size=160', '--initial-old-space-size=64'];

/**
 * The time a test that starts the built app in a process of its own may take: that start (loading
 * the code, migrations) and its first answers took over jest's default 20 s beside other test workers.
 */
export const SPAWNED_APP_TEST_MS = 60_000;

/** Fails a suite early, with what to do, when the app has not been built. */
export const requireBuiltApp = (): void => {
  if (!existsSync(MAIN)) throw new Error('dist/ is missing: run `npm test` (it builds first) or `npm run build`');
};

/** How a process of the app ended, with everything it wrote. */
export interface AppExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface AppProcess {
  readonly child: ChildProcess;
  /** Resolves when the process has exited, however it ended. */
  readonly exited: Promise<AppExit>;
  /** What it wrote to stdout so far. */
  stdout(): string;
  /** What it wrote to stderr so far. */
  stderr(): string;
}

/**
 * Runs the built app as `npm start` does (same heap flags), in `cwd` with only the given
 * environment over PATH and ports picked by the system (`PORT=0`, `METRICS_PORT=0`). For apps
 * expected to exit at start-up, and the building block of `spawnApp`.
 */
export const runApp = (cwd: string, env: Record<string, string>): AppProcess => {
  const child = spawn(process.execPath, [...START_FLAGS, MAIN], { cwd, env: { PATH: process.env.PATH ?? '', PORT: '0', METRICS_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close' comes after the pipes are drained, so what the process wrote last is in stdout and stderr.
  const exited = new Promise<AppExit>((done) => child.once('close', (code, signal) => done({ code, signal, stdout, stderr })));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
};

export interface SpawnedApp extends AppProcess {
  /** The HTTP port; in Socket Mode the port of its `/healthz`. */
  readonly port: number;
  readonly opsPort: number;
  /** Every line the app wrote to stdout so far. */
  readonly lines: string[];
  /** Sends SIGTERM and resolves once the process has exited. */
  stop(): Promise<void>;
  /** Kills the process with SIGKILL, as a crash would, and resolves once it has exited. */
  kill(): Promise<void>;
}

/**
 * Runs the built app (see `runApp`) and resolves once it listens over HTTP or Socket Mode (which it logs at
 * info, so `LOG_LEVEL` must be `info` or `debug`); rejects with its stderr if it exits first.
 */
export const spawnApp = (cwd: string, env: Record<string, string>): Promise<SpawnedApp> =>
  new Promise((done, fail) => {
    const app = runApp(cwd, env);
    const lines: string[] = [];
    let opsPort = 0;
    let listening = false;
    void app.exited.then((exit) => {
      if (!listening) fail(new Error(`the app exited (${exit.code ?? exit.signal}) before listening: ${exit.stderr}`));
    });
    const ended = () => app.child.exitCode !== null || app.child.signalCode !== null;
    const signal = async (name: NodeJS.Signals) => {
      if (!ended()) app.child.kill(name);
      await app.exited;
    };
    createInterface({ input: app.child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(line);
      opsPort = Number(/"port":(\d+).*"msg":"operations port listening"/.exec(line)?.[1] ?? opsPort);
      const port = /"(?:port|healthPort)":(\d+).*"msg":"listening over (?:HTTP|Socket Mode)"/.exec(line)?.[1];
      if (port && !listening) {
        listening = true;
        done({ ...app, port: Number(port), opsPort, lines, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') });
      }
    });
  });

/** Resident memory of a process in bytes, from /proc (Linux). */
export const residentBytes = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
