import { RECENTLY_FINISHED_MS } from '../../../services/ticket-lookup.service';
import { requesterListAnswer, staffListAnswer, LIST_ROWS_MAX } from '../../views/ticket-lists.view';
import type { Subcommand } from './subcommand';

const PAGE = { limit: LIST_ROWS_MAX, offset: 0 };

/** `/ticket list`: a requester's open and lately finished tickets; for agents and managers, their queue. */
export const listSubcommand: Subcommand = async ({ userId }, { lookup }) => {
  const roles = await lookup.rolesOf(userId);
  if (roles.staffOf.length === 0) {
    return requesterListAnswer(await lookup.requesterTickets(userId, { open: PAGE, recent: PAGE }), Math.round(RECENTLY_FINISHED_MS / 86_400_000));
  }
  const [mine, unassigned] = await Promise.all([lookup.queue(userId, { scope: 'mine' }, PAGE), lookup.queue(userId, { scope: 'unassigned' }, PAGE)]);
  if (mine.kind !== 'queue' || unassigned.kind !== 'queue') throw new Error('a staff member was answered as not staff');
  return staffListAnswer(
    { mine: mine.page, unassigned: unassigned.page },
    roles.staffOf.map((department) => department.name),
  );
};
