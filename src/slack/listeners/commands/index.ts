import type { App } from '@slack/bolt';
import { ids } from '../../ids';
import { ListenerDeps } from '../deps';
import { handleTicketCommand } from './ticket-command';

/** Registers the slash command `/ticket`. */
export const register = (app: App, deps: ListenerDeps): void => {
  app.command(ids.command, handleTicketCommand(deps));
};
