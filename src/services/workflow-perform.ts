import { isStaff } from '../domain/actor';
import { formatDelay, reopenWindowPassed } from '../domain/follow-ups';
import { err, ok, Result } from '../domain/result';
import { formatTicketNumber } from '../domain/ticket';
import { notPermitted, ticketError, TicketError } from '../domain/ticket-error';
import { TicketEvent } from '../domain/ticket-event';
import { mayAct, planAfterTopicChange, TicketCommand, transition } from '../domain/ticket-transitions';
import { DepartmentRow, TicketRow } from './ports/records';
import { TicketUnit } from './ports/ticket-store';
import { OutboxMessage, toOutboxRow } from './outbox-messages';
import { homesToRefresh, toHomeOutboxRow } from './home-refresh';
import { recordEvents } from './record-events';
import { AttachedFile, describeRefusedFiles, screenFiles } from './attachments';
import { followUpsOf } from './catalog';
import { askSatisfactionIfDue } from './satisfaction.service';
import { ACTION_WORDS, recordOutsiderAttempt, recordRefusal } from './ticket-refusals';
import { Loaded, Performed, WorkflowCommand, WorkflowContext, WorkflowRequest } from './ticket-workflow.types';
import { actorOf, loadTicket } from './workflow-loading';

/** Said to a watcher whose message a resolved or closed ticket refused: only the requester reopens it. */
const WATCHER_NOT_PASSED_ON = 'This ticket is resolved or closed, so your message was not passed on. Only its requester can reopen it.';

/** Commands only the ticket's requester (or, for a message, a watcher) may give: an outsider's attempt is recorded as reserved to the requester. */
const REQUESTER_COMMANDS = new Set<WorkflowCommand['type']>(['requester_message', 'withdraw', 'watcher_message']);

/** The answer to a requester's (or watcher's) message the ticket refused: a resolved or closed ticket says how to reopen it. */
const refusalAnswer = (ticketId: number, where: { channelId: string; threadTs: string }, refusal: TicketError, byWatcher: boolean): OutboxMessage => {
  const notActive = refusal.code === 'TICKET.NOT_ACTIVE' || refusal.code === 'TICKET.CLOSED';
  if (notActive && byWatcher) return { kind: 'event_answer', ticketId, ...where, answer: 'refused', detail: WATCHER_NOT_PASSED_ON };
  return { kind: 'event_answer', ticketId, ...where, ...(notActive ? { answer: 'not_passed_on' } : { answer: 'refused', detail: refusal.message }) };
};

/** Commands that depend on who watches the ticket: the watchers are read for them only. */
const WATCHER_COMMANDS = new Set<WorkflowCommand['type']>(['add_watcher', 'remove_watcher', 'watcher_message']);

/**
 * One request, inside `unit`. Who may act is decided first, before the ticket's existence,
 * version or state show in the answer: an outsider, or anyone naming a ticket that does not
 * exist, gets the one refusal.
 */
