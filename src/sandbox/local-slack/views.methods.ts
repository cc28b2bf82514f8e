import { Json } from '../json';
import { viewProblems } from './block-kit-rules';
import { WebApiMethods } from './web-api-method';

/** The `views.*` methods: open and push modals (each with a fresh trigger id), update them, publish a Home tab. */
export const viewsMethods: WebApiMethods = {
  'views.open'(args) {
    const trigger = this.useTrigger('views.open', args.trigger_id);
    if (!('user' in trigger)) return trigger;
    const problems = viewProblems(args.view);
    if (problems.length) return this.fail('views.open', 'invalid_arguments', problems);
    return { ok: true, view: this.viewJson(this.createView(String(trigger.user), args.view as Json)) };
  },
  'views.push'(args) {
    const trigger = this.useTrigger('views.push', args.trigger_id);
    if (!('user' in trigger)) return trigger;
    const problems = viewProblems(args.view);
    if (problems.length) return this.fail('views.push', 'invalid_arguments', problems);
    return { ok: true, view: this.viewJson(this.createView(String(trigger.user), args.view as Json)) };
  },
  'views.update'(args) {
    const open = this.views.get(String(args.view_id));
    if (!open) return this.fail('views.update', 'not_found');
    if (args.hash !== undefined && args.hash !== open.hash) return this.fail('views.update', 'hash_conflict');
    const problems = viewProblems(args.view);
    if (problems.length) return this.fail('views.update', 'invalid_arguments', problems);
    open.view = args.view as Json;
    open.hash = `h${++this.counter}`;
    return { ok: true, view: this.viewJson(open) };
  },
  'views.publish'(args) {
    if (!this.users.has(String(args.user_id))) return this.fail('views.publish', 'user_not_found');
    const problems = viewProblems(args.view);
    if (problems.length) return this.fail('views.publish', 'invalid_arguments', problems);
    const home = this.createView(String(args.user_id), args.view as Json);
    return { ok: true, view: this.viewJson(home) };
  },
};
