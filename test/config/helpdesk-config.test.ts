import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseHelpdeskConfig, parseHelpdeskYaml } from '../../src/config/helpdesk-config';
import { DepartmentRow } from '../../src/persistence/entities/department.entity';
import { SANDBOX_CONFIG } from '../../src/sandbox/demo-workspace';
import { buildTicketModal } from '../../src/slack/views/ticket-modal.view';
import { selectOptions } from '../../src/sandbox/local-slack/select-options';
import { buildTransferModal } from '../../src/slack/views/work-modals.view';
import { aTicketRow } from '../support/ticket-row';
import { DEMO_CONFIG } from '../support/demo-workspace';

const errorsOf = (yaml: string): string[] => {
  const result = parseHelpdeskYaml(yaml);
  return result.ok ? [] : result.error;
};

describe('helpdesk.yml', () => {
  it('accepts the shape from the README, with durations in seconds', () => {
    const result = parseHelpdeskYaml(DEMO_CONFIG);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.sla_plans).toEqual([
      { name: 'Default', grace_period: 86400, escalate_after_breach: [] },
      { name: 'SEV-A', grace_period: 3600, escalate_after_breach: [] },
    ]);
    expect(result.value.departments[1]).toEqual({
      name: 'Sys Admins',
      channel: 'C0SYSADM',
      agents: ['U0SYSA'],
      managers: ['U0BOSS'],
      // Issue 18's follow-up defaults: 3d, 7d, 2d, 5d.
      auto_close_after: 259_200,
      reopen_window: 604_800,
      remind_requester_after: 172_800,
      close_waiting_after: 432_000,
      remind_assignee_after: null,
      satisfaction: true,
    });
    expect(result.value.help_topics[1]).toMatchObject({ name: 'Business Critical Outage', priority: 'emergency', sla: 'SEV-A' });
  });

  it("takes a department's notify: mentions per paged priority (a user group, people, here or channel)", () => {
    const yaml = DEMO_CONFIG.replace('    sla: Default\n', '    sla: Default\n    notify:\n      emergency: "<!subteam^S0ONCALL|@oncall>"\n      high: "<@U0JOHN> <@U0JANE>"\n');
    const result = parseHelpdeskYaml(yaml);
    expect(result.ok && result.value.departments[0]?.notify).toEqual({ emergency: '<!subteam^S0ONCALL|@oncall>', high: '<@U0JOHN> <@U0JANE>' });
  });

  it('refuses a notify: that is no Slack mention, or for a priority that pages nobody, naming the path', () => {
    const yaml = DEMO_CONFIG.replace('    sla: Default\n', '    sla: Default\n    notify:\n      emergency: "@oncall"\n      normal: "<!here>"\n');
    expect(errorsOf(yaml)).toEqual([
      'departments[0].notify.emergency: must be Slack mentions such as "<!subteam^S0ONCALL>" (a user group), "<@U0JOHN>", "<!here>" or "<!channel>", separated by spaces',
      'departments[0].notify.normal: only high and emergency tickets page anyone (normal and low mention nobody); write "high:" or "emergency:"',
    ]);
  });

  it("takes a department's satisfaction: off (or false) and its digest's cron, both off and none by default", () => {
    const yaml = DEMO_CONFIG.replace('    managers: [U0MGR]\n', '    managers: [U0MGR]\n    satisfaction: off\n    digest:\n      cron: "0 8 * * 1-5"\n').replace(
      '    managers: [U0BOSS]\n',
      '    managers: [U0BOSS]\n    satisfaction: false\n',
    );
    const result = parseHelpdeskYaml(yaml);
    if (!result.ok) throw new Error(result.error.join('\n'));
    expect(result.value.departments.map(({ satisfaction, digest }) => ({ satisfaction, digest }))).toEqual([
      { satisfaction: false, digest: { cron: '0 8 * * 1-5' } },
      { satisfaction: false, digest: undefined },
    ]);
  });

  it('refuses a satisfaction: that is neither on nor off, and a digest cron that is no cron expression, naming the path', () => {
    const yaml = DEMO_CONFIG.replace('    managers: [U0MGR]\n', '    managers: [U0MGR]\n    satisfaction: sometimes\n    digest:\n      cron: "every monday"\n');
    const errors = errorsOf(yaml).join('\n');
    expect(errors).toContain('departments[0].satisfaction');
    expect(errors).toContain('departments[0].digest.cron: must be a cron expression such as "0 8 * * 1-5"');
  });

  it('tells why a follow-up delay is wrong (not only "Invalid input"), takes off in any letter case, and refuses durations past ten years', () => {
    const department = (lines: string) => DEMO_CONFIG.replace('    managers: [U0MGR]\n', `    managers: [U0MGR]\n${lines}`);
    expect(errorsOf(department('    auto_close_after: 0\n'))).toEqual(['departments[0].auto_close_after: must be a duration such as 90s, 15m, 4h or 2d, or off']);
    expect(errorsOf(department('    auto_close_after: 0d\n'))).toEqual(['departments[0].auto_close_after: "0d" must be longer than zero; or off to turn it off']);
    expect(errorsOf(department('    auto_close_after: -1d\n'))).toEqual(['departments[0].auto_close_after: "-1d" is not a duration; write it like 90s, 15m, 4h or 2d; or off to turn it off']);
    expect(errorsOf(department('    close_waiting_after: 3 days\n'))).toEqual([
      'departments[0].close_waiting_after: "3 days" is not a duration; write it like 90s, 15m, 4h or 2d; or off to turn it off',
    ]);
    expect(errorsOf(department('    remind_assignee_after: false\n'))).toEqual(['departments[0].remind_assignee_after: must be a duration such as 90s, 15m, 4h or 2d, or off']);
    expect(errorsOf(department('    reopen_window: 99999999d\n'))).toEqual(['departments[0].reopen_window: "99999999d" is too long; at most 3650d (ten years)']);
    expect(errorsOf(DEMO_CONFIG.replace('grace_period: 1h', 'grace_period: 3651d'))).toEqual(['sla_plans[1].grace_period: "3651d" is too long; at most 3650d (ten years)']);
    expect(errorsOf(department('    satisfaction: no\n'))).toEqual(['departments[0].satisfaction: must be on or off']);
    const off = parseHelpdeskYaml(department('    auto_close_after: Off\n    remind_requester_after: OFF\n    reopen_window: 3650d\n'));
    if (!off.ok) throw new Error(off.error.join('\n'));
    expect(off.value.departments[0]).toMatchObject({ auto_close_after: null, remind_requester_after: null, reopen_window: 3650 * 86_400 });
  });

  it('refuses a digest cron node-cron would not schedule (minute 99, February 31, weekday 8), naming the path', () => {
    for (const cron of ['99 8 * * *', '0 8 31 2 *', '0 8 * * 8', '0 25 * * 1-5']) {
      expect(errorsOf(DEMO_CONFIG.replace('    managers: [U0MGR]\n', `    managers: [U0MGR]\n    digest: { cron: "${cron}" }\n`))).toEqual([
        'departments[0].digest.cron: must be a cron expression such as "0 8 * * 1-5" (minute hour day month weekday)',
      ]);
    }
  });

  it("takes a digest's IANA time zone and refuses one that is not, naming the path", () => {
    const withZone = (zone: string) => DEMO_CONFIG.replace('    managers: [U0MGR]\n', `    managers: [U0MGR]\n    digest: { cron: "0 8 * * 1-5", timezone: ${zone} }\n`);
    const result = parseHelpdeskYaml(withZone('America/New_York'));
    if (!result.ok) throw new Error(result.error.join('\n'));
    expect(result.value.departments[0]?.digest).toEqual({ cron: '0 8 * * 1-5', timezone: 'America/New_York' });
    for (const zone of ['Mars/Olympus', 'EST5', '"New York"']) {
      expect(errorsOf(withZone(zone))).toEqual(['departments[0].digest.timezone: must be an IANA time zone such as America/New_York']);
    }
  });

  it('accepts the shipped helpdesk.example.yml', () => {
    expect(parseHelpdeskYaml(readFileSync(join(__dirname, '..', '..', 'helpdesk.example.yml'), 'utf8')).ok).toBe(true);
  });

  it('ignores keys it does not know yet', () => {
    expect(parseHelpdeskYaml(`${DEMO_CONFIG}\nschedules: []\n`).ok).toBe(true);
  });

  it('names the path of a missing value', () => {
    const yaml = DEMO_CONFIG.replace('    channel: C0SYSADM\n', '');
    expect(errorsOf(yaml)).toEqual(['departments[1].channel: required']);
  });

  it('reports every problem, each with its path', () => {
    const yaml = `
sla_plans:
  - name: Default
    grace_period: 1 week
departments:
  - name: Support
    channel: support
    agents: [john]
    sla: Gold
help_topics:
  - name: Report a Problem
    department: Helpdesk
    priority: urgent
`;
    expect(errorsOf(yaml)).toEqual([
      'sla_plans[0].grace_period: "1 week" is not a duration; write it like 90s, 15m, 4h or 2d',
      'departments[0].channel: must be a Slack channel id such as C0SUPPORT',
      'departments[0].agents[0]: must be a Slack user id such as U0JOHN',
      expect.stringMatching(/^help_topics\[0\]\.priority: /),
    ]);
  });

  it('checks that names refer to things that exist', () => {
    const yaml = DEMO_CONFIG.replace('    sla: Default\n', '    sla: Gold\n').replace('department: Sys Admins', 'department: Sys Admin');
    expect(errorsOf(yaml)).toEqual(['departments[0].sla: no SLA plan is named "Gold"', 'help_topics[2].department: no department is named "Sys Admin"']);
  });

  it('refuses the same name twice', () => {
    const yaml = DEMO_CONFIG.replace('name: Access Issue', 'name: Report a Problem');
    expect(errorsOf(yaml)).toEqual(['help_topics[2].name: "Report a Problem" is listed twice']);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(errorsOf('departments: [\n')[0]).toMatch(/^YAML: .*line 2/s);
  });

  it('reports an empty file as missing departments and topics', () => {
    expect(errorsOf('')).toEqual(['departments: required', 'help_topics: required']);
  });
});

