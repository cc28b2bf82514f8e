import { actorFor } from '../../src/domain/actor';
import { parseDuration } from '../../src/domain/duration';
import { nextPriority } from '../../src/domain/ticket';
import { openTicket, validateDraftText } from '../../src/domain/ticket-intake';
import { ONE_HOUR, T0 } from './ticket-fixtures';

describe('validateDraftText', () => {
  it('accepts a summary of exactly 150 characters and details of exactly 3,000', () => {
    const result = validateDraftText('x'.repeat(150), 'y'.repeat(3000));
    expect(result.ok).toBe(true);
  });
  it('trims the summary and the details', () => {
    expect(validateDraftText('  Printer jammed \n', '\n tray 2 \n')).toEqual({ ok: true, value: { summary: 'Printer jammed', details: 'tray 2' } });
  });
  it('reports an empty summary and too-long details together', () => {
    const result = validateDraftText('   ', 'y'.repeat(3001));
    expect(result).toEqual({
      ok: false,
      error: { summary: 'Please write a short summary of the problem.', details: 'Details are 3001 characters; the limit is 3000.' },
    });
  });
  it('reports a summary over 150 characters with its length', () => {
    const result = validateDraftText('x'.repeat(151), '');
    expect(result.ok ? '' : result.error.summary).toContain('151 characters');
  });
});

describe('openTicket', () => {
  const draft = {
    requesterId: 'U0KAREN',
    summary: 'Entire mobile online banking is down',
    details: '',
    fieldAnswers: [],
    helpTopicId: 2,
    departmentId: 1,
    priority: 'emergency' as const,
    slaPlanId: 2,
    slaFromTopic: true,
    sla: ONE_HOUR,
  };
  it('opens an unassigned ticket due one grace period later, with a created event', () => {
    const { ticket, event } = openTicket(draft, T0);
    expect(ticket).toMatchObject({ status: 'open', assigneeId: null, version: 1, escalationLevel: 0, slaStartedAt: T0 });
    expect(ticket.dueAt).toEqual(new Date(T0.getTime() + 3600_000));
    expect(event).toMatchObject({ type: 'created', actorId: 'U0KAREN', at: T0, text: draft.summary });
    expect(event.after).toMatchObject({ status: 'open', priority: 'emergency', dueAt: '2026-11-23T15:00:00.000Z' });
  });
  it('has no due time without an SLA plan', () => {
    expect(openTicket({ ...draft, slaPlanId: null, sla: null }, T0).ticket.dueAt).toBeNull();
  });
});

describe('durations', () => {
  it.each([
    ['90s', 90],
    ['15m', 900],
    ['4h', 14400],
    ['2d', 172800],
  ])('parses %s', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: seconds });
  });
  it.each(['', '1w', '-1h', '1.5h', 'h', '0m'])('rejects %p', (text) => {
    expect(parseDuration(text).ok).toBe(false);
  });
});

describe('roles and priorities', () => {
  it('knows how a user relates to a ticket department', () => {
    expect(actorFor('U0JOHN', 'U0KAREN', { agentIds: ['U0JOHN'], managerIds: ['U0MGR'] })).toEqual({
      userId: 'U0JOHN',
      isRequester: false,
      isAgent: true,
      isManager: false,
    });
  });
  it('raises priority one level, stopping at emergency', () => {
    expect(['low', 'normal', 'high', 'emergency'].map((priority) => nextPriority(priority as never))).toEqual(['normal', 'high', 'emergency', 'emergency']);
  });
});
