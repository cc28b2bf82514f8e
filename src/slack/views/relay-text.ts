import { escapeMrkdwn } from './mrkdwn';

/**
 * Makes text people wrote safe to post in a Slack mrkdwn text (or a message's fallback `text`):
 * it renders as typed, except for the few tokens a relay keeps live.
 *
 * The input is what people wrote, decoded: modal inputs as Slack gives them, and message text
 * decoded at the edge (`readableSlackText`, `relayableSlackText`). A `<…>` span (from a `<` to the next `>`, with no `<` inside, which is how
 * Slack finds markup) stays live only when it is on the allow-list, rebuilt from its parts:
 * - a user mention `<@U…>` / `<@W…>` (label dropped; Slack shows the person's name): it notifies
 *   one person, whom the writer could mention or DM anyway; at most {@link MAX_LIVE_MENTIONS} per text;
 * - a channel link `<#C…>` / `<#G…>` (label dropped): shows the channel's name to those who may
 *   see it, notifies nobody;
 * - a web link `<http(s)://…>` or `<http(s)://…|label>`, the label escaped, so nothing in it is
 *   markup (a labelled link is no more than the writer could post in Slack themselves).
 * Everything else is escaped: `<!channel>`, `<!here>`, `<!everyone>`, `<!group>`, `<!subteam^…>` in
 * any letter case or nesting, `<!date…>`, `mailto:` and other schemes, and every `&`, so entity
 * fragments cannot assemble markup. The output's only `<` are those of the rebuilt tokens, none of
 * which starts with `!`: nothing a person wrote can make the app ping a channel or a user group.
 * Plain `@here` / `@channel` text does not notify either: Slack parses only the `<!…>` form in
 * messages apps post (see slackapi/node-slack-sdk#662).
 */
export const relayText = (written: string): string => {
  let out = '';
  let at = 0;
  let mentions = 0;
  for (const match of written.matchAll(/<([^<>]*)>/g)) {
    out += escapeMrkdwn(written.slice(at, match.index));
    const live = liveToken(match[1] ?? '');
    const mention = live?.startsWith('<@') ?? false;
    out += live && (!mention || ++mentions <= MAX_LIVE_MENTIONS) ? live : escapeMrkdwn(match[0]);
    at = match.index + match[0].length;
  }
  return out + escapeMrkdwn(written.slice(at));
};

/** Mentioning a whole channel's members one by one would be `@channel` by other means; past this many, mentions show as typed. */
export const MAX_LIVE_MENTIONS = 5;

const USER = /^@([UW][A-Z0-9]{2,})(\|[^]*)?$/;
const CHANNEL = /^#([CG][A-Z0-9]{2,})(\|[^]*)?$/;
const WEB_LINK = /^(https?:\/\/[^\s|]+)(?:\|([^]*))?$/i;

/** The live form of an allow-listed token, or null when it must be shown as typed. */
const liveToken = (inner: string): string | null => {
  const user = USER.exec(inner);
  if (user) return `<@${user[1]}>`;
  const channel = CHANNEL.exec(inner);
  if (channel) return `<#${channel[1]}>`;
  const link = WEB_LINK.exec(inner);
  if (link) {
    const url = escapeMrkdwn(link[1] ?? '');
    const label = link[2]?.trim();
    return label ? `<${url}|${escapeMrkdwn(label)}>` : `<${url}>`;
  }
  return null;
};
