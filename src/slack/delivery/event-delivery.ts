import { DeliveryOutcome } from '../../services/outbox-dispatcher';
import { OutboxMessage } from '../../services/outbox-messages';
import { TicketRow } from '../../services/ports/records';
import { EventViewContext, threadLines } from '../views/ticket-event.view';
import { requesterUpdate, settledPrompt } from '../views/requester-update.view';
import { channelAlert, staffMessage } from '../views/staff-alert.view';
import { DeliveryContext, departmentNameIn, failed, retry, SENT, updateMessage } from './delivery-context';
import { PostOnce } from './post-once';

/** Events whose message to the requester carries buttons they answer: their prompt. */
const PROMPTS = new Set<string>(['resolved', 'closed', 'withdrawn']);
/** Events whose message the requester must act on (an agent's reply, the resolution prompt): broadcast from the thread to their DM. */
const BROADCAST = new Set<string>(['replied', 'resolved']);

/** The outbox messages that tell people of one ticket event. */
export type EventMessage = Extract<OutboxMessage, { kind: 'thread_line' | 'requester_update' | 'staff_dm' | 'channel_alert' | 'settle_requester_prompt' }>;

/**
 * Tells of one ticket event where the message says: a line in the card's thread, an update in
 * the requester's conversation, a DM to a member of staff, an alert in a channel, or the
 * requester's answered prompt settled. Returns what Slack taught the app (where a relay, a
 * conversation or a prompt now is).
 */
export const deliverEventMessage = async (context: DeliveryContext, ticket: TicketRow, message: EventMessage, poster: PostOnce): Promise<DeliveryOutcome> => {
  const event = await context.reads.event(message.eventId);
  if (!event) return failed(`event ${message.eventId} not found`);
  const departments = await context.catalog.listDepartments();
  const [topics, plans]: [ReadonlyMap<number, { name: string }>, ReadonlyMap<number, { name: string }>] =
    event.type === 'edited' ? await Promise.all([context.catalog.listTopics(), context.catalog.listPlans()]) : [new Map(), new Map()];
  const view: EventViewContext = {
    ticket,
    event,
    departmentName: departmentNameIn(departments),
    names: { topicName: (id) => topics.get(Number(id))?.name ?? 'a removed help topic', planName: (id) => plans.get(Number(id))?.name ?? 'a removed SLA plan' },
    ...(message.kind === 'staff_dm' ? { recipientId: message.userId } : {}),
  };
  switch (message.kind) {
    case 'thread_line': {
      if (!ticket.cardChannelId || !ticket.cardTs) return failed('the ticket has no card to post under');
      const ts: string[] = [];
      for (const [index, text] of threadLines(view).entries()) ts.push((await poster.post(ticket.cardChannelId, { text }, ticket.cardTs, index)).ts ?? '');
      if (event.type !== 'requester_messaged') return SENT;
      // Where the requester's message is relayed, for when they edit or delete it.
      return { status: 'sent', learned: { fact: 'relay_posted', eventId: event.id, relay: { channelId: ticket.cardChannelId, threadTs: ticket.cardTs, ts } } };
    }
    case 'requester_update': {
      const update = requesterUpdate(view);
      if (!update) return SENT;
      // Without a conversation (Slack refused the confirmation for good) the update starts one, in the requester's DM.
      const started = !ticket.requesterDmChannelId || !ticket.requesterDmTs;
      const channel = started ? await context.dmChannels.of(ticket.requesterId, context.pace) : ticket.requesterDmChannelId;
      if (!channel) return retry('conversations.open answered without a channel');
      // What the requester must act on is also sent to the DM itself: Slack notifies no one of a thread they never joined.
      const posted = await poster.post(channel, update, started ? null : ticket.requesterDmTs, 0, BROADCAST.has(event.type));
      if (started && !posted.ts) return retry('chat.postMessage answered without a ts');
      // A prompt (buttons to answer) is recorded where it was posted, as a card is: the only message its answer may edit.
      const promptTs = PROMPTS.has(event.type) ? posted.ts : undefined;
      if (started && posted.ts) return { status: 'sent', learned: { fact: 'requester_thread_started', ticketId: ticket.id, channelId: channel, ts: posted.ts, ...(promptTs ? { promptTs } : {}) } };
      if (promptTs) return { status: 'sent', learned: { fact: 'prompt_posted', ticketId: ticket.id, ts: promptTs } };
      return SENT;
    }
    case 'staff_dm': {
      const dm = staffMessage(view);
      if (!dm) return SENT;
      const channel = await context.dmChannels.of(message.userId, context.pace);
      if (!channel) return retry('conversations.open answered without a channel');
      await poster.post(channel, dm);
      return SENT;
    }
    case 'channel_alert': {
      const department = departments.get(ticket.departmentId);
      const staff = department ? [...department.agentIds, ...department.managerIds] : [];
      // The department's own channel gets the breach warning; an escalation channel, the escalation alert.
      // A message queued before templates were named: the department's own channel gets its alert, any other the staff's.
      const template = message.template ?? (message.channelId === department?.channelId ? 'department_alert' : 'staff_alert');
      const alert = template === 'department_alert' ? channelAlert(view, staff) : staffMessage(view);
      if (alert) {
        await poster.post(message.channelId, alert);
        context.health.works(message.channelId);
      }
      return SENT;
    }
    case 'settle_requester_prompt': {
      // Only the prompt the app stored when it posted it; a prompt never recorded (posted before the app kept them) stays as it is.
      const channel = ticket.requesterDmChannelId;
      const ts = ticket.requesterPromptTs;
      if (!channel || !ts) return SENT;
      const settled = settledPrompt(view);
      await updateMessage(context, { channel, ts, text: settled.text, blocks: settled.blocks });
      return { status: 'sent', learned: { fact: 'prompt_settled', ticketId: ticket.id, ts } };
    }
  }
};
