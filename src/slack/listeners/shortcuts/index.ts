import type { App } from '@slack/bolt';
import { withRequestLogger } from '../../request-context';
import { ids } from '../../ids';
import { ListenerDeps } from '../deps';
import { handleCreateTicketFromMessage } from './create-ticket-from-message';

/** Registers the "Create ticket" message shortcut. */
export const register = (app: App, deps: ListenerDeps): void => {
  app.shortcut({ callback_id: ids.shortcut.createFromMessage, type: 'message_action' }, withRequestLogger(handleCreateTicketFromMessage(deps)));
};
