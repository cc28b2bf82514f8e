import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { ListenerDeps } from '../deps';
import { republishHome } from '../home-notice';

/**
 * A person opened the app's Home tab (`app_home_opened`, tab `home`): their Home is published
 * afresh at once, whatever was published before. Opening the Messages tab changes nothing.
 * Source: https://docs.slack.dev/reference/events/app_home_opened
 */
export const handleAppHomeOpened =
  (deps: ListenerDeps) =>
  async ({ event, client, logger }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    const home = deps.home;
    if (event.tab !== 'home' || !home) return;
    await republishHome((userId) => home.publish(client, userId), logger, event.user);
  };
