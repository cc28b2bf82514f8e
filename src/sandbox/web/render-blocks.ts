import { escapeMrkdwn } from '../../slack/views/mrkdwn';
import { isJsonObject, Json, jsonText } from '../json';
import { escapeHtml, renderMrkdwn, renderPlainText, renderText, RenderContext } from './render-mrkdwn';

/**
 * Block Kit to HTML for the sandbox page, close enough to Slack's look to use. Interactive
 * elements carry their block and action ids in data attributes; the page sends them back when
 * the person uses them, and the sandbox builds the payload Slack would send.
 */

export interface BlockRenderContext extends RenderContext {
  /** Everyone in the workspace, for users_select menus. */
  readonly people: readonly { id: string; realName: string }[];
  /** The workspace's channels, for channels_select and conversations_select menus. */
  readonly channels: readonly { id: string; name: string }[];
}

const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isJsonObject) : []);
const attr = (value: unknown): string => escapeHtml(typeof value === 'string' ? value : '');
const optionLabel = (option: Json): string => renderPlainText(jsonText((option.text as Json | undefined)?.text));

const elementData = (blockId: unknown, element: Json): string => `data-block-id="${attr(blockId)}" data-action-id="${attr(element.action_id)}"`;

/** The interactive elements that go in actions blocks and section accessories. */
export const renderElement = (element: Json, blockId: unknown, context: BlockRenderContext): string => {
  switch (element.type) {
    case 'button': {
      const style = element.style === 'primary' || element.style === 'danger' ? ` ${element.style}` : '';
      const label = renderText(element.text, context);
      const url = typeof element.url === 'string' ? element.url : null;
      const target = url ? context.permalinkTarget(url) : null;
      const linkData = target ? ` data-link-channel="${attr(target.channel)}" data-link-ts="${attr(target.ts)}"` : url ? ` data-url="${attr(url)}"` : '';
      return `<button type="button" class="bk-button${style}" ${elementData(blockId, element)}${linkData}>${label}</button>`;
    }
    case 'overflow': {
      const options = list(element.options).map((option) => `<option value="${attr(option.value)}">${optionLabel(option)}</option>`);
      return `<select class="bk-overflow" aria-label="More options" ${elementData(blockId, element)}><option value="" selected>⋮</option>${options.join('')}</select>`;
    }
    case 'static_select': {
      const placeholder = renderText(element.placeholder, context) || 'Select an item';
      // The initial option shows as chosen, as in Slack; choosing it again sends nothing.
      const initial = isJsonObject(element.initial_option) ? element.initial_option.value : undefined;
      const options = (items: unknown) => list(items).map((option) => `<option value="${attr(option.value)}"${option.value === initial ? ' selected disabled' : ''}>${optionLabel(option)}</option>`);
      const listed =
        element.option_groups === undefined
          ? options(element.options)
          : list(element.option_groups).map((group) => `<optgroup label="${attr(jsonText((group.label as Json | undefined)?.text))}">${options(group.options).join('')}</optgroup>`);
      return `<select class="bk-select" ${elementData(blockId, element)}><option value=""${initial === undefined ? ' selected' : ''}>${placeholder}</option>${listed.join('')}</select>`;
    }
    case 'users_select': {
      const placeholder = renderText(element.placeholder, context) || 'Select a person';
      const options = context.people.map((person) => `<option value="${attr(person.id)}">${escapeHtml(person.realName)}</option>`);
      return `<select class="bk-select" ${elementData(blockId, element)}><option value="" selected>${placeholder}</option>${options.join('')}</select>`;
    }
    case 'image':
      return `<img class="bk-image-small" src="${attr(element.image_url)}" alt="${attr(element.alt_text)}">`;
    default:
      return `<span class="bk-unsupported">[${escapeHtml(String(element.type))} element]</span>`;
  }
};

const renderSection = (block: Json, context: BlockRenderContext): string => {
  const text = block.text ? `<div class="bk-text">${renderText(block.text, context)}</div>` : '';
  const fields = list(block.fields).map((field) => `<div class="bk-field">${renderText(field, context)}</div>`);
  const fieldsHtml = fields.length ? `<div class="bk-fields">${fields.join('')}</div>` : '';
  const accessory = isJsonObject(block.accessory) ? `<div class="bk-accessory">${renderElement(block.accessory, block.block_id, context)}</div>` : '';
  return `<div class="bk-section"><div class="bk-section-body">${text}${fieldsHtml}</div>${accessory}</div>`;
};

const renderContextBlock = (block: Json, context: BlockRenderContext): string => {
  const elements = list(block.elements).map((element) =>
    element.type === 'image' ? `<img class="bk-context-image" src="${attr(element.image_url)}" alt="${attr(element.alt_text)}">` : `<span>${renderText(element, context)}</span>`,
  );
  return `<div class="bk-context">${elements.join(' ')}</div>`;
};

/** The words of a rich_text block as mrkdwn, enough to read it. */
const richTextWords = (value: unknown): string => {
  if (Array.isArray(value)) return value.map(richTextWords).join('');
  if (!isJsonObject(value)) return '';
  if (value.type === 'user') return `<@${String(value.user_id)}>`;
  if (value.type === 'link') return `<${escapeMrkdwn(jsonText(value.url))}|${escapeMrkdwn(jsonText(value.text, jsonText(value.url)))}>`;
  if (typeof value.text === 'string') return escapeMrkdwn(value.text);
  return richTextWords(value.elements);
};

/** One block of a message or a view (input blocks are rendered by the modal, which owns the form). */
export const renderBlock = (block: Json, context: BlockRenderContext): string => {
  switch (block.type) {
    case 'header':
      return `<div class="bk-header">${renderText(block.text, context)}</div>`;
    case 'section':
      return renderSection(block, context);
    case 'context':
      return renderContextBlock(block, context);
    case 'divider':
      return '<hr class="bk-divider">';
    case 'actions':
      return `<div class="bk-actions">${list(block.elements)
        .map((element) => renderElement(element, block.block_id, context))
        .join('')}</div>`;
    case 'image':
      return `<figure class="bk-image"><img src="${attr(block.image_url)}" alt="${attr(block.alt_text)}"></figure>`;
    case 'rich_text':
      return `<div class="bk-text">${renderMrkdwn(richTextWords(block.elements), context)}</div>`;
    default:
      return `<div class="bk-unsupported">[${escapeHtml(String(block.type))} block]</div>`;
  }
};

/** A message's body: its blocks, or its text as mrkdwn when it has none. */
export const renderMessageBody = (text: string, blocks: readonly Json[], context: BlockRenderContext): string =>
  blocks.length ? blocks.map((block) => renderBlock(block, context)).join('') : `<div class="bk-text">${renderMrkdwn(text, context)}</div>`;
