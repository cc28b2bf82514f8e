import { decodeSlackText, utcMinute } from './mrkdwn';

/**
 * One piece of message text as Slack delivers it. Slack escapes `&`, `<` and `>` in everything a
 * person types, so every `<…>` in delivered text is markup Slack made, and the rest is text with
 * entities (https://api.slack.com/reference/surfaces/formatting#escaping). Values are decoded.
 */
export type SlackToken =
  | { readonly kind: 'text'; readonly text: string }
  /** `<@U123>` or `<@U123|name>`. */
  | { readonly kind: 'user'; readonly id: string; readonly label: string | null }
  /** `<#C123>` or `<#C123|general>`; Slack sends the label with most channel links, not all. */
  | { readonly kind: 'channel'; readonly id: string; readonly label: string | null }
  /** `<!subteam^S123>` or `<!subteam^S123|@team>`: a user-group mention. */
  | { readonly kind: 'usergroup'; readonly id: string; readonly label: string | null }
  /** `<!here>`, `<!channel>`, `<!everyone>`, `<!group>`, `<!date^…|fallback>` and other special commands. */
  | { readonly kind: 'special'; readonly command: string; readonly label: string | null }
  /** `<https://…>`, `<https://…|label>`, `<mailto:…|label>`. */
  | { readonly kind: 'link'; readonly url: string; readonly label: string | null };

const splitLabel = (inner: string): [string, string | null] => {
  const bar = inner.indexOf('|');
  return bar < 0 ? [inner, null] : [inner.slice(0, bar), inner.slice(bar + 1)];
};

const markupToken = (inner: string): SlackToken => {
  const [target, rawLabel] = splitLabel(inner);
  const label = rawLabel === null ? null : decodeSlackText(rawLabel);
  if (target.startsWith('@')) return { kind: 'user', id: target.slice(1), label };
  if (target.startsWith('#')) return { kind: 'channel', id: target.slice(1), label };
  if (/^!subteam\^/i.test(target)) return { kind: 'usergroup', id: target.slice('!subteam^'.length), label };
  if (target.startsWith('!')) return { kind: 'special', command: decodeSlackText(target.slice(1)), label };
  return { kind: 'link', url: decodeSlackText(target), label };
};

/**
 * Splits message text as Slack delivers it (slash-command text, message events, a message
 * shortcut's `message.text`, attachment and block texts) into text and markup. A `<` without a
 * closing `>` cannot come from Slack; it is kept as text.
 */
export const tokenizeSlackText = (delivered: string): SlackToken[] => {
  const tokens: SlackToken[] = [];
  const pushText = (raw: string) => {
    if (raw === '') return;
    const text = decodeSlackText(raw);
    const last = tokens.at(-1);
    if (last?.kind === 'text') tokens[tokens.length - 1] = { kind: 'text', text: last.text + text };
    else tokens.push({ kind: 'text', text });
  };
  let at = 0;
  while (at < delivered.length) {
    const open = delivered.indexOf('<', at);
    const close = open < 0 ? -1 : delivered.indexOf('>', open + 1);
    if (open < 0 || close < 0) {
      pushText(delivered.slice(at));
      break;
    }
    pushText(delivered.slice(at, open));
    tokens.push(markupToken(delivered.slice(open + 1, close)));
    at = close + 1;
  }
  return tokens;
};

/** Names Slack would show for the ids in markup, looked up by the Slack layer; missing ones fall back. */
export interface MarkupNames {
  /** User id → the name Slack shows (e.g. `Michael Michael`). */
  readonly users: ReadonlyMap<string, string>;
  /** Channel id → channel name without `#`. */
  readonly channels: ReadonlyMap<string, string>;
}

export const NO_NAMES: MarkupNames = { users: new Map(), channels: new Map() };

/** The ids in delivered text whose names are not in the text itself: users, and channel links without a label. */
export const idsToName = (delivered: string): { users: string[]; channels: string[] } => {
  const users = new Set<string>();
  const channels = new Set<string>();
  for (const token of tokenizeSlackText(delivered)) {
    if (token.kind === 'user') users.add(token.id);
    if (token.kind === 'channel' && !token.label) channels.add(token.id);
  }
  return { users: [...users], channels: [...channels] };
};

const dateFallback = (command: string): string => {
  const epoch = /^date\^(\d+)/.exec(command)?.[1];
  return epoch ? utcMinute(new Date(Number(epoch) * 1000)) : '';
};

/** Markup a relay may keep live (see `relayText`): a mention of one person, a channel link, a web link. */
const liveForm = (token: SlackToken): string | null => {
  if (token.kind === 'user' && /^[UW][A-Z0-9]+$/.test(token.id)) return `<@${token.id}>`;
  if (token.kind === 'channel' && /^[CG][A-Z0-9]+$/.test(token.id)) return `<#${token.id}>`;
  if (token.kind === 'link' && /^https?:\/\/[^\s|<>]+$/i.test(token.url) && !/[<>]/.test(token.label ?? '')) return token.label ? `<${token.url}|${token.label}>` : `<${token.url}>`;
  return null;
};

const readableToken = (token: SlackToken, names: MarkupNames): string => {
  switch (token.kind) {
    case 'text':
      return token.text;
    case 'user':
      return `@${names.users.get(token.id) ?? (token.label || token.id)}`;
    case 'channel':
      return `#${token.label || names.channels.get(token.id) || token.id}`;
    case 'usergroup':
      return token.label ? (token.label.startsWith('@') ? token.label : `@${token.label}`) : `@${token.id}`;
    case 'special': {
      if (/^date\^/i.test(token.command)) return token.label ?? dateFallback(token.command);
      const keyword = token.command.split('^', 1)[0] ?? '';
      if (/^(here|channel|everyone|group)$/i.test(keyword)) return `@${keyword.toLowerCase()}`;
      return token.label ?? token.command;
    }
    case 'link': {
      const bare = token.url.replace(/^mailto:/i, '');
      if (!token.label || token.label === token.url || token.label === bare) return bare;
      return `${token.label} (${bare})`;
    }
  }
};

/**
 * What a person reads in Slack, as plain text, from text as Slack delivers it: entities decoded,
 * `<@U0MICHAEL>` → `@Michael Michael` (the id when the name is unknown), `<#C0SYSADM|sysadmins>` →
 * `#sysadmins`, `<https://x|the page>` → `the page (https://x)`, `<!here>` → `@here`,
 * `<!subteam^S1|@oncall>` → `@oncall`, `<!date^…|fallback>` → the fallback. For plain-text inputs
 * (the ticket modal) and stored summaries and details. Pure; never throws.
 */
export const readableSlackText = (delivered: string, names: MarkupNames = NO_NAMES): string =>
  tokenizeSlackText(delivered)
    .map((token) => readableToken(token, names))
    .join('');

/**
 * A message to relay (the requester's DM), decoded once: like {@link readableSlackText}, but the
 * markup a relay keeps live (mentions of one person `<@U…>`, channel links `<#C…>`, web links
 * `<https://…|label>`) stays as markup, so the card thread shows them as Slack showed them to the
 * writer. Broadcasts, user groups and dates become plain text. Post the result through `relayText`.
 */
export const relayableSlackText = (delivered: string): string =>
  tokenizeSlackText(delivered)
    .map((token) => liveForm(token) ?? readableToken(token, NO_NAMES))
    .join('');
