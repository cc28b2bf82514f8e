import { formatTicketNumber, Priority, TicketStatus } from '../../domain/ticket';
import { FieldValue, SYSTEM_ACTOR } from '../../domain/ticket-event';
import { TicketEventRow } from '../../services/ports/records';
import { TicketRow } from '../../services/ports/records';
import { escapeMrkdwn, mentionUser } from './mrkdwn';
import { splitText } from './text-cuts';
import { relayText } from './relay-text';
import { PRIORITY_LABELS, satisfactionText, STATUS_LABELS } from './ticket-labels';
import { quote, SECTION_PIECE } from './message-parts';
import { EditNames, editedLine, withdrawnLine } from './ticket-edit.view';
import { relationThreadLine } from './ticket-relations.view';

/** A ticket event with what its message needs: the ticket now, department and topic names, whom a DM is for. */
export interface EventViewContext {
  readonly ticket: TicketRow;
  readonly event: TicketEventRow;
  readonly departmentName: (id: FieldValue | undefined) => string;
  /** Whom a DM is for, when it matters how it reads (the previous assignee of a ticket taken over). */
  readonly recipientId?: string;
  /** Help topic and SLA plan names, for the line of an edit; ids show without them. */
  readonly names?: EditNames;
}
/**
 * The words that came with an event, ready for mrkdwn: what people wrote (stored decoded, see
 * `readableSlackText`) goes through the relay tokenizer, so it renders as typed and pings nobody.
 */
export const eventText = (event: Pick<TicketEventRow, 'text'>): string => relayText(event.text ?? '');

const who = (userId: string): string => mentionUser(userId);
const status = (value: FieldValue | undefined): string => STATUS_LABELS[value as TicketStatus] ?? String(value);
const priority = (value: FieldValue | undefined): string => PRIORITY_LABELS[value as Priority] ?? String(value);

