import { formatBytes } from '../../services/attachments';
import { AppManifest } from '../app-manifest';
import { jsonText } from '../json';
import { LocalSlack, PostedMessage } from '../local-slack/local-slack';
import { BlockRenderContext, renderMessageBody } from './render-blocks';
import { renderModal } from './render-modal';
import { escapeHtml, formatSlackDate } from './render-mrkdwn';
import { firstCharacter } from '../../slack/views/text-cuts';
import { decodeSlackText } from '../../slack/views/mrkdwn';

/**
 * What one person sees in the sandbox at a moment: their sidebar, the conversation they have
 * open (a channel, their DM with the app, or the app's Home), an open thread, a modal, and the
 * calls real Slack would have refused. The page draws this; every string of HTML is escaped here.
 */

export const APP_NAME = 'Helpdesk';
/** The tabs of the app's sidebar entry: Home (when the manifest enables it), Messages (the DM), About. */
export const APP_HOME = 'app-home';
export const APP_MESSAGES = 'app-messages';
export const APP_ABOUT = 'app-about';
const APP_TABS: readonly string[] = [APP_HOME, APP_MESSAGES, APP_ABOUT];

export interface ScreenRequest {
  readonly viewer: string;
  readonly conversation: string;
  readonly thread: string | null;
  readonly timeZone: string;
  readonly now: Date;
}

export interface SlackProblem {
  readonly id: number;
  readonly at: number;
  readonly method: string;
  readonly error: string;
  readonly details: string[];
}

export interface Screen {
  readonly viewer: { id: string; name: string; title: string };
  readonly people: { id: string; name: string; title: string }[];
  readonly sidebar: { id: string; label: string; kind: 'channel' | 'app'; active: boolean }[];
  readonly conversation: { id: string; title: string; composer: string | null; tabs: { id: string; label: string; active: boolean }[] };
  readonly messagesHtml: string;
  readonly thread: { ts: string; html: string; composer: string } | null;
  readonly modal: { key: string; id: string; html: string } | null;
  readonly problems: SlackProblem[];
  readonly commands: string[];
  readonly shortcuts: { callbackId: string; name: string }[];
}

const PERMALINK = /^https:\/\/helpdesk-demo\.slack\.com\/archives\/([A-Z0-9]+)\/p(\d{10})(\d{6})/;

export const renderContext = (slack: LocalSlack, timeZone: string, now: Date): BlockRenderContext => ({
  userName: (id) => (id === slack.botUserId ? APP_NAME : slack.hasUser(id) ? slack.user(id).realName : null),
  channelName: (id) => slack.channel(id)?.name ?? null,
  timeZone,
  now,
  permalinkTarget: (url) => {
    const match = PERMALINK.exec(url);
    return match ? { channel: match[1] ?? '', ts: `${match[2]}.${match[3]}` } : null;
  },
  people: slack.people.map((person) => ({ id: person.id, realName: person.realName })),
  channels: slack.allChannels().map((channel) => ({ id: channel.id, name: channel.name })),
});

/** The calls the app made that Slack would have refused, newest first. */
export const slackProblems = (slack: LocalSlack): SlackProblem[] =>
  slack.calls
    .map((call, index) => ({ call, index }))
    .filter(({ call }) => call.response.ok === false)
    .map(({ call, index }) => {
      const metadata = call.response.response_metadata as { messages?: unknown } | undefined;
      return {
        id: index,
        at: call.at,
        method: call.method,
        error: jsonText(call.response.error, `HTTP ${call.status}`),
        details: Array.isArray(metadata?.messages) ? metadata.messages.map(String) : [],
      };
    })
    .reverse()
    .slice(0, 20);

const authorName = (slack: LocalSlack, userId: string): string => (userId === slack.botUserId ? APP_NAME : slack.hasUser(userId) ? slack.user(userId).realName : userId);

const timeOf = (ts: string, context: BlockRenderContext): string => formatSlackDate(Math.floor(Number(ts)), '{time}', context);

interface Entry {
  readonly order: number;
  readonly html: string;
}

const replyCount = (count: number): string => `${count} ${count === 1 ? 'reply' : 'replies'}`;

