import type { WebClient } from '@slack/web-api';
import { FieldValue } from '../../domain/ticket-event';
import { RelayLocation, RequesterMessage, TicketEventRow, TicketRow } from '../../services/ports/records';
import { DeliveryOutcome } from '../../services/outbox-dispatcher';
import { threadLines } from '../views/ticket-event.view';
import { slackErrorName } from './classify-slack-error';
import { PostOnce } from './post-once';

export interface RelayRefresh {
  readonly ticket: TicketRow;
  readonly message: RequesterMessage;
  /** The message's latest event: its requester_messaged event, its latest edit, or its deletion. */
  readonly latest: TicketEventRow;
  readonly departmentName: (id: FieldValue | undefined) => string;
}

/**
 * Brings the card-thread copy of a requester message to the message's current state: each piece
 * edited in place (`chat.update`, which Slack also marks edited), pieces the new text needs posted
 * after them, pieces it no longer needs removed (`chat.delete`: the bot's own messages need no
 * more than `chat:write`). A deleted message leaves one line saying so where it was. Safe to repeat:
 * updates are idempotent, a piece already removed is skipped, PostOnce skips pieces already posted.
 */
export const refreshRelay = async (client: WebClient, poster: PostOnce, refresh: RelayRefresh): Promise<DeliveryOutcome> => {
  const { ticket, message, latest } = refresh;
  const lines = threadLines({ ticket, event: latest, departmentName: refresh.departmentName });
  let relay: RelayLocation | null = message.relay;
  if (!relay) {
    // Never relayed (the relay was given up): nothing to take back, and an edit is said anew.
    if (message.deletedAt) return { status: 'sent' };
    if (!ticket.cardChannelId || !ticket.cardTs) return { status: 'failed', error: 'the ticket has no card to post under' };
    relay = { channelId: ticket.cardChannelId, threadTs: ticket.cardTs, ts: [] };
  }
  const ts = await rewritePieces(client, poster, relay, lines);
  if (!ts) return { status: 'retry', error: 'chat.postMessage answered without a ts' };
  const location: RelayLocation = { ...relay, ts };
  return { status: 'sent', learned: { fact: 'relay_posted', eventId: message.eventId, relay: location } };
};

/**
 * Makes the thread messages `location.ts` (one per piece) read `lines`: pieces edited in place,
 * missing ones posted after them (PostOnce piece numbers from `firstPiece`), surplus ones
 * deleted. Answers the ts of each piece, or null when Slack answered a post without one.
 */
export const rewritePieces = async (
  client: WebClient,
  poster: PostOnce,
  location: { readonly channelId: string; readonly threadTs: string; readonly ts: readonly string[] },
  lines: readonly string[],
  firstPiece = 0,
): Promise<string[] | null> => {
  const ts: string[] = [];
  for (const [piece, text] of lines.entries()) {
    const existing = location.ts[piece];
    if (existing) {
      await poster.pace({ method: 'chat.update' });
      await client.chat.update({ channel: location.channelId, ts: existing, text });
      ts.push(existing);
    } else {
      const posted = await poster.post(location.channelId, { text }, location.threadTs, firstPiece + piece);
      if (!posted.ts) return null;
      ts.push(posted.ts);
    }
  }
  for (const surplus of location.ts.slice(lines.length)) {
    await poster.pace({ method: 'chat.delete' });
    await deleteIfThere(client, location.channelId, surplus);
  }
  return ts;
};

/** Deletes one of the app's own messages; one an earlier attempt already deleted is fine. */
const deleteIfThere = async (client: WebClient, channel: string, ts: string): Promise<void> => {
  try {
    await client.chat.delete({ channel, ts });
  } catch (error) {
    if (slackErrorName(error) !== 'message_not_found') throw error;
  }
};
