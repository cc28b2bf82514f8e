export { channels, people, populateDemoWorkspace } from '../../src/sandbox/demo-workspace';

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
