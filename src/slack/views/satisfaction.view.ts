import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import { SATISFACTION_COMMENT_MAX, SATISFACTION_RATINGS, SatisfactionRating } from '../../domain/satisfaction';
import { formatTicketNumber } from '../../domain/ticket';
import { SatisfactionRecord } from '../../services/ports/records';
import { ids } from '../ids';
import { actions, button, context, plain, section } from './blocks';
import { relayText } from './relay-text';
import { truncateText } from './text-cuts';
import { SATISFACTION_LABELS, satisfactionText } from './ticket-labels';
import { SlackMessage } from './ticket-card.view';

const rating = z.union(SATISFACTION_RATINGS.map((value) => z.literal(value)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>, z.ZodLiteral<4>, z.ZodLiteral<5>]);

/** What a How did we do? button carries: the ticket and the rating it stands for. */
export const satisfactionChoiceSchema = z.object({ ticketId: z.number().int().positive(), rating });
export type SatisfactionChoice = z.infer<typeof satisfactionChoiceSchema>;

/** What the comment modal carries in `private_metadata`: the ticket. */
export const satisfactionModalMetadataSchema = z.object({ ticketId: z.number().int().positive() });

/** The action id of one rating's button: unique within the message, as Slack requires (`satisfaction_rate:5`). */
export const satisfactionActionId = (value: SatisfactionRating): string => `${ids.satisfaction.rate}:${value}`;

/** The comment on a card is cut to this many characters; the history has it whole. */
const CARD_COMMENT_MAX = 300;

/**
 * The question in the requester's ticket DM thread once their ticket closed: five buttons, best
 * first; a click opens the modal for an optional comment (issue 18).
 */
export const buildSatisfactionQuestion = (ticketId: number, number: number): SlackMessage => {
  const text = `*How did we do?* ${formatTicketNumber(number)} is closed. How was the help you got?`;
  const choices = [...SATISFACTION_RATINGS].reverse().map((value) => button(SATISFACTION_LABELS[value] ?? String(value), satisfactionActionId(value), JSON.stringify({ ticketId, rating: value })));
  return {
    text: `How did we do? ${formatTicketNumber(number)} is closed. How was the help you got?`,
    blocks: [section(text), actions(ids.satisfaction.actionsBlock, choices), context('One click answers; you can add a comment on the next step. Your answer goes to the team that helped you.')],
  };
};

const ratingOption = (value: SatisfactionRating): PlainTextOption => ({ text: plain(satisfactionText(value)), value: String(value) });

/** The modal a rating's click opens: the rating (changeable) and an optional comment. */
export const buildSatisfactionModal = (ticketId: number, number: number, chosen: SatisfactionRating): ModalView => ({
  type: 'modal',
  callback_id: ids.satisfaction.modal,
  title: plain('How did we do?'),
  submit: plain('Send'),
  close: plain('Cancel'),
  private_metadata: JSON.stringify({ ticketId }),
  blocks: [
    context(`Your answer about ${formatTicketNumber(number)}.`),
    {
      type: 'input',
      block_id: ids.satisfaction.ratingBlock,
      label: plain('How was the help you got?'),
      element: { type: 'radio_buttons', action_id: ids.modal.input, options: [...SATISFACTION_RATINGS].reverse().map(ratingOption), initial_option: ratingOption(chosen) },
    },
    {
      type: 'input',
      block_id: ids.satisfaction.commentBlock,
      label: plain('Comment'),
      optional: true,
      hint: plain('Optional. The team that helped you reads it.'),
      element: { type: 'plain_text_input', action_id: ids.modal.input, multiline: true, max_length: SATISFACTION_COMMENT_MAX },
    },
  ],
});

/** The question once answered: what the requester said, without buttons. */
export const buildSatisfactionAnswered = (number: number, answer: Pick<SatisfactionRecord, 'rating' | 'comment'>): SlackMessage => {
  const said = `You told us how we did on ${formatTicketNumber(number)}: *${satisfactionText(answer.rating ?? 0)}*`;
  const blocks: KnownBlock[] = [section(`:pray: Thank you! ${said}`)];
  if (answer.comment) blocks.push(context(relayText(truncateText(answer.comment, CARD_COMMENT_MAX))));
  return { text: `Thank you! You told us how we did on ${formatTicketNumber(number)}: ${satisfactionText(answer.rating ?? 0)}`, blocks };
};

/** The card's line for the requester's answer: the rating and the start of their comment; null before they answered. */
export const cardSatisfactionLine = (answer: Pick<SatisfactionRecord, 'rating' | 'comment'> | null): string | null => {
  if (!answer || answer.rating === null) return null;
  const comment = answer.comment ? `: “${relayText(truncateText(answer.comment, CARD_COMMENT_MAX))}”` : '';
  return `:star: *Requester's satisfaction*: ${satisfactionText(answer.rating)}${comment}`;
};
