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
    /** The help topic select: picking a topic redraws the modal with its fields (dispatch_action). */
    topicPicked: 'ticket_topic_picked',
    /** A help topic field's input block: `field:<name>`. */
    fieldBlockPrefix: 'field:',
    /** The note above the inputs (e.g. that a long message was only partly copied). */
    noticeBlock: 'ticket_notice',
  },
  card: {
    actionsBlock: 'ticket_actions',
    assignSelf: 'ticket_assign_self',
    reply: 'ticket_reply',
    note: 'ticket_note',
    transfer: 'ticket_transfer',
    escalate: 'ticket_escalate',
    resolve: 'ticket_resolve',
    reopen: 'ticket_reopen',
    close: 'ticket_close',
    more: 'ticket_more',
    /** The card's related tickets, with their own ⋮ menu: Merge into…, Link ticket…. */
    relationsBlock: 'ticket_relations',
    relate: 'ticket_relate',
    openCard: 'ticket_open_card',
    /** The confirmation Assign to me asks on a ticket someone else has. */
    takeOver: 'ticket_take_over',
    keepAssignee: 'ticket_keep_assignee',
  },
  requester: {
    fixed: 'ticket_confirm_fixed',
    stillBroken: 'ticket_still_broken',
    /** Withdraw ticket, on the requester's ticket DM while the ticket is open. */
    withdraw: 'ticket_withdraw',
  },
  /** Modals of the agent workflow; each has one or two inputs. */
  work: {
    reply: 'ticket_reply_modal',
    note: 'ticket_note_modal',
    assign: 'ticket_assign_modal',
    transfer: 'ticket_transfer_modal',
    escalate: 'ticket_escalate_modal',
    resolve: 'ticket_resolve_modal',
    stillBroken: 'ticket_still_broken_modal',
    edit: 'ticket_edit_modal',
    withdraw: 'ticket_withdraw_modal',
    /** Reply and Internal note's "Insert a canned response" select (an input dispatching its choice). */
    cannedBlock: 'canned',
    insertCanned: 'ticket_insert_canned',
    summaryBlock: 'edit_summary',
    topicBlock: 'edit_topic',
    /** Merge into… and Link ticket… (the card's overflow menu): a ticket picked or its number typed. */
    merge: 'ticket_merge_modal',
    link: 'ticket_link_modal',
    numberBlock: 'ticket_number',
    textBlock: 'text',
    optionsBlock: 'options',
    choiceBlock: 'choice',
    /** Files an agent attaches to a reply (a file_input). */
    filesBlock: 'files',
  },
  /** Ticket search: the Home's Search button and the Search modal with its one input. */
  search: {
    openFromHome: 'home_open_search',
    modal: 'ticket_search_modal',
    textBlock: 'search_text',
    requesterBlock: 'search_requester',
  },
  /** How did we do? (issue 18): the five buttons (ids `satisfaction_rate:<1-5>`) and the modal that takes the comment. */
  satisfaction: {
    rate: 'satisfaction_rate',
    actionsBlock: 'satisfaction_choices',
    modal: 'satisfaction_modal',
    ratingBlock: 'satisfaction_rating',
    commentBlock: 'satisfaction_comment',
  },
  /** The App Home tab: its buttons and filters, and the View modal it opens. */
  home: {
    newTicket: 'home_new_ticket',
    view: 'home_view_ticket',
    reopen: 'home_reopen',
    assignSelf: 'home_assign_self',
    openCard: 'home_open_card',
    page: 'home_page',
    filterDepartment: 'home_filter_department',
    filterStatus: 'home_filter_status',
    filterPriority: 'home_filter_priority',
    historyModal: 'ticket_history_modal',
  },
  /** Watchers (osTicket's collaborators): the requester's Watchers… button, the modal, a watcher's Stop watching. */
  watchers: {
    open: 'ticket_watchers',
    modal: 'ticket_watchers_modal',
    usersBlock: 'watchers',
    stopWatching: 'ticket_stop_watching',
  },
} as const;

/** The less common card actions, offered in the card's overflow menu. */
export const OVERFLOW_ACTIONS = ['assign', 'release', 'close', 'edit', 'watchers', 'merge', 'link'] as const;
export type OverflowAction = (typeof OVERFLOW_ACTIONS)[number];
