import { TicketEvent } from '../domain/ticket-event';
import { FOLLOW_UP_SIDES } from '../domain/ticket-relations';
import { Catalog } from './catalog';
import { DepartmentRow, TicketRow } from './ports/records';
import { TicketStore } from './ports/ticket-store';
import { recordEvents } from './record-events';

/**
 * Links a ticket the requester filed with **Still broken** on `oldTicketId` (closed longer than its
 * reopen window, issue 18) to that old ticket, as issue 17's Link does: a `related` pair in
 * ticket_links, a `linked` event in each history (`after.followUp` says which came first), both
 * cards redrawn to list the other and a line in each card's thread. Only the old ticket's own
 * requester may name it (a forged modal naming someone else's ticket links nothing); a pair already
 * linked (a repeated submission) is left as it is. Answers whether it linked them now.
 */
export const linkFollowUp = async (store: TicketStore, catalog: Catalog, filed: TicketRow, oldTicketId: number, now: Date, queuedAt: Date): Promise<boolean> => {
  const linked = await store.transaction(async (unit) => {
    const old = await unit.tickets.findById(oldTicketId);
    if (!old || old.id === filed.id || old.requesterId !== filed.requesterId || old.status !== 'closed') return false;
    if (await unit.links.exists(filed.id, old.id)) return false;
    const [filedDepartment, oldDepartment] = await Promise.all([catalog.findDepartment(filed.departmentId), catalog.findDepartment(old.departmentId)]);
    if (!filedDepartment || !oldDepartment) return false;
    await unit.links.add({ ticketId: filed.id, otherTicketId: old.id, kind: 'related', createdBy: filed.requesterId, createdAt: now });
    const event = (to: TicketRow, side: string): TicketEvent => ({
      type: 'linked',
      actorId: filed.requesterId,
      at: now,
      before: {},
      after: { linkedTicketId: to.id, linkedNumber: to.number, followUp: side },
      text: null,
    });
    const options = { settlesPrompt: () => false, digestDelayMs: 0, queuedAt };
    const record = (ticket: TicketRow, department: DepartmentRow, events: TicketEvent[]) => recordEvents(unit, ticket, ticket, department, events, options);
    await record(filed, filedDepartment, [event(old, FOLLOW_UP_SIDES.follows)]);
    await record(old, oldDepartment, [event(filed, FOLLOW_UP_SIDES.followedBy)]);
    return true;
  });
  return linked;
};
