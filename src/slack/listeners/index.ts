import type { App } from '@slack/bolt';
import * as actions from './actions';
import * as commands from './commands';
import { ListenerDeps } from './deps';
import * as events from './events';
import * as shortcuts from './shortcuts';
import * as views from './views';

/**
 * Registers every listener, one kind at a time; each kind's `register(app, deps)` calls Bolt once
 * per id (`app.action(id, handler)`, `app.view(id, handler)`, …); actions and views end with a
 * listener that answers ids this app does not know.
 */
export const registerListeners = (app: App, deps: ListenerDeps): void => {
  commands.register(app, deps);
  shortcuts.register(app, deps);
  actions.register(app, deps);
  views.register(app, deps);
  events.register(app, deps);
};
