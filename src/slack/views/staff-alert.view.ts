import { formatTicketNumber } from '../../domain/ticket';
import { cardButton, quote, sections } from './message-parts';
import { escapeMrkdwn, mentionUser as who } from './mrkdwn';
import { relayText } from './relay-text';
import { SlackMessage } from './ticket-card.view';
import { EventViewContext, eventText } from './ticket-event.view';
import { PRIORITY_LABELS } from './ticket-labels';
import { section } from './blocks';

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
