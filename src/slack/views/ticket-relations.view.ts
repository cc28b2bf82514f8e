import type { KnownBlock } from '@slack/types';
import { formatTicketNumber, isActive } from '../../domain/ticket';
import { FieldValue } from '../../domain/ticket-event';
import { FOLLOW_UP_SIDES } from '../../domain/ticket-relations';
import { TicketEventRow, TicketLinkKind, TicketRow } from '../../services/ports/records';
import { ids } from '../ids';
import { context, mrkdwn, overflow } from './blocks';
import { mentionUser } from './mrkdwn';
import { encodeTicketRef } from './ticket-ref';

/** A related ticket as a card lists it: how it relates, its number, and a link to its card when it has one. */
export interface CardRelation {
  readonly kind: TicketLinkKind;
  readonly number: number;
  readonly url: string | null;
}

/** How many related tickets of one kind a card lists by number; the rest are counted. */
const LISTED_MAX = 20;

const HEADS: Record<TicketLinkKind, string> = { merged_into: ':twisted_rightwards_arrows: Merged into', merged_from: ':twisted_rightwards_arrows: Merged in', related: ':link: Related' };

const numberLink = ({ number, url }: CardRelation): string => (url ? `<${url}|${formatTicketNumber(number)}>` : formatTicketNumber(number));

/**
 * The card's line of related tickets, each number a link to its card: "Merged into #5 · Merged in
 * #7 · Related #9, #12". A merged ticket reopened since (`closed` false) "was merged into" the other.
 */
export const relationsLine = (relations: readonly CardRelation[], closed = true): string =>
  (['merged_into', 'merged_from', 'related'] as const)
    .map((kind) => relations.filter((relation) => relation.kind === kind))
    .filter((some) => some.length > 0)
    .map((some) => {
      const more = some.length > LISTED_MAX ? ` and ${some.length - LISTED_MAX} more` : '';
      const kind = some[0]?.kind ?? 'related';
      const head = kind === 'merged_into' && !closed ? ':twisted_rightwards_arrows: Was merged into' : HEADS[kind];
      return `${head} ${some.slice(0, LISTED_MAX).map(numberLink).join(', ')}${more}`;
    })
    .join(' · ');

/**
 * The card's related tickets. A ticket still being worked on shows them (or that there are none)
 * with their own ⋮ menu, **Merge into…** and **Link ticket…**, beside the card's main menu, which
 * Slack caps at five options; a resolved or closed ticket shows them, if any, without it.
 */
export const relationsBlock = (ticket: Pick<TicketRow, 'id' | 'version' | 'status'>, relations: readonly CardRelation[]): KnownBlock | null => {
  const line = relationsLine(relations, ticket.status === 'closed');
  if (!isActive(ticket.status)) return relations.length > 0 ? context(line) : null;
  const ref = { ticketId: ticket.id, version: ticket.version };
  return {
    type: 'section',
    block_id: ids.card.relationsBlock,
    text: mrkdwn(relations.length > 0 ? line : '_No related tickets._'),
    accessory: overflow(ids.card.relate, [
      { text: 'Merge into…', value: encodeTicketRef({ ...ref, action: 'merge' }) },
      { text: 'Link ticket…', value: encodeTicketRef({ ...ref, action: 'link' }) },
    ]),
  };
};

const numberOf = (value: FieldValue | undefined): string => formatTicketNumber(Number(value));

/** The card-thread line of a merge or a link; null for any other event. */
export const relationThreadLine = (event: Pick<TicketEventRow, 'type' | 'actorId' | 'after'>): string | null => {
  const actor = mentionUser(event.actorId);
  switch (event.type) {
    case 'merged':
      return `:twisted_rightwards_arrows: ${actor} merged this ticket into ${numberOf(event.after.mergedIntoNumber)} as a duplicate; it is closed.`;
    case 'merged_from':
      return `:twisted_rightwards_arrows: ${actor} merged ${numberOf(event.after.mergedNumber)}, a duplicate from ${mentionUser(String(event.after.mergedRequesterId))}, into this ticket. Its history:`;
    case 'linked':
      if (event.after.followUp === FOLLOW_UP_SIDES.follows) return `:link: ${actor} filed this ticket as a follow-up to ${numberOf(event.after.linkedNumber)}, closed too long ago to reopen.`;
      if (event.after.followUp === FOLLOW_UP_SIDES.followedBy)
        return `:link: ${actor} filed ${numberOf(event.after.linkedNumber)} as a follow-up to this ticket: still broken after the reopen window.`;
      return `:link: ${actor} linked this ticket to ${numberOf(event.after.linkedNumber)}.`;
    default:
      return null;
  }
};

/** What the requester of a duplicate reads in their ticket conversation when it is merged. */
export const mergedRequesterText = (ticket: Pick<TicketRow, 'number'>, event: Pick<TicketEventRow, 'actorId' | 'after'>): string => {
  const into = numberOf(event.after.mergedIntoNumber);
  return `:twisted_rightwards_arrows: Your ticket ${formatTicketNumber(ticket.number)} is about the same problem as ${into}, which the help desk is already working on: ${mentionUser(event.actorId)} merged it into ${into} and closed it here. What you wrote went along with it.`;
};
