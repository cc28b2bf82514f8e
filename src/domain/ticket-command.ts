import { SlaPolicy } from './sla-clock';
import { Priority, Ticket } from './ticket';

/** What someone asks of a ticket; `transition` decides whether they may and what follows. */
export type TicketCommand =
  | { readonly type: 'assign'; readonly assigneeId: string; readonly assigneeIsAgent: boolean }
  | { readonly type: 'release' }
  | {
      readonly type: 'transfer';
      readonly toDepartmentId: number;
      readonly reason: string;
      /** Whether the current assignee is an agent of the target department. */
      readonly assigneeIsAgentThere: boolean;
      /** The target department's default plan. */
      readonly departmentSla: { readonly planId: number | null; readonly policy: SlaPolicy | null };
    }
  | { readonly type: 'escalate'; readonly reason: string; readonly priority: Priority }
  | { readonly type: 'reply'; readonly message: string; readonly keepOpen: boolean }
  | { readonly type: 'note'; readonly text: string }
  | { readonly type: 'requester_message'; readonly text: string }
  /** The requester changed or removed a message they had written on the ticket: allowed whatever the status. */
  | { readonly type: 'requester_edit'; readonly text: string }
  | { readonly type: 'requester_delete' }
  | { readonly type: 'wait' }
  | { readonly type: 'resolve'; readonly note: string }
  | { readonly type: 'close' }
  | { readonly type: 'reopen'; readonly message: string | null }
  /**
   * Staff correct the summary, the help topic or the priority (up or down), with a reason. `plan`
   * is the SLA plan after the change, as `planAfterTopicChange` chose it, and its policy.
   */
  | {
      readonly type: 'edit';
      readonly summary: string;
      readonly helpTopicId: number;
      readonly priority: Priority;
      readonly reason: string;
      readonly plan: { readonly planId: number | null; readonly fromTopic: boolean; readonly policy: SlaPolicy | null };
    }
  /** The requester withdraws their open ticket, with an optional reason: it closes as withdrawn. */
  | { readonly type: 'withdraw'; readonly reason: string | null }
  /**
   * osTicket's collaborators: agents and the requester add or remove watchers, a watcher may stop
   * watching, and a watcher writes to the ticket. `watching`: whether `watcherId` watches it now.
   */
  | { readonly type: 'add_watcher'; readonly watcherId: string; readonly watching: boolean }
  | { readonly type: 'remove_watcher'; readonly watcherId: string; readonly watching: boolean }
  | { readonly type: 'watcher_message'; readonly text: string }
  /** Closes this ticket as a duplicate of `target` (osTicket's merge): only into another ticket of its department that is not closed. */
  | { readonly type: 'merge_into'; readonly target: MergeTarget };

/** The ticket a duplicate is merged into, as the merge rule needs it. */
export type MergeTarget = Pick<Ticket, 'id' | 'number' | 'departmentId' | 'status'>;
