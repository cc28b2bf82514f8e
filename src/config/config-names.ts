import { z } from 'zod';
import { OPTION_TEXT_MAX, optionText } from '../slack/views/text-cuts';

/** Names listed twice in one list (schedules, SLA plans, departments, help topics). */
export const uniqueNames = (items: readonly { name: string }[], list: string, ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.name)) ctx.addIssue({ code: 'custom', path: [list, index, 'name'], message: `"${item.name}" is listed twice` });
    seen.add(item.name);
  });
};

/** Characters Unicode says to draw as nothing (zero-width space, soft hyphen, joiners, variation selectors, …). */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/** How a select shows a name: cut as the views cut it, in one Unicode form, without what is drawn as nothing, with runs of spaces shown as one. */
const shownAs = (name: string): string => optionText(name).normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();

/**
 * Names that differ but would look the same in a select the app builds: Slack cuts option text
 * at 75 characters, so two names alike in their first 74 become two identical choices, and two
 * names that differ only in characters drawn as nothing (`Lap\u200Btop`) look the same. Exact
 * repeats are left to uniqueNames.
 */
export const distinctOptions = (items: readonly { name: string }[], list: string, where: string, ctx: z.RefinementCtx) => {
  const seen = new Map<string, { name: string; index: number }>();
  items.forEach((item, index) => {
    const label = shownAs(item.name);
    if (label === '') {
      ctx.addIssue({ code: 'custom', path: [list, index, 'name'], message: `"${item.name}" would show as an empty choice in ${where}; give it a visible name` });
      return;
    }
    const earlier = seen.get(label);
    if (earlier && earlier.name !== item.name) {
      ctx.addIssue({
        code: 'custom',
        path: [list, index, 'name'],
        message: `"${item.name}" would show as "${optionText(item.name)}" in ${where}, the same as ${list}[${earlier.index}] "${earlier.name}" (Slack shows at most ${OPTION_TEXT_MAX} characters of a choice); make them differ in characters people can see, within the first ${OPTION_TEXT_MAX - 1}`,
      });
    }
    if (!earlier) seen.set(label, { name: item.name, index });
  });
};