/** One message as Slack lays it out: avatar, author line, body, and what goes under it. */
const messageFrame = (parts: { className: string; attributes: string; author: string; isApp: boolean; meta: string; body: string; below: string }): string =>
  `<article class="message${parts.className}"${parts.attributes}>
<div class="avatar">${escapeHtml(firstCharacter(parts.author))}</div>
<div class="message-main"><div class="message-meta"><span class="author">${escapeHtml(parts.author)}</span>${parts.isApp ? '<span class="app-badge">APP</span>' : ''}${parts.meta}</div>
<div class="message-body">${parts.body}</div>${parts.below}</div></article>`;

/** The ⋯ menu entries a person has on their own messages, as in Slack; the page knows them by these values. */
const OWN_MESSAGE_ACTIONS = '<option value="sandbox:edit">Edit message</option><option value="sandbox:delete">Delete message…</option>';

/** The files a message shares, as Slack shows them under it: name (a download link for `viewer`, who sees the message), type and size. */
const filesHtml = (message: PostedMessage, viewer: string): string =>
  (message.files ?? [])
    .map(
      (file) =>
        `<div class="message-file" data-file="${escapeHtml(String(file.id))}">📎 <a class="file-name" href="/sandbox/file/${encodeURIComponent(String(file.id))}?as=${encodeURIComponent(viewer)}" download>${escapeHtml(String(file.name))}</a> <span class="file-size">${escapeHtml(typeof file.filetype === 'string' ? file.filetype : '')} · ${escapeHtml(formatBytes(Number(file.size)))}</span></div>`,
    )
    .join('');

const messageHtml = (slack: LocalSlack, message: PostedMessage, context: BlockRenderContext, shortcuts: AppManifest['messageShortcuts'], replies: number | null, viewer: string): string => {
  const isApp = message.user === slack.botUserId;
  const own = message.user === viewer;
  const edited = message.edits > 0 ? '<span class="edited">(edited)</span>' : '';
  const actions =
    shortcuts.length || own
      ? `<select class="message-actions" aria-label="More actions"><option value="" selected>⋯</option>${own ? OWN_MESSAGE_ACTIONS : ''}${shortcuts
          .map((shortcut) => `<option value="${escapeHtml(shortcut.callbackId)}">${escapeHtml(shortcut.name)}</option>`)
          .join('')}</select>`
      : '';
  const thread = replies === null ? '' : `<button type="button" class="thread-link" data-thread="${escapeHtml(message.ts)}">${replies === 0 ? 'Reply in thread' : replyCount(replies)}</button>`;
  return messageFrame({
    className: isApp ? ' from-app' : '',
    attributes: ` data-channel="${escapeHtml(message.channel)}" data-ts="${escapeHtml(message.ts)}"${own ? ` data-text="${escapeHtml(decodeSlackText(message.text))}"` : ''}`,
    author: authorName(slack, message.user),
    isApp,
    meta: `<span class="time">${escapeHtml(timeOf(message.ts, context))}</span>${edited}${actions}`,
    body: `${renderMessageBody(message.text, message.blocks, context)}${filesHtml(message, viewer)}`,
    below: thread,
  });
};

const ephemeralHtml = (text: string, blocks: readonly Record<string, unknown>[], context: BlockRenderContext, from = APP_NAME): string =>
  messageFrame({
    className: ' ephemeral',
    attributes: '',
    author: from,
    isApp: from === APP_NAME,
    meta: '<span class="only-you">Only visible to you</span>',
    body: renderMessageBody(text, blocks, context),
    below: '',
  });

/** The conversation's messages as the viewer sees them: ephemerals only for them, in time order. */
const conversationHtml = (slack: LocalSlack, channel: string, request: ScreenRequest, context: BlockRenderContext, app: AppManifest): string => {
  const all = slack.messagesIn(channel);
  const replies = new Map<string, number>();
  for (const message of all) if (message.threadTs !== null) replies.set(message.threadTs, (replies.get(message.threadTs) ?? 0) + 1);
  const entries: Entry[] = all
    .filter((message) => message.threadTs === null)
    .map((message) => ({
      order: Number(message.ts) * 1000,
      html: messageHtml(slack, message, context, app.messageShortcuts, replies.get(message.ts) ?? 0, request.viewer),
    }));
  for (const ephemeral of slack.ephemeralsFor(request.viewer)) {
    if (ephemeral.channel === channel) entries.push({ order: ephemeral.at, html: ephemeralHtml(ephemeral.text, ephemeral.blocks, context, ephemeral.from) });
  }
  if (entries.length === 0) return '<div class="empty">No messages yet.</div>';
  return entries
    .sort((a, b) => a.order - b.order)
    .map((entry) => entry.html)
    .join('');
};

