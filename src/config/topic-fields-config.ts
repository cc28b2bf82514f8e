import { z } from 'zod';
import { FIELD_TEXT_MAX, TOPIC_FIELD_TYPES, TopicField } from '../domain/topic-fields';
import { OPTION_TEXT_MAX } from '../slack/views/text-cuts';

/** A help topic's fields fill the New ticket modal beside its own four blocks; Slack's modal holds 100. */
export const TOPIC_FIELDS_MAX = 20;
/** Slack's select holds at most 100 options (multi-select too). */
const FIELD_OPTIONS_MAX = 100;

const fieldSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be 1 to 40 lowercase letters, digits or "_", starting with a letter, such as affected_system'),
    label: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    type: z.enum(TOPIC_FIELD_TYPES, { message: `must be one of ${TOPIC_FIELD_TYPES.join(', ')}` }),
    required: z.boolean().default(false),
    hint: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters').optional(),
    max_length: z.number().int().min(1).max(FIELD_TEXT_MAX, `must be at most ${FIELD_TEXT_MAX} (what Slack's text input holds)`).optional(),
    options: z
      .array(z.string().trim().min(1, 'must not be empty').max(OPTION_TEXT_MAX, `must be at most ${OPTION_TEXT_MAX} characters (what Slack shows of a choice)`))
      .min(1, 'list at least one option')
      .max(FIELD_OPTIONS_MAX, `list at most ${FIELD_OPTIONS_MAX} options (Slack's select holds no more)`)
      .optional(),
  })
  .strict()
  .superRefine((field, ctx) => {
    const choosing = field.type === 'select' || field.type === 'multi_select';
    if (choosing && !field.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${field.type} field needs its options` });
    if (!choosing && field.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `only select and multi_select fields have options (this one is ${field.type})` });
    if (field.options) {
      const seen = new Set<string>();
      field.options.forEach((option, index) => {
        if (seen.has(option)) ctx.addIssue({ code: 'custom', path: ['options', index], message: `"${option}" is listed twice` });
        seen.add(option);
      });
    }
    if (field.max_length !== undefined && field.type !== 'text' && field.type !== 'textarea') {
      ctx.addIssue({ code: 'custom', path: ['max_length'], message: `only text and textarea fields have a maximum length (this one is ${field.type})` });
    }
  });

/** A help topic's `fields:` in helpdesk.yml: at most TOPIC_FIELDS_MAX, names unique; errors name the path (`help_topics[1].fields[0].type`). */
export const topicFieldsSchema = z
  .array(fieldSchema)
  .max(TOPIC_FIELDS_MAX, `list at most ${TOPIC_FIELDS_MAX} fields (the New ticket modal must stay within Slack's 100 blocks)`)
  .default([])
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((field, index) => {
      if (seen.has(field.name)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `"${field.name}" is listed twice in this topic` });
      seen.add(field.name);
    });
  });

export type TopicFieldConfig = z.output<typeof fieldSchema>;

/** A configured field as the domain keeps it. */
export const toTopicField = (field: TopicFieldConfig): TopicField => ({
  name: field.name,
  label: field.label,
  type: field.type,
  required: field.required,
  hint: field.hint ?? null,
  maxLength: field.max_length ?? null,
  options: field.options ?? [],
});