export const performIn = async (context: WorkflowContext, unit: TicketUnit, request: WorkflowRequest): Promise<Performed> => {
  const { catalog } = context;
  const now = context.clock();
  const loaded = await loadTicket(unit, catalog, request.ticketId);
  if (!loaded) return { result: err(notPermitted()), change: null };
  const watcherIds = WATCHER_COMMANDS.has(request.command.type) ? (await unit.watchers.of(request.ticketId)).map((watcher) => watcher.userId) : [];
  const actor = actorOf(loaded, request.userId, watcherIds);
  if (!mayAct(actor, request.command.type)) {
    const attempt = { userId: request.userId, action: ACTION_WORDS[request.command.type], reserved: REQUESTER_COMMANDS.has(request.command.type) ? 'requester' : 'staff' } as const;
    return { result: err(notPermitted()), change: await recordOutsiderAttempt(unit, loaded.ticket, attempt, now, context.wallClock()) };
  }
  const keys = unit.processedKeys;
  if (request.requestKey && (await keys.has(request.requestKey))) return { result: ok({ ...loaded, applied: false }), change: null };
  const { ticket } = loaded;
  const refusedFiles = screenFiles(request.files ?? [], context.attachmentLimits).refused;
  if (refusedFiles.length > 0) return { result: err(ticketError('TICKET.FILE_REFUSED', describeRefusedFiles(refusedFiles))), change: null };
  const window = followUpsOf(loaded.department);
  if (request.command.type === 'reopen' && !isStaff(actor) && reopenWindowPassed(ticket, window, now)) {
    // Past the department's reopen_window the requester files a new ticket (Still broken offers one).
    const number = formatTicketNumber(ticket.number);
    const message = `${number} was closed more than ${formatDelay(window.reopenWindowSeconds)} ago, so it can no longer be reopened. File a new ticket with /ticket and mention ${number}.`;
    return { result: err(ticketError('TICKET.REOPEN_WINDOW_PASSED', message)), change: null };
  }
  const command = await toDomainCommand(context, loaded, request.command, watcherIds);
  if (!command.ok) return { result: command, change: null };
  const sla = await catalog.findPolicy(ticket.slaPlanId);
  const result = transition(ticket, command.value, actor, now, { expectedVersion: request.expectedVersion, sla, followUps: window });
  if (!result.ok) {
    const attempt = { userId: request.userId, action: ACTION_WORDS[request.command.type], reserved: 'staff' } as const;
    const change = await recordRefusal(unit, loaded.ticket, attempt, request.command.type, result.error, now, context.wallClock());
    if (request.answerRefusalIn && request.requestKey) {
      await keys.claim(request.requestKey, now);
      await unit.outbox.enqueue([toOutboxRow(refusalAnswer(ticket.id, request.answerRefusalIn, result.error, request.command.type === 'watcher_message'))], context.wallClock());
    }
    return { result, change };
  }
  const next: TicketRow = { ...ticket, ...result.value.ticket };
  const transferred = next.departmentId !== ticket.departmentId;
  // A transfer gets a new card in the new department's channel; the old one is retired.
  const card = transferred ? { cardChannelId: null, cardTs: null } : {};
  if (!(await unit.tickets.saveChanges(next, ticket.version, card))) {
    return { result: err(ticketError('TICKET.STALE', `${formatTicketNumber(ticket.number)} changed since you last saw it.`)), change: null };
  }
  const after: TicketRow = { ...next, ...card };
  const newDepartment = transferred ? await catalog.findDepartment(next.departmentId) : loaded.department;
  if (!newDepartment) throw new Error(`department ${next.departmentId} vanished during a transfer`);
  await followWatchers(unit, ticket.id, request.command, now);
  const settlesPrompt = request.answersPrompt === true && actor.isRequester;
  const eventIds = await record(context, unit, ticket, after, newDepartment, result.value.events, settlesPrompt);
  for (const event of result.value.events) await askSatisfactionIfDue(unit, { ticket: after, department: newDepartment, event }, now, context.wallClock());
  await unit.outbox.enqueue(homesToRefresh(ticket, after, transferred ? [loaded.department, newDepartment] : [newDepartment]).map(toHomeOutboxRow), context.wallClock());
  const messageEventId = eventIds[0];
  if (request.files?.length && messageEventId !== undefined) await queueFileCopies(context, unit, after.id, messageEventId, request.command.type, request.files);
  if (request.source && messageEventId !== undefined) {
    const { channelId, ts, editedTs } = request.source;
    await unit.requesterMessages.record(channelId, ts, ticket.id, messageEventId, editedTs ?? null);
  }
  // Claimed only once the change is made: a refused modal can be corrected and submitted again.
  if (request.requestKey) await keys.claim(request.requestKey, now);
  return {
    result: ok({ ticket: after, department: newDepartment, applied: true }),
    change: { ticketNumber: ticket.number, actorId: request.userId, events: result.value.events.map((event) => event.type) },
  };
};

