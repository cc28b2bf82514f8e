import type { ActionsBlock, Button, ContextBlock, DividerBlock, HeaderBlock, MrkdwnElement, PlainTextElement, SectionBlock } from '@slack/types';

export const plain = (text: string): PlainTextElement => ({ type: 'plain_text', text, emoji: true });
export const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text });

export const header = (text: string): HeaderBlock => ({ type: 'header', text: plain(text) });
export const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(text) });
export const fields = (items: readonly string[]): SectionBlock => ({ type: 'section', fields: items.map(mrkdwn) });
export const context = (text: string): ContextBlock => ({ type: 'context', elements: [mrkdwn(text)] });
export const divider = (): DividerBlock => ({ type: 'divider' });

export const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  text: plain(text),
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

export const actions = (blockId: string, elements: Button[]): ActionsBlock => ({ type: 'actions', block_id: blockId, elements });
