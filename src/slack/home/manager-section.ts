import type { KnownBlock } from '@slack/types';
import { HomeSnapshot } from '../../services/home.service';
import { ManagerOverviewService } from '../../services/manager-overview.service';
import { buildManagerHome } from '../views/manager-home.view';
import { messageLink } from './home-publisher';

/** The blocks the manager's section may take of the Home's 100; the agent's and requester's sections shrink their pages to fit the rest. */
export const MANAGER_BLOCK_BUDGET = 40;

/** The manager's Home section (the manager helper's builder over ManagerOverviewService), for a person who manages a department. */
export const managerHomeSection =
  (overview: ManagerOverviewService, teamUrl: string | null) =>
  async (snapshot: HomeSnapshot): Promise<readonly KnownBlock[] | null> => {
    const blocks = buildManagerHome(await overview.overviewFor(snapshot.userId), {
      blockBudget: MANAGER_BLOCK_BUDGET,
      cardUrl: (ticket) => messageLink(teamUrl, ticket.cardChannelId, ticket.cardTs),
    });
    return blocks.length > 0 ? blocks : null;
  };
