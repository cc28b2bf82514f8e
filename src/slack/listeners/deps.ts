import { RequesterConversationService } from '../../services/requester-conversation.service';
import { TicketIntakeService } from '../../services/ticket-intake.service';
import { TicketWorkflowService } from '../../services/ticket-workflow.service';

export interface ListenerDeps {
  readonly intake: TicketIntakeService;
  readonly workflow: TicketWorkflowService;
  readonly conversation: RequesterConversationService;
}
