import { Logger, LogLevel } from '@slack/logger';
import type { Logger as PinoLogger } from 'pino';

const TO_PINO: Record<LogLevel, string> = { [LogLevel.DEBUG]: 'debug', [LogLevel.INFO]: 'info', [LogLevel.WARN]: 'warn', [LogLevel.ERROR]: 'error' };
const FROM_PINO: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Error);

/**
 * A call in `@slack/logger`'s shape, `info('message', …values)`, as pino's `(fields, message)`:
 * plain objects become the line's fields, an error its `err`, anything else goes in `extra`.
 */
const toPinoCall = (message: unknown[]): [Record<string, unknown>, string] => {
  const [first, ...rest] = message;
  const values = typeof first === 'string' ? rest : message;
  const fields: Record<string, unknown> = {};
  const extra: unknown[] = [];
  for (const value of values) {
    if (value instanceof Error) fields.err = value;
    else if (isPlainObject(value)) Object.assign(fields, value);
    else extra.push(value);
  }
  if (extra.length > 0) fields.extra = extra;
  return [fields, typeof first === 'string' ? first : ''];
};

type Write = (level: 'debug' | 'info' | 'warn' | 'error', message: unknown[]) => void;

const adapter = (pinoLogger: PinoLogger, write: Write): Logger => ({
  debug: (...message: unknown[]) => write('debug', message),
  info: (...message: unknown[]) => write('info', message),
  warn: (...message: unknown[]) => write('warn', message),
  error: (...message: unknown[]) => write('error', message),
  setLevel: (level: LogLevel) => {
    pinoLogger.level = TO_PINO[level];
  },
  getLevel: () => FROM_PINO[pinoLogger.level] ?? LogLevel.INFO,
  setName: () => undefined,
});

/** Fields every line of a logger carries first, read as the line is written (a request's scope). */
type LineFields = () => Record<string, unknown>;

const NO_FIELDS: LineFields = () => ({});

const ownWrite =
  (root: PinoLogger, lineFields: LineFields): Write =>
  (level, message) => {
    if (!root.isLevelEnabled(level)) return;
    const [fields, text] = toPinoCall(message);
    root[level]({ ...lineFields(), ...fields }, text);
  };

/**
 * The app's own logger in `@slack/logger`'s interface (what the receiver, the jobs and the
 * services' log ports take), writing through `root`. `logger.info('ticket changed', { ticket })`
 * writes `{"level":"info",…,"ticket":1001,"msg":"ticket changed"}`.
 */
export const slackLogger = (root: PinoLogger): Logger => adapter(root, ownWrite(root, NO_FIELDS));

/** A debug line of a Slack library without its data: the words before the first `: ` or ` (`. */
const withoutData = (message: unknown[]): string => {
  const [first] = message;
  if (typeof first !== 'string' || !/^[A-Za-z]/.test(first)) return '(details left out)';
  const cut = first.search(/: | \(/);
  return cut === -1 ? first : `${first.slice(0, cut)} (details left out)`;
};

const libraryWrite = (pinoLogger: PinoLogger, lineFields: LineFields): Write => {
  const own = ownWrite(pinoLogger, lineFields);
  return (level, message) => {
    if (level === 'debug') {
      if (pinoLogger.isLevelEnabled('debug')) pinoLogger.debug(lineFields(), withoutData(message));
      return;
    }
    own(level, message);
  };
};

/**
 * The logger given to Bolt and the Web API client: a child of `root` whose level they set (to
 * LOG_LEVEL, which Bolt is given as `logLevel`). Their debug lines carry request and answer
 * bodies (`http request body: {…}`, `ack() call begins (body: …)`, Socket Mode's
 * `Received a message on the WebSocket: …`), which hold what people wrote and, in Socket Mode,
 * tokens: at debug level only the words before the first `: ` or ` (` are kept, and nothing of a
 * line that starts with data. Their info, warn and error lines, which name methods, errors and
 * ids, pass as the app's own do (fields redacted, errors without request or response).
 */
export const libraryLogger = (root: PinoLogger): Logger => {
  const child = root.child({});
  return adapter(child, libraryWrite(child, NO_FIELDS));
};

/**
 * The logger a listener is handed for one request: it writes as `libraryLogger` does (Bolt's
 * logger, which listeners were handed before, is one), every line starting with `scope()`'s
 * fields, read as the line is written so that a ticket noted mid-request shows from then on.
 */
export const requestLogger = (root: PinoLogger, scope: LineFields): Logger => adapter(root, libraryWrite(root, scope));
