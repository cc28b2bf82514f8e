import { isJsonObject, Json, jsonText } from '../json';
import { selectOptions } from '../local-slack/select-options';
import { BlockRenderContext, renderBlock } from './render-blocks';
import { escapeHtml, renderPlainText, renderText } from './render-mrkdwn';

/** A modal as a form: inputs named by block id, the app's inline errors under them. */

export interface ModalToRender {
  readonly id: string;
  readonly view: Json;
  readonly errors: Readonly<Record<string, string>>;
}

const attr = (value: unknown): string => escapeHtml(typeof value === 'string' ? value : '');
const textOf = (value: unknown): string => (isJsonObject(value) && typeof value.text === 'string' ? value.text : '');

const renderOptions = (options: readonly Json[], selected: (value: string) => boolean): string =>
  options.map((option) => `<option value="${attr(option.value)}"${selected(String(option.value)) ? ' selected' : ''}>${renderPlainText(textOf(option.text))}</option>`).join('');

const renderInputElement = (name: string, element: Json, context: BlockRenderContext): string => {
  const placeholder = attr(textOf(element.placeholder));
  switch (element.type) {
    case 'plain_text_input': {
      const max = typeof element.max_length === 'number' ? ` maxlength="${element.max_length}"` : '';
      const initial = typeof element.initial_value === 'string' ? element.initial_value : '';
      return element.multiline
        ? `<textarea name="${name}" rows="5" placeholder="${placeholder}"${max}>${escapeHtml(initial)}</textarea>`
        : `<input type="text" name="${name}" placeholder="${placeholder}" value="${attr(initial)}"${max}>`;
    }
    // The sandbox offers radio buttons as a select: one choice either way, sent as Slack sends it.
    case 'radio_buttons':
    case 'static_select': {
      const initial = isJsonObject(element.initial_option) ? String(element.initial_option.value) : null;
      const selected = (value: string) => value === initial;
      const groups = Array.isArray(element.option_groups) ? element.option_groups.filter(isJsonObject) : null;
      const listed = groups
        ? groups.map((group) => `<optgroup label="${attr(textOf(group.label))}">${renderOptions(selectOptions({ options: group.options ?? [] }), selected)}</optgroup>`).join('')
        : renderOptions(selectOptions(element), selected);
      return `<select name="${name}"><option value="">${escapeHtml(textOf(element.placeholder) || 'Select an item')}</option>${listed}</select>`;
    }
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input': {
      const kind = element.type === 'number_input' ? 'number" step="any' : element.type === 'email_text_input' ? 'email' : 'url';
      return `<input type="${kind}" name="${name}" placeholder="${placeholder}" value="${attr(element.initial_value)}">`;
    }
    case 'datepicker':
      return `<input type="date" name="${name}" value="${attr(element.initial_date)}">`;
    case 'datetimepicker': {
      // Seconds since the epoch, as Slack reports it; the page shows and reads it in the browser's time zone.
      const initial = typeof element.initial_date_time === 'number' ? String(element.initial_date_time) : '';
      return `<input type="datetime-local" name="${name}" data-seconds="${initial}">`;
    }
    case 'multi_static_select': {
      const options = Array.isArray(element.options) ? element.options.filter(isJsonObject) : [];
      const initial = new Set((Array.isArray(element.initial_options) ? element.initial_options.filter(isJsonObject) : []).map((option) => String(option.value)));
      return `<select name="${name}" multiple size="${Math.min(options.length, 5)}">${renderOptions(options, (value) => initial.has(value))}</select>`;
    }
    case 'users_select': {
      const initial = typeof element.initial_user === 'string' ? element.initial_user : null;
      const people = context.people.map((person) => ({ value: person.id, text: { type: 'plain_text', text: person.realName } }));
      return `<select name="${name}"><option value="">${escapeHtml(textOf(element.placeholder) || 'Select a person')}</option>${renderOptions(people, (value) => value === initial)}</select>`;
    }
    case 'multi_users_select': {
      const initial = new Set(Array.isArray(element.initial_users) ? element.initial_users.map(String) : []);
      const people = context.people.map((person) => ({ value: person.id, text: { type: 'plain_text', text: person.realName } }));
      return `<select name="${name}" multiple>${renderOptions(people, (value) => initial.has(value))}</select>`;
    }
    case 'channels_select':
    case 'conversations_select': {
      const initial = typeof element.initial_channel === 'string' ? element.initial_channel : typeof element.initial_conversation === 'string' ? element.initial_conversation : null;
      const channels = context.channels.map((channel) => ({ value: channel.id, text: { type: 'plain_text', text: `#${channel.name}` } }));
      return `<select name="${name}"><option value="">${escapeHtml(textOf(element.placeholder) || 'Select a channel')}</option>${renderOptions(channels, (value) => value === initial)}</select>`;
    }
    case 'checkboxes': {
      const options = Array.isArray(element.options) ? element.options.filter(isJsonObject) : [];
      const initial = new Set((Array.isArray(element.initial_options) ? element.initial_options.filter(isJsonObject) : []).map((option) => String(option.value)));
      return options
        .map((option) => {
          const checked = initial.has(String(option.value)) ? ' checked' : '';
          return `<label class="checkbox"><input type="checkbox" name="${name}" value="${attr(option.value)}"${checked}> ${renderText(option.text, context)}</label>`;
        })
        .join('');
    }
    // Slack uploads what the person picks as their file; the page sends the picked files with Submit.
    case 'file_input': {
      const many = typeof element.max_files === 'number' && element.max_files > 1 ? ' multiple' : '';
      return `<input type="file" name="${name}"${many}>`;
    }
    default:
      return `<div class="bk-unsupported">[${escapeHtml(String(element.type))} input]</div>`;
  }
};

