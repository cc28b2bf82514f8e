import type { KnownBlock } from '@slack/types';
import { formatTicketNumber, Priority, TicketStatus } from '../../domain/ticket';
import { FieldValue, SYSTEM_ACTOR } from '../../domain/ticket-event';
import { formatDelay } from '../../domain/follow-ups';
import { TicketEventRow } from '../../services/ports/records';
import { TicketRow } from '../../services/ports/records';
import { ids } from '../ids';
import { actions, button, context, section } from './blocks';
import { escapeMrkdwn, mentionUser } from './mrkdwn';
import { splitText } from './text-cuts';
import { relayText } from './relay-text';
import { PRIORITY_LABELS, satisfactionText, STATUS_LABELS } from './ticket-labels';
import { encodeTicketRef } from './ticket-ref';
import { SlackMessage } from './ticket-card.view';
import { cardButton, quote } from './message-parts';
import { EditNames, editedLine, withdrawnLine } from './ticket-edit.view';
import { mergedRequesterText, relationThreadLine } from './ticket-relations.view';

export interface EventViewContext {
  readonly ticket: TicketRow;
  readonly event: TicketEventRow;
  readonly departmentName: (id: FieldValue | undefined) => string;
  /** Whom a DM is for, when it matters how it reads (the previous assignee of a ticket taken over). */
  readonly recipientId?: string;
  /** Help topic and SLA plan names, for the line of an edit; ids show without them. */
  readonly names?: EditNames;
}

/** Slack limits a message section to 3,000 characters; longer texts are split, never cut. */
const PIECE = 2900;

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
  return splitText(head, PIECE);
};

const sections = (text: string): KnownBlock[] => splitText(text, PIECE).map((piece) => section(piece));

/** What the requester hears in their ticket DM thread; null when the change is not theirs to see. */
export const requesterUpdate = ({ ticket, event, departmentName }: EventViewContext): SlackMessage | null => {
  const number = formatTicketNumber(ticket.number);
  const text = eventText(event);
  switch (event.type) {
    case 'assigned':
      return plainMessage(`${who(String(event.after.assigneeId))} is now working on your ticket ${number}.`);
    case 'transferred':
      return plainMessage(`Your ticket ${number} was passed to ${escapeMrkdwn(departmentName(event.after.departmentId))}, who are better placed to help.`);
    case 'replied': {
      const head = `${who(event.actorId)} from the help desk replied on ${number}:`;
      const tail = event.after.status === 'waiting' ? 'Reply in this thread to answer.' : 'Reply in this thread if you want to add something.';
      return { text: `${head} ${text}`, blocks: [...sections(`${head}\n${quote(text)}`), context(tail)] };
    }
    case 'resolved': {
      const head = `:white_check_mark: Your ticket ${number} was resolved by ${who(event.actorId)}:`;
      const value = encodeTicketRef({ ticketId: ticket.id, version: ticket.version });
      return {
        text: `${head} ${text}`,
        blocks: [
          ...sections(`${head}\n${quote(text)}`),
          actions('ticket_resolution', [button('That fixed it', ids.requester.fixed, value, 'primary'), button('Still broken', ids.requester.stillBroken, value)]),
        ],
      };
    }
    case 'closed': {
      const text =
        event.actorId === SYSTEM_ACTOR ? `Your ticket ${number} was closed automatically: ${eventText(event)}` : `Your ticket ${number} is closed. If the problem comes back, reopen it here.`;
      const value = encodeTicketRef({ ticketId: ticket.id, version: ticket.version });
      return { text, blocks: [...sections(text), actions('ticket_closed', [button('Reopen', ids.requester.stillBroken, value)])] };
    }
    case 'requester_reminded':
      return {
        text: `:bell: Your ticket ${number} is waiting on your answer. ${text}`,
        blocks: [...sections(`:bell: Your ticket ${number} is waiting on your answer.\n${text}`), context('Reply in this thread to answer.')],
      };
    case 'withdrawn': {
      const text = `You withdrew your ticket ${number}; it is closed and the team has been told. If you need it after all, reopen it here.`;
      const value = encodeTicketRef({ ticketId: ticket.id, version: ticket.version });
      return { text, blocks: [section(text), actions('ticket_closed', [button('Reopen', ids.requester.stillBroken, value)])] };
    }
    case 'merged':
      return plainMessage(mergedRequesterText(ticket, event));
    case 'reopened':
      return plainMessage(
        event.actorId === ticket.requesterId ? `You reopened ${number}; the team has been told.` : `${who(event.actorId)} reopened your ticket ${number}; the help desk is on it again.`,
      );
    case 'watcher_added':
      return plainMessage(`:eyes: ${who(event.actorId)} added ${who(String(event.after.watcherId))} as a watcher of ${number}: they see the help desk's replies and can write to it.`);
    case 'watcher_removed':
      return plainMessage(`:eyes: ${who(String(event.before.watcherId))} no longer watches ${number}.`);
    default:
      return null;
  }
};

