import { Json } from '../json';
import { OpenView } from './workspace-types';
import { viewProblems } from './block-kit-rules';
import { WebApiMethods } from './web-api-method';

/** Slack refuses a view whose JSON is over 250 kB with `view_too_large` (views.publish, views.open, views.push and views.update references). */
const VIEW_BYTES_MAX = 250 * 1024;
const tooLarge = (view: unknown): boolean => Buffer.byteLength(JSON.stringify(view ?? null)) > VIEW_BYTES_MAX;

/** Each input block's id, by its label (how a person, and `OpenView.entered`, name an input). */
const inputBlockIds = (view: Json): Map<string, string> => {
  const blocks = Array.isArray(view.blocks) ? (view.blocks as Json[]) : [];
  return new Map(blocks.filter((block) => block.type === 'input').map((block) => [String((block.label as Json | undefined)?.text), String(block.block_id)]));
};

/**
 * What a person typed survives views.update only in an input whose block id stays the same; an
 * input with a new block id shows its `initial_value` instead. That is how Slack documents it: to
 * replace an input's value with an update, give the block a new `block_id`
 * (https://docs.slack.dev/reference/block-kit/blocks/input-block and views.update's reference).
 */
const forgetReplacedInputs = (open: OpenView, next: Json): void => {
  const before = inputBlockIds(open.view);
  const after = inputBlockIds(next);
  for (const label of Object.keys(open.entered)) {
    if (before.get(label) !== after.get(label)) delete open.entered[label];
  }
};

/** The `views.*` methods: open and push modals (each with a fresh trigger id), update them, publish a Home tab. */
export const viewsMethods: WebApiMethods = {
  'views.open'(args) {
    const trigger = this.useTrigger('views.open', args.trigger_id);
    if (!('user' in trigger)) return trigger;
    if (tooLarge(args.view)) return this.fail('views.open', 'view_too_large');
    const problems = viewProblems(args.view);
    if (problems.length) return this.fail('views.open', 'invalid_arguments', problems);
    return { ok: true, view: this.viewJson(this.createView(String(trigger.user), args.view as Json)) };
  },
  'views.push'(args) {
    const trigger = this.useTrigger('views.push', args.trigger_id);
    if (!('user' in trigger)) return trigger;
    if (tooLarge(args.view)) return this.fail('views.push', 'view_too_large');
    const problems = viewProblems(args.view);
    if (problems.length) return this.fail('views.push', 'invalid_arguments', problems);
    return { ok: true, view: this.viewJson(this.createView(String(trigger.user), args.view as Json)) };
  },
  'views.update'(args) {
    const open = this.views.get(String(args.view_id));
    if (!open) return this.fail('views.update', 'not_found');
    if (args.hash !== undefined && args.hash !== open.hash) return this.fail('views.update', 'hash_conflict');
    if (tooLarge(args.view)) return this.fail('views.update', 'view_too_large');
    const problems = viewProblems(args.view);
    if (problems.length) return this.fail('views.update', 'invalid_arguments', problems);
    forgetReplacedInputs(open, args.view as Json);
    open.view = args.view as Json;
    open.hash = `h${++this.counter}`;
    return { ok: true, view: this.viewJson(open) };
  },
  /**
   * Publishes a person's Home tab (https://docs.slack.dev/reference/methods/views.publish): one
   * Home per person, replaced by each publish, keeping its view id and getting a new hash. A
   * `hash` that is not the Home's current one answers `hash_conflict`; a Home tab the manifest
   * does not enable `not_enabled`; a view that is not of type `home`, or breaks Block Kit's view
   * rules (100 blocks at most, …), `invalid_arguments`; a view over 250 kB `view_too_large`.
   */
  'views.publish'(args) {
    const userId = String(args.user_id);
    if (!this.users.has(userId)) return this.fail('views.publish', 'user_not_found');
    const view = args.view as Json | undefined;
    if (view?.type !== 'home') return this.fail('views.publish', 'invalid_arguments', ['view.type: must be home']);
    if (!this.homeTabEnabled) return this.fail('views.publish', 'not_enabled');
    const home = this.homeOf(userId);
    if (args.hash !== undefined && args.hash !== (home?.hash ?? '')) return this.fail('views.publish', 'hash_conflict');
    if (Buffer.byteLength(JSON.stringify(view)) > VIEW_BYTES_MAX) return this.fail('views.publish', 'view_too_large');
    const problems = viewProblems(view);
    if (problems.length) return this.fail('views.publish', 'invalid_arguments', problems);
    if (!home) return { ok: true, view: this.viewJson(this.createView(userId, view)) };
    home.view = view;
    home.hash = `h${++this.counter}`;
    return { ok: true, view: this.viewJson(home) };
  },
};
