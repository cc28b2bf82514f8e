import fc from 'fast-check';
import { slaAlertFor } from '../../src/domain/sla-alert';
import { SLA_STAGE } from '../../src/domain/sla-clock';
import { TICKET_EVENT_TYPES, TicketEvent, TicketEventType } from '../../src/domain/ticket-event';
import { OutboxMessage } from '../../src/services/outbox-messages';
import { DepartmentRow, TicketRow } from '../../src/services/ports/records';
import { filingNotifications, NotificationContext, notificationsFor, pageFor, SlaNotice, slaNotificationsFor } from '../../src/services/ticket-notifications';
import { aTicket, T0 } from '../domain/ticket-fixtures';

const SUPPORT: DepartmentRow = {
  id: 1,
  name: 'Support',
  channelId: 'C0SUPPORT',
  agentIds: ['U0JOHN', 'U0JANE'],
  managerIds: ['U0MGR'],
  slaPlanId: 1,
  escalationChannelId: 'C0ESCALATE',
  notify: {},
  satisfaction: true,
  digestCron: null,
  active: true,
};
const SYSADMIN: DepartmentRow = {
  id: 2,
  name: 'System Administration',
  channelId: 'C0SYSADM',
  agentIds: ['U0SYSA'],
  managerIds: ['U0BOSS'],
  slaPlanId: 1,
  escalationChannelId: null,
  notify: {},
  satisfaction: true,
  digestCron: null,
  active: true,
};

const aRow = (overrides: Partial<TicketRow> = {}): TicketRow => ({
  ...aTicket(),
  sourceChannelId: null,
  sourceMessageTs: null,
  sourcePermalink: null,
  intakeKey: 'V0KAREN',
  cardChannelId: 'C0SUPPORT',
  cardTs: '1700000000.000100',
  requesterDmChannelId: 'D0KAREN',
  requesterDmTs: '1700000000.000200',
  requesterPromptTs: null,
  ...overrides,
});

const anEvent = (type: TicketEventType, actorId = 'U0JOHN'): TicketEvent => ({ type, actorId, at: T0, before: {}, after: {}, text: null });

const change = (type: TicketEventType, overrides: Partial<NotificationContext> = {}): NotificationContext => {
  const before = aRow();
  return {
    before,
    after: { ...before, version: before.version + 1 },
    event: anEvent(type),
    eventId: 99,
    managerIds: SUPPORT.managerIds,
    departmentChannelId: SUPPORT.channelId,
    escalationChannelId: SUPPORT.escalationChannelId,
    settlesPrompt: false,
    ...overrides,
  };
};

const kinds = (messages: readonly OutboxMessage[]) => messages.map((message) => message.kind);

