import { Json } from '../json';
import { LocalChannel, PostedMessage } from './workspace-types';

const USER_MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;
const GROUP_MENTION = /<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>/g;
const BROADCAST = /<!(here|channel|everyone)(?:\|[^>]*)?>/;

/** The texts Slack looks for mentions in: the message's top-level `text`, and its section blocks' text and fields. */
const mentionTexts = (message: Pick<PostedMessage, 'text' | 'blocks'>): string[] => [
  message.text,
  ...message.blocks.flatMap((block: Json) => {
    if (block.type !== 'section') return [];
    const text = (block.text as Json | undefined)?.text;
    const fields = ((block.fields as Json[] | undefined) ?? []).map((field) => field.text);
    return [text, ...fields].filter((value): value is string => typeof value === 'string');
  }),
];

/**
 * Who a newly posted message notifies, as Slack decides it: every member of the conversation
 * (`U…`) and user group (`subteam:S…`) mentioned in its top-level text or a section block (someone
 * who is not a member is not notified; Slack offers to invite them); every member for `<!here>`
 * and `<!channel>`. In a DM with the app, a top-level message notifies the person; a reply in a
 * thread notifies them only when it is also sent to the conversation (`reply_broadcast`), mentions
 * them, or they have written in that thread themselves: Slack does not notify a thread the person
 * has not joined (https://slack.com/help/articles/115000769927). An edit (chat.update) notifies
 * nobody. The app's own bot user is never notified.
 */
export const notifiedBy = (message: PostedMessage, channel: LocalChannel, thread: readonly PostedMessage[], botUserId: string): string[] => {
  const texts = mentionTexts(message);
  const people = new Set(texts.flatMap((text) => [...text.matchAll(USER_MENTION)].map((match) => match[1] ?? '')));
  const groups = texts.flatMap((text) => [...text.matchAll(GROUP_MENTION)].map((match) => `subteam:${match[1] ?? ''}`));
  if (texts.some((text) => BROADCAST.test(text))) channel.members.forEach((member) => people.add(member));
  if (channel.isIm) {
    for (const member of channel.members) {
      const joined = thread.some((reply) => reply.user === member);
      if (!message.threadTs || message.broadcast || joined) people.add(member);
    }
  }
  people.delete(botUserId);
  people.delete(message.user);
  // Slack notifies only members of the conversation: mentioning anyone else offers to invite them instead.
  return [...people].filter((person) => channel.members.has(person)).concat([...new Set(groups)]);
};
