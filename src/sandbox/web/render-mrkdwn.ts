import { decodeSlackText } from '../../slack/views/mrkdwn';

/**
 * Slack mrkdwn to HTML for the sandbox page. Every piece of text is HTML-escaped: what a user
 * typed reaches the page as text, never as markup.
 */

/** What rendering needs to know about the workspace and the person looking. */
export interface RenderContext {
  readonly userName: (id: string) => string | null;
  readonly channelName: (id: string) => string | null;
  /** The viewer's IANA time zone, for `<!date^…>`. */
  readonly timeZone: string;
  readonly now: Date;
  /** A Slack permalink to a message of this workspace, as [channel, ts]; null for other links. */
  readonly permalinkTarget: (url: string) => { channel: string; ts: string } | null;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);

const EMOJI: Record<string, string> = {
  arrow_right: '➡️',
  envelope: '✉️',
  hourglass_flowing_sand: '⏳',
  inbox_tray: '📥',
  leftwards_arrow_with_hook: '↩️',
  lock: '🔒',
  no_entry: '⛔',
  paperclip: '📎',
  rotating_light: '🚨',
  speech_balloon: '💬',
  ticket: '🎫',
  warning: '⚠️',
  white_check_mark: '✅',
  tada: '🎉',
  eyes: '👀',
  thumbsup: '👍',
  '+1': '👍',
  bell: '🔔',
  broom: '🧹',
  double_vertical_bar: '⏸️',
  hourglass: '⌛',
  information_source: 'ℹ️',
  link: '🔗',
  outbox_tray: '📤',
  page_facing_up: '📄',
  pencil2: '✏️',
  pray: '🙏',
  star: '⭐',
  twisted_rightwards_arrows: '🔀',
  wastebasket: '🗑️',
  zzz: '💤',
};

/** Replaces the emoji shortcodes we know in already-escaped HTML text. */
const emojify = (html: string): string => html.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);

/** Plain text objects: escaped, emoji shortcodes shown as emoji, line breaks kept. */
export const renderPlainText = (text: string): string => emojify(escapeHtml(text)).replace(/\n/g, '<br>');

const datePart = (date: Date, timeZone: string, options: Intl.DateTimeFormatOptions): string => new Intl.DateTimeFormat('en-US', { timeZone, ...options }).format(date);

const dayKey = (date: Date, timeZone: string): string => datePart(date, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });

const prettyDay = (date: Date, context: RenderContext): string | null => {
  const day = dayKey(date, context.timeZone);
  const dayMs = 86_400_000;
  if (day === dayKey(context.now, context.timeZone)) return 'Today';
  if (day === dayKey(new Date(context.now.getTime() - dayMs), context.timeZone)) return 'Yesterday';
  if (day === dayKey(new Date(context.now.getTime() + dayMs), context.timeZone)) return 'Tomorrow';
  return null;
};

/** `<!date^epoch^format|fallback>` in the viewer's time zone, with Slack's tokens. */
export const formatSlackDate = (epochSeconds: number, format: string, context: RenderContext): string => {
  const date = new Date(epochSeconds * 1000);
  const zone = context.timeZone;
  const tokens: Record<string, () => string> = {
    date_num: () => datePart(date, zone, { year: 'numeric', month: '2-digit', day: '2-digit' }),
    date: () => datePart(date, zone, { year: 'numeric', month: 'long', day: 'numeric' }),
    date_short: () => datePart(date, zone, { year: 'numeric', month: 'short', day: 'numeric' }),
    date_long: () => datePart(date, zone, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }),
    date_pretty: () => prettyDay(date, context) ?? tokens.date?.() ?? '',
    date_short_pretty: () => prettyDay(date, context) ?? tokens.date_short?.() ?? '',
    date_long_pretty: () => prettyDay(date, context) ?? tokens.date_long?.() ?? '',
    time: () => datePart(date, zone, { hour: 'numeric', minute: '2-digit' }),
    time_secs: () => datePart(date, zone, { hour: 'numeric', minute: '2-digit', second: '2-digit' }),
  };
  return format.replace(/\{(\w+)\}/g, (whole, token: string) => tokens[token]?.() ?? whole);
};

