import type { KnownBlock } from '@slack/types';
import { HomeSnapshot } from '../../services/home.service';
import { ManagerOverviewService } from '../../services/manager-overview.service';
import { buildManagerHome } from '../views/manager-home.view';
import { HomeFigures, messageLink } from './home-publisher';

/** The blocks the manager's section may take of the Home's 100; the agent's and requester's sections shrink their pages to fit the rest. */
export const MANAGER_BLOCK_BUDGET = 40;

/** The manager's Home section (the builder over ManagerOverviewService: figures counted now, or for a `recent` refresh at most its `figuresMaxAgeMs` ago), for a person who manages a department. */
export const managerHomeSection =
  (overview: ManagerOverviewService, teamUrl: string | null) =>
  async (snapshot: HomeSnapshot, figures: HomeFigures): Promise<readonly KnownBlock[] | null> => {
    const counted = figures === 'recent' ? await overview.recentOverviewFor(snapshot.userId) : await overview.overviewFor(snapshot.userId);
    const blocks = buildManagerHome(counted, {
      blockBudget: MANAGER_BLOCK_BUDGET,
      cardUrl: (ticket) => messageLink(teamUrl, ticket.cardChannelId, ticket.cardTs),
    });
    return blocks.length > 0 ? blocks : null;
  };
