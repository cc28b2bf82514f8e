import { isJsonObject } from '../json';
import { BUTTON_TEXT_MAX, BUTTON_VALUE_MAX, OPTIONS_MAX, PLAIN_TEXT_INPUT_MAX } from './block-kit-limits';
import { Problems, checkId, checkOption, checkPlaceholder, checkSelectOptions, checkText } from './block-kit-composition';

/** Problems with one interactive element (button, select, input, …), inside an input block or not. */
export const checkElement = (problems: Problems, path: string, element: unknown, inInput: boolean) => {
  if (!isJsonObject(element)) return problems.add(path, 'must be an element object');
  checkId(problems, `${path}.action_id`, element.action_id);
  switch (element.type) {
    case 'button':
      checkText(problems, `${path}.text`, element.text, BUTTON_TEXT_MAX, ['plain_text']);
      if (element.value !== undefined && (typeof element.value !== 'string' || element.value.length > BUTTON_VALUE_MAX)) {
        problems.add(`${path}.value`, `must be a string of at most ${BUTTON_VALUE_MAX} characters`);
      }
      if (element.url !== undefined && (typeof element.url !== 'string' || element.url.length > 3000)) {
        problems.add(`${path}.url`, 'must be a URL of at most 3000 characters');
      }
      if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
        problems.add(`${path}.style`, 'must be primary or danger');
      }
      return;
    case 'static_select': {
      checkPlaceholder(problems, path, element);
      checkSelectOptions(problems, path, element);
      if (element.initial_option !== undefined) checkOption(problems, `${path}.initial_option`, element.initial_option);
      return;
    }
    case 'plain_text_input': {
      if (!inInput) problems.add(path, 'plain_text_input is only allowed in input blocks');
      checkPlaceholder(problems, path, element);
      const max = element.max_length;
      if (max !== undefined && (typeof max !== 'number' || max < 1 || max > PLAIN_TEXT_INPUT_MAX)) {
        problems.add(`${path}.max_length`, `must be between 1 and ${PLAIN_TEXT_INPUT_MAX}`);
      }
      const initial = element.initial_value;
      if (initial !== undefined && typeof initial !== 'string') problems.add(`${path}.initial_value`, 'must be a string');
      if (typeof initial === 'string' && typeof max === 'number' && initial.length > max) {
        problems.add(`${path}.initial_value`, `is longer than max_length ${max}`);
      }
      if (typeof initial === 'string' && initial.length > PLAIN_TEXT_INPUT_MAX) {
        problems.add(`${path}.initial_value`, `must be at most ${PLAIN_TEXT_INPUT_MAX} characters`);
      }
      return;
    }
    case 'number_input': {
      // https://docs.slack.dev/reference/block-kit/block-elements/number-input-element: is_decimal_allowed is required; values are strings.
      if (!inInput) problems.add(path, 'number_input is only allowed in input blocks');
      checkPlaceholder(problems, path, element);
      if (typeof element.is_decimal_allowed !== 'boolean') problems.add(`${path}.is_decimal_allowed`, 'is required (true or false)');
      for (const key of ['initial_value', 'min_value', 'max_value'] as const) {
        const value = element[key];
        if (value !== undefined && (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value))) problems.add(`${path}.${key}`, 'must be a number written as a string');
      }
      return;
    }
    case 'email_text_input':
    case 'url_text_input':
      if (!inInput) problems.add(path, `${String(element.type)} is only allowed in input blocks`);
      checkPlaceholder(problems, path, element);
      if (element.initial_value !== undefined && typeof element.initial_value !== 'string') problems.add(`${path}.initial_value`, 'must be a string');
      return;
    case 'datetimepicker':
      // https://docs.slack.dev/reference/block-kit/block-elements/datetime-picker-element: initial_date_time is a UNIX timestamp in seconds.
      if (!inInput) problems.add(path, 'datetimepicker is only allowed in input blocks');
      if (element.initial_date_time !== undefined && (typeof element.initial_date_time !== 'number' || !Number.isInteger(element.initial_date_time))) {
        problems.add(`${path}.initial_date_time`, 'must be a UNIX timestamp in seconds');
      }
      return;
    case 'multi_static_select': {
      checkPlaceholder(problems, path, element);
      const options = element.options;
      if (!Array.isArray(options) || options.length === 0) return problems.add(`${path}.options`, 'must list at least one option');
      if (options.length > OPTIONS_MAX) problems.add(`${path}.options`, `must list at most ${OPTIONS_MAX} options`);
      options.forEach((option, index) => checkOption(problems, `${path}.options[${index}]`, option));
      if (element.initial_options !== undefined) {
        if (!Array.isArray(element.initial_options)) problems.add(`${path}.initial_options`, 'must be an array of options');
        else element.initial_options.forEach((option, index) => checkOption(problems, `${path}.initial_options[${index}]`, option));
      }
      return;
    }
    case 'overflow': {
      const options = element.options;
      if (!Array.isArray(options) || options.length < 2 || options.length > 5) return problems.add(`${path}.options`, 'must list 2 to 5 options');
      options.forEach((option, index) => checkOption(problems, `${path}.options[${index}]`, option));
      return;
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const options = element.options;
      if (!Array.isArray(options) || options.length === 0 || options.length > 10) return problems.add(`${path}.options`, 'must list 1 to 10 options');
      options.forEach((option, index) => checkOption(problems, `${path}.options[${index}]`, option));
      return;
    }
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
      return checkPlaceholder(problems, path, element);
    case 'file_input': {
      // https://docs.slack.dev/reference/block-kit/block-elements/file-input-element: max_files 1 to 10.
      const max = element.max_files;
      if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 10)) problems.add(`${path}.max_files`, 'must be between 1 and 10');
      return;
    }
    case 'multi_users_select': {
      // https://docs.slack.dev/reference/block-kit/block-elements/multi-select-menu-element: max_selected_items is at least 1; initial_users lists user ids.
      const max = element.max_selected_items;
      if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1)) problems.add(`${path}.max_selected_items`, 'must be a whole number of at least 1');
      const initial = element.initial_users;
      if (initial !== undefined && (!Array.isArray(initial) || initial.some((user) => typeof user !== 'string'))) problems.add(`${path}.initial_users`, 'must list user ids');
      return checkPlaceholder(problems, path, element);
    }
    case 'datepicker':
      checkPlaceholder(problems, path, element);
      if (element.initial_date !== undefined && (typeof element.initial_date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(element.initial_date))) {
        problems.add(`${path}.initial_date`, 'must be a date written YYYY-MM-DD');
      }
      return;
    default:
      problems.add(`${path}.type`, `unsupported element type ${String(element.type)}`);
  }
};
