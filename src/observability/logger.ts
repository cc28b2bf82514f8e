import pino, { DestinationStream, Logger as PinoLogger } from 'pino';
import type { Clock } from '../services/clock';

/** The levels LOG_LEVEL takes; pino's names for them are the same. */
export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';

/**
 * Fields that carry a secret or what people wrote, wherever a log line's object puts them (at the
 * top or one level down). App lines carry ids and counts only; this is the net under library
 * lines and under objects logged by mistake. Errors are serialised by `serialiseError`, which
 * keeps no nested request or response.
 */
export const REDACTED_FIELDS: readonly string[] = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'clientSecret',
  'authorization',
  'headers.authorization',
  'text',
  'blocks',
  'attachments',
  'view',
  'state',
  'body',
  'summary',
  'details',
].flatMap((field) => [field, `*.${field}`]);

/**
 * An error as a log line keeps it: type, message, Slack's error code and the stack. Not its
 * other fields: Web API errors carry the request (its token) and the response (what was posted).
 */
export const serialiseError = (error: unknown): unknown => {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}), stack: error.stack };
};

/**
 * The app's root logger: one JSON object per line,
 * `{"level":"info","time":"<ISO 8601>","pid":…,"hostname":"…",<request scope>,<fields>,"msg":"…"}`,
 * to stdout unless `destination` is given (tests and the sandbox give their own). Stdout is
 * written synchronously, as `process.stdout` writes to a pipe or file: a line is out before the
 * call returns, so the lines before a crash are not lost. Lines written for a Slack request carry its
 * scope (`requestId`, `listener`, `user`, `channel`, `ticket`) first: the loggers that write
 * them are given it (`requestLogger`, `announceTicketChange`). `clock` is the wall clock the `time` field is read from (the system's when not given).
 */
export const createRootLogger = (level: LogLevelName, destination?: DestinationStream, clock?: Clock): PinoLogger => {
  const options: pino.LoggerOptions = {
    level,
    // The line's time is the wall clock's, as pino's own isoTime writes it.
    timestamp: clock ? () => `,"time":"${clock().toISOString()}"` : pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: serialiseError },
    redact: { paths: [...REDACTED_FIELDS], censor: '[redacted]' },
  };
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
};
