import { EntitySchema } from 'typeorm';
import { slaPauses, timeColumn } from '../column-transformers';
import type { TicketRow } from '../../services/ports/records';
export type { TicketRow };

export const TicketEntity = new EntitySchema<TicketRow>({
  name: 'Ticket',
  tableName: 'tickets',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    number: { type: 'integer', unique: true },
    status: { type: 'varchar', length: 16 },
    priority: { type: 'varchar', length: 16 },
    requesterId: { name: 'requester_id', type: 'varchar', length: 32 },
    assigneeId: { name: 'assignee_id', type: 'varchar', length: 32, nullable: true },
    departmentId: { name: 'department_id', type: 'integer' },
    helpTopicId: { name: 'help_topic_id', type: 'integer' },
    slaPlanId: { name: 'sla_plan_id', type: 'integer', nullable: true },
    slaFromTopic: { name: 'sla_from_topic', type: 'boolean' },
    summary: { type: 'varchar', length: 150 },
    details: { type: 'text' },
    sourceChannelId: { name: 'source_channel_id', type: 'varchar', length: 32, nullable: true },
    sourceMessageTs: { name: 'source_message_ts', type: 'varchar', length: 32, nullable: true },
    sourcePermalink: { name: 'source_permalink', type: 'text', nullable: true },
    intakeKey: { name: 'intake_key', type: 'varchar', length: 64, nullable: true, unique: true },
    slaStartedAt: timeColumn('sla_started_at'),
    dueAt: timeColumn('due_at', true),
    slaPausedAt: timeColumn('sla_paused_at', true),
    slaPauses: { name: 'sla_pauses', type: 'text', transformer: slaPauses },
    slaStage: { name: 'sla_stage', type: 'integer', default: 0 },
    slaNextCheckAt: timeColumn('sla_next_check_at', true),
    escalationLevel: { name: 'escalation_level', type: 'integer', default: 0 },
    cardChannelId: { name: 'card_channel_id', type: 'varchar', length: 32, nullable: true },
    cardTs: { name: 'card_ts', type: 'varchar', length: 32, nullable: true },
    requesterDmChannelId: { name: 'requester_dm_channel_id', type: 'varchar', length: 32, nullable: true },
    requesterDmTs: { name: 'requester_dm_ts', type: 'varchar', length: 32, nullable: true },
    requesterPromptTs: { name: 'requester_prompt_ts', type: 'varchar', length: 32, nullable: true },
    createdAt: timeColumn('created_at'),
    updatedAt: timeColumn('updated_at'),
    resolvedAt: timeColumn('resolved_at', true),
    closedAt: timeColumn('closed_at', true),
    version: { type: 'integer', default: 1 },
  },
});
