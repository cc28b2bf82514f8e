/** A NUL, or half of a UTF-16 surrogate pair without its other half. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** U+FFFD REPLACEMENT CHARACTER: what a character that cannot be stored becomes, visibly. */
export const REPLACEMENT = '\uFFFD';

/**
 * Every string in `value` (a parsed Slack payload: objects, arrays, keys left as they are) with each
 * NUL and each lone surrogate replaced by U+FFFD. PostgreSQL refuses NUL in text (the filing failed
 * and asked the person to press Submit again, forever) and neither database can store a lone
 * surrogate as it came (SQLite gave back three U+FFFD, PostgreSQL one, while the modal had shown it
 * as typed): replacing them where Slack's payloads enter makes what is shown, stored and posted the
 * same on both databases, and keeps the rest of the text.
 */
export const wellFormed = <T>(value: T): T => (hasUnstorable(value) ? replaced(value) : value);

/** Whether any string in `value` holds a NUL or a lone surrogate: a walk that copies nothing, as nearly every payload has none. */
const hasUnstorable = (value: unknown): boolean => {
  if (typeof value === 'string') return value.search(UNSTORABLE) !== -1;
  if (Array.isArray(value)) return value.some(hasUnstorable);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasUnstorable);
  return false;
};

const replaced = <T>(value: T): T => {
  if (typeof value === 'string') return value.replace(UNSTORABLE, REPLACEMENT) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => replaced(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaced(item as unknown)])) as T;
  }
  return value;
};
