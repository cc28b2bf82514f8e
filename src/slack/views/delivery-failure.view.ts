import { formatTicketNumber } from '../../domain/ticket';
import { section } from './blocks';
import { escapeMrkdwn } from './mrkdwn';
import { SlackMessage } from './ticket-card.view';

/** What each outbox message kind delivers, as a department reads it when Slack refused it. */
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
/** Tells a department that Slack refused a message about one of its tickets. */
export const deliveryFailure = (number: number, failedKind: string, error: string): SlackMessage => {
  const text = `:warning: The help desk could not deliver ${WHAT_FAILED[failedKind] ?? 'a message'} for *${formatTicketNumber(number)}*: Slack answered \`${escapeMrkdwn(error).replace(/`/g, 'ˋ')}\`. The ticket itself is safe; ask your help desk admin to check the app's channels and scopes.`;
  return { text, blocks: [section(text)] };
};
