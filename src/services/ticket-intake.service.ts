import { err, ok, Result } from '../domain/result';
import { openTicket, validateDraftText } from '../domain/ticket-intake';
import { FieldEntry, FieldErrors, TopicField, validateFieldAnswers } from '../domain/topic-fields';
import { DepartmentRow, HelpTopicRow, TicketRow } from './ports/records';
import { TicketStore } from './ports/ticket-store';
import { Catalog, followUpsOf } from './catalog';
import { Clock } from './clock';
import { homesToRefresh, toHomeOutboxRow } from './home-refresh';
import { toOutboxRow } from './outbox-messages';
import { ChangeOrigin, OnTicketChange } from './ticket-change';
import { filingNotifications } from './ticket-notifications';
import { linkFollowUp } from './follow-up-link';

/** A submitted ticket modal, as the listener read it from Slack's payload. */
export interface IntakeRequest {
  /** Identifies one submission (the Slack view id): submitting it again returns the same ticket. */
  readonly intakeKey: string;
  readonly requesterId: string;
  readonly helpTopicId: string | null;
  readonly summary: string;
  readonly details: string;
  /**
   * What the person entered for the help topic's fields, by field name: one key for each field
   * the form showed, even when left empty. A field of the topic the form did not show is asked
   * first (`askFirst`), never held against the person.
   */
  readonly fieldEntries: Readonly<Record<string, FieldEntry>>;
  /** Where the change was asked for, named in its log line (the Slack request); see `ChangeOrigin`. */
  readonly changeOrigin?: ChangeOrigin;
  /** The message a ticket was created from, if any. */
  readonly source: { readonly channelId: string; readonly messageTs: string } | null;
  /** The requester's own closed ticket this one follows up (Still broken after the reopen window): the two are linked. */
  readonly followsUpTicketId?: number | null;
}

/** The modal's inputs a submission can be refused on. */
export type IntakeField = 'helpTopic' | 'summary' | 'details';

/** The answer to a submission whose key (a view id) another person's ticket was filed with. */
export const INTAKE_KEY_TAKEN = 'This form cannot be submitted. Nothing was filed: copy what you wrote, close this form and file it again with /ticket.';
/** A help topic as the New ticket modal offers it, with the questions it asks. */
export interface TopicForm {
  readonly id: number;
  readonly name: string;
  readonly fields: readonly TopicField[];
}

/**
 * Why nothing was filed: a problem per input (`fields`: per field name), or `askFirst`, the
 * topic's form when it asks questions the person was not shown (the modal had not caught up with
 * the topic picked, or helpdesk.yml changed meanwhile): show them, and file nothing yet.
 */
export type IntakeErrors = Partial<Record<IntakeField, string>> & { readonly fields?: FieldErrors; readonly askFirst?: TopicForm };

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

  /** The help topics an employee can file under, by name, with the fields each asks. */
  async offeredTopics(): Promise<TopicForm[]> {
    const topics = await this.catalog.listActiveTopics();
    return topics.map(({ id, name, fields }) => ({ id, name, fields }));
  }

  /** The topic's form, for a topic id as the modal's select holds it; null when that topic is not offered. */
  async topicForm(helpTopicId: string | null): Promise<TopicForm | null> {
    const id = Number(helpTopicId ?? '');
    const topic = helpTopicId && Number.isSafeInteger(id) ? await this.catalog.findTopic(id) : null;
    return topic?.active ? { id: topic.id, name: topic.name, fields: topic.fields } : null;
  }

  /**
   * Files a ticket, or answers the ticket this submission already filed. An intake key answers
   * only its own submitter: anyone else submitting with it files nothing and learns nothing
   * (INTAKE_KEY_TAKEN, beside the summary).
   */
  async submit(request: IntakeRequest): Promise<Result<IntakeReceipt, IntakeErrors>> {
    const previous = await this.findSubmitted(request.intakeKey);
    if (previous) return this.answerRepeat(previous, request);
    const filed = await this.file(request);
    if (filed.ok) await this.linkToFollowedUp(filed.value, request);
    return filed;
  }

  private async file(request: IntakeRequest): Promise<Result<IntakeReceipt, IntakeErrors>> {
    const text = validateDraftText(request.summary, request.details);
    const routing = await this.route(request.helpTopicId);
    if (routing.ok && routing.value.topic.fields.some((field) => !(field.name in request.fieldEntries))) {
      const { topic } = routing.value;
      return err({ askFirst: { id: topic.id, name: topic.name, fields: topic.fields } });
    }
    const answers = routing.ok ? validateFieldAnswers(routing.value.topic.fields, request.fieldEntries) : null;
    if (!text.ok || !routing.ok || !answers?.ok) {
      return err({ ...(text.ok ? {} : text.error), ...(routing.ok ? {} : { helpTopic: routing.error }), ...(answers && !answers.ok ? { fields: answers.error } : {}) });
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
        fieldAnswers: answers.value,
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
      this.onCommitted({ ticketNumber: saved.number, actorId: request.requesterId, events: [event.type] }, request.changeOrigin);
      return ok({ ticket: saved, department, created: true });
    } catch (error) {
      // Two deliveries of one submission raced; the unique intake key let only one through.
      const winner = await this.findSubmitted(request.intakeKey);
      if (winner) return this.answerRepeat(winner, request);
      throw error;
    }
  }

  private async answerRepeat(previous: IntakeReceipt, request: IntakeRequest): Promise<Result<IntakeReceipt, IntakeErrors>> {
    if (previous.ticket.requesterId !== request.requesterId) return err({ summary: INTAKE_KEY_TAKEN });
    // A repeat links what the first submission may not have linked (it stopped between the two transactions).
    await this.linkToFollowedUp(previous, request);
    return ok(previous);
  }

  /** Links a ticket filed with Still broken to the old ticket it follows up (see linkFollowUp), once. */
  private async linkToFollowedUp(receipt: IntakeReceipt, request: IntakeRequest): Promise<void> {
    if (!request.followsUpTicketId) return;
    if (await linkFollowUp(this.store, this.catalog, receipt.ticket, request.followsUpTicketId, this.clock(), this.wallClock())) {
      this.onCommitted({ ticketNumber: receipt.ticket.number, actorId: request.requesterId, events: ['linked'] });
    }
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
