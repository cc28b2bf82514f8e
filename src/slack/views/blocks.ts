import type { ActionsBlock, ActionsBlockElement, Button, ContextBlock, HeaderBlock, MrkdwnElement, Overflow, PlainTextElement, SectionBlock } from '@slack/types';

/** A `plain_text` object (emoji shortcodes shown as emoji). Texts are not cut here: cut them first with `text-cuts.ts`. */
export const plain = (text: string): PlainTextElement => ({ type: 'plain_text', text, emoji: true });
/** A `mrkdwn` text object; anything a person typed must come through `relay-text.ts` first. */
export const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text });

/** A header block (Slack's limit: 150 characters of plain text). */
export const header = (text: string): HeaderBlock => ({ type: 'header', text: plain(text) });
/** A section of mrkdwn text (Slack's limit: 3,000 characters). */
export const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(text) });
/** A section of mrkdwn fields shown two by two (Slack's limits: 10 fields, 2,000 characters each). */
export const fields = (items: readonly string[]): SectionBlock => ({ type: 'section', fields: items.map(mrkdwn) });
/** A context block: one line of small mrkdwn text. */
export const context = (text: string): ContextBlock => ({ type: 'context', elements: [mrkdwn(text)] });

/** A button carrying `value` (Slack's limits: text 75 characters, value 2,000) back to the listener of `actionId`. */
export const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  text: plain(text),
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

/** A button that opens `url`; Slack still sends its `actionId`, which must be acked. */
export const linkButton = (text: string, actionId: string, url: string): Button => ({ type: 'button', text: plain(text), action_id: actionId, url });

/** An overflow menu (Slack's limit: 5 options); the chosen option's `value` reaches the listener of `actionId`. */
export const overflow = (actionId: string, options: readonly { text: string; value: string }[]): Overflow => ({
  type: 'overflow',
  action_id: actionId,
  options: options.map((option) => ({ text: plain(option.text), value: option.value })),
});

/** An actions block (Slack's limit: 25 elements); `blockId` names it in the payload. */
export const actions = (blockId: string, elements: ActionsBlockElement[]): ActionsBlock => ({ type: 'actions', block_id: blockId, elements });
