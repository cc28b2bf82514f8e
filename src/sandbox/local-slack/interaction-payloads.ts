import { Json } from '../json';
import { EphemeralMessage, LocalSlack, OpenView, PostedMessage } from './local-slack';
import { personOf } from './slack-payloads';

/** The payload of a message shortcut picked from a message's "More actions" menu (`message_action`). */
export const messageShortcutPayload = (slack: LocalSlack, userId: string, message: PostedMessage, callbackId: string): Json => ({
  type: 'message_action',
  token: 'verification-token-unused',
  action_ts: String(Date.now() / 1000),
  team: { id: slack.teamId, domain: 'helpdesk-demo' },
  user: personOf(slack, userId),
  channel: { id: message.channel, name: message.channel },
  is_enterprise_install: false,
  callback_id: callbackId,
  trigger_id: slack.issueTrigger(userId),
  response_url: slack.issueResponseUrl(userId, message.channel),
  message_ts: message.ts,
  message: {
    type: 'message',
    user: message.user,
    ts: message.ts,
    text: message.text,
    ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
    ...(message.attachments ? { attachments: message.attachments } : {}),
    ...(message.botId ? { bot_id: message.botId, subtype: 'bot_message' } : {}),
  },
});

/** What every block_actions payload from a message carries around its actions. */
export const messageActionEnvelope = (slack: LocalSlack, userId: string, message: PostedMessage): Json => ({
  type: 'block_actions',
  user: personOf(slack, userId),
  api_app_id: 'A0HELPDESK',
  token: 'verification-token-unused',
  container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
  trigger_id: slack.issueTrigger(userId),
  team: { id: slack.teamId, domain: 'helpdesk-demo' },
  channel: { id: message.channel, name: message.channel },
  message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks, user: message.user },
  response_url: slack.issueResponseUrl(userId, message.channel),
});

/**
 * The click on a button of an ephemeral message: `container.is_ephemeral` and no message, and a
 * response URL that can replace or delete that ephemeral message.
 */
export const ephemeralClickPayload = (slack: LocalSlack, userId: string, ephemeral: EphemeralMessage, found: { blockId: string; element: Json }): Json => {
  const { element } = found;
  const channel = ephemeral.channel ?? '';
  return {
    type: 'block_actions',
    user: personOf(slack, userId),
    api_app_id: 'A0HELPDESK',
    token: 'verification-token-unused',
    container: { type: 'message', message_ts: slack.nextTs(), channel_id: channel, is_ephemeral: true },
    trigger_id: slack.issueTrigger(userId),
    team: { id: slack.teamId, domain: 'helpdesk-demo' },
    channel: { id: channel, name: channel },
    response_url: slack.issueResponseUrl(userId, ephemeral.channel, ephemeral),
    actions: [{ type: 'button', action_id: element.action_id, block_id: found.blockId, text: element.text, value: element.value, action_ts: String(Date.now() / 1000) }],
  };
};

/** The interactive elements of a Home tab, each with its block's id: actions blocks' elements and sections' accessories. */
export const homeElements = (home: OpenView | null): { blockId: string; element: Json }[] =>
  ((home?.view.blocks as Json[] | undefined) ?? []).flatMap((block) => {
    const blockId = typeof block.block_id === 'string' ? block.block_id : '';
    if (block.type === 'actions') return (block.elements as Json[]).map((element) => ({ blockId, element }));
    if (block.type === 'section' && block.accessory) return [{ blockId, element: block.accessory as Json }];
    return [];
  });

/** The Home view as Slack puts it in payloads: the published view with its id, hash and empty state. */
export const homeViewJson = (slack: LocalSlack, home: OpenView): Json => ({
  ...slack.viewJson(home),
  type: 'home',
  root_view_id: home.id,
  previous_view_id: null,
  callback_id: home.view.callback_id ?? '',
  private_metadata: home.view.private_metadata ?? '',
  state: { values: {} },
});

/** What a block_actions payload from a Home tab carries around its actions: container type `view`, the Home `view`, no response_url. */
export const homeActionEnvelope = (slack: LocalSlack, userId: string, home: OpenView): Json => ({
  type: 'block_actions',
  user: personOf(slack, userId),
  api_app_id: 'A0HELPDESK',
  token: 'verification-token-unused',
  container: { type: 'view', view_id: home.id },
  trigger_id: slack.issueTrigger(userId),
  team: { id: slack.teamId, domain: 'helpdesk-demo' },
  is_enterprise_install: false,
  view: homeViewJson(slack, home),
});

/** What a block_actions payload from an open modal carries around its actions: container type `view`, the modal with what its inputs hold, no response_url. */
export const modalActionEnvelope = (slack: LocalSlack, userId: string, open: OpenView, values: Record<string, Record<string, Json>>): Json => ({
  type: 'block_actions',
  user: personOf(slack, userId),
  api_app_id: 'A0HELPDESK',
  token: 'verification-token-unused',
  container: { type: 'view', view_id: open.id },
  trigger_id: slack.issueTrigger(userId),
  team: { id: slack.teamId, domain: 'helpdesk-demo' },
  is_enterprise_install: false,
  view: {
    ...open.view,
    id: open.id,
    team_id: slack.teamId,
    hash: open.hash,
    state: { values },
    private_metadata: open.view.private_metadata ?? '',
    callback_id: open.view.callback_id ?? '',
    root_view_id: open.id,
    previous_view_id: null,
  },
});
