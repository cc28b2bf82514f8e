import type { App } from '@slack/bolt';
import { ListenerDeps } from '../deps';
import { handleRequesterDmMessage } from './requester-dm-message';

/** Registers the Events API listeners: messages (a requester's DMs with the app, their edits and deletions). */
export const register = (app: App, deps: ListenerDeps): void => {
  app.event('message', handleRequesterDmMessage(deps));
};
