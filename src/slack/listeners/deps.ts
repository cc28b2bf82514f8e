import { RequesterConversationService } from '../../services/requester-conversation.service';
import { TicketIntakeService } from '../../services/ticket-intake.service';
import { TicketSearchService } from '../../services/ticket-search.service';
import { TicketLookupService } from '../../services/ticket-lookup.service';
import { TicketWorkflowService } from '../../services/ticket-workflow.service';
import { HomeService } from '../../services/home.service';
import { ManagerDigestService } from '../../services/manager-digest.service';
import { SatisfactionService } from '../../services/satisfaction.service';
import { HomePublisher } from '../home/home-publisher';

export interface ListenerDeps {
  readonly intake: TicketIntakeService;
  readonly workflow: TicketWorkflowService;
  readonly conversation: RequesterConversationService;
  /** Finds tickets for the people allowed to see them (`/ticket list · status · queue`). */
  readonly lookup: TicketLookupService;
  readonly search: TicketSearchService;
  /** The app joined a channel (it was invited): a help desk channel that refused it may work now. */
  readonly channelJoined?: (channelId: string) => void;
  /** Whether the app knows it cannot post in a channel (ChannelHealth): the requester is then not told the department has the ticket. */
  readonly channelUnusable?: (channelId: string) => boolean;
  /** The App Home: the filters and pages people choose (HomeService), and building and publishing Homes (HomePublisher). */
  readonly homes?: HomeService;
  readonly home?: HomePublisher;
  /** How did we do? (issue 18): the requester's answer after their ticket closed. */
  readonly satisfaction?: SatisfactionService;
  /** The managers' digest and `/ticket report`. */
  readonly managerDigest?: ManagerDigestService;
}
