import { FakeSlack } from './fake-slack/fake-slack';

/** The people of the osTicket tutorials, as Slack users. */
export const people = {
  karen: { id: 'U0KAREN', name: 'karen', realName: 'Karen Karen' },
  ken: { id: 'U0KEN', name: 'ken', realName: 'Ken Ken' },
  michael: { id: 'U0MICHAEL', name: 'michael', realName: 'Michael Michael' },
  john: { id: 'U0JOHN', name: 'john.doe', realName: 'John Doe' },
  jane: { id: 'U0JANE', name: 'jane.doe', realName: 'Jane Doe' },
  supportManager: { id: 'U0MGR', name: 'sam', realName: 'Sam Manager' },
  jerry: { id: 'U0SYSA', name: 'jerry', realName: 'Jerry Sysadmin' },
  boss: { id: 'U0BOSS', name: 'bea', realName: 'Bea Boss' },
} as const;

export const channels = { support: 'C0SUPPORT', sysadmins: 'C0SYSADM', general: 'C0GENERAL' } as const;

export const DEMO_CONFIG = `
sla_plans:
  - name: Default
    grace_period: 24h
  - name: SEV-A
    grace_period: 1h
departments:
  - name: Support
    channel: C0SUPPORT
    agents: [U0JOHN, U0JANE]
    managers: [U0MGR]
    sla: Default
  - name: Sys Admins
    channel: C0SYSADM
    agents: [U0SYSA]
    managers: [U0BOSS]
help_topics:
  - name: Report a Problem
    department: Support
    priority: normal
  - name: Business Critical Outage
    department: Support
    priority: emergency
    sla: SEV-A
  - name: Access Issue
    department: Sys Admins
    priority: high
`;

export const populateDemoWorkspace = (slack: FakeSlack): FakeSlack => {
  Object.values(people).forEach((person) => slack.addUser(person));
  const everyone = Object.values(people).map((person) => person.id);
  return slack
    .addChannel(channels.support, 'support', [people.john.id, people.jane.id, people.supportManager.id])
    .addChannel(channels.sysadmins, 'sysadmins', [people.jerry.id, people.boss.id])
    .addChannel(channels.general, 'general', everyone, false);
};
