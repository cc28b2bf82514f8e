import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHelpdeskYaml } from '../../src/config/helpdesk-config';
import { SANDBOX_CONFIG } from '../../src/sandbox/demo-workspace';
import { DEMO_CONFIG } from '../support/demo-workspace';

const withOutageFields = (fields: string): string => DEMO_CONFIG.replace('    priority: emergency\n    sla: SEV-A\n', `    priority: emergency\n    sla: SEV-A\n    fields:\n${fields}`);

const errorsOf = (yaml: string): string[] => {
  const result = parseHelpdeskYaml(yaml);
  return result.ok ? [] : result.error;
};

describe('helpdesk.yml: help topic fields', () => {
  it("reads the seeds' Business Critical Outage fields, with required false unless said", () => {
    const result = parseHelpdeskYaml(
      withOutageFields(`      - { name: affected_system, label: Affected system, type: select, required: true, options: [Online banking, Mobile app, Branch systems, Email] }
      - { name: customers_affected, label: Customers affected, type: number, hint: A rough count is fine. }
      - { name: started_at, label: Started at, type: datetime, required: true }
`),
    );
    expect(result.ok && result.value.help_topics[1]?.fields).toEqual([
      { name: 'affected_system', label: 'Affected system', type: 'select', required: true, options: ['Online banking', 'Mobile app', 'Branch systems', 'Email'] },
      { name: 'customers_affected', label: 'Customers affected', type: 'number', required: false, hint: 'A rough count is fine.' },
      { name: 'started_at', label: 'Started at', type: 'datetime', required: true },
    ]);
    expect(result.ok && result.value.help_topics[0]?.fields).toEqual([]);
  });

  it('names the path of every problem with a field', () => {
    expect(
      errorsOf(
        withOutageFields(`      - { name: Affected System, label: Affected system, type: dropdown }
      - { name: system, label: System, type: select }
      - { name: system, label: Again, type: text, options: [A], max_length: 5000 }
      - { name: count, label: Count, type: number, max_length: 10, placeholder: how many }
      - { name: pick, label: Pick, type: multi_select, options: [A, A, ""] }
`),
      ),
    ).toEqual([
      'help_topics[1].fields[0].name: must be 1 to 40 lowercase letters, digits or "_", starting with a letter, such as affected_system',
      expect.stringMatching(/^help_topics\[1\]\.fields\[0\]\.type: must be one of text, textarea, number, email, url, date, datetime, select, multi_select, user, channel, checkbox/),
      'help_topics[1].fields[1].options: a select field needs its options',
      "help_topics[1].fields[2].max_length: must be at most 3000 (what Slack's text input holds)",
      'help_topics[1].fields[2].options: only select and multi_select fields have options (this one is text)',
      expect.stringMatching(/^help_topics\[1\]\.fields\[3\]: .*placeholder/),
      'help_topics[1].fields[3].max_length: only text and textarea fields have a maximum length (this one is number)',
      'help_topics[1].fields[4].options[2]: must not be empty',
      'help_topics[1].fields[4].options[1]: "A" is listed twice',
    ]);
    expect(errorsOf(withOutageFields(`      - { name: system, label: System, type: text }\n      - { name: system, label: Again, type: user }\n`))).toEqual([
      'help_topics[1].fields[1].name: "system" is listed twice in this topic',
    ]);
  });

  it('refuses an option longer than Slack shows, and more fields than the modal holds', () => {
    const long = 'x'.repeat(76);
    expect(errorsOf(withOutageFields(`      - { name: pick, label: Pick, type: select, options: [${long}] }\n`))).toEqual([
      'help_topics[1].fields[0].options[0]: must be at most 75 characters (what Slack shows of a choice)',
    ]);
    const many = Array.from({ length: 21 }, (_, index) => `      - { name: f${index}, label: F${index}, type: text }\n`).join('');
    expect(errorsOf(withOutageFields(many))).toEqual(["help_topics[1].fields: list at most 20 fields (the New ticket modal must stay within Slack's 100 blocks)"]);
  });

  it('accepts the sandbox config and helpdesk.example.yml with their fields', () => {
    const sandbox = parseHelpdeskYaml(SANDBOX_CONFIG);
    expect(sandbox.ok && sandbox.value.help_topics.map((topic) => topic.fields.map((field) => field.label))).toEqual([
      [],
      ['Affected system', 'Customers affected', 'Started at'],
      ['Which system', 'Your manager'],
      [],
    ]);
    const example = parseHelpdeskYaml(readFileSync(join(__dirname, '..', '..', 'helpdesk.example.yml'), 'utf8'));
    expect(example.ok && example.value.help_topics.some((topic) => topic.fields.length > 0)).toBe(true);
  });
});
