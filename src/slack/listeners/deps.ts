import { TicketIntakeService } from '../../services/ticket-intake.service';

export interface ListenerDeps {
  readonly intake: TicketIntakeService;
}
