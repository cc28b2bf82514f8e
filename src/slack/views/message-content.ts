import { z } from 'zod';
import { escapeMrkdwn } from './mrkdwn';

/**
 * What a message says, in Slack's delivered form (entities and `<…>` markup, as in `message.text`),
 * for a message whose `text` may be empty: alerts from monitoring bots often carry everything in
 * legacy `attachments` or in `blocks`. Unknown shapes are skipped, never thrown on.
 */

const textObject = z.object({ type: z.string().optional(), text: z.string() }).loose();

const attachment = z
  .object({
    pretext: z.string().optional(),
    author_name: z.string().optional(),
    title: z.string().optional(),
    title_link: z.string().optional(),
    text: z.string().optional(),
    fields: z.array(z.object({ title: z.string().optional(), value: z.string().optional() }).loose()).optional(),
    footer: z.string().optional(),
    fallback: z.string().optional(),
  })
  .loose();

/** A text object's content in delivered form: mrkdwn is already escaped, plain_text is not. */
const fromTextObject = (value: unknown): string => {
  const parsed = textObject.safeParse(value);
  if (!parsed.success) return '';
  return parsed.data.type === 'plain_text' ? escapeMrkdwn(parsed.data.text) : parsed.data.text;
};

/** One rich_text element (https://docs.slack.dev/reference/block-kit/blocks/rich-text-block) in delivered form. */
const fromRichElement = (element: Record<string, unknown>): string => {
  const str = (key: string) => (typeof element[key] === 'string' ? element[key] : '');
  switch (element.type) {
    case 'text':
      return escapeMrkdwn(str('text'));
    case 'link':
      return str('text') ? `<${escapeMrkdwn(str('url'))}|${escapeMrkdwn(str('text'))}>` : `<${escapeMrkdwn(str('url'))}>`;
    case 'user':
      return `<@${str('user_id')}>`;
    case 'channel':
      return `<#${str('channel_id')}>`;
    case 'usergroup':
      return `<!subteam^${str('usergroup_id')}>`;
    case 'broadcast':
      return `<!${str('range')}>`;
    case 'emoji':
      return `:${str('name')}:`;
    case 'date':
      return escapeMrkdwn(str('fallback'));
    default:
      return escapeMrkdwn(str('text'));
  }
};

const records = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : []);

const fromRichText = (block: Record<string, unknown>): string =>
  records(block.elements)
    .map((part) => {
      const inline = (container: Record<string, unknown>) => records(container.elements).map(fromRichElement).join('');
      switch (part.type) {
        case 'rich_text_list':
          return records(part.elements)
            .map((item) => `• ${inline(item)}`)
            .join('\n');
        case 'rich_text_quote':
          return inline(part)
            .split('\n')
            .map((line) => `&gt; ${line}`)
            .join('\n');
        default:
          return inline(part);
      }
    })
    .join('\n');

const fromBlock = (block: Record<string, unknown>): string => {
  switch (block.type) {
    case 'section':
      return [fromTextObject(block.text), ...records(block.fields).map(fromTextObject)].filter(Boolean).join('\n');
    case 'header':
      return fromTextObject(block.text);
    case 'context':
      return records(block.elements).map(fromTextObject).filter(Boolean).join(' ');
    case 'rich_text':
      return fromRichText(block);
    default:
      return '';
  }
};

const fromAttachment = (value: unknown): string => {
  const parsed = attachment.safeParse(value);
  if (!parsed.success) return '';
  const a = parsed.data;
  const fields = (a.fields ?? []).map((field) => [field.title, field.value].filter(Boolean).join(': '));
  const title = a.title && a.title_link ? `<${escapeMrkdwn(a.title_link)}|${a.title}>` : a.title;
  const parts = [a.pretext, a.author_name, title, a.text, ...fields, a.footer].filter((part): part is string => !!part && part.trim() !== '');
  return parts.length > 0 ? parts.join('\n') : (a.fallback ?? '');
};

/**
 * The content of a message: its `text` when it has any, else its blocks' texts, else its
 * attachments' pretext, title, text, fields and footer (the fallback when they have none).
 * Blocks come before attachments because, when both exist, Slack shows blocks as the message body.
 */
export const messageContent = (message: { text?: unknown; blocks?: unknown; attachments?: unknown }): string => {
  const text = typeof message.text === 'string' ? message.text : '';
  if (text.trim() !== '') return text;
  const fromBlocks = records(message.blocks)
    .map(fromBlock)
    .filter((part) => part.trim() !== '')
    .join('\n');
  if (fromBlocks.trim() !== '') return fromBlocks;
  return records(message.attachments)
    .map(fromAttachment)
    .filter((part) => part.trim() !== '')
    .join('\n\n');
};
