import { DEMO_CONFIG } from './demo-workspace';

/** The demo help desk with the seeds' help-topic forms (and, on Access Issue, an optional email for the bad-email case). */
export const FORMS_CONFIG = DEMO_CONFIG.replace(
  '    priority: emergency\n    sla: SEV-A\n',
  `    priority: emergency
    sla: SEV-A
    fields:
      - { name: affected_system, label: Affected system, type: select, required: true, options: [Online banking, Mobile app, Branch systems, Email] }
      - { name: customers_affected, label: Customers affected, type: number, hint: A rough count is fine. }
      - { name: started_at, label: Started at, type: datetime, required: true }
`,
).replace(
  '    department: Sys Admins\n    priority: high\n',
  `    department: Sys Admins
    priority: high
    fields:
      - { name: which_system, label: Which system, type: text, required: true, max_length: 100 }
      - { name: manager, label: Your manager, type: user, required: true }
      - { name: reach_me_at, label: Reach me at, type: email }
`,
);
