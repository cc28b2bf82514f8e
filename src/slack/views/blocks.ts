import type { ActionsBlock, ActionsBlockElement, Button, ContextBlock, HeaderBlock, MrkdwnElement, Overflow, PlainTextElement, SectionBlock } from '@slack/types';

export const plain = (text: string): PlainTextElement => ({ type: 'plain_text', text, emoji: true });
export const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text });

export const header = (text: string): HeaderBlock => ({ type: 'header', text: plain(text) });
export const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(text) });
export const fields = (items: readonly string[]): SectionBlock => ({ type: 'section', fields: items.map(mrkdwn) });
export const context = (text: string): ContextBlock => ({ type: 'context', elements: [mrkdwn(text)] });

export const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  text: plain(text),
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

export const linkButton = (text: string, actionId: string, url: string): Button => ({ type: 'button', text: plain(text), action_id: actionId, url });

export const overflow = (actionId: string, options: readonly { text: string; value: string }[]): Overflow => ({
  type: 'overflow',
  action_id: actionId,
  options: options.map((option) => ({ text: plain(option.text), value: option.value })),
});

export const actions = (blockId: string, elements: ActionsBlockElement[]): ActionsBlock => ({ type: 'actions', block_id: blockId, elements });