/** Appends the events and queues, in the same unit, what each owes Slack (`recordEvents`); `settlesPrompt` for all of them. */
export const record = (
  context: WorkflowContext,
  unit: TicketUnit,
  before: TicketRow,
  after: TicketRow,
  department: DepartmentRow,
  events: readonly TicketEvent[],
  settlesPrompt: boolean,
): Promise<number[]> => recordEvents(unit, before, after, department, events, { settlesPrompt: () => settlesPrompt, digestDelayMs: context.digestDelayMs, queuedAt: context.wallClock() });

/** Adds what the domain needs to know from the catalog: who is an agent where, which SLA applies. */
const toDomainCommand = async ({ catalog }: WorkflowContext, { ticket, department }: Loaded, command: WorkflowCommand, watcherIds: readonly string[]): Promise<Result<TicketCommand, TicketError>> => {
  switch (command.type) {
    case 'add_watcher':
    case 'remove_watcher':
      return ok({ ...command, watching: watcherIds.includes(command.watcherId) });
    case 'assign':
      return ok({ type: 'assign', assigneeId: command.assigneeId, assigneeIsAgent: department.agentIds.includes(command.assigneeId) });
    case 'transfer': {
      const target = await catalog.findDepartment(command.toDepartmentId);
      if (!target || !target.active) return err(ticketError('TICKET.DEPARTMENT_UNAVAILABLE', 'That department is not available any more.'));
      return ok({
        type: 'transfer',
        toDepartmentId: target.id,
        reason: command.reason,
        assigneeIsAgentThere: ticket.assigneeId !== null && target.agentIds.includes(ticket.assigneeId),
        departmentSla: { planId: target.slaPlanId, policy: await catalog.findPolicy(target.slaPlanId) },
      });
    }
    case 'edit': {
      if (command.helpTopicId === ticket.helpTopicId) {
        return ok({ ...command, plan: { planId: ticket.slaPlanId, fromTopic: ticket.slaFromTopic, policy: await catalog.findPolicy(ticket.slaPlanId) } });
      }
      const topic = await catalog.findTopic(command.helpTopicId);
      if (!topic || !topic.active || topic.departmentId !== ticket.departmentId) {
        return err(ticketError('TICKET.TOPIC_UNAVAILABLE', "Pick one of the department's help topics; to move the ticket to another department, use Transfer."));
      }
      const plan = planAfterTopicChange(ticket, topic.slaPlanId, department.slaPlanId);
      return ok({ ...command, plan: { ...plan, policy: await catalog.findPolicy(plan.planId) } });
    }
    default:
      return ok(command);
  }
};

/** Keeps the ticket's watchers as an applied watcher command left them (the event is recorded with it). */
const followWatchers = async (unit: TicketUnit, ticketId: number, command: WorkflowCommand, now: Date): Promise<void> => {
  if (command.type === 'add_watcher') await unit.watchers.add(ticketId, command.watcherId, now);
  if (command.type === 'remove_watcher') await unit.watchers.remove(ticketId, command.watcherId);
};

/**
 * Has the files of a message follow it: a reply's to the requester's thread and to each watcher's
 * (watchers hear what the requester hears), anything else's to the card thread.
 */
const queueFileCopies = async (context: WorkflowContext, unit: TicketUnit, ticketId: number, eventId: number, command: WorkflowCommand['type'], files: readonly AttachedFile[]): Promise<void> => {
  if (command !== 'reply') return unit.outbox.enqueue([toOutboxRow({ kind: 'copy_files_to_card', ticketId, eventId, files: [...files] })], context.wallClock());
  const watchers = await unit.watchers.of(ticketId);
  const copies: OutboxMessage[] = [
    { kind: 'copy_files_to_requester', ticketId, eventId, files: [...files] },
    ...watchers.map((watcher): OutboxMessage => ({ kind: 'copy_files_to_watcher', ticketId, eventId, userId: watcher.userId, files: [...files] })),
  ];
  await unit.outbox.enqueue(copies.map(toOutboxRow), context.wallClock());
};