const renderInput = (block: Json, errors: Readonly<Record<string, string>>, context: BlockRenderContext): string => {
  const blockId = jsonText(block.block_id);
  const element = isJsonObject(block.element) ? block.element : {};
  const optional = block.optional ? ' <span class="optional">(optional)</span>' : '';
  const hint = block.hint ? `<div class="hint">${renderText(block.hint, context)}</div>` : '';
  const error = errors[blockId] ? `<div class="input-error" role="alert">${escapeHtml(errors[blockId] ?? '')}</div>` : '';
  // An input whose choice Slack sends at once (dispatch_action), before Submit.
  const dispatch = block.dispatch_action === true ? ' data-dispatch="true"' : '';
  return `<div class="modal-input${error ? ' has-error' : ''}" data-block-id="${attr(blockId)}" data-type="${attr(element.type)}"${dispatch}>
<label class="input-label">${renderPlainText(textOf(block.label))}${optional}</label>${renderInputElement(escapeHtml(blockId), element, context)}${hint}${error}</div>`;
};

/** A modal dialog: title bar, its blocks with inputs, Cancel and Submit. */
export const renderModal = (modal: ModalToRender, context: BlockRenderContext): string => {
  const { view } = modal;
  const blocks = Array.isArray(view.blocks) ? view.blocks.filter(isJsonObject) : [];
  const body = blocks.map((block) => (block.type === 'input' ? renderInput(block, modal.errors, context) : renderBlock(block, context))).join('');
  const close = escapeHtml(textOf(view.close) || 'Cancel');
  const submit = view.submit ? `<button type="submit" class="bk-button primary">${escapeHtml(textOf(view.submit))}</button>` : '';
  return `<form class="modal" data-view-id="${attr(modal.id)}" role="dialog" aria-label="${attr(textOf(view.title))}">
<header class="modal-title"><span>${escapeHtml(textOf(view.title))}</span><button type="button" class="modal-x" data-close aria-label="Close">×</button></header>
<div class="modal-body">${body}</div>
<footer class="modal-footer"><button type="button" class="bk-button" data-close>${close}</button>${submit}</footer></form>`;
};
