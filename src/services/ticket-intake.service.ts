import { err, ok, Result } from '../domain/result';
import { openTicket, validateDraftText } from '../domain/ticket-intake';
import { DepartmentRow, HelpTopicRow, TicketRow } from './ports/records';
import { TicketStore } from './ports/ticket-store';
import { Catalog, followUpsOf } from './catalog';
import { Clock } from './clock';
import { homesToRefresh, toHomeOutboxRow } from './home-refresh';
import { toOutboxRow } from './outbox-messages';
import { OnTicketChange } from './ticket-change';
import { filingNotifications } from './ticket-notifications';

/** A submitted ticket modal, as the listener read it from Slack's payload. */
export interface IntakeRequest {
  /** Identifies one submission (the Slack view id): submitting it again returns the same ticket. */
  readonly intakeKey: string;
  readonly requesterId: string;
  readonly helpTopicId: string | null;
  readonly summary: string;
  readonly details: string;
  /** The message a ticket was created from, if any. */
  readonly source: { readonly channelId: string; readonly messageTs: string } | null;
}

/** The modal's inputs a submission can be refused on. */
export type IntakeField = 'helpTopic' | 'summary' | 'details';

/** The answer to a submission whose key (a view id) another person's ticket was filed with. */
export const INTAKE_KEY_TAKEN = 'This form cannot be submitted. Nothing was filed: copy what you wrote, close this form and file it again with /ticket.';
/** What is wrong with each input, in words shown under it in the modal (`response_action: errors`). */
export type IntakeErrors = Partial<Record<IntakeField, string>>;

/** A ticket filed (or found filed by this very submission) and its department. */
export interface IntakeReceipt {
  readonly ticket: TicketRow;
  readonly department: DepartmentRow;
  /** False when this submission had already created the ticket. */
  readonly created: boolean;
}

type Routing = { topic: HelpTopicRow; department: DepartmentRow };

/** Files tickets from submitted modals: routes them by help topic, validates the text, and commits the ticket, its first event and its Slack messages in one transaction. */
export class TicketIntakeService {
  constructor(
    private readonly store: TicketStore,
    private readonly catalog: Catalog,
    private readonly clock: Clock,
    /** The wall clock: what is queued for Slack is stamped with real time, whatever `clock` says. */
    private readonly wallClock: Clock,
    private readonly onCommitted: OnTicketChange,
  ) {}

  /** The help topics an employee can file under, by name. */
  async offeredTopics(): Promise<{ id: number; name: string }[]> {
    const topics = await this.catalog.listActiveTopics();
    return topics.map(({ id, name }) => ({ id, name }));
  }

  /**
   * Files a ticket, or answers the ticket this submission already filed. An intake key answers
   * only its own submitter: anyone else submitting with it files nothing and learns nothing
   * (INTAKE_KEY_TAKEN, beside the summary).
   */
  async submit(request: IntakeRequest): Promise<Result<IntakeReceipt, IntakeErrors>> {
    const previous = await this.findSubmitted(request.intakeKey);
    if (previous) return this.answerRepeat(previous, request);

    const text = validateDraftText(request.summary, request.details);
    const routing = await this.route(request.helpTopicId);
    if (!text.ok || !routing.ok) {
      return err({ ...(text.ok ? {} : text.error), ...(routing.ok ? {} : { helpTopic: routing.error }) });
    }
    const { topic, department } = routing.value;
    const slaPlanId = topic.slaPlanId ?? department.slaPlanId;
    const sla = await this.catalog.findPolicy(slaPlanId);

    const now = this.clock();
    const { ticket, event } = openTicket(
      {
        requesterId: request.requesterId,
        summary: text.value.summary,
        details: text.value.details,
        helpTopicId: topic.id,
        departmentId: department.id,
        priority: topic.priority,
        slaPlanId,
        slaFromTopic: topic.slaPlanId !== null,
        sla,
        followUps: followUpsOf(department),
      },
      now,
    );
    try {
      const saved = await this.store.fileTicket(
        {
          ticket,
          origin: { intakeKey: request.intakeKey, sourceChannelId: request.source?.channelId ?? null, sourceMessageTs: request.source?.messageTs ?? null },
          event,
          messages: (ticketId) => [
            ...filingNotifications(ticketId, ticket.priority, department).map((message) => toOutboxRow(message)),
            ...homesToRefresh(null, ticket, [department]).map(toHomeOutboxRow),
          ],
        },
        this.wallClock(),
      );
      this.onCommitted({ ticketNumber: saved.number, actorId: request.requesterId, events: [event.type] });
      return ok({ ticket: saved, department, created: true });
    } catch (error) {
      // Two deliveries of one submission raced; the unique intake key let only one through.
      const winner = await this.findSubmitted(request.intakeKey);
      if (winner) return this.answerRepeat(winner, request);
      throw error;
    }
  }

  private answerRepeat(previous: IntakeReceipt, request: IntakeRequest): Result<IntakeReceipt, IntakeErrors> {
    return previous.ticket.requesterId === request.requesterId ? ok(previous) : err({ summary: INTAKE_KEY_TAKEN });
  }

  private async findSubmitted(intakeKey: string): Promise<IntakeReceipt | null> {
    const ticket = await this.store.direct.tickets.findByIntakeKey(intakeKey);
    if (!ticket) return null;
    const department = await this.catalog.findDepartment(ticket.departmentId);
    if (!department) throw new Error(`Ticket ${ticket.number} refers to a missing department ${ticket.departmentId}`);
    return { ticket, department, created: false };
  }

  private async route(helpTopicId: string | null): Promise<Result<Routing, string>> {
    if (!helpTopicId) return err('Please choose a help topic.');
    const catalog = this.catalog;
    const id = Number(helpTopicId);
    const topic = Number.isSafeInteger(id) ? await catalog.findTopic(id) : null;
    if (!topic || !topic.active) return err('That help topic is no longer offered. Please choose another one.');
    const department = await catalog.findDepartment(topic.departmentId);
    if (!department || !department.active || !department.channelId) {
      return err(`The department that handles “${topic.name}” is not set up right now. Choose another topic or tell your help desk admin.`);
    }
    return ok({ topic, department });
  }
}
