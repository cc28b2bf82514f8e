/**
 * Escapes user text for Slack mrkdwn so it cannot form mentions (`<!channel>`), links or
 * user references; Slack asks for exactly these three characters to be escaped.
 */
export const escapeMrkdwn = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What a person wrote, from message text as Slack delivers it (with `&`, `<` and `>` escaped). */
export const decodeSlackText = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Cuts text to at most `max` characters, marking the cut with an ellipsis. */
export const truncate = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** Splits text into pieces of at most `size` characters, never inside an escape such as `&amp;`. */
export const chunk = (text: string, size: number): string[] => {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > size) {
    let cut = size;
    const amp = rest.lastIndexOf('&', cut);
    if (amp > cut - 5 && rest.indexOf(';', amp) >= cut) cut = amp;
    const newline = rest.lastIndexOf('\n', cut);
    if (newline > size / 2) cut = newline + 1;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
};

/** A time Slack renders in each reader's own time zone, with a UTC fallback. */
export const slackDate = (at: Date): string => {
  const epoch = Math.floor(at.getTime() / 1000);
  const fallback = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${epoch}^{date_short_pretty} at {time}|${fallback}>`;
};

export const mentionUser = (userId: string): string => `<@${userId}>`;
export const mentionChannel = (channelId: string): string => `<#${channelId}>`;
