import { mrkdwnTexts } from './visible-text';

/**
 * Finds what Slack would parse as a live broadcast or user-group mention in text an app posts.
 *
 * Slack reads markup as a `<` up to the next `>`; entities (`&lt;`) are decoded only after that, so
 * they never form markup. To stay on the safe side this checks the span from *every* `<` to the
 * `>` after it (so `<a<!here>` is caught however Slack treats the first `<`), ignores spaces after
 * `!`, and flags any special command (`<!…>`) other than a date, in any letter case, and any
 * `<@S…>` (a user-group id written as a mention).
 */
export const liveBroadcasts = (text: string): string[] => {
  const found: string[] = [];
  for (let open = text.indexOf('<'); open >= 0; open = text.indexOf('<', open + 1)) {
    const close = text.indexOf('>', open + 1);
    if (close < 0) break;
    const inner = text.slice(open + 1, close);
    if (/^\s*!\s*(?!date\^)/i.test(inner) || /^\s*@\s*S/i.test(inner)) found.push(`<${inner}>`);
  }
  return found;
};

/** Every live broadcast in a posted message or view: its fallback text and every mrkdwn text object. */
export const liveBroadcastsIn = (message: { text?: string; blocks?: unknown }): string[] => liveBroadcasts(mrkdwnTexts(message));
