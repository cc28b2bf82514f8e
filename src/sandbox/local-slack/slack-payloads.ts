import { Json } from '../json';
import { LocalSlack } from './local-slack';
import { selectOptions } from './select-options';
import { OpenView, PostedMessage } from './workspace-types';

/* The payloads Slack builds from what a person sees and does: who they are, which button they click, what a modal holds on Submit. */

/** A person as Slack describes them in an interaction payload. */
export const personOf = (slack: LocalSlack, userId: string): Json => {
  const user = slack.user(userId);
  return { id: user.id, username: user.name, name: user.name, team_id: slack.teamId };
};

/** The button labelled `label` on a message, with its block's id; `null` when there is none. */
export const findButton = (message: Pick<PostedMessage, 'blocks'>, label: string): { blockId: string; element: Json } | null => {
  for (const block of message.blocks) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements as Json[]) {
      if (element.type === 'button' && (element.text as Json).text === label) return { blockId: String(block.block_id), element };
    }
  }
  return null;
};

/** Input values by block and action id, from fills by input label; fills are remembered on the modal (`entered`), as Slack keeps them. */
export const statesByLabel = (open: OpenView, fills: Record<string, string | null>, describeFile: (id: string) => Json | null = () => null): Record<string, Record<string, Json>> => {
  const labels = new Set(Object.keys(fills));
  const values: Record<string, Record<string, Json>> = {};
  for (const block of open.view.blocks as Json[]) {
    if (block.type !== 'input') continue;
    const label = String((block.label as Json).text);
    const element = block.element as Json;
    if (labels.has(label)) open.entered[label] = fills[label] ?? null;
    labels.delete(label);
    values[String(block.block_id)] = { [String(element.action_id)]: stateOf(element, open.entered[label], label, describeFile) };
  }
  if (labels.size > 0) throw new Error(`the modal has no inputs labelled ${[...labels].join(', ')}`);
  return values;
};

/** Input values by block and action id, from what was entered by block id (typed text, option values, user ids, uploaded files' ids). */
export const statesByValue = (open: OpenView, entered: Record<string, string | string[] | null>, describeFile: (id: string) => Json | null = () => null): Record<string, Record<string, Json>> => {
  const values: Record<string, Record<string, Json>> = {};
  for (const block of open.view.blocks as Json[]) {
    if (block.type !== 'input') continue;
    const element = block.element as Json;
    const blockId = String(block.block_id);
    values[blockId] = { [String(element.action_id)]: stateByValue(element, entered[blockId], describeFile) };
  }
  return values;
};

/** The `view_submission` payload of a modal whose inputs hold `values`, with a fresh trigger id. */
export const submissionPayload = (slack: LocalSlack, userId: string, open: OpenView, values: Record<string, Record<string, Json>>): Json => ({
  type: 'view_submission',
  team: { id: slack.teamId, domain: 'helpdesk-demo' },
  user: personOf(slack, userId),
  api_app_id: 'A0HELPDESK',
  token: 'verification-token-unused',
  trigger_id: slack.issueTrigger(userId),
  view: {
    ...open.view,
    id: open.id,
    team_id: slack.teamId,
    hash: open.hash,
    state: { values },
    private_metadata: open.view.private_metadata ?? '',
  },
  response_urls: [],
  is_enterprise_install: false,
});

/** What Slack reports for an input: the typed value, the chosen option, or the untouched initial value. */
const stateOf = (element: Json, fill: string | null | undefined, label: string, describeFile: (id: string) => Json | null): Json => {
  if (element.type === 'file_input') {
    // Filled with the ids of files the person uploaded (LocalFiles.share), separated by `|`.
    const files = (fill ?? '')
      .split('|')
      .filter(Boolean)
      .map((id) => describeFile(id) ?? { id });
    return { type: 'file_input', files };
  }
  if (element.type === 'users_select') {
    return { type: 'users_select', selected_user: fill === undefined ? (element.initial_user ?? null) : fill };
  }
  if (element.type === 'multi_users_select') {
    // Filled with user ids separated by `|`; an empty fill clears the selection.
    const users = fill === undefined ? ((element.initial_users as string[] | undefined) ?? []) : (fill ?? '').split('|').filter(Boolean);
    return { type: 'multi_users_select', selected_users: users };
  }
  if (element.type === 'checkboxes' || element.type === 'multi_static_select') {
    const options = (element.options as Json[]).filter((candidate) => fill && fill.split('|').includes(String((candidate.text as Json).text)));
    return { type: element.type, selected_options: fill === undefined ? (element.initial_options ?? []) : options };
  }
  if (element.type === 'channels_select') {
    return { type: 'channels_select', selected_channel: fill === undefined ? (element.initial_channel ?? null) : fill };
  }
  if (element.type === 'datepicker') {
    return { type: 'datepicker', selected_date: fill === undefined ? (element.initial_date ?? null) : fill };
  }
  if (element.type === 'datetimepicker') {
    // Filled as an ISO time (2026-11-30T09:05:00Z) or seconds since the epoch; Slack reports seconds.
    const seconds = fill === undefined || fill === null ? null : /^\d+$/.test(fill) ? Number(fill) : Math.floor(Date.parse(fill) / 1000);
    return { type: 'datetimepicker', selected_date_time: fill === undefined ? (element.initial_date_time ?? null) : seconds };
  }
  // Radio buttons report their choice as a select does (https://docs.slack.dev/reference/block-kit/block-elements/radio-button-group-element).
  if (element.type === 'static_select' || element.type === 'radio_buttons') {
    const type = String(element.type);
    if (fill === undefined) return { type, selected_option: element.initial_option ?? null };
    if (fill === null) return { type, selected_option: null };
    const option = selectOptions(element).find((candidate) => (candidate.text as Json).text === fill);
    if (!option) throw new Error(`"${label}" has no option "${fill}"`);
    return { type, selected_option: option };
  }
  const value = fill === undefined ? (element.initial_value ?? null) : fill;
  return { type: String(element.type), value: value === '' ? null : value };
};

/** What Slack reports for an input from what the person entered, by value rather than by label. */
const stateByValue = (element: Json, entered: string | string[] | null | undefined, describeFile: (id: string) => Json | null): Json => {
  const first = Array.isArray(entered) ? (entered[0] ?? null) : (entered ?? null);
  const options = selectOptions(element);
  switch (element.type) {
    case 'file_input':
      return { type: 'file_input', files: (Array.isArray(entered) ? entered : entered ? [entered] : []).map((id) => describeFile(id) ?? { id }) };
    case 'users_select':
      return { type: 'users_select', selected_user: first };
    case 'multi_users_select':
      return { type: 'multi_users_select', selected_users: Array.isArray(entered) ? entered : entered ? [entered] : [] };
    case 'channels_select':
      return { type: 'channels_select', selected_channel: first };
    case 'conversations_select':
      return { type: 'conversations_select', selected_conversation: first };
    case 'checkboxes':
    case 'multi_static_select': {
      const ticked = Array.isArray(entered) ? entered : entered ? [entered] : [];
      return { type: element.type, selected_options: options.filter((option) => ticked.includes(String(option.value))) };
    }
    case 'datepicker':
      return { type: 'datepicker', selected_date: first };
    case 'datetimepicker':
      return { type: 'datetimepicker', selected_date_time: first !== null && /^\d+$/.test(first) ? Number(first) : null };
    case 'static_select':
    case 'radio_buttons':
      return { type: String(element.type), selected_option: options.find((option) => option.value === first) ?? null };
    default:
      return { type: String(element.type), value: first === '' ? null : first };
  }
};
