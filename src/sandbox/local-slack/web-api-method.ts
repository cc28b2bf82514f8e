import { Json } from '../json';
import { SlackWorkspace } from './workspace';

/**
 * A Web API method of the local Slack: the call's arguments in, Slack's answer out (`ok: true` and
 * the result, or `ok: false` with Slack's error name, recorded through `this.fail`). It runs with
 * `this` bound to the workspace it reads and changes.
 */
export type WebApiMethod = (this: SlackWorkspace, args: Json) => Json;

/** Methods by their Web API name, e.g. `chat.postMessage`. */
export type WebApiMethods = Record<string, WebApiMethod>;
