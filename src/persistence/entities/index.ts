import { DepartmentEntity } from './department.entity';
import { HelpTopicEntity } from './help-topic.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { SlaPlanEntity } from './sla-plan.entity';
import { TicketEventEntity } from './ticket-event.entity';
import { TicketEntity } from './ticket.entity';

export const entities = [SlaPlanEntity, DepartmentEntity, HelpTopicEntity, TicketEntity, TicketEventEntity, OutboxMessageEntity];
