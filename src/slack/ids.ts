/** Every callback, block and action id the app uses, in one place. */
export const ids = {
  command: '/ticket',
  shortcut: { createFromMessage: 'create_ticket_from_message' },
  modal: {
    newTicket: 'ticket_new',
    helpTopicBlock: 'help_topic',
    summaryBlock: 'summary',
    detailsBlock: 'details',
    input: 'value',
  },
  card: {
    assignSelf: 'ticket_assign_self',
    transfer: 'ticket_transfer',
    escalate: 'ticket_escalate',
    resolve: 'ticket_resolve',
  },
} as const;

export type CardActionId = (typeof ids.card)[keyof typeof ids.card];
