import { SYSTEM_ACTOR } from '../../domain/ticket-event';
/**
 * Escapes user text for Slack mrkdwn so it cannot form mentions (`<!channel>`), links or
 * user references; Slack asks for exactly these three characters to be escaped.
 */
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What a person wrote, from message text as Slack delivers it (with `&`, `<` and `>` escaped). */
export const decodeSlackText = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** A time to the minute in UTC, saying so (`2026-11-30 09:05 UTC`): where no reader's time zone is known. */
export const utcMinute = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A time Slack renders in each reader's own time zone, with a UTC fallback. */
export const slackDate = (at: Date): string => {
  const epoch = Math.floor(at.getTime() / 1000);
  return `<!date^${epoch}^{date_short_pretty} at {time}|${utcMinute(at)}>`;
};

/** A person as a mention; the help desk acting by itself (SYSTEM_ACTOR) is named in words, since it is nobody's Slack id. */
export const mentionUser = (userId: string): string => (userId === SYSTEM_ACTOR ? 'the help desk' : `<@${userId}>`);
export const mentionChannel = (channelId: string): string => `<#${channelId}>`;
