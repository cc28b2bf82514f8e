import { err, ok, Result } from '../domain/result';
import { asksSatisfaction, SATISFACTION_COMMENT_MAX, SatisfactionRating, satisfactionEvent } from '../domain/satisfaction';
import { formatTicketNumber } from '../domain/ticket';
import { notPermitted, ticketError, TicketError } from '../domain/ticket-error';
import { TicketEvent } from '../domain/ticket-event';
import { Catalog } from './catalog';
import { Clock } from './clock';
import { toOutboxRow } from './outbox-messages';
import { DepartmentRow, TicketRow } from './ports/records';
import { TicketStore, TicketUnit } from './ports/ticket-store';
import { ChangeOrigin, OnTicketChange } from './ticket-change';
import { notificationsFor } from './ticket-notifications';
import { loadTicket } from './workflow-loading';

/**
 * Asks the requester How did we do? when `event` closed their ticket, in the transaction that
 * closed it: only for a close reason that asks (`asksSatisfaction` on the ticket's `closeReason`),
 * in a department that did not turn it off, and only the first time the ticket closes (a reopened
 * ticket closed again is not asked again). Services that close tickets (the workflow, an
 * auto-close sweep) call it with the ticket as the change left it. Answers whether it asked.
 */
export const askSatisfactionIfDue = async (
  unit: TicketUnit,
  closing: { readonly ticket: TicketRow; readonly department: DepartmentRow; readonly event: TicketEvent },
  now: Date,
  queuedAt: Date,
): Promise<boolean> => {
  const { ticket, department, event } = closing;
  if (event.after.status !== 'closed' || ticket.status !== 'closed' || !department.satisfaction || !asksSatisfaction(ticket.closeReason)) return false;
  if (!(await unit.satisfaction.ask(ticket.id, department.id, now))) return false;
  await unit.outbox.enqueue([toOutboxRow({ kind: 'satisfaction_question', ticketId: ticket.id })], queuedAt);
  return true;
};

/** What the requester is asked about: the ticket, for the answer's modal. */
export interface SatisfactionQuestion {
  readonly ticketId: number;
  readonly number: number;
}

/** A requester's answer to How did we do?; `requestKey` (the modal's view id) makes a repeated submission change nothing. */
export interface SatisfactionAnswer {
  readonly ticketId: number;
  readonly userId: string;
  readonly rating: SatisfactionRating;
  readonly comment: string | null;
  readonly requestKey: string;
  /** Where the change was asked for, named in its log line (the Slack request); see `ChangeOrigin`. */
  readonly changeOrigin?: ChangeOrigin;
}

const answeredAlready = (number: number): TicketError =>
  ticketError('TICKET.SATISFACTION_CLOSED', `You already told us how we did on ${formatTicketNumber(number)}. Thank you! Your answer is unchanged.`);

/**
 * The requester's answer to How did we do? (issue 18): only the ticket's requester may answer,
 * once. The answer is stored with the ticket, recorded in its history (`satisfaction_rated`),
 * shown on its card, and the question in their DM is replaced by it.
 */
export class SatisfactionService {
  constructor(
    private readonly store: TicketStore,
    private readonly catalog: Catalog,
    private readonly clock: Clock,
    private readonly wallClock: Clock,
    private readonly onCommitted: OnTicketChange,
  ) {}

  /** Whether `userId` may answer the ticket's question now (before the comment modal opens). */
  async question(ticketId: number, userId: string): Promise<Result<SatisfactionQuestion, TicketError>> {
    const loaded = await loadTicket(this.store.direct, this.catalog, ticketId);
    if (!loaded || loaded.ticket.requesterId !== userId) return err(notPermitted());
    const asked = await this.store.direct.satisfaction.find(ticketId);
    if (!asked || asked.rating !== null) return err(answeredAlready(loaded.ticket.number));
    return ok({ ticketId, number: loaded.ticket.number });
  }

  /** Stores the answer in one transaction with its event and what it owes Slack; a repeated request answers `applied: false`. */
  async answer(answer: SatisfactionAnswer): Promise<Result<{ readonly number: number; readonly applied: boolean }, TicketError>> {
    if (answer.comment !== null && answer.comment.length > SATISFACTION_COMMENT_MAX) {
      return err(
        ticketError('TICKET.TEXT_TOO_LONG', `Please keep the comment under ${SATISFACTION_COMMENT_MAX.toLocaleString('en-US')} characters; it has ${answer.comment.length.toLocaleString('en-US')}.`),
      );
    }
    const now = this.clock();
    const outcome = await this.store.transaction(async (unit): Promise<Result<{ number: number; applied: boolean }, TicketError>> => {
      if (await unit.processedKeys.has(answer.requestKey)) {
        const ticket = await unit.tickets.findById(answer.ticketId);
        return ticket ? ok({ number: ticket.number, applied: false }) : err(notPermitted());
      }
      const loaded = await loadTicket(unit, this.catalog, answer.ticketId);
      if (!loaded || loaded.ticket.requesterId !== answer.userId) return err(notPermitted());
      const { ticket, department } = loaded;
      const comment = answer.comment === null || answer.comment.trim() === '' ? null : answer.comment;
      if (!(await unit.satisfaction.answer(ticket.id, { rating: answer.rating, comment, userId: answer.userId }, now))) return err(answeredAlready(ticket.number));
      const event = satisfactionEvent(answer.userId, answer.rating, comment, now);
      const [eventId = 0] = await unit.events.append(ticket.id, [event]);
      const messages = notificationsFor({
        before: ticket,
        after: ticket,
        event,
        eventId,
        managerIds: department.managerIds,
        departmentChannelId: department.channelId,
        escalationChannelId: department.escalationChannelId,
        settlesPrompt: false,
      });
      await unit.outbox.enqueue(messages.map(toOutboxRow), this.wallClock());
      await unit.processedKeys.claim(answer.requestKey, now);
      return ok({ number: ticket.number, applied: true });
    });
    if (outcome.ok && outcome.value.applied) this.onCommitted({ ticketNumber: outcome.value.number, actorId: answer.userId, events: ['satisfaction_rated'] }, answer.changeOrigin);
    return outcome;
  }
}
