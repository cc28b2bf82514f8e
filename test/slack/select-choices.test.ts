import fc from 'fast-check';
import type { KnownBlock } from '@slack/types';
import { viewProblems } from '../../src/sandbox/local-slack/block-kit-rules';
import { selectOptions } from '../../src/sandbox/local-slack/select-options';
import { isJsonObject, Json } from '../../src/sandbox/json';
import { DepartmentRow } from '../../src/services/ports/records';
import { NO_FILTERS } from '../../src/services/home-state';
import { buildAgentHome } from '../../src/slack/views/agent-home.view';
import { offerChoices, SELECT_OPTIONS_MAX } from '../../src/slack/views/select-choices';
import { buildTicketModal } from '../../src/slack/views/ticket-modal.view';
import { buildAssignModal, buildTransferModal } from '../../src/slack/views/work-modals.view';
import { aTicketRow } from '../support/ticket-row';

/** Slack refuses a view over 250 kB (views.open, views.publish: view_too_large). */
const VIEW_BYTES_MAX = 250_000;

const staticSelects = (value: unknown): Json[] => {
  if (Array.isArray(value)) return value.flatMap(staticSelects);
  if (!isJsonObject(value)) return [];
  return [...(value.type === 'static_select' ? [value] : []), ...Object.values(value).flatMap(staticSelects)];
};
const values = (select: Json) => selectOptions(select).map((option) => String(option.value));
const department = (id: number, name: string): DepartmentRow => ({
  id,
  name,
  channelId: 'C0SUPPORT',
  agentIds: [],
  managerIds: [],
  slaPlanId: null,
  escalationChannelId: null,
  notify: {},
  satisfaction: true,
  digestCron: null,
  active: true,
});
const homeView = (blocks: KnownBlock[]) => ({ type: 'home', blocks });

describe('offerChoices', () => {
  const names = fc.string({ minLength: 1, maxLength: 120 });

  it('lists every choice, in order, as Slack allows (options up to 100, else groups of 100) and within a view, saying how many were left out', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), names, (count, name) => {
        const choices = Array.from({ length: count }, (_, index) => ({ name: `${name} ${index}`, value: `v${index}` }));
        const offered = offerChoices(choices);
        const select = { type: 'static_select', action_id: 'value', ...offered.choices } as Json;
        expect(values(select)).toEqual(choices.slice(0, offered.listed.length).map((choice) => choice.value));
        expect(offered.listed.length + offered.left).toBe(count);
        if ('options' in offered.choices) expect(offered.choices.options.length).toBeLessThanOrEqual(SELECT_OPTIONS_MAX);
        if (count === 0) return;
        const modal = {
          type: 'modal',
          title: { type: 'plain_text', text: 'Pick' },
          submit: { type: 'plain_text', text: 'OK' },
          blocks: [{ type: 'input', label: { type: 'plain_text', text: 'Pick' }, element: select }],
        };
        expect(viewProblems(modal)).toEqual([]);
        expect(Buffer.byteLength(JSON.stringify(modal))).toBeLessThan(VIEW_BYTES_MAX);
      }),
      { numRuns: 40 },
    );
  });

  it('leaves nothing out of a thousand short names, and groups them', () => {
    const offered = offerChoices(Array.from({ length: 1000 }, (_, index) => ({ name: `Agent ${index}`, value: `U${index}` })));
    expect(offered.left).toBe(0);
    expect('option_groups' in offered.choices && offered.choices.option_groups.map((group) => group.label.text).slice(0, 2)).toEqual(['Agent 0 – Agent 99', 'Agent 100 – Agent 199']);
  });

  it('labels groups of long names that share their beginning by their place, so no two labels read the same', () => {
    const name = (index: number) => `👩‍👩‍👧‍👦 Regional Office North America, Eastern Seaboard, Branch ${String(index).padStart(3, '0')}`;
    const offered = offerChoices(Array.from({ length: 250 }, (_, index) => ({ name: name(index), value: `D${index}` })));
    const labels = 'option_groups' in offered.choices ? offered.choices.option_groups.map((group) => group.label.text) : [];
    expect(labels).toHaveLength(3);
    expect(new Set(labels).size).toBe(3);
    expect(labels[1]).toMatch(/^101–200: 👩‍👩‍👧‍👦 Regional Office/);
    for (const label of labels) expect(label.length).toBeLessThanOrEqual(75);
  });
});

/** Every static select the app builds, with long lists: each is valid and offers everything. */
describe('every static select the app builds, with more choices than one list holds', () => {
  const ticket = aTicketRow({ departmentId: 1 });

  it.each([101, 250, 1000])('Assign… offers all %i agents by name, sorted, the assignee picked', (count) => {
    const agents = Array.from({ length: count }, (_, index) => ({ userId: `U${String(index).padStart(5, '0')}`, name: `Agent ${String(count - index).padStart(5, '0')}` }));
    const view = buildAssignModal({ ...ticket, assigneeId: 'U00000' }, agents);
    expect(viewProblems(view)).toEqual([]);
    const [select] = staticSelects(view.blocks);
    expect(new Set(values(select as Json))).toEqual(new Set(agents.map((agent) => agent.userId)));
    expect(selectOptions(select as Json).map((option) => (option.text as Json).text)).toEqual(agents.map((agent) => agent.name).sort());
    expect(((select as Json).initial_option as Json).value).toBe('U00000');
  });

  it.each([101, 250, 1000])('Transfer offers all %i other departments', (count) => {
    const departments = Array.from({ length: count + 1 }, (_, index) => department(index + 1, `Department ${index + 1}`));
    const view = buildTransferModal(ticket, departments);
    expect(viewProblems(view)).toEqual([]);
    expect(values(staticSelects(view.blocks)[0] as Json)).toHaveLength(count);
    expect(values(staticSelects(view.blocks)[0] as Json)).not.toContain('1');
  });

  it.each([101, 250, 1000])('the New ticket modal offers all %i help topics', (count) => {
    const view = buildTicketModal({ topics: Array.from({ length: count }, (_, index) => ({ id: index + 1, name: `Topic ${index + 1}` })), metadata: { source: null } });
    expect(viewProblems(view)).toEqual([]);
    expect(values(staticSelects(view.blocks)[0] as Json)).toEqual(Array.from({ length: count }, (_, index) => String(index + 1)));
  });

  it.each([100, 250, 1000])("the agent Home's department filter offers all %i departments, the chosen one shown", (count) => {
    const blocks = buildAgentHome({
      agentId: 'U0JOHN',
      departments: Array.from({ length: count }, (_, index) => ({ id: index + 1, name: `Department ${index + 1}` })),
      filters: { ...NO_FILTERS, departmentId: count },
      counts: {},
      mine: { rows: [], offset: 0, total: 0 },
      unassigned: { rows: [], offset: 0, total: 0 },
    });
    expect(viewProblems(homeView(blocks))).toEqual([]);
    const [filter] = staticSelects(blocks);
    expect(values(filter as Json)).toHaveLength(count + 1);
    expect(((filter as Json).initial_option as Json).value).toBe(String(count));
    expect(JSON.stringify(blocks)).not.toContain('The department filter lists');
  });
});
