import { isStaff } from '../domain/actor';
import { err, ok, Result } from '../domain/result';
import { notPermitted, ticketError, TicketError } from '../domain/ticket-error';
import { TicketRow, TicketWatcher } from './ports/records';
import { TicketUnit } from './ports/ticket-store';
import { ChangeOrigin, TicketChange } from './ticket-change';
import { Performed, WorkflowContext } from './ticket-workflow.types';
import { actorOf, loadTicket } from './workflow-loading';
import { performIn } from './workflow-perform';

/**
 * osTicket's collaborators, here called watchers: people who follow a ticket besides its requester.
 * The department's agents and managers (from the card) and the requester (from their DM) add and
 * remove them; a watcher hears in their own DM conversation what the requester hears (never an
 * internal note), may write in it (relayed to the card thread, marked as a watcher's), and may stop
 * watching; only the requester confirms a fix or reopens. Each change is a history event.
 */

/** Slack's multi_users_select takes at most this many initial users; a ticket keeps at most this many watchers. */
export const MAX_WATCHERS = 20;

/** A request to make a ticket's watchers exactly `watcherIds` (the Watchers modal). */
export interface WatchersChange {
  readonly ticketId: number;
  readonly userId: string;
  readonly watcherIds: readonly string[];
  /** Identifies the request (the modal's view id): a repeated delivery changes nothing. */
  readonly requestKey: string;
  /** Where the change was asked for, named in its log line (the Slack request); see `ChangeOrigin`. */
  readonly changeOrigin?: ChangeOrigin;
}

/** What the Watchers modal shows: the ticket and who watches it now. */
export interface WatchersView {
  readonly ticket: TicketRow;
  readonly watcherIds: readonly string[];
}

/** Thrown inside the transaction to undo the changes already made when a later one is refused. */
class WatchersRefused extends Error {
  constructor(readonly performed: Performed) {
    super('watchers change refused');
  }
}

/**
 * Adds `watcherId` as a watcher of the ticket on behalf of `actorId`, inside `unit`, as every other
 * change (history event, card-thread line, the watcher's first DM): for a caller that changes a
 * ticket in its own transaction, such as a merge making the duplicate's requester a watcher of the
 * surviving ticket. Refused (a value) when they are its requester or watch it already.
 */
export const addWatcherIn = (
  context: WorkflowContext,
  unit: TicketUnit,
  request: { readonly ticketId: number; readonly watcherId: string; readonly actorId: string; readonly requestKey?: string },
): Promise<Performed> =>
  performIn(context, unit, {
    ticketId: request.ticketId,
    userId: request.actorId,
    command: { type: 'add_watcher', watcherId: request.watcherId },
    ...(request.requestKey ? { requestKey: request.requestKey } : {}),
  });

/** The ticket and its watchers for someone who may change them (its department's staff, its requester); anyone else gets the one refusal. */
export const watchersViewIn = async (context: WorkflowContext, unit: TicketUnit, ticketId: number, userId: string): Promise<Result<WatchersView, TicketError>> => {
  const loaded = await loadTicket(unit, context.catalog, ticketId);
  if (!loaded) return err(notPermitted());
  const actor = actorOf(loaded, userId);
  if (!isStaff(actor) && !actor.isRequester) return err(notPermitted());
  return ok({ ticket: loaded.ticket, watcherIds: (await unit.watchers.of(ticketId)).map((watcher) => watcher.userId) });
};

/**
 * Makes the ticket's watchers exactly `watcherIds`, in one transaction: one `watcher_added` or
 * `watcher_removed` event per person. All or nothing: a refusal (the requester picked as a watcher,
 * too many watchers) changes nothing and answers why.
 */
export const setWatchersIn = async (context: WorkflowContext, unit: TicketUnit, change: WatchersChange): Promise<Performed> => {
  const wanted = [...new Set(change.watcherIds)];
  if (wanted.length > MAX_WATCHERS) return { result: err(ticketError('TICKET.TOO_MANY_WATCHERS', `A ticket can have at most ${MAX_WATCHERS} watchers.`)), change: null };
  const current = (await unit.watchers.of(change.ticketId)).map((watcher) => watcher.userId);
  const commands = [
    ...wanted.filter((id) => !current.includes(id)).map((watcherId) => ({ type: 'add_watcher' as const, watcherId })),
    ...current.filter((id) => !wanted.includes(id)).map((watcherId) => ({ type: 'remove_watcher' as const, watcherId })),
  ];
  const events: TicketChange['events'][number][] = [];
  let last: Performed | null = null;
  for (const [index, command] of commands.entries()) {
    const sign = command.type === 'add_watcher' ? '+' : '-';
    last = await performIn(context, unit, { ticketId: change.ticketId, userId: change.userId, command, requestKey: `${change.requestKey}:${sign}${command.watcherId}` });
    // The first refusal of an outsider is recorded as any other; a later refusal undoes what went before.
    if (!last.result.ok && index > 0) throw new WatchersRefused(last);
    if (!last.result.ok) return last;
    events.push(...(last.change?.events ?? []));
  }
  if (!last) return watchersUnchanged(context, unit, change);
  const number = last.result.ok ? last.result.value.ticket.number : 0;
  return { result: last.result, change: events.length > 0 ? { ticketNumber: number, actorId: change.userId, events } : null };
};

/** A Watchers modal submitted without a change: fine for whoever may change them, the one refusal for anyone else. */
const watchersUnchanged = async (context: WorkflowContext, unit: TicketUnit, change: WatchersChange): Promise<Performed> => {
  const view = await watchersViewIn(context, unit, change.ticketId, change.userId);
  if (!view.ok) return { result: view, change: null };
  const loaded = await loadTicket(unit, context.catalog, change.ticketId);
  return { result: loaded ? ok({ ...loaded, applied: false }) : err(notPermitted()), change: null };
};

/** Runs `setWatchersIn` in a transaction of `context.store`, undoing everything on a refusal after the first change. */
export const setWatchers = async (context: WorkflowContext, change: WatchersChange): Promise<Performed> => {
  try {
    return await context.store.transaction((unit) => setWatchersIn(context, unit, change));
  } catch (error) {
    if (error instanceof WatchersRefused) return { result: error.performed.result, change: null };
    throw error;
  }
};

/** The ticket and watcher whose conversation is the DM thread `channelId`/`threadTs`, if any. */
export const findByWatcherThread = async (unit: TicketUnit, channelId: string, threadTs: string): Promise<{ ticket: TicketRow; watcher: TicketWatcher } | null> => {
  const watcher = await unit.watchers.findByThread(channelId, threadTs);
  const ticket = watcher ? await unit.tickets.findById(watcher.ticketId) : null;
  return watcher && ticket ? { ticket, watcher } : null;
};