describe('schedules and SLA plans in helpdesk.yml', () => {
  const withSla = (sla: string) => `${sla}\n${DEMO_CONFIG.replace(/sla_plans:[\s\S]*?departments:/, 'departments:')}`;
  const SLA = `
schedules:
  - name: Office hours
    timezone: America/New_York
    hours: { mon: "09:00-17:00", tue: "09:00-17:00", wed: "09:00-17:00", thu: "09:00-17:00", fri: "09:00-13:00,14:00-17:00" }
    holidays: ["2026-12-25", "2027-01-01"]
sla_plans:
  - name: Default
    grace_period: 8h
    schedule: Office hours
    warn_before: 1h
  - name: SEV-A
    grace_period: 1h
    warn_before: 15m
    escalate_after_breach: [30m, 2h]
`;

  it('accepts the shape from the SLA issue', () => {
    const result = parseHelpdeskYaml(withSla(SLA));
    expect(result.ok ? result.value.sla_plans : result.error).toEqual([
      { name: 'Default', grace_period: 28800, schedule: 'Office hours', warn_before: 3600, escalate_after_breach: [] },
      { name: 'SEV-A', grace_period: 3600, warn_before: 900, escalate_after_breach: [1800, 7200] },
    ]);
    expect(result.ok && result.value.schedules[0]?.hours.fri).toEqual([
      [540, 780],
      [840, 1020],
    ]);
  });

  it('names every problem in schedules and plans', () => {
    const bad = SLA.replace('America/New_York', 'Mars/Olympus')
      .replace('fri: "09:00-13:00,14:00-17:00"', 'fri: "13:00-09:00"')
      .replace('"2027-01-01"', '"1 Jan 2027"')
      .replace('schedule: Office hours', 'schedule: Night shift')
      .replace('warn_before: 15m', 'warn_before: 2h')
      .replace('[30m, 2h]', '[2h, 30m]');
    expect(errorsOf(withSla(bad))).toEqual([
      'schedules[0].timezone: must be an IANA time zone such as America/New_York',
      'schedules[0].hours.fri: "13:00-09:00" is not opening hours; write them like "09:00-17:00" or "09:00-13:00,14:00-17:00"',
      'schedules[0].holidays[1]: must be a date written YYYY-MM-DD',
    ]);
    const references = SLA.replace('schedule: Office hours', 'schedule: Night shift').replace('warn_before: 15m', 'warn_before: 2h').replace('[30m, 2h]', '[2h, 30m]');
    expect(errorsOf(withSla(references))).toEqual([
      'sla_plans[0].schedule: no schedule is named "Night shift"',
      'sla_plans[1].warn_before: must be shorter than the grace period',
      'sla_plans[1].escalate_after_breach: each level must come later than the one before',
    ]);
  });
});