/** One line in the card's thread saying who did what; long texts come in several pieces. */
export const threadLines = ({ ticket, event, departmentName, names }: EventViewContext): string[] => {
  const actor = event.actorId === SYSTEM_ACTOR ? 'The help desk' : who(event.actorId);
  const text = eventText(event);
  const statusChange = event.after.status !== undefined ? ` Status: ${status(event.after.status)}.` : '';
  const head = (() => {
    switch (event.type) {
      case 'created':
        return `${actor} filed this ticket.`;
      case 'assigned':
        return event.after.assigneeId === event.actorId ? `${actor} assigned this to themselves.` : `${actor} assigned this to ${who(String(event.after.assigneeId))}.`;
      case 'released':
        return `${actor} released this ticket; it is unassigned.`;
      case 'transferred':
        return `Transferred from ${escapeMrkdwn(departmentName(event.before.departmentId))} to ${escapeMrkdwn(departmentName(event.after.departmentId))} by ${actor}: ${text}`;
      case 'escalated':
        return `:rotating_light: ${actor} escalated this (level ${String(event.after.escalationLevel)}), priority ${priority(event.after.priority ?? event.before.priority ?? ticket.priority)}: ${text}`;
      case 'replied':
        return `:speech_balloon: *Reply to requester* from ${actor} (the requester sees this):${statusChange}\n${quote(text)}`;
      case 'noted':
        return `:lock: *Internal note* from ${actor} (the requester does not see this):\n${quote(text)}`;
      case 'requester_messaged':
        // A deleted message's text is erased; the thread line says only that there was one.
        if (event.text === null) return `:wastebasket: ${actor} (requester) sent a message and deleted it.${statusChange}`;
        return `:envelope: ${actor} (requester): ${text}${statusChange}`;
      case 'requester_edited':
        return event.text === null ? `:wastebasket: ${actor} (requester) edited a message and deleted it.` : `:envelope: ${actor} (requester, edited): ${text}${statusChange}`;
      case 'requester_deleted':
        return `:wastebasket: ${actor} (requester) deleted this message.`;
      case 'waiting':
        return `${actor} marked this as waiting on the requester.`;
      case 'resolved':
        return `:white_check_mark: ${actor} resolved this:\n${quote(text)}`;
      case 'closed':
        return `${actor} closed this ticket.${event.text ? ` ${text}` : ''}`;
      case 'reopened':
        return `:leftwards_arrow_with_hook: ${actor} reopened this ticket.${statusChange}${text ? `\n${quote(text)}` : ''}`;
      case 'refused':
        return `:no_entry: ${actor} tried to ${text}`;
      case 'sla_warning':
        return `:hourglass_flowing_sand: ${formatTicketNumber(ticket.number)} is ${text}.`;
      case 'overdue':
        return `:warning: *Overdue*: ${formatTicketNumber(ticket.number)} is ${text}.`;
      case 'sla_escalated':
        return `:rotating_light: Still overdue: ${formatTicketNumber(ticket.number)} was ${text}.`;
      case 'watcher_added':
        return `:eyes: ${actor} added ${who(String(event.after.watcherId))} as a watcher: they hear what the requester hears and can write here.`;
      case 'watcher_removed':
        return event.before.watcherId === event.actorId ? `:eyes: ${actor} stopped watching this ticket.` : `:eyes: ${actor} removed ${who(String(event.before.watcherId))} from the watchers.`;
      case 'watcher_messaged':
        return `:eyes: ${actor} (watcher): ${text}`;
      case 'first_response_warning':
        return `:hourglass_flowing_sand: ${formatTicketNumber(ticket.number)} is ${text}: nobody has replied to the requester yet.`;
      case 'first_response_overdue':
        return `:warning: *First response overdue*: ${formatTicketNumber(ticket.number)} is ${text}.`;
      case 'assignee_nudged':
        return `:zzz: ${formatTicketNumber(ticket.number)} ${text}`;
      case 'requester_reminded':
        return `:bell: The requester was reminded that this waits on their answer: ${text}`;
      case 'edited':
        return editedLine(actor, event, names ?? null);
      case 'withdrawn':
        return withdrawnLine(actor, event);
      case 'merged':
      case 'merged_from':
      case 'linked':
        return relationThreadLine(event) ?? '';
      case 'satisfaction_rated':
        return `:star: ${actor} (requester) said how we did: *${satisfactionText(Number(event.after.satisfaction))}*${event.text ? `\n${quote(text)}` : ''}`;
    }
  })();
  return splitText(head, SECTION_PIECE);
};

/**
 * The history a new card's thread starts with after a transfer, in pieces of at most 2,900
 * characters. `latestEdits` maps a requester_messaged event's id to the latest requester_edited
 * event of that message (from the requester-message map, later than `events` too): the message's
 * line shows those words, marked edited, and no edit gets a line of its own, so no superseded
 * words are quoted. A deleted message's words are already erased from the history.
 */
export const historySummary = (
  ticket: TicketRow,
  events: readonly TicketEventRow[],
  departmentName: EventViewContext['departmentName'],
  latestEdits: ReadonlyMap<number, TicketEventRow> = new Map(),
): string[] => {
  const lines = events
    // The message's own line carries its latest words, or says it was deleted.
    .filter((event) => event.type !== 'refused' && event.type !== 'requester_deleted' && event.type !== 'requester_edited')
    .map((event) => {
      const edit = event.type === 'requester_messaged' && event.text !== null ? latestEdits.get(event.id) : undefined;
      const shown: TicketEventRow = edit && edit.text !== null ? { ...event, type: 'requester_edited', text: edit.text } : event;
      // Whole entries: a reply or a note is quoted under its heading, and the new department reads it all.
      return `• ${threadLines({ ticket, event: shown, departmentName }).join('')}`;
    });
  return splitText(`*History of ${formatTicketNumber(ticket.number)} so far*\n${lines.join('\n')}`, SECTION_PIECE);
};
