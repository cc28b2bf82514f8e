import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import { formatTicketNumber } from '../../domain/ticket';
import { MergeCandidate } from '../../services/ticket-relations.service';
import { TicketRow } from '../../services/ports/records';
import { ids } from '../ids';
import { context, plain } from './blocks';
import { modal, option } from './work-modals.view';

/** A ticket number as people type it: `1042` or `#1042`; up to nine digits. */
export const TICKET_NUMBER_MAX = 12;

const numberInput = (label: string, optional: boolean): InputBlock => ({
  type: 'input',
  block_id: ids.work.numberBlock,
  label: plain(label),
  optional,
  element: { type: 'plain_text_input', action_id: ids.modal.input, max_length: TICKET_NUMBER_MAX, placeholder: plain('e.g. 1042') },
});

/** How a candidate reads in the select (cut to Slack's 75 characters by `option`). */
const candidateText = (candidate: MergeCandidate): string => `${formatTicketNumber(candidate.number)}${candidate.sameRequester ? ' (same requester)' : ''} ${candidate.summary}`;

/**
 * **Merge into…** from the card's menu: the tickets this one likely duplicates (same requester,
 * similar summary; see merge-candidates.ts) to pick from, or any number typed. The value of each
 * option is the ticket's number, as typed numbers are.
 */
export const buildMergeModal = (ticket: TicketRow, candidates: readonly MergeCandidate[]): ModalView => {
  const choice: KnownBlock =
    candidates.length > 0
      ? {
          type: 'input',
          block_id: ids.work.choiceBlock,
          optional: true,
          label: plain('Merge into'),
          hint: plain("Open tickets of this ticket's requester, and tickets with a similar summary, in this department."),
          element: {
            type: 'static_select',
            action_id: ids.modal.input,
            placeholder: plain('A ticket'),
            options: candidates.slice(0, 100).map((candidate) => option(candidateText(candidate), String(candidate.number))),
          },
        }
      : context('No open ticket of the same requester or with a similar summary was found in this department: type the number below.');
  return modal(ids.work.merge, 'Merge ticket', 'Merge', ticket, [
    context(`Merging closes ${formatTicketNumber(ticket.number)} as a duplicate of another ticket of its department. Its requester is told, and its history is copied into that ticket's thread.`),
    choice,
    numberInput(candidates.length > 0 ? 'Or type its number' : 'Ticket number', true),
  ]);
};

/** **Link ticket…** from the card's menu: the number of a related ticket, of any department the agent works in. */
export const buildLinkModal = (ticket: TicketRow): ModalView =>
  modal(ids.work.link, 'Link ticket', 'Link', ticket, [context('Both cards will list the other ticket, with a link to its card.'), numberInput('Related ticket number', false)]);
