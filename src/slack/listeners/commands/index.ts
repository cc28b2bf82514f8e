import type { App } from '@slack/bolt';
import { withRequestLogger } from '../../request-context';
import { ids } from '../../ids';
import { ListenerDeps } from '../deps';
import { handleTicketCommand } from './ticket-command';

/** Registers the slash command `/ticket`. */
export const register = (app: App, deps: ListenerDeps): void => {
  app.command(ids.command, withRequestLogger(handleTicketCommand(deps)));
};
