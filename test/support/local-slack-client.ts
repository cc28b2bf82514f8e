import { WebClient } from '@slack/web-api';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { BOT_TOKEN, startLocalSlack } from './helpdesk-harness';

/** A Web API client with the app's bot token against a local Slack, that never retries: a test sees each refusal as Slack sends it. */
export const botClient = (slack: LocalSlack): WebClient => new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });

/** The Slack error name a Web API call was refused with (`data.error`, e.g. `view_too_large`), or 'ok' when it succeeded. */
export const errorOf = async (call: Promise<unknown>): Promise<string> => {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return (error as { data?: { error?: string } }).data?.error ?? String(error);
  }
};

/** Starts a local Slack with the demo workspace and a bot client on it (botClient); the caller stops `slack`. */
export const startLocalSlackWithBot = async (): Promise<{ slack: LocalSlack; client: WebClient }> => {
  const slack = await startLocalSlack();
  return { slack, client: botClient(slack) };
};
