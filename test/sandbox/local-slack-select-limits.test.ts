import { WebClient } from '@slack/web-api';
import { viewProblems } from '../../src/sandbox/local-slack/block-kit-rules';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { people } from '../support/demo-workspace';
import { errorOf, startLocalSlackWithBot } from '../support/local-slack-client';

const option = (index: number) => ({ text: { type: 'plain_text', text: `Agent ${index}` }, value: `U${index}` });
const options = (count: number, from = 0) => Array.from({ length: count }, (_, index) => option(from + index));
const group = (label: string, count: number, from = 0) => ({ label: { type: 'plain_text', text: label }, options: options(count, from) });
const groups = (count: number, size: number) => Array.from({ length: count }, (_, index) => group(`Group ${index + 1}`, size, index * size));
const modalWith = (select: Record<string, unknown>) => ({
  type: 'modal',
  title: { type: 'plain_text', text: 'Assign ticket' },
  submit: { type: 'plain_text', text: 'Assign' },
  blocks: [{ type: 'input', block_id: 'choice', label: { type: 'plain_text', text: 'Agent' }, element: { type: 'static_select', action_id: 'value', ...select } }],
});

/**
 * A static select lists at most 100 options, or at most 100 option groups of at most 100 options
 * each, labelled in at most 75 characters; never both (Slack's select menu element and option
 * group object references). Slack refuses anything beyond with invalid_arguments, and so does the local Slack.
 */
describe("the local Slack's limits for a static select's options", () => {
  let slack: LocalSlack;
  let client: WebClient;
  beforeAll(async () => {
    ({ slack, client } = await startLocalSlackWithBot());
  });
  afterAll(async () => slack.stop());

  const open = (select: Record<string, unknown>) => errorOf(client.views.open({ trigger_id: slack.issueTrigger(people.john.id), view: modalWith(select) as never }));

  it('accepts 100 options and 100 groups of 100, and refuses 101 options', async () => {
    expect(await open({ options: options(100) })).toBe('ok');
    expect(viewProblems(modalWith({ option_groups: groups(100, 100) }))).toEqual([]);
    expect(await open({ option_groups: groups(3, 100) })).toBe('ok');
    expect(await open({ options: options(101) })).toBe('invalid_arguments');
    expect(viewProblems(modalWith({ options: options(101) }))).toEqual(['view.blocks[0].element.options: must list at most 100 options (lists 101)']);
  });

  it('refuses a 101st group, a group of 101 options, an empty group, a long label, and options beside groups', async () => {
    expect(await open({ option_groups: groups(101, 1) })).toBe('invalid_arguments');
    expect(viewProblems(modalWith({ option_groups: groups(101, 1) }))).toEqual(['view.blocks[0].element.option_groups: must list at most 100 option groups (lists 101)']);
    expect(viewProblems(modalWith({ option_groups: [group('A', 101)] }))).toEqual(['view.blocks[0].element.option_groups[0].options: must list at most 100 options (lists 101)']);
    expect(viewProblems(modalWith({ option_groups: [group('A', 0)] }))).toEqual(['view.blocks[0].element.option_groups[0].options: must list at least one option']);
    expect(viewProblems(modalWith({ option_groups: [group('L'.repeat(76), 1)] }))).toEqual(['view.blocks[0].element.option_groups[0].label.text: must be at most 75 characters (is 76)']);
    expect(viewProblems(modalWith({ options: options(1), option_groups: groups(1, 1) }))).toEqual(['view.blocks[0].element: must list options or option_groups, not both']);
    expect(await open({ option_groups: [] })).toBe('invalid_arguments');
  });
});
