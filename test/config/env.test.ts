import { parseEnv } from '../../src/config/env';

const http = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'abcdef0123456789' };

describe('parseEnv', () => {
  it('applies the documented defaults', () => {
    const env = parseEnv(http);
    expect(env).toEqual({
      ok: true,
      value: {
        slack: { botToken: 'xoxb-1-2-abc', signingSecret: 'abcdef0123456789', appToken: null, apiUrl: null },
        port: 3000,
        database: { kind: 'sqlite', path: 'data/helpdesk.sqlite' },
        helpdeskConfigPath: './helpdesk.yml',
        logLevel: 'info',
        slaSweepCron: '* * * * *',
        retentionDays: 7,
        outboxLeaseMs: null,
        slackPacing: true,
        ops: { host: '127.0.0.1', port: 9464, token: null },
      },
    });
  });

  it("paces the outbox under Slack's rate limits unless SLACK_PACING is off, and names the choices", () => {
    expect([parseEnv({ ...http, SLACK_PACING: 'on' }), parseEnv({ ...http, SLACK_PACING: 'off' })].map((env) => env.ok && env.value.slackPacing)).toEqual([true, false]);
    const bad = parseEnv({ ...http, SLACK_PACING: 'yes' });
    expect(bad.ok ? [] : bad.error).toEqual([expect.stringMatching(/^SLACK_PACING: must be on or off/)]);
  });

  it('puts the operations port where METRICS_HOST and METRICS_PORT say, behind METRICS_TOKEN when set', () => {
    const env = parseEnv({ ...http, METRICS_HOST: '0.0.0.0', METRICS_PORT: '9100', METRICS_TOKEN: 'a-long-scrape-token-0123' });
    expect(env.ok && env.value.ops).toEqual({ host: '0.0.0.0', port: 9100, token: 'a-long-scrape-token-0123' });
    const bad = parseEnv({ ...http, METRICS_HOST: 'http://x', METRICS_PORT: '70000', METRICS_TOKEN: 'short' });
    expect(bad.ok ? [] : bad.error.map((line) => line.split(':')[0]).sort()).toEqual(['METRICS_HOST', 'METRICS_PORT', 'METRICS_TOKEN']);
  });

  it('treats empty variables as unset', () => {
    const env = parseEnv({ ...http, PORT: '', DATABASE_URL: '', LOG_LEVEL: '' });
    expect(env.ok && env.value.port).toBe(3000);
  });

  it('names every missing credential at once when nothing is set', () => {
    expect(parseEnv({})).toEqual({
      ok: false,
      error: ['SLACK_BOT_TOKEN: required', 'SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)'],
    });
  });

  it('lists every bad variable, not just the first', () => {
    const env = parseEnv({ ...http, PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SLACK_API_URL: 'not a url', SLA_SWEEP_CRON: 'every minute', RETENTION_DAYS: '0' });
    expect(env.ok).toBe(false);
    const names = env.ok ? [] : env.error.map((line) => line.split(':')[0]);
    expect(names.sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'RETENTION_DAYS', 'SLACK_API_URL', 'SLA_SWEEP_CRON']);
  });

  it('keeps delivered messages for RETENTION_DAYS days and says what a bad value should be', () => {
    const env = parseEnv({ ...http, RETENTION_DAYS: '30' });
    expect(env.ok && env.value.retentionDays).toBe(30);
    expect(parseEnv({ ...http, RETENTION_DAYS: 'a week' })).toMatchObject({ ok: false, error: [expect.stringMatching(/^RETENTION_DAYS: /)] });
    expect(parseEnv({ ...http, RETENTION_DAYS: '1.5' })).toEqual({ ok: false, error: ['RETENTION_DAYS: must be a whole number of days'] });
  });

  it('leases claimed outbox messages for OUTBOX_LEASE_MS and says what a bad value should be', () => {
    const env = parseEnv({ ...http, OUTBOX_LEASE_MS: '1000' });
    expect(env.ok && env.value.outboxLeaseMs).toBe(1000);
    expect(parseEnv({ ...http, OUTBOX_LEASE_MS: '100' })).toEqual({ ok: false, error: ['OUTBOX_LEASE_MS: must be at least 500 ms'] });
    expect(parseEnv({ ...http, OUTBOX_LEASE_MS: 'soon' })).toMatchObject({ ok: false, error: [expect.stringMatching(/^OUTBOX_LEASE_MS: /)] });
  });

  it('selects Socket Mode without a signing secret when an app token is set', () => {
    const env = parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' });
    expect(env.ok && env.value.slack).toMatchObject({ appToken: 'xapp-1-A1-2-abc', signingSecret: null });
  });

  it('selects PostgreSQL from a postgres:// URL and another SQLite file from sqlite:<path>', () => {
    const pg = parseEnv({ ...http, DATABASE_URL: 'postgres://helpdesk:secret@db:5432/helpdesk' });
    expect(pg.ok && pg.value.database).toEqual({ kind: 'postgres', url: 'postgres://helpdesk:secret@db:5432/helpdesk' });
    const sqlite = parseEnv({ ...http, DATABASE_URL: 'sqlite:/var/lib/helpdesk/db.sqlite' });
    expect(sqlite.ok && sqlite.value.database).toEqual({ kind: 'sqlite', path: '/var/lib/helpdesk/db.sqlite' });
  });

  it('adds the trailing slash the Web API client needs to SLACK_API_URL', () => {
    const env = parseEnv({ ...http, SLACK_API_URL: 'http://127.0.0.1:4000/api' });
    expect(env.ok && env.value.slack.apiUrl).toBe('http://127.0.0.1:4000/api/');
  });

  it('refuses a user token where the bot token belongs', () => {
    const env = parseEnv({ ...http, SLACK_BOT_TOKEN: 'xoxp-123' });
    expect(env.ok ? [] : env.error).toEqual(['SLACK_BOT_TOKEN: must be a bot token starting with xoxb-']);
  });
});