describe('choices in helpdesk.yml stay distinguishable in Slack', () => {
  const URGENT = 'Hardware request: replacement laptop for staff working in the London office (urgent)';
  const STANDARD = 'Hardware request: replacement laptop for staff working in the London office (standard)';

  it('refuses two help topics that differ only after the 75 characters Slack shows of a choice, naming both', () => {
    const yaml = `${DEMO_CONFIG}  - name: "${URGENT}"\n    department: Support\n  - name: "${STANDARD}"\n    department: Support\n`;
    expect(errorsOf(yaml)).toEqual([
      `help_topics[4].name: "${STANDARD}" would show as "Hardware request: replacement laptop for staff working in the London offic…" in the New ticket modal's list of help topics, the same as help_topics[3] "${URGENT}" (Slack shows at most 75 characters of a choice); make them differ in characters people can see, within the first 74`,
    ]);
  });

  it('refuses two departments that would look alike in the Transfer modal', () => {
    const long = 'Infrastructure and Networking for the London, Paris and Frankfurt offices';
    const yaml = DEMO_CONFIG.replace('  - name: Support\n', `  - name: ${long} (day)\n`)
      .replace('  - name: Sys Admins\n', `  - name: ${long} (night)\n`)
      .replace(/department: Support/g, `department: ${long} (day)`)
      .replace(/department: Sys Admins/g, `department: ${long} (night)`);
    expect(errorsOf(yaml)).toEqual([
      expect.stringMatching(/^departments\[1\]\.name: ".*\(night\)" would show as ".*…" in the Transfer modal's list of departments, the same as departments\[0\] ".*\(day\)"/),
    ]);
  });

  it('refuses names that differ only in a Unicode form or in runs of spaces', () => {
    const yaml = DEMO_CONFIG.replace('name: Access Issue', 'name: "Acce\u0300s  Issue"').replace('name: Report a Problem', 'name: "Acc\u00e8s Issue"');
    expect(errorsOf(yaml)).toEqual([expect.stringMatching(/^help_topics\[2\]\.name: .* the same as help_topics\[0\]/)]);
  });

  it('refuses names that differ only in characters drawn as nothing, and a name drawn as nothing', () => {
    for (const invisible of ['\u200B', '\u00AD', '\u2060', '\uFE0F', '\u200D']) {
      const yaml = DEMO_CONFIG.replace('name: Report a Problem', `name: "Access${invisible} Issue"`);
      expect(errorsOf(yaml)).toEqual([expect.stringMatching(/^help_topics\[2\]\.name: "Access Issue" would show as .* the same as help_topics\[0\] "Access.? Issue"/u)]);
    }
    expect(errorsOf(DEMO_CONFIG.replace('name: Report a Problem', 'name: "\u200B\u2060"'))).toEqual([
      'help_topics[0].name: "\u200B\u2060" would show as an empty choice in the New ticket modal\'s list of help topics; give it a visible name',
    ]);
  });

  it("loads the sandbox's demo configuration", () => {
    expect(parseHelpdeskYaml(SANDBOX_CONFIG).ok).toBe(true);
  });

  const ticket = aTicketRow({ departmentId: -1 });
  const department = (name: string, id: number): DepartmentRow => ({
    id,
    name,
    channelId: 'C0SUPPORT',
    agentIds: ['U0JOHN'],
    managerIds: [],
    slaPlanId: null,
    escalationChannelId: null,
    notify: {},
    satisfaction: true,
    digestCron: null,
    active: true,
  });
  type Json = Record<string, unknown>;
  const optionLabels = (view: { blocks: unknown[] }): string[] =>
    (view.blocks as Json[])
      .filter((block) => block.type === 'input' && (block.element as Json).type === 'static_select')
      .flatMap((block) => selectOptions(block.element as Json).map((option) => String((option.text as Json).text)));

  /** Names alike in their first 74 characters, with emoji, accents and spaces where they differ. */
  const prefix = fc.constantFrom('', 'Hardware request: replacement laptop for staff working in the London office ', 'x'.repeat(70), 'Support 🔥🔥🔥 '.repeat(6));
  const tail = fc.oneof(
    fc.constantFrom('(urgent)', '(standard)', '🔥', '👨‍👩‍👧‍👦', 'e\u0301', '\u00e9', '  a', ' a', 'A', '\u200B', 'A\u00AD', '☎', '☎\uFE0F', '\u2060 '),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  );
  const names = fc.uniqueArray(
    fc
      .tuple(prefix, tail)
      .map(([start, end]) => `${start}${end}`.trim().slice(0, 100))
      .filter((name) => name.length > 0 && !/[\uD800-\uDFFF]$/.test(name)),
    { minLength: 1, maxLength: 8 },
  );

  it('gives distinct option labels in every select for any configuration it accepts', () => {
    fc.assert(
      fc.property(names, names, (topicNames, departmentNames) => {
        const result = parseHelpdeskConfig({
          departments: departmentNames.map((name) => ({ name, channel: 'C0SUPPORT', agents: ['U0JOHN'] })),
          help_topics: topicNames.map((name) => ({ name, department: departmentNames[0] })),
        });
        if (!result.ok) return;
        const topics = optionLabels(buildTicketModal({ topics: result.value.help_topics.map((topic, id) => ({ id, name: topic.name })), metadata: { source: null } }));
        const departments = optionLabels(
          buildTransferModal(
            ticket,
            result.value.departments.map((item, id) => department(item.name, id)),
          ),
        );
        for (const labels of [topics, departments]) {
          // What a person can tell apart: no characters drawn as nothing, runs of spaces as one.
          const shown = labels.map((label) =>
            label
              .normalize('NFC')
              .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
              .replace(/\s+/g, ' ')
              .trim(),
          );
          expect(shown.every((label) => label !== '')).toBe(true);
          expect(new Set(shown).size).toBe(labels.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('follow-ups and the first-response target in helpdesk.yml', () => {
  const SCHEDULE = `schedules:
  - name: Office hours
    timezone: America/New_York
    hours: { mon: "09:00-17:00", tue: "09:00-17:00", wed: "09:00-17:00", thu: "09:00-17:00", fri: "09:00-17:00" }
`;
  const configWith = (plan: string, department: string) =>
    SCHEDULE + DEMO_CONFIG.replace('    grace_period: 1h\n', `    grace_period: 1h\n${plan}`).replace('    sla: Default\n', `    sla: Default\n${department}`);

  it('reads a department’s delays in seconds, `off` as null, and a plan’s first_response beside its grace period', () => {
    const result = parseHelpdeskYaml(
      configWith('    first_response: 15m\n', '    schedule: Office hours\n    auto_close_after: 1d\n    reopen_window: 14d\n    remind_requester_after: off\n    close_waiting_after: off\n'),
    );
    if (!result.ok) throw new Error(result.error.join('\n'));
    expect(result.value.departments[0]).toMatchObject({ schedule: 'Office hours', auto_close_after: 86_400, reopen_window: 1_209_600, remind_requester_after: null, close_waiting_after: null });
    expect(result.value.sla_plans.find((plan) => plan.name === 'SEV-A')).toMatchObject({ grace_period: 3600, first_response: 900 });
  });

  it('names each impossible setting: an unknown schedule, a reminder after the no-answer resolution, a first response after the resolution, a window of `off`', () => {
    expect(errorsOf(configWith('', '    reopen_window: off\n'))).toEqual(['departments[0].reopen_window: "off" is not a duration; write it like 90s, 15m, 4h or 2d']);
    expect(errorsOf(configWith('    first_response: 2h\n', '    schedule: Night shift\n    remind_requester_after: 5d\n    close_waiting_after: 2d\n'))).toEqual([
      'sla_plans[1].first_response: must not be longer than the grace period (the first response comes before the resolution)',
      'departments[0].schedule: no schedule is named "Night shift"',
      'departments[0].remind_requester_after: must be shorter than close_waiting_after (the reminder comes before the ticket is resolved for no answer)',
    ]);
  });
});

describe('canned_responses in helpdesk.yml', () => {
  const withCanned = (entries: string) => `${DEMO_CONFIG}canned_responses:\n${entries}`;

  it('takes responses for one department or for all, with their variables', () => {
    const result = parseHelpdeskYaml(
      withCanned(
        '  - title: Looking into it\n    text: "Hi {requester.name}, {agent.name} here about {ticket.number}: {ticket.summary} ({department}, {field.Affected system})"\n  - title: Reset\n    department: Sys Admins\n    text: Done.\n',
      ),
    );
    expect(result.ok && result.value.canned_responses).toEqual([
      { title: 'Looking into it', text: 'Hi {requester.name}, {agent.name} here about {ticket.number}: {ticket.summary} ({department}, {field.Affected system})' },
      { title: 'Reset', department: 'Sys Admins', text: 'Done.' },
    ]);
    expect(parseHelpdeskYaml(DEMO_CONFIG)).toMatchObject({ ok: true, value: { canned_responses: [] } });
  });

  it('names the response and the path of an unknown variable, an unknown department, and a title offered twice', () => {
    expect(
      errorsOf(
        withCanned(
          '  - title: Looking into it\n    text: "Hi {requester.first_name}, about {ticket.owner}"\n  - title: Looking into it\n    department: Support\n    text: Hi.\n  - title: Reset\n    department: Help Desk\n    text: Done.\n',
        ),
      ),
    ).toEqual([
      'canned_responses[0].text: "Looking into it" uses the unknown variable {requester.first_name}; the variables are {ticket.number}, {ticket.summary}, {requester.name}, {agent.name}, {department}, {field.<name>}',
      'canned_responses[0].text: "Looking into it" uses the unknown variable {ticket.owner}; the variables are {ticket.number}, {ticket.summary}, {requester.name}, {agent.name}, {department}, {field.<name>}',
      'canned_responses[2].department: "Reset": no department is named "Help Desk"',
      'canned_responses[1].title: "Looking into it" is offered to Support twice; give it another title',
    ]);
  });

  it('refuses an empty text, a title longer than a select shows and a text longer than the Reply modal holds', () => {
    expect(errorsOf(withCanned(`  - title: ${'t'.repeat(76)}\n    text: ""\n  - title: Long\n    text: ${'x'.repeat(3001)}\n`))).toEqual([
      'canned_responses[0].title: must be at most 75 characters (Slack shows no more of a choice)',
      'canned_responses[0].text: must not be empty',
      'canned_responses[1].text: must be at most 3000 characters (the Reply modal holds no more)',
    ]);
  });
});
