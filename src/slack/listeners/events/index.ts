import type { App } from '@slack/bolt';
import { withRequestLogger } from '../../request-context';
import { ListenerDeps } from '../deps';
import { handleAppHomeOpened } from './app-home-opened';
import { handleAppJoinedChannel } from './app-joined-channel';
import { handleRequesterDmMessage } from './requester-dm-message';

/**
 * Registers the Events API listeners: messages (a requester's DMs with the app, their edits and
 * deletions), the app joining a channel (a help desk channel that refused it may work now), and a
 * person opening the app's Home tab (published afresh).
 */
export const register = (app: App, deps: ListenerDeps): void => {
  app.event('message', withRequestLogger(handleRequesterDmMessage(deps)));
  app.event('member_joined_channel', withRequestLogger(handleAppJoinedChannel(deps)));
  app.event('app_home_opened', withRequestLogger(handleAppHomeOpened(deps)));
};
