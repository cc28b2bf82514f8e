import { err, Result } from './result';
import { Ticket } from './ticket';
import { TicketCommand } from './ticket-command';
import { TicketError, ticketError } from './ticket-error';
import { Changes, Plan, planned, requireActive, requireText } from './transition-plan';

/** The summary's limit, as at intake (SUMMARY_MAX_LENGTH of ticket-intake.ts). */
const EDITED_SUMMARY_MAX = 150;

/**
 * Plans a correction by staff: a reason, a summary that is neither empty nor longer than at intake,
 * and at least one change (summary, priority, or help topic with the SLA plan it brings).
 */
export const planEdit = (ticket: Ticket, command: Extract<TicketCommand, { type: 'edit' }>): Result<Plan, TicketError> => {
  const refusal = requireActive(ticket) ?? requireText(command.reason, 'A reason');
  if (refusal) return err(refusal);
  const summary = command.summary.trim();
  if (summary === '') return err(ticketError('TICKET.SUMMARY_INVALID', 'The summary cannot be empty.'));
  if (summary.length > EDITED_SUMMARY_MAX) {
    return err(ticketError('TICKET.SUMMARY_INVALID', `The summary is ${summary.length} characters; keep it to ${EDITED_SUMMARY_MAX}.`));
  }
  const changes: Changes = {
    ...(summary !== ticket.summary ? { summary } : {}),
    ...(command.priority !== ticket.priority ? { priority: command.priority } : {}),
    ...(command.helpTopicId !== ticket.helpTopicId ? { helpTopicId: command.helpTopicId, slaPlanId: command.plan.planId, slaFromTopic: command.plan.fromTopic } : {}),
  };
  if (Object.keys(changes).length === 0) {
    return err(ticketError('TICKET.NOTHING_CHANGED', 'Nothing was changed: edit the summary, the help topic or the priority, or cancel.'));
  }
  return planned('edited', changes, command.reason);
};
/**
 * The SLA plan a ticket has after its help topic changes, by osTicket's rule: a plan chosen by the
 * old help topic gives way to the new topic's plan; a new topic without a plan leaves the
 * department's default (or none); a department's default stays unless the new topic brings its
 * own, since a topic's plan wins over its department's (as at intake). The due time is then
 * computed afresh from when the clock started, leaving out every pause (followSlaClock), so time
 * already spent and time paused both keep counting as they did.
 */
export const planAfterTopicChange = (
  ticket: Pick<Ticket, 'slaPlanId' | 'slaFromTopic'>,
  newTopicPlanId: number | null,
  departmentPlanId: number | null,
): { readonly planId: number | null; readonly fromTopic: boolean } => {
  if (newTopicPlanId !== null) return { planId: newTopicPlanId, fromTopic: true };
  if (ticket.slaFromTopic) return { planId: departmentPlanId, fromTopic: false };
  return { planId: ticket.slaPlanId, fromTopic: false };
};
