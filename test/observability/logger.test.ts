import fc from 'fast-check';
import { LogLevel } from '@slack/logger';
import { createRootLogger, REDACTED_FIELDS } from '../../src/observability/logger';
import { RequestScope } from '../../src/observability/request-timing';
import { libraryLogger, requestLogger, slackLogger } from '../../src/observability/slack-logger';

const capture = (level: 'debug' | 'info' | 'warn' | 'error' = 'debug') => {
  const lines: string[] = [];
  const root = createRootLogger(level, { write: (line: string) => lines.push(line.trimEnd()) });
  return { root, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
};

/** Text someone might have typed, long enough not to turn up in a line by chance. */
const typed = fc.string({ minLength: 6, maxLength: 60 }).filter((text) => /[A-Za-z0-9]{6}/.test(text));
const topLevelFields = REDACTED_FIELDS.filter((path) => !path.includes('.'));

describe('the root logger', () => {
  it('writes one JSON line per call: level by name, ISO time, the fields, then the message', () => {
    const { root, entries } = capture('info');
    slackLogger(root).info('ticket changed', { ticket: 1001, actor: 'U0KAREN', events: ['created'] });
    expect(entries()).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        pid: process.pid,
        hostname: expect.any(String),
        ticket: 1001,
        actor: 'U0KAREN',
        events: ['created'],
        msg: 'ticket changed',
      },
    ]);
  });

  it('writes nothing below LOG_LEVEL, and says its level in @slack/logger terms', () => {
    const { root, lines } = capture('warn');
    const logger = slackLogger(root);
    logger.debug('SLA sweep', { warned: 0 });
    logger.info('configuration loaded');
    logger.warn('views.open failed', { reason: 'expired_trigger_id' });
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['views.open failed']);
    expect(logger.getLevel()).toBe(LogLevel.WARN);
  });

  it('writes a field that may hold a secret or what someone wrote as [redacted], at the top or one level down, whatever it holds', () => {
    fc.assert(
      fc.property(fc.constantFrom(...topLevelFields), typed, fc.boolean(), (field, secret, nested) => {
        const { root, lines } = capture();
        const fields = nested ? { request: { [field]: secret }, ticket: 1001 } : { [field]: secret, ticket: 1001 };
        slackLogger(root).error('a request failed', fields);
        expect(lines).toHaveLength(1);
        expect(lines[0]).not.toContain(secret);
        const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
        expect(nested ? (entry.request as Record<string, unknown>)[field] : entry[field]).toBe('[redacted]');
        expect(entry.ticket).toBe(1001);
      }),
    );
  });

  it("logs an error's type, message, code and stack, and nothing of the request or response it carries", () => {
    const { root, entries, lines } = capture();
    const error = Object.assign(new Error('An API error occurred: channel_not_found'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'channel_not_found', text: 'Entire mobile online banking is down' },
      original: { config: { headers: { Authorization: 'Bearer xoxb-test-helpdesk-token' } } },
    });
    slackLogger(root).error('outbox flush at shutdown failed', error);
    expect(entries()[0]).toMatchObject({
      level: 'error',
      msg: 'outbox flush at shutdown failed',
      err: { type: 'Error', message: 'An API error occurred: channel_not_found', code: 'slack_webapi_platform_error', stack: expect.any(String) },
    });
    expect(lines.join('\n')).not.toMatch(/xoxb|banking/);
  });
});

describe('libraryLogger', () => {
  it('keeps only the first words of a library debug line, whatever data follows them', () => {
    const words = fc.stringMatching(/^[A-Za-z][A-Za-z'()._-]{0,12}( [A-Za-z'._-]{1,12}){0,4}$/).filter((text) => !/: | \(/.test(text));
    fc.assert(
      fc.property(words, fc.constantFrom(': ', ' ('), typed, (start, separator, data) => {
        const { root, entries, lines } = capture();
        libraryLogger(root).debug(`${start}${separator}${data}`, { token: data }, data);
        expect(entries().map((entry) => entry.msg)).toEqual([`${start} (details left out)`]);
        if (!start.includes(data)) expect(lines.join('\n')).not.toContain(data);
      }),
    );
  });

  it("takes the level Bolt sets without changing the level of the app's own lines", () => {
    const { root, lines } = capture('warn');
    const library = libraryLogger(root);
    library.setLevel(LogLevel.DEBUG);
    expect(library.getLevel()).toBe(LogLevel.DEBUG);
    expect(slackLogger(root).getLevel()).toBe(LogLevel.WARN);
    slackLogger(root).info('configuration loaded');
    library.debug("apiCall('chat.postMessage') start");
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(["apiCall('chat.postMessage') start"]);
  });

  it("starts each line of a request's logger with the request's scope, as it stands when the line is written", () => {
    const { root, entries } = capture();
    const scope = new RequestScope();
    scope.listener = 'view:ticket_new';
    scope.user = 'U0KAREN';
    const logger = requestLogger(root, () => scope.fields());
    logger.warn('views.open failed', { reason: 'expired_trigger_id' });
    scope.ticket = 1001;
    logger.error('could not tell the user', { listener: 'its own field wins' });
    logger.debug('ack() call begins (body: {"token":"secret"})');
    const lines = entries().map((entry) => Object.fromEntries(Object.entries(entry).filter(([key]) => !['level', 'time', 'pid', 'hostname'].includes(key))));
    const requestId = scope.requestId;
    expect(lines).toEqual([
      { requestId, listener: 'view:ticket_new', user: 'U0KAREN', reason: 'expired_trigger_id', msg: 'views.open failed' },
      { requestId, listener: 'its own field wins', user: 'U0KAREN', ticket: 1001, msg: 'could not tell the user' },
      { requestId, listener: 'view:ticket_new', user: 'U0KAREN', ticket: 1001, msg: 'ack() call begins (details left out)' },
    ]);
    expect(Object.keys(entries()[0] ?? {}).slice(4, 7)).toEqual(['requestId', 'listener', 'user']);
  });
});
