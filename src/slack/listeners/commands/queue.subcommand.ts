import { notStaffAnswer, queueSnapshotAnswer } from '../../views/ticket-lists.view';
import type { Subcommand } from './subcommand';

/** The most urgent tickets a snapshot reads and groups. */
const SNAPSHOT_ROWS = 200;

/** `/ticket queue`: agents' and managers' snapshot of their departments' open tickets, grouped by due time. */
export const queueSubcommand: Subcommand = async ({ userId }, { lookup }) => {
  const [answer, counts] = await Promise.all([lookup.queue(userId, { scope: 'all' }, { limit: SNAPSHOT_ROWS, offset: 0 }), lookup.statusCounts(userId)]);
  if (answer.kind === 'not_staff' || counts === null) return notStaffAnswer();
  return queueSnapshotAnswer(
    answer.page,
    counts,
    answer.departments.map((department) => department.name),
  );
};
