import type { HomeView, KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { HomeService, HomeSnapshot } from '../../services/home.service';
import { PageOf } from '../../services/ports/ticket-queries';
import { TicketListing } from '../../services/ticket-lookup.service';
import { HomeTicket, TicketPage } from '../views/home-rows';
import { buildHome } from '../views/home.view';
import { buildTicketHistoryModal } from '../views/ticket-history.view';
import type { ModalView } from '@slack/types';

/**
 * A message's permalink as Slack forms it (`https://<workspace>.slack.com/archives/<channel>/p<ts
 * without the dot>`, what chat.getPermalink answers for a top-level message), from the workspace
 * URL auth.test gave at start-up; null when Slack gave none.
 */
export const messageLink = (teamUrl: string | null, channelId: string | null, ts: string | null): string | null => {
  if (!teamUrl || !channelId || !ts) return null;
  return `${teamUrl.replace(/\/?$/, '/')}archives/${channelId}/p${ts.replace('.', '')}`;
};

/** A listing as a Home row shows it. */
export const homeTicketOf = (listing: TicketListing, teamUrl: string | null): HomeTicket => {
  const { ticket } = listing;
  return {
    id: ticket.id,
    number: ticket.number,
    version: ticket.version,
    summary: ticket.summary,
    status: ticket.status,
    priority: ticket.priority,
    departmentName: listing.department?.name ?? 'another department',
    assigneeId: ticket.assigneeId,
    updatedAt: ticket.updatedAt,
    sla: listing.sla,
    cardUrl: messageLink(teamUrl, ticket.cardChannelId, ticket.cardTs),
  };
};

const pageOf = (page: PageOf<TicketListing>, teamUrl: string | null): TicketPage => ({ rows: page.rows.map((listing) => homeTicketOf(listing, teamUrl)), offset: page.offset, total: page.total });

/** The manager's Home section for the departments they manage, or null (the manager helper's builder, once it lands). */
export type ManagerSection = (snapshot: HomeSnapshot) => Promise<readonly KnownBlock[] | null>;

/**
 * Builds and publishes people's Home tabs (views.publish): the snapshot HomeService reads, turned
 * into the view by the pure builders. Used when a person opens the tab, after they act on it, and
 * by the outbox delivery of `publish_home` messages.
 */
export class HomePublisher {
  constructor(
    private readonly homes: HomeService,
    readonly teamUrl: string | null,
    private readonly managerSection: ManagerSection = async () => null,
  ) {}

  /** The Home view of `userId` as it stands now. */
  async viewOf(userId: string): Promise<HomeView> {
    const snapshot = await this.homes.homeOf(userId);
    const { agent } = snapshot;
    return buildHome({
      requester: { open: pageOf(snapshot.requester.open, this.teamUrl), recent: pageOf(snapshot.requester.recent, this.teamUrl) },
      agent: agent
        ? {
            agentId: userId,
            departments: agent.departments.map(({ id, name }) => ({ id, name })),
            filters: agent.filters,
            counts: agent.counts,
            mine: pageOf(agent.mine, this.teamUrl),
            unassigned: pageOf(agent.unassigned, this.teamUrl),
          }
        : null,
      manager: snapshot.managerOf.length > 0 ? await this.managerSection(snapshot) : null,
    });
  }

  /** Publishes the Home of `userId` afresh. Slack's errors are thrown, as the Web API client throws them. */
  async publish(client: WebClient, userId: string): Promise<void> {
    await client.views.publish({ user_id: userId, view: await this.viewOf(userId) });
  }

  /** The View modal of ticket `number` for its requester (public history only), or null when they may not see it. */
  async historyModal(userId: string, number: number): Promise<ModalView | null> {
    const found = await this.homes.publicTicket(userId, number);
    if (!found) return null;
    const names = found.departmentNames;
    return buildTicketHistoryModal(
      homeTicketOf(found.listing, this.teamUrl),
      found.listing.ticket.details,
      found.history,
      (id) => names.get(Number(id)) ?? 'another department',
      found.listing.ticket.fieldAnswers,
    );
  }
}