const threadHtml = (slack: LocalSlack, channel: string, ts: string, context: BlockRenderContext, app: AppManifest, viewer: string): string | null => {
  const parent = slack.messagesIn(channel).find((message) => message.ts === ts);
  if (!parent) return null;
  const replies = slack.messagesIn(channel, ts).map((reply) => messageHtml(slack, reply, context, app.messageShortcuts, null, viewer));
  const count = replies.length ? `<div class="reply-count">${replyCount(replies.length)}</div>` : '';
  return `${messageHtml(slack, parent, context, app.messageShortcuts, null, viewer)}${count}${replies.join('')}`;
};

const homeHtml = (slack: LocalSlack, viewer: string, context: BlockRenderContext): string => {
  const home = slack.homeOf(viewer);
  if (!home) return `<div class="empty">${APP_NAME} has not published a Home tab. Its Messages tab is your DM with it.</div>`;
  return `<div class="app-home" data-home="${escapeHtml(home.id)}">${renderMessageBody('', Array.isArray(home.view.blocks) ? (home.view.blocks as Record<string, unknown>[]) : [], context)}</div>`;
};

/** Builds what `request.viewer` sees. */
export const buildScreen = (slack: LocalSlack, request: ScreenRequest, app: AppManifest): Screen => {
  const { viewer } = request;
  const context = renderContext(slack, request.timeZone, request.now);
  const person = slack.user(viewer);
  const joined = slack.channelsOf(viewer);
  const known = joined.some((channel) => channel.id === request.conversation) || (APP_TABS.includes(request.conversation) && (request.conversation !== APP_HOME || app.homeTab));
  const conversationId = known ? request.conversation : APP_MESSAGES;
  const inApp = APP_TABS.includes(conversationId);
  const sidebar: Screen['sidebar'] = [
    ...joined.map((channel) => ({ id: channel.id, label: `# ${channel.name}`, kind: 'channel' as const, active: channel.id === conversationId })),
    { id: APP_MESSAGES, label: APP_NAME, kind: 'app' as const, active: inApp },
  ];
  const channelId = conversationId === APP_MESSAGES ? slack.dmChannelOf(viewer) : inApp ? null : conversationId;
  let messagesHtml = '<div class="empty">No messages yet.</div>';
  if (conversationId === APP_HOME) messagesHtml = homeHtml(slack, viewer, context);
  else if (conversationId === APP_ABOUT) messagesHtml = `<div class="about"><h2>${escapeHtml(app.name)}</h2><p>${escapeHtml(app.description)}</p></div>`;
  else if (channelId) messagesHtml = conversationHtml(slack, channelId, request, context, app);
  const thread = channelId && request.thread ? threadHtml(slack, channelId, request.thread, context, app, viewer) : null;
  const modal = slack.currentView(viewer);
  const channelName = inApp ? APP_NAME : `#${slack.channel(conversationId)?.name ?? ''}`;
  const tabs = [...(app.homeTab ? [{ id: APP_HOME, label: 'Home' }] : []), { id: APP_MESSAGES, label: 'Messages' }, { id: APP_ABOUT, label: 'About' }];
  return {
    viewer: { id: person.id, name: person.realName, title: person.title ?? '' },
    people: slack.people.map((someone) => ({ id: someone.id, name: someone.realName, title: someone.title ?? '' })),
    sidebar,
    conversation: {
      id: conversationId,
      title: inApp ? APP_NAME : `# ${slack.channel(conversationId)?.name ?? conversationId}`,
      composer: conversationId === APP_HOME || conversationId === APP_ABOUT ? null : `Message ${channelName}`,
      tabs: inApp ? tabs.map((tab) => ({ ...tab, active: tab.id === conversationId })) : [],
    },
    messagesHtml,
    thread: thread && request.thread ? { ts: request.thread, html: thread, composer: 'Reply…' } : null,
    modal: modal ? { key: `${modal.id}:${modal.hash}:${JSON.stringify(modal.errors)}`, id: modal.id, html: renderModal(modal, context) } : null,
    problems: slackProblems(slack),
    commands: app.commands,
    shortcuts: app.messageShortcuts,
  };
};
