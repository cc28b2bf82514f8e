import { TicketRow } from '../../src/persistence/entities/ticket.entity';
import { aTicket } from '../domain/ticket-fixtures';

/** A stored ticket as view builders receive it: the domain fixture with no Slack locations yet, unless given. */
export const aTicketRow = (overrides: Partial<TicketRow> = {}): TicketRow => ({
  ...aTicket(),
  sourceChannelId: null,
  sourceMessageTs: null,
  sourcePermalink: null,
  intakeKey: 'V1',
  cardChannelId: null,
  cardTs: null,
  requesterDmChannelId: null,
  requesterDmTs: null,
  requesterPromptTs: null,
  ...overrides,
});