describe('who hears of a workflow change (notificationsFor)', () => {
  it('tells John by DM when Michael assigns him, and Karen in her thread, after the card and its line', () => {
    const context = change('assigned', { event: anEvent('assigned', 'U0MGR') });
    const messages = notificationsFor({ ...context, after: { ...context.after, assigneeId: 'U0JOHN' } });
    expect(messages).toEqual([
      { kind: 'update_ticket_card', ticketId: 7 },
      { kind: 'thread_line', ticketId: 7, eventId: 99 },
      { kind: 'staff_dm', ticketId: 7, eventId: 99, userId: 'U0JOHN' },
      { kind: 'requester_update', ticketId: 7, eventId: 99 },
      { kind: 'requester_summary', ticketId: 7 },
    ]);
  });

  it('sends no DM to an agent who assigned the ticket to themselves', () => {
    const context = change('assigned');
    expect(kinds(notificationsFor({ ...context, after: { ...context.after, assigneeId: 'U0JOHN' } }))).toEqual(['update_ticket_card', 'thread_line', 'requester_update', 'requester_summary']);
  });

  it('retires the old card on a transfer, posts the new one with its history, alerts the new channel and tells the requester', () => {
    const context = change('transferred');
    const messages = notificationsFor({
      ...context,
      after: { ...context.after, departmentId: SYSADMIN.id, cardChannelId: null, cardTs: null },
      departmentChannelId: SYSADMIN.channelId,
      escalationChannelId: null,
    });
    expect(messages).toEqual([
      { kind: 'retire_ticket_card', ticketId: 7, channelId: 'C0SUPPORT', ts: '1700000000.000100', toDepartmentId: SYSADMIN.id },
      { kind: 'post_ticket_card', ticketId: 7 },
      { kind: 'thread_history', ticketId: 7 },
      { kind: 'channel_alert', ticketId: 7, eventId: 99, channelId: 'C0SYSADM', template: 'department_alert' },
      { kind: 'requester_update', ticketId: 7, eventId: 99 },
      { kind: 'requester_summary', ticketId: 7 },
    ]);
  });

  it('has nothing to retire when the ticket never had a card', () => {
    const context = change('transferred', { before: aRow({ cardChannelId: null, cardTs: null }) });
    expect(kinds(notificationsFor(context))).not.toContain('retire_ticket_card');
  });

  it('tells every manager and the escalation channel of an escalation, not the requester', () => {
    expect(notificationsFor(change('escalated'))).toEqual([
      { kind: 'update_ticket_card', ticketId: 7 },
      { kind: 'thread_line', ticketId: 7, eventId: 99 },
      { kind: 'staff_dm', ticketId: 7, eventId: 99, userId: 'U0MGR' },
      { kind: 'channel_alert', ticketId: 7, eventId: 99, channelId: 'C0ESCALATE', template: 'staff_alert' },
      { kind: 'requester_summary', ticketId: 7 },
    ]);
    expect(kinds(notificationsFor(change('escalated', { escalationChannelId: null })))).not.toContain('channel_alert');
  });

  it("settles Karen's prompt first when her click resolved or reopened the ticket", () => {
    for (const type of ['resolved', 'closed', 'reopened'] as const) {
      expect(kinds(notificationsFor(change(type, { settlesPrompt: true })))).toEqual(['settle_requester_prompt', 'update_ticket_card', 'thread_line', 'requester_update', 'requester_summary']);
      expect(kinds(notificationsFor(change(type)))).toEqual(['update_ticket_card', 'thread_line', 'requester_update', 'requester_summary']);
    }
  });

  it('tells John by DM when Jane takes over his ticket, but nobody who handed it on themselves', () => {
    const context = change('assigned', { event: anEvent('assigned', 'U0JANE'), before: aRow({ assigneeId: 'U0JOHN' }) });
    const taken = notificationsFor({ ...context, after: { ...context.after, assigneeId: 'U0JANE' } });
    expect(taken.filter((message) => message.kind === 'staff_dm')).toEqual([{ kind: 'staff_dm', ticketId: 7, eventId: 99, userId: 'U0JOHN' }]);
    const handedOn = change('assigned', { before: aRow({ assigneeId: 'U0JOHN' }) });
    const dms = notificationsFor({ ...handedOn, after: { ...handedOn.after, assigneeId: 'U0JANE' } }).filter((message) => message.kind === 'staff_dm');
    expect(dms).toEqual([{ kind: 'staff_dm', ticketId: 7, eventId: 99, userId: 'U0JANE' }]);
  });

  it("gives John, the assignee, a digest of Karen's message (coalesced by the outbox), and nobody when the ticket is unassigned", () => {
    const context = change('requester_messaged', { event: anEvent('requester_messaged', 'U0KAREN') });
    const assigned = notificationsFor({ ...context, after: { ...context.after, assigneeId: 'U0JOHN' } });
    expect(assigned.filter((message) => message.kind === 'assignee_digest')).toEqual([{ kind: 'assignee_digest', ticketId: 7, sinceEventId: 99 }]);
    expect(kinds(notificationsFor({ ...context, after: { ...context.after, assigneeId: null } }))).not.toContain('assignee_digest');
  });

  it("keeps Karen's top-level ticket DM current whenever the card's fields change, and only then", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TICKET_EVENT_TYPES), fc.boolean(), (type, versionChanged) => {
        const context = change(type);
        const messages = notificationsFor(versionChanged ? context : { ...context, after: context.before });
        const cardRedrawn = kinds(messages).includes('update_ticket_card') || type === 'transferred';
        // A merged-in duplicate and a link change only the card's list of related tickets, which the requester's DM does not show.
        const shown = [
          'noted',
          'refused',
          'sla_warning',
          'overdue',
          'sla_escalated',
          'first_response_warning',
          'first_response_overdue',
          'requester_reminded',
          'assignee_nudged',
          'requester_edited',
          'requester_deleted',
          'watcher_added',
          'watcher_removed',
          'watcher_messaged',
          'merged_from',
          'linked',
        ].includes(type);
        if (!versionChanged || shown) expect(kinds(messages)).not.toContain('requester_summary');
        else expect(kinds(messages).includes('requester_summary')).toBe(cardRedrawn);
      }),
    );
  });

  it("tells Michael his duplicate was merged, and has the surviving card redrawn with the duplicate's history under it", () => {
    expect(kinds(notificationsFor(change('merged')))).toEqual(['update_ticket_card', 'thread_line', 'requester_update', 'requester_summary']);
    // No field of the surviving ticket changes, but its card lists the duplicate now.
    const absorbed = change('merged_from');
    expect(notificationsFor({ ...absorbed, after: absorbed.before })).toEqual([
      { kind: 'update_ticket_card', ticketId: 7 },
      { kind: 'merge_history', ticketId: 7, eventId: 99 },
    ]);
    const linked = change('linked');
    expect(kinds(notificationsFor({ ...linked, after: linked.before }))).toEqual(['update_ticket_card', 'thread_line']);
  });

  it("redraws the card, threads a line and settles the question when Karen answers How did we do?, though the ticket's version stays", () => {
    const rated = change('satisfaction_rated', { event: anEvent('satisfaction_rated', 'U0KAREN') });
    expect(notificationsFor({ ...rated, after: rated.before })).toEqual([
      { kind: 'update_ticket_card', ticketId: 7 },
      { kind: 'thread_line', ticketId: 7, eventId: 99 },
      { kind: 'settle_satisfaction_question', ticketId: 7, eventId: 99 },
    ]);
  });

  it('leaves requester edits and deletions to the service, which refreshes the relayed copy', () => {
    expect(notificationsFor(change('requester_edited'))).toEqual([]);
    expect(notificationsFor(change('requester_deleted'))).toEqual([]);
  });

  it('names how each channel alert reads: the department channel its own alert, an escalation channel the staff alert', () => {
    const templates = (messages: readonly OutboxMessage[]) => messages.flatMap((message) => (message.kind === 'channel_alert' ? [`${message.channelId}:${message.template}`] : []));
    expect(templates(notificationsFor(change('escalated')))).toEqual(['C0ESCALATE:staff_alert']);
    // A department that escalates into its own channel gets the department's alert there, as before templates were named.
    expect(templates(notificationsFor(change('escalated', { escalationChannelId: 'C0SUPPORT' })))).toEqual(['C0SUPPORT:department_alert']);
  });

  it('does not redraw a card whose ticket version did not change', () => {
    const context = change('refused');
    expect(kinds(notificationsFor({ ...context, after: context.before }))).toEqual(['thread_line']);
  });

  it('never tells the requester of internal notes, refusals, SLA alerts or releases, and every message is about the changed ticket', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TICKET_EVENT_TYPES), fc.boolean(), fc.boolean(), (type, settlesPrompt, versionChanged) => {
        const context = change(type, { settlesPrompt });
        const messages = notificationsFor(versionChanged ? context : { ...context, after: context.before });
        expect(messages.every((message) => message.ticketId === 7)).toBe(true);
        if (['noted', 'refused', 'released', 'sla_warning', 'overdue', 'sla_escalated', 'escalated', 'requester_messaged'].includes(type)) {
          expect(kinds(messages)).not.toContain('requester_update');
        }
      }),
    );
  });
});

