import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { statesByLabel, statesByValue } from '../../src/sandbox/local-slack/slack-payloads';
import { startLocalSlack } from '../support/helpdesk-harness';
import { botClient } from '../support/local-slack-client';

/** A modal's radio buttons are reported in view_submission state as Slack reports them: `selected_option`, the chosen option. */
describe('radio buttons in a submitted modal', () => {
  let slack: LocalSlack;
  beforeEach(async () => {
    slack = await startLocalSlack();
  });
  afterEach(async () => {
    await slack.stop();
  });

  it('reports the option chosen by its label or value, and the initial one when untouched', async () => {
    const option = (text: string, value: string) => ({ text: { type: 'plain_text' as const, text }, value });
    const trigger = slack.issueTrigger('U0KAREN');
    await botClient(slack).views.open({
      trigger_id: trigger,
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: 'Pick' },
        submit: { type: 'plain_text', text: 'Send' },
        blocks: [
          {
            type: 'input',
            block_id: 'b',
            label: { type: 'plain_text', text: 'Choice' },
            element: { type: 'radio_buttons', action_id: 'a', options: [option('Good', '4'), option('Bad', '1')], initial_option: option('Good', '4') },
          },
        ],
      },
    });
    const open = slack.currentView('U0KAREN');
    if (!open) throw new Error('no modal');
    expect(statesByLabel(open, {})).toEqual({ b: { a: { type: 'radio_buttons', selected_option: option('Good', '4') } } });
    expect(statesByLabel(open, { Choice: 'Bad' })).toEqual({ b: { a: { type: 'radio_buttons', selected_option: option('Bad', '1') } } });
    expect(statesByValue(open, { b: '1' })).toEqual({ b: { a: { type: 'radio_buttons', selected_option: option('Bad', '1') } } });
  });
});
