import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { people } from './demo-workspace';

/**
 * The submission Slack sends when Karen files a Report a Problem ticket from the modal with view
 * id `viewId`: each view id is a separate modal, and the one Slack would resend on a retry.
 */
export const karenTicketSubmission = (slack: LocalSlack, viewId: string, summary: string) => ({
  type: 'view_submission',
  user: { id: people.karen.id, username: 'karen', name: 'karen', team_id: slack.teamId },
  team: { id: slack.teamId },
  api_app_id: 'A0HELPDESK',
  view: {
    id: viewId,
    type: 'modal',
    callback_id: 'ticket_new',
    private_metadata: '{"source":null}',
    blocks: [],
    state: {
      values: {
        help_topic: { value: { type: 'static_select', selected_option: { value: '1' } } },
        summary: { value: { type: 'plain_text_input', value: summary } },
        details: { value: { type: 'plain_text_input', value: null } },
      },
    },
  },
});
