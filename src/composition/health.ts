import { Answer, HealthDetails, OperationsFigures } from '../observability/operations-figures';
import { ChannelHealth } from '../slack/delivery/channel-health';

/**
 * The `/healthz` answers: the detailed one (operations port) names the channels the app cannot
 * post in, with the fix, and in Socket Mode whether the WebSocket is connected, beside what the
 * caller adds; both say 503 while a Socket Mode app is disconnected.
 */
export const healthAnswers = (figures: OperationsFigures, channelHealth: ChannelHealth, socketMode: boolean, slackConnected: () => boolean, extra?: HealthDetails) => {
  const details = async (): Promise<Record<string, unknown>> => {
    const unusable = channelHealth.unusableChannels();
    return {
      ...(socketMode ? { socketMode: slackConnected() ? 'connected' : 'disconnected' } : {}),
      ...(unusable.length > 0 ? { unusableChannels: unusable } : {}),
      ...(extra ? await extra() : {}),
    };
  };
  // In Socket Mode the app is down while its WebSocket is: Slack has nowhere to send requests.
  const socketAware = async (answer: Promise<Answer>): Promise<Answer> => {
    const given = await answer;
    if (slackConnected()) return given;
    // The detailed health keeps its JSON (which says `socketMode: disconnected`); the public one says only that it is down.
    return { ...given, status: 503, ...(given.contentType === 'application/json' ? {} : { body: 'unavailable\n' }) };
  };
  return {
    /** The operations port's `/healthz`. */
    detailed: () => socketAware(figures.health(details)),
    /** Socket Mode's health listener on PORT: the public answer in plain text. */
    publicPlain: () => socketAware(figures.publicHealth().then((answer) => ({ ...answer, contentType: 'text/plain; charset=utf-8' }))),
  };
};