const plainMessage = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

/** A DM to one agent or manager: an assignment, or an escalation alert. */
export const staffMessage = ({ ticket, event, recipientId }: EventViewContext): SlackMessage | null => {
  const title = `${formatTicketNumber(ticket.number)} ${relayText(ticket.summary)}`;
  const newAssignee = String(event.after.assigneeId);
  if (event.type === 'assigned' && recipientId !== undefined && recipientId !== newAssignee) {
    const how = event.actorId === newAssignee ? `${who(event.actorId)} took over *${title}* from you.` : `${who(event.actorId)} assigned *${title}* to ${who(newAssignee)}.`;
    const text = `${how} It is no longer yours.`;
    return { text, blocks: [section(text), ...cardButton(ticket)] };
  }
  if (event.type === 'assigned') {
    const text = `${who(event.actorId)} assigned you *${title}* (${PRIORITY_LABELS[ticket.priority]}).`;
    return { text, blocks: [section(text), ...cardButton(ticket)] };
  }
  if (event.type === 'escalated') {
    const text = `:rotating_light: *Escalation alert*: *${title}* was escalated by ${who(event.actorId)} to level ${ticket.escalationLevel}, priority ${PRIORITY_LABELS[ticket.priority]}.`;
    return { text, blocks: [...sections(`${text}\n*Reason*\n${quote(eventText(event))}`), ...cardButton(ticket)] };
  }
  if (event.type === 'sla_warning') {
    const text = `:hourglass_flowing_sand: *${title}* is ${eventText(event)}.`;
    return { text, blocks: [section(text), ...cardButton(ticket)] };
  }
  if (event.type === 'assignee_nudged') {
    const text = `:zzz: *${title}* ${eventText(event)}`;
    return { text, blocks: [...sections(text), ...cardButton(ticket)] };
  }
  if (event.type === 'first_response_warning') {
    const text = `:hourglass_flowing_sand: *${title}* is ${eventText(event)}: nobody has replied to the requester yet.`;
    return { text, blocks: [section(text), ...cardButton(ticket)] };
  }
  if (event.type === 'first_response_overdue') {
    const text = `:warning: *First response overdue*: *${title}* is ${eventText(event)}.`;
    return { text, blocks: [section(text), ...cardButton(ticket)] };
  }
  if (event.type === 'overdue' || event.type === 'sla_escalated') {
    const text = `:rotating_light: *Escalation alert*: *${title}* is ${eventText(event)} (SLA breach, escalation level ${ticket.escalationLevel}).`;
    return { text, blocks: [section(text), ...cardButton(ticket)] };
  }
  return null;
};

/** A top-level alert in a channel: a ticket transferred in, or an escalation. */
export const channelAlert = (context: EventViewContext, staffIds: readonly string[]): SlackMessage | null => {
  const { ticket, event, departmentName } = context;
  const title = `${formatTicketNumber(ticket.number)} ${relayText(ticket.summary)}`;
  if (event.type === 'transferred') {
    const mentions = staffIds.map(who).join(' ');
    const text = `:inbox_tray: ${mentions} *${title}* was transferred here from ${escapeMrkdwn(departmentName(event.before.departmentId))} by ${who(event.actorId)}: ${eventText(event)}`;
    return { text, blocks: [...sections(text), ...cardButton(ticket)] };
  }
  if (event.type === 'overdue') {
    const text = `:warning: *SLA breach*: *${title}* is ${eventText(event)}.`;
    return { text, blocks: [section(text), ...cardButton(ticket)] };
  }
  if (event.type === 'first_response_warning') {
    const text = `:hourglass_flowing_sand: *${title}* is ${eventText(event)}, and nobody is assigned.`;
    return { text, blocks: [section(text), ...cardButton(ticket)] };
  }
  if (event.type === 'sla_warning') {
    const text = `:hourglass_flowing_sand: *${title}* is ${eventText(event)} and nobody is assigned.`;
    return { text, blocks: [section(text), ...cardButton(ticket)] };
  }
  return staffMessage(context);
};

/** At most this many tickets are listed by number; the rest are counted. */
const SUMMARY_MAX_ITEMS = 150;
/**
 * Sections the list of tickets may take: a message holds at most 50 blocks (Slack's
 * chat.postMessage), and the head and the closing note take two. The list's length in sections
 * depends on how much the summaries grow when escaped (an `&` becomes `&amp;`), so it is measured.
 */
const SUMMARY_MAX_SECTIONS = 45;

export interface BreachSummaryItem {
  readonly number: number;
  readonly summary: string;
}

/** The tickets' lines, and "…and N more" for those past `count`. */
const breachLines = (lines: readonly string[], count: number): string => [...lines.slice(0, count), ...(lines.length > count ? [`…and ${lines.length - count} more.`] : [])].join('\n');

