import { LocalSlack } from './local-slack/local-slack';

/** The people of the osTicket tutorials, as Slack users. */
export const people = {
  karen: { id: 'U0KAREN', name: 'karen', realName: 'Karen Karen', title: 'employee' },
  ken: { id: 'U0KEN', name: 'ken', realName: 'Ken Ken', title: 'employee' },
  michael: { id: 'U0MICHAEL', name: 'michael', realName: 'Michael Michael', title: 'employee' },
  john: { id: 'U0JOHN', name: 'john.doe', realName: 'John Doe', title: 'Support agent' },
  jane: { id: 'U0JANE', name: 'jane.doe', realName: 'Jane Doe', title: 'Support agent' },
  supportManager: { id: 'U0MGR', name: 'sam', realName: 'Sam Manager', title: 'Support manager' },
  jerry: { id: 'U0SYSA', name: 'jerry', realName: 'Jerry Sysadmin', title: 'Sys Admin' },
  boss: { id: 'U0BOSS', name: 'bea', realName: 'Bea Boss', title: 'Sys Admins manager' },
} as const;

export const channels = { support: 'C0SUPPORT', sysadmins: 'C0SYSADM', escalations: 'C0ESCAL', general: 'C0GENERAL' } as const;

/** The demo workspace's people and channels, with the app invited where its cards and alerts go. */
export const populateDemoWorkspace = (slack: LocalSlack): LocalSlack => {
  Object.values(people).forEach((person) => slack.addUser(person));
  const everyone = Object.values(people).map((person) => person.id);
  return slack
    .addChannel(channels.support, 'support', [people.john.id, people.jane.id, people.supportManager.id])
    .addChannel(channels.sysadmins, 'sysadmins', [people.jerry.id, people.boss.id])
    .addChannel(channels.escalations, 'escalations', [people.supportManager.id, people.boss.id])
    .addChannel(channels.general, 'general', everyone, false);
};

/** The sandbox's helpdesk.yml: the departments, topics and SLA plans of the osTicket tutorials. */
export const SANDBOX_CONFIG = `# The sandbox's helpdesk.yml (npm run sandbox). Edit it and restart the sandbox to try other
# settings; "npm run sandbox -- --reset" writes this default again. Syntax: helpdesk.example.yml.

schedules:
  - name: Office hours
    timezone: America/New_York
    hours: { mon: 09:00-17:00, tue: 09:00-17:00, wed: 09:00-17:00, thu: 09:00-17:00, fri: 09:00-17:00 }

sla_plans:
  - name: Default
    grace_period: 18h
    schedule: Office hours
    warn_before: 2h
  - name: SEV-A
    grace_period: 1h
    warn_before: 15m
    escalate_after_breach: [30m, 2h]

departments:
  - name: Support
    channel: ${channels.support}
    agents: [${people.john.id}, ${people.jane.id}]
    managers: [${people.supportManager.id}]
    sla: Default
    escalation_channel: ${channels.escalations}
  - name: Sys Admins
    channel: ${channels.sysadmins}
    agents: [${people.jerry.id}]
    managers: [${people.boss.id}]
    escalation_channel: ${channels.escalations}

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
  - name: General Inquiry
    department: Support
    priority: low

canned_responses:
  - title: Looking into it
    text: "Hi {requester.name}, this is {agent.name} from {department}. We are looking into {ticket.number} ({ticket.summary}) and will update you here."
  - title: Outage bridge open
    department: Support
    text: "The outage bridge for {ticket.number} is open and the Sys Admins are on it. Next update within 30 minutes."
  - title: Password reset
    department: Sys Admins
    text: "Hi {requester.name}, your password is reset. Sign in again and tell us here if it still fails."
`;
