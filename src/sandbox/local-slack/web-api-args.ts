import { isJsonObject, Json, parseJson } from '../json';
import { mediaTypeOf } from './request-guard';

const POST_TYPES = new Set(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const CHARSETS = new Set(['utf-8', 'iso-8859-1']);

/**
 * The Web API takes form fields (objects JSON-encoded inside them) or a JSON body. What it cannot
 * read gets the error names Slack documents for every Web API method: a body without a
 * Content-Type `missing_post_type`, another media type `invalid_post_type`, another charset
 * `invalid_charset`, JSON that does not parse `invalid_json`, JSON that is not an object
 * `json_not_object`. Multipart bodies (file uploads) are not read here: `invalid_form_data`.
 */
export const parseArgs = (raw: string, contentType: string | undefined): { args: Json } | { refusal: string } => {
  if (contentType === undefined) return raw ? { refusal: 'missing_post_type' } : { args: {} };
  const media = mediaTypeOf(contentType);
  if (!media || !POST_TYPES.has(media.type)) return { refusal: 'invalid_post_type' };
  const charset = media.parameters.get('charset');
  if (charset !== undefined && !CHARSETS.has(charset.toLowerCase())) return { refusal: 'invalid_charset' };
  if (media.type === 'multipart/form-data') return { refusal: 'invalid_form_data' };
  if (media.type === 'application/json') {
    if (!raw) return { args: {} };
    const parsed = parseJson(raw);
    if (parsed === undefined) return { refusal: 'invalid_json' };
    return isJsonObject(parsed) ? { args: parsed } : { refusal: 'json_not_object' };
  }
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const parsed = /^[[{]/.test(value) ? parseJson(value) : undefined;
    args[key] = parsed === undefined ? value : parsed;
  }
  return { args };
};