const link = (url: string, labelHtml: string, context: RenderContext): string => {
  const target = context.permalinkTarget(url);
  if (target) {
    return `<a href="#" class="permalink" data-channel="${escapeHtml(target.channel)}" data-ts="${escapeHtml(target.ts)}">${labelHtml}</a>`;
  }
  if (!/^(https?:|mailto:)/i.test(url)) return labelHtml;
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${labelHtml}</a>`;
};

/** One `<…>` of Slack's message syntax: mentions, channel links, special mentions, dates, links. */
const renderAngle = (inner: string, context: RenderContext): string => {
  const [target = '', ...rest] = inner.split('|');
  const label = rest.length ? decodeSlackText(rest.join('|')) : null;
  if (target.startsWith('@')) {
    const name = label ?? context.userName(target.slice(1)) ?? target.slice(1);
    return `<span class="mention">@${escapeHtml(name)}</span>`;
  }
  if (target.startsWith('#')) {
    const name = label ?? context.channelName(target.slice(1)) ?? target.slice(1);
    return `<span class="mention">#${escapeHtml(name)}</span>`;
  }
  if (target.startsWith('!subteam^')) return `<span class="mention">@${escapeHtml(label ?? 'group')}</span>`;
  if (target.startsWith('!date^')) {
    const [, epoch = '', format = '', linkUrl] = target.split('^');
    const seconds = Number(epoch);
    if (!Number.isFinite(seconds)) return escapeHtml(label ?? '');
    const text = escapeHtml(formatSlackDate(seconds, format, context));
    const time = `<time datetime="${new Date(seconds * 1000).toISOString()}">${text}</time>`;
    return linkUrl ? link(decodeSlackText(linkUrl), time, context) : time;
  }
  if (target.startsWith('!')) return `<span class="mention">@${escapeHtml(label ?? target.slice(1))}</span>`;
  const url = decodeSlackText(target);
  return link(url, escapeHtml(label ?? url), context);
};

/** Bold, italic and strike on escaped text, with Slack's rule that markers hug the words. */
const formatInline = (html: string): string =>
  html
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1<b>$2</b>')
    .replace(/(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1<i>$2</i>')
    .replace(/(^|[^\w~])~(?=\S)([^~\n]*?\S)~(?!\w)/g, '$1<s>$2</s>');

const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/** Slack mrkdwn as HTML. */
export const renderMrkdwn = (text: string, context: RenderContext): string => {
  const saved: string[] = [];
  const hold = (html: string): string => `\uE000${saved.push(html) - 1}\uE001`;
  // The placeholder characters cannot come from the text itself.
  let source = text.replace(/[\uE000\uE001]/g, '\uFFFD');
  source = source.replace(/```([\s\S]*?)```/g, (_whole, code: string) => hold(`<pre>${escapeHtml(decodeSlackText(code.replace(/^\n/, '')))}</pre>`));
  source = source.replace(/`([^`\n]+)`/g, (_whole, code: string) => hold(`<code>${escapeHtml(decodeSlackText(code))}</code>`));
  source = source.replace(/<([^<>\n]+)>/g, (_whole, inner: string) => hold(renderAngle(inner, context)));
  const lines = source.split('\n').map((line) => {
    const quoted = /^(&gt;|>) ?/.exec(line);
    const body = formatInline(emojify(escapeHtml(decodeSlackText(quoted ? line.slice(quoted[0].length) : line))));
    return quoted ? `<blockquote>${body}</blockquote>` : body;
  });
  const html = lines.join('<br>').replace(/<\/blockquote><br><blockquote>/g, '<br>');
  // Restoring may reveal placeholders inside saved pieces only if they were nested; they are not.
  return html.replace(PLACEHOLDER, (_whole, index: string) => saved[Number(index)] ?? '');
};

/** A text object, mrkdwn or plain. */
export const renderText = (value: unknown, context: RenderContext): string => {
  if (typeof value !== 'object' || value === null) return '';
  const text = (value as { type?: unknown; text?: unknown }).text;
  if (typeof text !== 'string') return '';
  return (value as { type?: unknown }).type === 'mrkdwn' ? renderMrkdwn(text, context) : renderPlainText(text);
};
