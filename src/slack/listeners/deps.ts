import { RequesterConversationService } from '../../services/requester-conversation.service';
import { TicketIntakeService } from '../../services/ticket-intake.service';
import { TicketSearchService } from '../../services/ticket-search.service';
import { TicketLookupService } from '../../services/ticket-lookup.service';
import { TicketWorkflowService } from '../../services/ticket-workflow.service';
import { TicketRelationsService } from '../../services/ticket-relations.service';
import { HomeService } from '../../services/home.service';
import { CannedResponses } from '../../services/canned-responses';
import { ManagerDigestService } from '../../services/manager-digest.service';
import { SatisfactionService } from '../../services/satisfaction.service';
import { HomePublisher } from '../home/home-publisher';
import { SlackPeopleDirectory } from '../people/people-directory';

export interface ListenerDeps {
  readonly intake: TicketIntakeService;
  readonly workflow: TicketWorkflowService;
  readonly conversation: RequesterConversationService;
  /** Finds tickets for the people allowed to see them (`/ticket list · status · queue`). */
  readonly lookup: TicketLookupService;
  readonly search: TicketSearchService;
  /** Merging a duplicate into another ticket, linking related tickets. */
  readonly relations: TicketRelationsService;
  /** The app joined a channel (it was invited): a help desk channel that refused it may work now. */
  readonly channelJoined?: (channelId: string) => void;
  /** Whether the app knows it cannot post in a channel (ChannelHealth): the requester is then not told the department has the ticket. */
  readonly channelUnusable?: (channelId: string) => boolean;
  /** The App Home: the filters and pages people choose (HomeService), and building and publishing Homes (HomePublisher). */
  readonly homes?: HomeService;
  readonly home?: HomePublisher;
  /** The workspace's people by name (users.list): the names Assign… lists the agents by. */
  readonly people?: SlackPeopleDirectory;
  /** helpdesk.yml's canned responses, offered in Reply to requester and Internal note; none without it. */
  readonly canned?: CannedResponses;
  /** How did we do? (issue 18): the requester's answer after their ticket closed. */
  readonly satisfaction?: SatisfactionService;
  /** The managers' digest and `/ticket report`. */
  readonly managerDigest?: ManagerDigestService;
}
