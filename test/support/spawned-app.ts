import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const MAIN = resolve(__dirname, '..', '..', 'dist', 'src', 'main.js');
/** The heap flags `npm start` runs the app with. */
export const START_FLAGS = ['--max-old-space-size=160', '--initial-old-space-size=64'];

export interface SpawnedApp {
  readonly child: ChildProcess;
  readonly port: number;
  readonly opsPort: number;
  /** Every line the app wrote to stdout so far. */
  readonly lines: string[];
  /** Sends SIGTERM and resolves once the process has exited. */
  stop(): Promise<void>;
}

/**
 * Runs the built app as `npm start` does, in `cwd` with only the given environment (both ports
 * picked by the system), and resolves once it listens over HTTP (which it logs at info).
 */
export const spawnApp = (cwd: string, env: Record<string, string>): Promise<SpawnedApp> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [...START_FLAGS, MAIN], { cwd, env: { PATH: process.env.PATH ?? '', PORT: '0', METRICS_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let stderr = '';
    let opsPort = 0;
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exitedEarly = (code: number | null) => fail(new Error(`the app exited (${code}) before listening: ${stderr}`));
    child.once('exit', exitedEarly);
    const exited = new Promise<void>((stopped) => child.once('exit', () => stopped()));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(line);
      opsPort = Number(/"port":(\d+).*"msg":"operations port listening"/.exec(line)?.[1] ?? opsPort);
      const port = /"port":(\d+).*"msg":"listening over HTTP"/.exec(line)?.[1];
      if (port) {
        child.off('exit', exitedEarly);
        done({
          child,
          port: Number(port),
          opsPort,
          lines,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
  });

/** Resident memory of a process in bytes, from /proc (Linux). */
export const residentBytes = (pid: number): number => {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
};
