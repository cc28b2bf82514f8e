import { Priority } from '../domain/ticket';
import { AttachedFile, AttachmentLimits } from './attachments';
import { TicketError } from '../domain/ticket-error';
import { Result } from '../domain/result';
import { DepartmentRow, HelpTopicRow, TicketRow } from './ports/records';
import { TicketStore } from './ports/ticket-store';
import { Catalog } from './catalog';
import { Clock } from './clock';
import { ChangeOrigin, TicketChange } from './ticket-change';

/** What someone in Slack asks to do to a ticket, before the service resolves it into a domain command. */
export type WorkflowCommand =
  | { readonly type: 'assign'; readonly assigneeId: string }
  | { readonly type: 'release' }
  | { readonly type: 'transfer'; readonly toDepartmentId: number; readonly reason: string }
  | { readonly type: 'escalate'; readonly reason: string; readonly priority: Priority }
  | { readonly type: 'reply'; readonly message: string; readonly keepOpen: boolean }
  | { readonly type: 'note'; readonly text: string }
  | { readonly type: 'requester_message'; readonly text: string }
  | { readonly type: 'resolve'; readonly note: string }
  | { readonly type: 'close' }
  | { readonly type: 'reopen'; readonly message: string | null }
  /** osTicket's collaborators: see ticket-watchers.ts. */
  | { readonly type: 'add_watcher'; readonly watcherId: string }
  | { readonly type: 'remove_watcher'; readonly watcherId: string }
  | { readonly type: 'watcher_message'; readonly text: string }
  /** Staff correct the ticket: the summary, help topic and priority it should now have, and why. */
  | { readonly type: 'edit'; readonly summary: string; readonly helpTopicId: number; readonly priority: Priority; readonly reason: string }
  /** The requester withdraws their open ticket; `reason` is optional. */
  | { readonly type: 'withdraw'; readonly reason: string | null };

/** A change someone asks for on a ticket (a card button, a submitted work modal, a DM message), with what identifies it. */
export interface WorkflowRequest {
  readonly ticketId: number;
  readonly userId: string;
  readonly command: WorkflowCommand;
  /** The ticket version the person saw (a card button); a newer ticket refuses the request as stale. */
  readonly expectedVersion?: number;
  /** Identifies the request (a modal's view id, an event id): a repeated delivery changes nothing. */
  readonly requestKey?: string;
  /**
   * The request answers the requester's prompt (That fixed it, Still broken, Reopen in their
   * DM): the prompt the app stored when it posted it is then replaced by the outcome. Where that
   * message is never comes from the request.
   */
  readonly answersPrompt?: boolean;
  /**
   * The Slack message a requester message came from, remembered so its edits and deletion follow
   * it; `editedTs` when the text is already an edit of it (Slack's `edited.ts`).
   */
  readonly source?: { readonly channelId: string; readonly ts: string; readonly editedTs?: string };
  /**
   * Where to answer a refusal (the DM thread of an event): the refusal is final, its key is
   * claimed and its answer queued with it, so a redelivered event is answered once.
   */
  readonly answerRefusalIn?: { readonly channelId: string; readonly threadTs: string };
  /**
   * Files that came with the request (a requester's or watcher's message, an agent's reply): they
   * follow the event into the card thread, or the requester's thread for a reply. A file over the
   * limits refuses the whole request (attachments.ts).
   */
  readonly files?: readonly AttachedFile[];
  /** Where the change was asked for, named in its log line (the Slack request); see `ChangeOrigin`. */
  readonly changeOrigin?: ChangeOrigin;
}

/**
 * The requester edited or deleted a message of theirs that became a ticket event. Slack names the
 * message by its DM channel and ts; `requestKey` identifies this edit or deletion.
 */
export interface RequesterCorrection {
  readonly channelId: string;
  readonly ts: string;
  /** Who changed it, when Slack says; the ticket's requester otherwise. */
  readonly userId: string | null;
  readonly requestKey: string;
  /** `editedTs` is Slack's `edited.ts`: an edit older than one already applied changes nothing. */
  readonly change: { readonly type: 'edit'; readonly text: string; readonly editedTs: string } | { readonly type: 'delete' };
  /** Where the change was asked for, named in its log line (the Slack request); see `ChangeOrigin`. */
  readonly changeOrigin?: ChangeOrigin;
}

/** A change applied (or found applied by this very request): the ticket after it, and its department. */
export interface WorkflowOutcome {
  readonly ticket: TicketRow;
  readonly department: DepartmentRow;
  /** False when the same request had already been handled. */
  readonly applied: boolean;
}

/** What a work modal is built from once `authorizeStaff` lets the person in: the ticket, its department, and every active department (Transfer's choices). */
export interface StaffView {
  readonly ticket: TicketRow;
  readonly department: DepartmentRow;
  readonly departments: readonly DepartmentRow[];
  /** The active help topics, by name; the Edit modal offers those of the ticket's department. */
  readonly topics: readonly HelpTopicRow[];
  /** The name of the ticket's current help topic (which may have been removed from helpdesk.yml since). */
  readonly topicName: string;
}

/** A ticket and its department, as read in one unit of work. */
export type Loaded = { ticket: TicketRow; department: DepartmentRow };

/** A request's result, and what it committed to the ticket, if anything. */
export type Performed = { result: Result<WorkflowOutcome, TicketError>; change: TicketChange | null };

/** What the workflow's parts share: the store, the catalog, the business clock and the wall clock outbox messages are stamped with. */
export interface WorkflowContext {
  readonly store: TicketStore;
  readonly catalog: Catalog;
  readonly clock: Clock;
  readonly wallClock: Clock;
  /** How long an assignee's digest of the requester's messages waits for more before it is sent, in ms. */
  readonly digestDelayMs: number;
  /** Which files may travel with a message (helpdesk.yml `attachments:`). */
  readonly attachmentLimits: AttachmentLimits;
}
