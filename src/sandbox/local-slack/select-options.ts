import { isJsonObject, Json } from '../json';

/**
 * Every option a select menu offers, as a person sees them listed: its `options`, or the options
 * of each of its `option_groups` in order (Slack's static select takes one or the other).
 */
export const selectOptions = (element: Json): Json[] => {
  if (Array.isArray(element.options)) return element.options.filter(isJsonObject);
  if (!Array.isArray(element.option_groups)) return [];
  return element.option_groups.filter(isJsonObject).flatMap((group) => (Array.isArray(group.options) ? group.options.filter(isJsonObject) : []));
};
