import { z } from 'zod';
import { FieldEntry } from '../../domain/topic-fields';
import { ids } from '../ids';
import { fieldNameOf } from '../views/topic-fields.view';

const option = z.object({ value: z.string() }).loose();

/** What Slack reports for one input of a modal, whatever its element (https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload#view_submission). */
const inputState = z
  .object({
    type: z.string().optional(),
    value: z.string().nullish(),
    selected_option: option.nullish(),
    selected_options: z.array(option).nullish(),
    selected_user: z.string().nullish(),
    selected_channel: z.string().nullish(),
    selected_conversation: z.string().nullish(),
    selected_date: z.string().nullish(),
    selected_date_time: z.number().nullish(),
  })
  .loose();
type InputState = z.infer<typeof inputState>;

/** `view.state.values`: block id → action id → what the person entered. */
const stateSchema = z.record(z.string(), z.record(z.string(), inputState));

/** What the New ticket modal holds: the topic picked, the texts, and the topic fields shown, by field name (each shown field has a key, null when empty). */
export interface TicketFormState {
  readonly helpTopicId: string | null;
  readonly summary: string;
  readonly details: string;
  readonly fieldEntries: Record<string, FieldEntry>;
}

/** One input's entry, as the domain reads entries (see FieldEntry). */
const entryOf = (state: InputState): FieldEntry => {
  if (state.type === 'checkboxes') return (state.selected_options ?? []).length > 0;
  if (state.type === 'multi_static_select') return (state.selected_options ?? []).map((chosen) => chosen.value);
  if (state.type === 'datetimepicker') return typeof state.selected_date_time === 'number' ? String(state.selected_date_time) : null;
  return state.value ?? state.selected_option?.value ?? state.selected_user ?? state.selected_channel ?? state.selected_conversation ?? state.selected_date ?? null;
};

/** Reads the New ticket modal's `view.state.values` (anything unreadable counts as empty: the service then asks for it). */
export const readTicketForm = (values: unknown): TicketFormState => {
  const parsed = stateSchema.safeParse(values);
  const blocks = parsed.success ? parsed.data : {};
  // Each block has one input; its action id changed once (the topic select's), so any is read.
  const first = (blockId: string): InputState | undefined => Object.values(blocks[blockId] ?? {})[0];
  const fieldEntries: Record<string, FieldEntry> = {};
  for (const [blockId, inputs] of Object.entries(blocks)) {
    const name = fieldNameOf(blockId);
    const state = Object.values(inputs)[0];
    if (name !== null && state) fieldEntries[name] = entryOf(state);
  }
  return {
    helpTopicId: first(ids.modal.helpTopicBlock)?.selected_option?.value ?? null,
    summary: first(ids.modal.summaryBlock)?.value ?? '',
    details: first(ids.modal.detailsBlock)?.value ?? '',
    fieldEntries,
  };
};
