import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { helpAnswer } from '../../views/command-help.view';
import { plainAnswer } from '../../views/command-answers.view';
import { decodeSlackText } from '../../views/mrkdwn';
import { SlackMessage } from '../../views/ticket-card.view';
import { prefillFromCommandText } from '../../views/ticket-modal-prefill';
import { ListenerDeps } from '../deps';
import { openTicketModal } from '../open-ticket-modal';
import { readSlackText } from '../read-slack-text';
import { RESERVED_WORDS, routeCommandText } from './command-words';
import { SUBCOMMANDS } from './subcommands';

export const NO_TOPICS_TEXT = 'The help desk has no help topics yet, so tickets cannot be filed. Please tell your help desk admin.';

/**
 * `/ticket`: a subcommand (`help`, `list`, `status 1042`, `queue`, … see command-words.ts for how
 * the text is read), the help for anything that looks like a command, or else the New ticket
 * modal with the text as the summary. Every answer is ephemeral: seen only by the caller.
 */
export const handleTicketCommand =
  (deps: ListenerDeps) =>
  async ({ ack, command, client, respond, logger }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    // Slack sends command text escaped, as every text (`&amp;`, `&lt;`, `&gt;`).
    const route = routeCommandText(decodeSlackText(command.text ?? ''));
    if (route.kind === 'modal') {
      const topics = await deps.intake.offeredTopics();
      if (topics.length === 0) return ack({ response_type: 'ephemeral', text: NO_TOPICS_TEXT });
      await ack();
      const prefill = prefillFromCommandText(await readSlackText(client, command.text ?? '', logger));
      return openTicketModal(client, command.trigger_id, { topics, ...prefill, metadata: { source: null } }, respond, logger);
    }
    await ack();
    let answer: SlackMessage;
    try {
      const subcommand = route.kind === 'subcommand' ? SUBCOMMANDS[route.word] : undefined;
      answer =
        route.kind === 'subcommand' && subcommand
          ? await subcommand({ userId: command.user_id, args: route.args, client }, deps)
          : helpAnswer(route.kind === 'help' ? route.typed : null, RESERVED_WORDS);
    } catch (error) {
      logger.error('a /ticket subcommand failed', { word: route.kind === 'subcommand' ? route.word : 'help', error: String(error) });
      answer = plainAnswer('Something went wrong while looking that up. Please try again; if it keeps failing, tell your help desk admin.');
    }
    await respond({ response_type: 'ephemeral', replace_original: false, ...answer });
  };
