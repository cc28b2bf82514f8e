import { Json, jsonText } from '../json';
import { OpenView } from './workspace-types';

/** Each input block of a view: its label, and the block and action ids its entry is kept under. */
const inputsOf = (view: Json): { label: string; key: string }[] =>
  ((view.blocks as Json[] | undefined) ?? [])
    .filter((block) => block.type === 'input')
    .map((block) => ({ label: jsonText((block.label as Json | undefined)?.text), key: `${jsonText(block.block_id)}/${jsonText((block.element as Json | undefined)?.action_id)}` }));

/**
 * Replaces an open view, as views.update or a submission's `response_action: update` do, with a
 * new hash. What the person entered is kept only in inputs whose `block_id` and `action_id` the
 * new view repeats, as Slack keeps it ("Preserving input entry",
 * https://docs.slack.dev/reference/views/modal-views); an input that is new or renamed starts
 * from its initial value.
 */
export const replaceView = (open: OpenView, view: Json, hash: string): void => {
  const keyOfLabel = new Map(inputsOf(open.view).map((input) => [input.label, input.key]));
  const labelOfKey = new Map(inputsOf(view).map((input) => [input.key, input.label]));
  const kept: Record<string, string | null> = {};
  for (const [label, entry] of Object.entries(open.entered)) {
    const key = keyOfLabel.get(label);
    const newLabel = key === undefined ? undefined : labelOfKey.get(key);
    if (newLabel !== undefined) kept[newLabel] = entry;
  }
  for (const label of Object.keys(open.entered)) delete open.entered[label];
  Object.assign(open.entered, kept);
  open.view = view;
  open.hash = hash;
};
