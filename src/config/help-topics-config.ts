import { z } from 'zod';
import { PRIORITIES } from '../domain/ticket';
import { name } from './config-values';
import { topicFieldsSchema } from './topic-fields-config';

/** `help_topics:`: what a requester picks in the New ticket modal, routing to a department with a priority, an SLA plan and questions. */
export const helpTopicSchema = z.object({
  name,
  department: name,
  priority: z.enum(PRIORITIES).default('normal'),
  sla: name.optional(),
  /** The questions the New ticket modal asks for this topic (topic-fields-config.ts). */
  fields: topicFieldsSchema,
});