describe("who a new ticket's card mentions (pageFor, filingNotifications)", () => {
  const ONCALL = { ...SUPPORT, notify: { emergency: '<!subteam^S0ONCALL>' } };

  it("pages the configured user group for Karen's emergency, the agents for a high ticket without one, and nobody for normal or low", () => {
    expect(pageFor('emergency', ONCALL)).toEqual({ configured: '<!subteam^S0ONCALL>' });
    expect(pageFor('high', ONCALL)).toEqual({ agentIds: ['U0JOHN', 'U0JANE'] });
    expect(pageFor('emergency', SUPPORT)).toEqual({ agentIds: ['U0JOHN', 'U0JANE'] });
    expect(pageFor('normal', ONCALL)).toBeNull();
    expect(pageFor('low', { ...SUPPORT, notify: { emergency: '<!here>', high: '<!here>' } })).toBeNull();
  });

  it('queues the card with its page, then the confirmation that opens the requester conversation', () => {
    expect(filingNotifications(7, 'emergency', ONCALL)).toEqual([
      { kind: 'post_ticket_card', ticketId: 7, page: { configured: '<!subteam^S0ONCALL>' } },
      { kind: 'confirm_to_requester', ticketId: 7 },
    ]);
    expect(filingNotifications(7, 'normal', ONCALL)).toEqual([
      { kind: 'post_ticket_card', ticketId: 7 },
      { kind: 'confirm_to_requester', ticketId: 7 },
    ]);
  });
});

