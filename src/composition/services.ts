import type { Logger } from '@slack/logger';
import { scopeOfOrigin } from '../observability/request-timing';
import { Database } from '../persistence/database';
import { SqlHomeStates } from '../persistence/home-states';
import { SqlManagerStatistics } from '../persistence/manager-statistics';
import { SqlTicketQueries } from '../persistence/ticket-queries';
import { SqlTicketSearch } from '../persistence/ticket-search';
import { SqlTicketStore } from '../persistence/ticket-store';
import { AttachmentLimits, DEFAULT_ATTACHMENT_LIMITS } from '../services/attachments';
import { addWatcherIn } from '../services/ticket-watchers';
import { Catalog } from '../services/catalog';
import { Clock } from '../services/clock';
import { HomeService } from '../services/home.service';
import { ManagerOverviewService } from '../services/manager-overview.service';
import { PeopleDirectory } from '../services/ports/people-directory';
import { ManagerDigestService } from '../services/manager-digest.service';
import { RequesterConversationService } from '../services/requester-conversation.service';
import { SatisfactionService } from '../services/satisfaction.service';
import { SlaSweepService } from '../services/sla-sweep.service';
import { FollowUpSweepService } from '../services/follow-up-sweep.service';
import { OnTicketChange } from '../services/ticket-change';
import { TicketIntakeService } from '../services/ticket-intake.service';
import { TicketLookupService } from '../services/ticket-lookup.service';
import { TicketSearchService } from '../services/ticket-search.service';
import { DIGEST_DELAY_MS, TicketWorkflowService } from '../services/ticket-workflow.service';
import { TicketRelationsService } from '../services/ticket-relations.service';
import { CannedResponses } from '../services/canned-responses';
import { HelpdeskConfig } from '../config/helpdesk-config';
import { HomePublisher } from '../slack/home/home-publisher';
import { managerHomeSection } from '../slack/home/manager-section';

/** What the business clock (ticket logic, SLA due times) and the wall clock (what is queued for Slack) say. */
export interface Clocks {
  readonly clock: Clock;
  readonly wallClock: Clock;
}

/**
 * The read side: ticket lookups, the App Home's state and the managers' figures over their ports
 * (TicketQueries, HomeStates, ManagerStatistics), the Home publisher that renders them, and search
 * (names in a search are looked up in `people`, the workspace's directory, when given).
 */
export const buildReadServices = (db: Database, catalog: Catalog, { clock, wallClock }: Clocks, teamUrl: string | null, people: PeopleDirectory | null = null) => {
  const lookup = new TicketLookupService(new SqlTicketQueries(db), catalog, clock);
  const homes = new HomeService(lookup, catalog, new SqlHomeStates(db), clock, wallClock);
  const managerOverview = new ManagerOverviewService(new SqlManagerStatistics(db), catalog, clock);
  const home = new HomePublisher(homes, teamUrl, managerHomeSection(managerOverview, teamUrl));
  const search = new TicketSearchService(new SqlTicketSearch(db), catalog, people);
  return { lookup, homes, managerOverview, home, search };
};

/**
 * Logs a committed ticket change (or a refused request) and has the outbox sent. Event types and
 * ids only: what people wrote stays out of the log. When the change's origin is a Slack request's
 * scope, the line carries it first, and the request's later lines name the ticket.
 */
export const announceTicketChange =
  (logger: Logger, sendOutbox: () => void): OnTicketChange =>
  (change, origin) => {
    const scope = scopeOfOrigin(origin);
    if (scope) scope.ticket = change.ticketNumber;
    // The ticket and actor are the line's own fields too, for Socket Mode and the sweeps, which have no request scope.
    const { ticketNumber, actorId, events, refusal } = change;
    logger.info(refusal ? 'ticket request refused' : 'ticket changed', scope?.fields() ?? {}, { ticket: ticketNumber, actor: actorId, events, ...(refusal ? { refusal } : {}) });
    sendOutbox();
  };

/** The write side: filing, the workflow, the requester's conversation, the SLA and follow-up sweeps, satisfaction and the managers' digest, over the TicketStore port (and ManagerStatistics). */
export const buildTicketServices = (
  store: SqlTicketStore,
  catalog: Catalog,
  { clock, wallClock }: Clocks,
  changed: OnTicketChange,
  sendOutbox: () => void,
  digestDelayMs: number | undefined,
  /** Which files may travel with messages (helpdesk.yml `attachments:`). */
  attachmentLimits?: AttachmentLimits,
) => {
  const intake = new TicketIntakeService(store, catalog, clock, wallClock, changed);
  const workflow = new TicketWorkflowService(store, catalog, clock, wallClock, changed, digestDelayMs, attachmentLimits);
  const conversation = new RequesterConversationService(store, workflow, clock, wallClock, sendOutbox);
  const slaSweep = new SlaSweepService(store, catalog, clock, wallClock, sendOutbox);
  const followUpSweep = new FollowUpSweepService(store, catalog, clock, wallClock, sendOutbox);
  const satisfaction = new SatisfactionService(store, catalog, clock, wallClock, changed);
  const managerDigest = new ManagerDigestService(store, new SqlManagerStatistics(store.db), catalog, clock, wallClock, sendOutbox);
  return { intake, workflow, conversation, slaSweep, followUpSweep, satisfaction, managerDigest };
};

/**
 * Merging and linking tickets, over the TicketStore port; its Merge form's candidates come from
 * `search`, and the duplicate's requester becomes a watcher of the surviving ticket through the
 * watchers' `addWatcherIn`, in the merge's own transaction.
 */
export const buildRelationServices = (
  store: SqlTicketStore,
  catalog: Catalog,
  { clock, wallClock }: Clocks,
  changed: OnTicketChange,
  search: TicketSearchService,
  digestDelayMs: number | undefined,
  attachmentLimits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS,
) => {
  const context = { store, catalog, clock, wallClock, digestDelayMs: digestDelayMs ?? DIGEST_DELAY_MS, attachmentLimits };
  return new TicketRelationsService(context, search, changed, (unit, request) => addWatcherIn(context, unit, request));
};

/** The canned responses of helpdesk.yml, as the Reply and Internal note modals offer them. */
export const cannedResponsesFrom = (config: Pick<HelpdeskConfig, 'canned_responses'>): CannedResponses =>
  new CannedResponses(config.canned_responses.map((response) => ({ title: response.title, text: response.text, departmentName: response.department ?? null })));
