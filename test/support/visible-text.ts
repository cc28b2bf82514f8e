type Json = Record<string, unknown>;

/** All the text a person sees in a message or view: its fallback text and every text in its blocks. */
export const visibleText = (message: { text?: string; blocks?: unknown }): string => {
  const texts: string[] = message.text ? [message.text] : [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value && typeof value === 'object') {
      const object = value as Json;
      if (typeof object.text === 'string') texts.push(object.text);
      Object.values(object).forEach(walk);
    }
  };
  walk(message.blocks);
  return texts.join('\n');
};

export const buttonLabels = (message: { blocks: Json[] }): string[] =>
  message.blocks
    .filter((block) => block.type === 'actions')
    .flatMap((block) => (block.elements as Json[]).filter((element) => element.type === 'button').map((element) => String((element.text as Json).text)));

/** The values a modal's inputs start with, by label. */
export const initialValues = (view: Json): Record<string, string | null> => {
  const values: Record<string, string | null> = {};
  for (const block of view.blocks as Json[]) {
    if (block.type !== 'input') continue;
    const element = block.element as Json;
    const initial = element.initial_value ?? ((element.initial_option as Json | undefined)?.text as Json | undefined)?.text ?? null;
    values[String((block.label as Json).text)] = initial as string | null;
  }
  return values;
};

/** Only the texts Slack parses for mentions and links: the fallback text and every mrkdwn text object. */
export const mrkdwnTexts = (message: { text?: string; blocks?: unknown }): string => {
  const texts: string[] = message.text ? [message.text] : [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value && typeof value === 'object') {
      const object = value as Json;
      if (object.type === 'mrkdwn' && typeof object.text === 'string') texts.push(object.text);
      Object.values(object).forEach(walk);
    }
  };
  walk(message.blocks);
  return texts.join('\n');
};