describe('who hears of SLA alerts (slaNotificationsFor)', () => {
  const due = new Date(T0.getTime() + 3600_000);
  const notice = (stages: number[], ticket: Partial<TicketRow> = {}, department = SUPPORT, eventId = 50): SlaNotice => {
    const row = aRow({ dueAt: due, ...ticket });
    const alert = slaAlertFor(
      row,
      stages.map((stage) => ({ stage, at: due })),
      due,
    );
    if (!alert) throw new Error('no alert');
    return { ticket: row, alert, eventId, department };
  };

  it("warns the assignee by DM, or the department's channel when nobody is assigned; no redraw, no managers", () => {
    expect(slaNotificationsFor([notice([SLA_STAGE.warned], { assigneeId: 'U0JOHN' })], 3)).toEqual([
      { kind: 'thread_line', ticketId: 7, eventId: 50 },
      { kind: 'staff_dm', ticketId: 7, eventId: 50, userId: 'U0JOHN' },
    ]);
    expect(slaNotificationsFor([notice([SLA_STAGE.warned])], 3)).toEqual([
      { kind: 'thread_line', ticketId: 7, eventId: 50 },
      { kind: 'channel_alert', ticketId: 7, eventId: 50, channelId: 'C0SUPPORT', template: 'department_alert' },
    ]);
  });

  it('announces a breach on the card, in the channel, to the assignee and to each manager once', () => {
    expect(slaNotificationsFor([notice([SLA_STAGE.breached], { assigneeId: 'U0MGR' })], 3)).toEqual([
      { kind: 'update_ticket_card', ticketId: 7 },
      { kind: 'thread_line', ticketId: 7, eventId: 50 },
      { kind: 'channel_alert', ticketId: 7, eventId: 50, channelId: 'C0SUPPORT', template: 'department_alert' },
      { kind: 'staff_dm', ticketId: 7, eventId: 50, userId: 'U0MGR' },
    ]);
  });

  it('adds the escalation channel to an escalation, where the department has one', () => {
    expect(kinds(slaNotificationsFor([notice([SLA_STAGE.breached + 1])], 3))).toEqual(['update_ticket_card', 'thread_line', 'staff_dm', 'channel_alert']);
    expect(slaNotificationsFor([notice([SLA_STAGE.breached + 1])], 3).at(-1)).toEqual({ kind: 'channel_alert', ticketId: 7, eventId: 50, channelId: 'C0ESCALATE', template: 'staff_alert' });
    expect(kinds(slaNotificationsFor([notice([SLA_STAGE.breached + 1], {}, SYSADMIN)], 3))).toEqual(['update_ticket_card', 'thread_line', 'staff_dm']);
  });

  it("folds a storm of breaches in one department into one summary for its channel and one per manager, leaving other departments' alerts alone", () => {
    const storm = [1, 2, 3, 4].map((id) => notice([SLA_STAGE.breached], { id, number: 1000 + id }, SUPPORT, 100 + id));
    const elsewhere = notice([SLA_STAGE.breached], { id: 9, number: 1009, departmentId: 2 }, SYSADMIN, 109);
    const messages = slaNotificationsFor([...storm, elsewhere], 3);
    const summaries = messages.filter((message) => message.kind === 'breach_summary');
    expect(summaries).toEqual([
      { kind: 'breach_summary', ticketId: null, departmentId: 1, ticketIds: [1, 2, 3, 4], channelId: 'C0SUPPORT', userId: null },
      { kind: 'breach_summary', ticketId: null, departmentId: 1, ticketIds: [1, 2, 3, 4], channelId: null, userId: 'U0MGR' },
    ]);
    // Each stormy ticket still gets its card redrawn and its thread line, but no alert of its own.
    for (const id of [1, 2, 3, 4]) expect(kinds(messages.filter((message) => message.ticketId === id))).toEqual(['update_ticket_card', 'thread_line']);
    expect(kinds(messages.filter((message) => message.ticketId === 9))).toEqual(['update_ticket_card', 'thread_line', 'channel_alert', 'staff_dm']);
  });

  it('counts only breaches towards a storm: warnings stay one message each', () => {
    const warnings = [1, 2, 3, 4, 5].map((id) => notice([SLA_STAGE.warned], { id }, SUPPORT, 200 + id));
    expect(slaNotificationsFor(warnings, 3).filter((message) => message.kind === 'breach_summary')).toEqual([]);
  });

  describe('watchers (osTicket collaborators)', () => {
    const watcherUpdates = (messages: OutboxMessage[]) => messages.filter((message) => message.kind === 'watcher_update').map((message) => (message.kind === 'watcher_update' ? message.userId : ''));

    it('tells every watcher exactly what the requester is told, and never an internal note', () => {
      fc.assert(
        // A reminder that the ticket waits on the requester's answer is the requester's alone.
        fc.property(fc.constantFrom(...TICKET_EVENT_TYPES.filter((type) => !type.startsWith('watcher_') && type !== 'requester_reminded')), (type) => {
          const messages = notificationsFor(change(type, { watcherIds: ['U0KEN', 'U0MICHAEL'] }));
          const toRequester = kinds(messages).includes('requester_update');
          expect(watcherUpdates(messages)).toEqual(toRequester ? ['U0KEN', 'U0MICHAEL'] : []);
        }),
      );
      expect(watcherUpdates(notificationsFor(change('noted', { watcherIds: ['U0KEN'] })))).toEqual([]);
    });

    it('tells the watcher added or removed, the card thread and, when someone else did it, the requester', () => {
      const added = notificationsFor(change('watcher_added', { event: { ...anEvent('watcher_added'), after: { watcherId: 'U0KEN' } } }));
      expect(kinds(added)).toEqual(['thread_line', 'watcher_update', 'requester_update']);
      expect(watcherUpdates(added)).toEqual(['U0KEN']);
      const stopped = notificationsFor(change('watcher_removed', { event: { ...anEvent('watcher_removed', 'U0KEN'), before: { watcherId: 'U0KEN' } } }));
      expect(watcherUpdates(stopped)).toEqual(['U0KEN']);
      const byRequester = notificationsFor(change('watcher_added', { event: { ...anEvent('watcher_added', 'U0KAREN'), after: { watcherId: 'U0KEN' } } }));
      expect(kinds(byRequester)).not.toContain('requester_update');
    });

    it("puts a watcher's message in the card thread only", () => {
      expect(kinds(notificationsFor(change('watcher_messaged', { after: aRow() })))).toEqual(['thread_line']);
    });
  });
});