/** How many of `lines`, joined by line breaks, end within the first `length` code units. */
const linesWithin = (lines: readonly string[], length: number): number => {
  let end = 0;
  const count = lines.findIndex((line) => (end += line.length + 1) > length);
  return count < 0 ? lines.length : count;
};

/** One message for a storm of breaches in one department, instead of one message each; at most 50 blocks, whatever the summaries hold. */
export const breachSummary = (departmentName: string, items: readonly BreachSummaryItem[], idleSeconds?: number): SlackMessage => {
  const head =
    idleSeconds === undefined
      ? `:warning: *SLA breach*: ${items.length} ${escapeMrkdwn(departmentName)} tickets are past their due time.`
      : `:zzz: *Nobody on these*: ${items.length} unassigned ${escapeMrkdwn(departmentName)} tickets have had no activity for ${formatDelay(idleSeconds)}.`;
  const note = idleSeconds === undefined ? "Each ticket's card is marked overdue; their assignees were told directly." : 'Each ticket waits for someone to click Assign to me on its card.';
  const lines = items.map((item) => `• *${formatTicketNumber(item.number)}* ${relayText(item.summary)}`);
  const listed = Math.min(lines.length, SUMMARY_MAX_ITEMS);
  const pieces = splitText(breachLines(lines, listed), PIECE);
  // Too long: keep the lines that end within all but the last section, which "…and N more" may need.
  const fitting = pieces.length <= SUMMARY_MAX_SECTIONS ? listed : linesWithin(lines, pieces.slice(0, SUMMARY_MAX_SECTIONS - 1).join('').length);
  return {
    text: head,
    blocks: [section(head), ...sections(breachLines(lines, fitting)), context(note)],
  };
};

/** Replaces the requester's resolution buttons with what they chose. */
export const settledPrompt = ({ ticket, event }: EventViewContext): SlackMessage => {
  const number = formatTicketNumber(ticket.number);
  const outcome =
    event.type !== 'closed'
      ? `You said ${number} is still broken; it is reopened.`
      : event.actorId === SYSTEM_ACTOR
        ? `No answer came; ${number} was closed automatically.`
        : `You confirmed the fix; ${number} is closed.`;
  return { text: outcome, blocks: [section(`:white_check_mark: ${number} was resolved.`), context(outcome)] };
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
  return splitText(`*History of ${formatTicketNumber(ticket.number)} so far*\n${lines.join('\n')}`, PIECE);
};

export const WHAT_FAILED: Record<string, string> = {
  post_ticket_card: 'the ticket card',
  update_ticket_card: 'an update of the ticket card',
  retire_ticket_card: 'the "transferred" note on the old card',
  thread_history: "the history in the new card's thread",
  merge_history: "a merged ticket's history in the card's thread",
  confirm_to_requester: "the requester's confirmation DM",
  requester_update: 'a message to the requester',
  thread_line: "a line in the card's thread",
  staff_dm: 'a DM to an agent or manager',
  channel_alert: 'a channel alert',
  settle_requester_prompt: "the update of the requester's resolution buttons",
  refresh_relay: "an edit or deletion of a requester message in the card's thread",
  event_answer: 'an answer to a message of the requester',
  refresh_history: "an update of the history in a transferred ticket's card thread",
  watcher_update: 'a message to a watcher',
  copy_files_to_card: "a copy of the requester's files in the card's thread",
  copy_files_to_requester: "a copy of an agent's files in the requester's thread",
  copy_files_to_watcher: "a copy of an agent's files in a watcher's thread",
  satisfaction_question: "the requester's How did we do? question",
  settle_satisfaction_question: "the update of the requester's How did we do? question with their answer",
};

/** Where to write, for a DM message outside any ticket thread. */
const WHERE_TO_WRITE = 'To add to a ticket, reply in its thread here. To file a new ticket, use `/ticket`.';
const NOT_PASSED_ON = 'This ticket is resolved or closed, so your message was not passed on. Use *Still broken* or *Reopen* above to reopen it, and your message can go with it.';

/** The app's answer to a requester's DM message it did not relay (see the `event_answer` outbox message). */
export const eventAnswer = (answer: 'where_to_write' | 'not_passed_on' | 'refused', detail: string | undefined): { text: string } => {
  if (answer === 'where_to_write') return { text: WHERE_TO_WRITE };
  if (answer === 'not_passed_on') return { text: NOT_PASSED_ON };
  return { text: escapeMrkdwn(detail ?? 'Your message was not passed on.') };
};

/** Tells a department that Slack refused a message about one of its tickets. */
export const deliveryFailure = (number: number, failedKind: string, error: string): SlackMessage => {
  const text = `:warning: The help desk could not deliver ${WHAT_FAILED[failedKind] ?? 'a message'} for *${formatTicketNumber(number)}*: Slack answered \`${escapeMrkdwn(error)}\`. The ticket itself is safe; ask your help desk admin to check the app's channels and scopes.`;
  return { text, blocks: [section(text)] };
};
