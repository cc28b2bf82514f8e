import { Logger, LogLevel } from '@slack/logger';

const ORDER = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

export type LogSink = (line: string) => void;

/** Fields every line written in the current context carries, such as the request id. */
export type LogContext = () => Record<string, string | number>;

const serialise = (value: unknown): unknown =>
  value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;

/** One JSON object per line: time (when given a clock), level, logger name, message and any context objects. */
export class JsonLogger implements Logger {
  constructor(
    private level: LogLevel = LogLevel.INFO,
    private readonly sink: LogSink = (line) => process.stdout.write(`${line}\n`),
    private name = 'helpdesk',
    private readonly context: LogContext = () => ({}),
    /** The wall clock each line's time is read from; without one, lines carry no time. */
    private readonly clock?: () => Date,
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
    this.sink(JSON.stringify({ ...(this.clock ? { time: this.clock().toISOString() } : {}), level, logger: this.name, ...this.context(), msg: text, ...(context.length ? { context } : {}) }));
  }
}

/**
 * The logger given to Bolt and the Web API client. Their debug lines carry request and answer
 * bodies (`http request body: {…}`, `ack() call begins (body: …)`, Socket Mode's
 * `Received a message on the WebSocket: …`), which hold what people wrote and, in Socket Mode,
 * tokens: at debug level only the words before the first `: ` or ` (` are kept, and nothing of a
 * line that starts with data. Their info, warn and error lines, which name methods, errors and
 * ids, pass unchanged. The level is `base`'s.
 */
export const libraryLogger = (base: Logger): Logger => {
  const withoutData = (message: unknown[]): string => {
    const [first] = message;
    if (typeof first !== 'string' || !/^[A-Za-z]/.test(first)) return '(details left out)';
    const cut = first.search(/: | \(/);
    return cut === -1 ? first : `${first.slice(0, cut)} (details left out)`;
  };
  return {
    debug: (...message: unknown[]) => base.debug(withoutData(message)),
    info: (...message: unknown[]) => base.info(...message),
    warn: (...message: unknown[]) => base.warn(...message),
    error: (...message: unknown[]) => base.error(...message),
    setLevel: (level: LogLevel) => base.setLevel(level),
    getLevel: () => base.getLevel(),
    setName: () => undefined,
  };
};
