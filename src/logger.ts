import { Logger, LogLevel } from '@slack/logger';

const ORDER = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

export type LogSink = (line: string) => void;

/** Fields every line written in the current context carries, such as the request id. */
export type LogContext = () => Record<string, string | number>;

const serialise = (value: unknown): unknown =>
  value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;

/** One JSON object per line: time, level, logger name, message and any context objects. */
export class JsonLogger implements Logger {
  constructor(
    private level: LogLevel = LogLevel.INFO,
    private readonly sink: LogSink = (line) => process.stdout.write(`${line}\n`),
    private name = 'helpdesk',
    private readonly context: LogContext = () => ({}),
  ) {}

  debug(...message: unknown[]): void {
    this.write(LogLevel.DEBUG, message);
  }
  info(...message: unknown[]): void {
    this.write(LogLevel.INFO, message);
  }
  warn(...message: unknown[]): void {
    this.write(LogLevel.WARN, message);
  }
  error(...message: unknown[]): void {
    this.write(LogLevel.ERROR, message);
  }
  setLevel(level: LogLevel): void {
    this.level = level;
  }
  getLevel(): LogLevel {
    return this.level;
  }
  setName(name: string): void {
    this.name = name;
  }

  private write(level: LogLevel, message: unknown[]): void {
    if (ORDER.indexOf(level) < ORDER.indexOf(this.level)) return;
    const [first, ...rest] = message;
    const text = typeof first === 'string' ? first : '';
    const context = (typeof first === 'string' ? rest : message).map(serialise);
    this.sink(JSON.stringify({ time: new Date().toISOString(), level, logger: this.name, ...this.context(), msg: text, ...(context.length ? { context } : {}) }));
  }
}
