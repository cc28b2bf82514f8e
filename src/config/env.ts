import { existsSync } from 'node:fs';
import cron from 'node-cron';
import { z } from 'zod';
import { err, ok, Result } from '../domain/result';
import { formatIssues } from './format-issues';

/** Empty variables (`PORT=`) count as unset, as in a freshly copied .env.example. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

const envSchema = z
  .object({
    SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-/, 'must be a bot token starting with xoxb-')),
    SLACK_SIGNING_SECRET: optional(z.string().min(8, 'looks too short for a signing secret')),
    SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, 'must be an app-level token starting with xapp-')),
    SLACK_API_URL: optional(z.url('must be a URL such as https://slack.com/api/')),
    PORT: optional(z.coerce.number().int('must be a whole number').min(0).max(65535)),
    DATABASE_URL: optional(z.string().regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:<path> or postgres://user:password@host:port/database')),
    HELPDESK_CONFIG: optional(z.string()),
    LOG_LEVEL: optional(z.enum(LOG_LEVELS)),
    SLA_SWEEP_CRON: optional(z.string().refine((expression) => cron.validate(expression), 'must be a cron expression such as "* * * * *" (every minute)')),
    METRICS_PORT: optional(z.coerce.number().int('must be a whole number').min(0).max(65535)),
    METRICS_HOST: optional(z.string().regex(/^[0-9A-Za-z.:_-]+$/, 'must be an address or host name such as 127.0.0.1 or 0.0.0.0')),
    METRICS_TOKEN: optional(
      z
        .string()
        .min(16, 'must be at least 16 characters')
        .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
    ),
    RETENTION_DAYS: optional(z.coerce.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(3650, 'must be at most 3650 days')),
    OUTBOX_LEASE_MS: optional(z.coerce.number().int('must be a whole number of milliseconds').min(500, 'must be at least 500 ms').max(600_000, 'must be at most 600000 ms (10 minutes)')),
    SLACK_PACING: optional(z.enum(['on', 'off'], 'must be on or off')),
  })
  .superRefine((env, ctx) => {
    if (!env.SLACK_BOT_TOKEN) ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'required' });
    if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
      });
    }
  });

export type LogLevel = (typeof LOG_LEVELS)[number];

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface Env {
  readonly slack: {
    readonly botToken: string;
    readonly signingSecret: string | null;
    readonly appToken: string | null;
    readonly apiUrl: string | null;
  };
  readonly port: number;
  readonly database: DatabaseTarget;
  readonly helpdeskConfigPath: string;
  readonly logLevel: LogLevel;
  /** When the SLA sweep runs (node-cron syntax; a sixth, leading field counts seconds). */
  readonly slaSweepCron: string;
  /** How long delivered outbox messages and handled request keys are kept before they are deleted. */
  readonly retentionDays: number;
  /**
   * How long an outbox message claimed for delivery stays with the process that claimed it, in ms;
   * null for the dispatcher's default (15 s, longer than the Slack client's 10 s time-out). A test
   * and tuning knob: after a crash, messages under way wait this long before another process (or
   * the restarted one) sends them.
   */
  readonly outboxLeaseMs: number | null;
  /**
   * Whether the outbox paces its Web API calls under Slack's published rate limits (SLACK_PACING,
   * on unless `off`): per method, per channel for chat.postMessage, per person for views.publish.
   */
  readonly slackPacing: boolean;
  /** The operations port (`/metrics`, detailed `/healthz`): where it listens, and the bearer token it asks for, if any. */
  readonly ops: { readonly host: string; readonly port: number; readonly token: string | null };
}

/** The operations port's default: on this machine only. */
export const DEFAULT_METRICS_PORT = 9464;

export const parseDatabaseUrl = (url: string): DatabaseTarget => (url.startsWith('sqlite:') ? { kind: 'sqlite', path: url.slice('sqlite:'.length) } : { kind: 'postgres', url });

/** Parses the environment once; on failure lists every bad variable. */
export const parseEnv = (source: Record<string, string | undefined>): Result<Env, string[]> => {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) return err(formatIssues(parsed.error.issues));
  const env = parsed.data;
  const apiUrl = env.SLACK_API_URL ? env.SLACK_API_URL.replace(/\/?$/, '/') : null;
  return ok({
    slack: {
      botToken: env.SLACK_BOT_TOKEN ?? '',
      signingSecret: env.SLACK_SIGNING_SECRET ?? null,
      appToken: env.SLACK_APP_TOKEN ?? null,
      apiUrl,
    },
    port: env.PORT ?? 3000,
    database: parseDatabaseUrl(env.DATABASE_URL ?? 'sqlite:data/helpdesk.sqlite'),
    helpdeskConfigPath: env.HELPDESK_CONFIG ?? './helpdesk.yml',
    logLevel: env.LOG_LEVEL ?? 'info',
    slaSweepCron: env.SLA_SWEEP_CRON ?? '* * * * *',
    retentionDays: env.RETENTION_DAYS ?? 7,
    outboxLeaseMs: env.OUTBOX_LEASE_MS ?? null,
    slackPacing: env.SLACK_PACING !== 'off',
    ops: { host: env.METRICS_HOST ?? '127.0.0.1', port: env.METRICS_PORT ?? DEFAULT_METRICS_PORT, token: env.METRICS_TOKEN ?? null },
  });
};

/** The process environment, with a `.env` file in the working directory loaded first when there is one. */
export const readProcessEnv = (): Record<string, string | undefined> => {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
};
