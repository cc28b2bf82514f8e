/** JSON as the local Slack and the sandbox page pass it around: payloads, blocks, views. */
export type Json = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A text field of a payload: the value when it is a string, otherwise `fallback`. */
export const jsonText = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

/** The parsed value, or undefined when the text is not JSON. */
export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
